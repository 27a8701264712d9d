"""Per-condition explanation: which entered findings and rules moved it, by how much, and why."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from .inputs import AssessmentRequest
from .model import EngineModel
from .result import Contribution, RankedCondition, RuleHit
from .rules import CompiledRule


def contributions(
    model: EngineModel, request: AssessmentRequest, i: int
) -> tuple[list[Contribution], list[Contribution]]:
    """Supporting and opposing findings for condition i, largest effect first."""
    supporting, opposing = [], []
    kb = model.kb
    for finding_id, state in request.findings.items():
        j = model.finding_index[finding_id]
        matrix = model.terms.present if state == "present" else model.terms.absent
        effect = float(matrix[i, j])
        if abs(effect) < 1e-9:
            continue
        row = model.evidence.get((i, j))
        item = Contribution(
            id=finding_id,
            label=kb.findings[finding_id].label,
            state=state,
            effect=round(effect, 4),
            likelihood_ratio=round(math.exp(effect), 3),
            sources=list(row.source) if row else [],
            estimate=row.estimate if row else True,
        )
        (supporting if effect > 0 else opposing).append(item)
    supporting.sort(key=lambda c: -c.effect)
    opposing.sort(key=lambda c: c.effect)
    return supporting, opposing


def rule_hits(
    model: EngineModel, fired: Iterable[CompiledRule], condition_id: str
) -> list[RuleHit]:
    """Fired rules whose effects touched this condition."""
    return [
        RuleHit(
            rule=rule.id,
            title=rule.record.title,
            factor=rule.record.then.conditions[condition_id],
            sources=list(rule.record.source),
            estimate=rule.record.estimate,
        )
        for rule in fired
        if condition_id in rule.record.then.conditions
    ]


def ranked_conditions(
    model: EngineModel,
    request: AssessmentRequest,
    probabilities: np.ndarray,
    priors: np.ndarray,
    fired: list[CompiledRule],
) -> list[RankedCondition]:
    """Every condition, most probable first, each with its explanation."""
    kb = model.kb
    ranked = []
    for i in np.argsort(-probabilities, kind="stable"):
        condition = kb.conditions[model.condition_ids[i]]
        supporting, opposing = contributions(model, request, int(i))
        ranked.append(
            RankedCondition(
                id=condition.id,
                name=condition.name,
                icd10cm=condition.icd10cm,
                probability=float(probabilities[i]),
                must_not_miss=condition.must_not_miss,
                prior=round(float(priors[i]), 4),
                structures=kb.structures_of(condition.id),
                supporting=supporting,
                opposing=opposing,
                rules=rule_hits(model, fired, condition.id),
            )
        )
    return ranked
