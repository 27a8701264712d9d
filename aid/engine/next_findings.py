"""Which unanswered findings would change the ranking most: expected information gain."""

from __future__ import annotations

import numpy as np

from .inputs import AssessmentRequest
from .model import EngineModel
from .ranking import softmax
from .result import NextFinding

SHORTLIST = 30


def entropy(probabilities: np.ndarray) -> np.ndarray:
    """Shannon entropy in bits along axis 0."""
    safe = np.clip(probabilities, 1e-12, 1.0)
    return -(probabilities * np.log2(safe)).sum(axis=0)


def next_findings(
    model: EngineModel,
    request: AssessmentRequest,
    logits: np.ndarray,
    probabilities: np.ndarray,
    limit: int,
) -> list[NextFinding]:
    """Rank unanswered findings by expected entropy reduction.

    Exact information gain is computed for a shortlist: the findings whose evidence weighs most
    on the currently likely conditions (probability times the size of their log-LRs). That keeps
    the cost flat as the knowledge grows, since most findings cannot move a given ranking.
    """
    weight = probabilities @ model.evidence_size
    weight[[model.finding_index[f] for f in request.findings]] = -1.0
    candidates = np.argsort(-weight, kind="stable")[:SHORTLIST]
    candidates = candidates[weight[candidates] > 0]
    if candidates.size == 0:
        return []
    if_present = softmax(logits[:, None] + model.terms.present[:, candidates])
    if_absent = softmax(logits[:, None] + model.terms.absent[:, candidates])
    chance_present = probabilities @ model.p_present[:, candidates]
    expected = chance_present * entropy(if_present) + (1 - chance_present) * entropy(if_absent)
    gain = entropy(probabilities[:, None])[0] - expected
    order = np.argsort(-gain, kind="stable")[:limit]
    kb = model.kb
    return [
        NextFinding(
            id=model.finding_ids[candidates[k]],
            label=kb.findings[model.finding_ids[candidates[k]]].label,
            value=round(float(gain[k]), 4),
        )
        for k in order
        if gain[k] > 1e-6
    ]
