"""Ranking rules (the must-not-miss safety net), read so that a red flag can only add escalation."""

from __future__ import annotations

from itertools import combinations

import numpy as np

from .inputs import AssessmentRequest
from .model import EngineModel
from .ranking import logits, softmax
from .rules import CompiledRule, fired

MAX_FLAG_VARIANTS = 5


def ranking_rules_fired(
    model: EngineModel,
    request: AssessmentRequest,
    facts: dict,
    hit: list[CompiledRule],
    probabilities: np.ndarray,
) -> list[CompiledRule]:
    """Ranking rules, read on the probabilities of the case and of the case minus each subset of
    its present red flags (at most 2^5 variants).

    A red flag can pull probability towards another condition and so below a ranking rule's
    threshold; taking every variant means that adding a red flag never lowers the triage level.
    """
    flags = [
        f for f, state in request.findings.items() if state == "present" and f in model.red_flags
    ][:MAX_FLAG_VARIANTS]
    variants = [probabilities]
    for size in range(1, len(flags) + 1):
        for removed in combinations(flags, size):
            rest = AssessmentRequest(
                findings={k: v for k, v in request.findings.items() if k not in removed},
                age=request.age,
                sex=request.sex,
            )
            kept = [rule for rule in hit if not rule.reads & set(removed)]
            variants.append(softmax(logits(model, rest, kept)))
    fired_ids: dict[str, object] = {}
    for variant in variants:
        pairs = zip(model.condition_ids, variant, strict=True)
        for rule in fired(model.ranking_rules, facts | {"p_" + c: float(p) for c, p in pairs}):
            fired_ids.setdefault(rule.id, rule)
    return [rule for rule in model.ranking_rules if rule.id in fired_ids]
