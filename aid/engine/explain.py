"""Per-condition explanation: which entered findings and rules moved it, by how much, and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
    model: EngineModel, request: AssessmentRequest, i: int, table: EffectTable
) -> tuple[list[Contribution], list[Contribution]]:
    """Supporting and opposing findings for condition i, largest effect first."""
    supporting, opposing = [], []
    for k in table.nonzero[i]:
        finding_id, state, label, j = table.entered[k]
        effect = table.effects[i][k]
        row = model.evidence.get((i, j))
        item = Contribution(
            finding_id,
            label,
            state,
            effect,
            table.ratios[i][k],
            list(row.source) if row else [],
            row.estimate if row else True,
        )
        (supporting if effect > 0 else opposing).append(item)
    supporting.sort(key=lambda c: -c.effect)
    opposing.sort(key=lambda c: c.effect)
    return supporting, opposing


@dataclass(frozen=True)
class EffectTable:
    """Per request: every condition's effect from every entered finding, rounded once, as lists."""

    entered: list[tuple[str, str, str, int]]  # (finding id, state, label, column)
    effects: list[list[float]]
    ratios: list[list[float]]
    nonzero: list[list[int]]

    @classmethod
    def build(cls, model: EngineModel, request: AssessmentRequest) -> EffectTable:
        matrix = effect_matrix(model, request)
        entered = [
            (f, s, model.kb.findings[f].label, model.finding_index[f])
            for f, s in request.findings.items()
        ]
        mask = np.abs(matrix) >= 1e-9
        return cls(
            entered,
            np.round(matrix, 4).tolist(),
            np.round(np.exp(matrix), 3).tolist(),
            [np.flatnonzero(row).tolist() for row in mask],
        )


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
    table = EffectTable.build(model, request)
    ranked = []
    for i in np.argsort(-probabilities, kind="stable"):
        condition = kb.conditions[model.condition_ids[i]]
        supporting, opposing = contributions(model, request, int(i), table)
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
