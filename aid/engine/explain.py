"""Per-condition explanation: which entered findings and rules moved it, by how much, and why."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from .inputs import AssessmentRequest
from .model import EngineModel
from .result import Contribution, RankedCondition, RuleHit
from .rules import CompiledRule


def effect_matrix(model: EngineModel, request: AssessmentRequest) -> np.ndarray:
    """(conditions x entered findings) log-odds effects, in the request's finding order."""
    columns = [
        (model.terms.present if state == "present" else model.terms.absent)[
            :, model.finding_index[finding_id]
        ]
        for finding_id, state in request.findings.items()
    ]
    return np.column_stack(columns) if columns else np.zeros((len(model.condition_ids), 0))


def contributions(
    model: EngineModel, request: AssessmentRequest, i: int, effects: np.ndarray
) -> tuple[list[Contribution], list[Contribution]]:
    """Supporting and opposing findings for condition i, largest effect first."""
    supporting, opposing = [], []
    kb = model.kb
    for k, (finding_id, state) in enumerate(request.findings.items()):
        effect = float(effects[i, k])
        if abs(effect) < 1e-9:
            continue
        row = model.evidence.get((i, model.finding_index[finding_id]))
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
    effects = effect_matrix(model, request)
    ranked = []
    for i in np.argsort(-probabilities, kind="stable"):
        condition = kb.conditions[model.condition_ids[i]]
        supporting, opposing = contributions(model, request, int(i), effects)
        ranked.append(
            RankedCondition(
                id=condition.id,
                name=condition.name,
                icd10cm=condition.icd10cm,
                probability=float(probabilities[i]),
                must_not_miss=condition.must_not_miss,
                prior=round(float(priors[i]), 4),
                structures=list(model.structures_by_condition[i]),
                supporting=supporting,
                opposing=opposing,
                rules=rule_hits(model, fired, condition.id),
            )
        )
    return ranked
