"""Ranking rules (the must-not-miss safety net), read so that a red flag can only add escalation."""

from __future__ import annotations

from itertools import product

import numpy as np

from .inputs import AssessmentRequest
from .model import EngineModel
from .rules import CompiledRule, fired

# 2^12 variants are a few thousand rows of one matrix product; more red flags at once than this
# is not a presentation, and beyond it only the first twelve (by id) are varied.
MAX_VARIED_FLAGS = 12


def ranking_rules_fired(
    model: EngineModel,
    request: AssessmentRequest,
    facts: dict,
    hit: list[CompiledRule],
    scores: np.ndarray,
) -> list[CompiledRule]:
    """Ranking rules, read on the highest probability each condition reaches in the case and in
    the case minus any subset of its present red flags.

    A red flag can pull probability towards another condition and so below a ranking rule's
    threshold; reading every variant means that adding a red flag never lowers the triage level.
    Ranking rules are thresholds joined by 'or' (checked at load), so a rule fires on some variant
    exactly when it fires on the per-condition maximum over the variants.
    """
    flags = sorted(
        f for f, state in request.findings.items() if state == "present" and f in model.red_flags
    )[:MAX_VARIED_FLAGS]
    removed = np.array(list(product((0.0, 1.0), repeat=len(flags))))  # (variants, flags)
    columns = [model.finding_index[f] for f in flags]
    flag_terms = model.terms.present[:, columns].T  # (flags, conditions)
    reading = [rule for rule in hit if rule.reads & set(flags)]
    reads = np.array([[f in rule.reads for f in flags] for rule in reading], dtype=float)
    effects = np.array([model.rule_effects[rule.id] for rule in reading])
    variants = scores - removed @ flag_terms
    if reading:
        variants -= ((removed @ reads.T) > 0) @ effects
    variants = np.exp(variants - variants.max(axis=1, keepdims=True))
    highest = (variants / variants.sum(axis=1, keepdims=True)).max(axis=0)
    pairs = zip(model.condition_ids, highest, strict=True)
    return fired(model.ranking_rules, facts | {"p_" + c: float(p) for c, p in pairs})
