"""Turn a request into calibrated probabilities, and conditions into ranked structures."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .inputs import AssessmentRequest
from .model import EngineModel, age_band, sex_index
from .rules import CompiledRule


def state_vectors(model: EngineModel, request: AssessmentRequest) -> tuple[np.ndarray, np.ndarray]:
    """0/1 vectors of present and absent findings in the model's finding order."""
    present = np.zeros(len(model.finding_ids))
    absent = np.zeros(len(model.finding_ids))
    for finding_id, state in request.findings.items():
        (present if state == "present" else absent)[model.finding_index[finding_id]] = 1.0
    return present, absent


def logits(
    model: EngineModel, request: AssessmentRequest, fired: Iterable[CompiledRule]
) -> np.ndarray:
    """Prior + evidence + rule effects, in log-odds units, one per condition."""
    present, absent = state_vectors(model, request)
    terms = model.terms
    total = terms.prior_table[age_band(request.age), sex_index(request.sex)].copy()
    total += terms.present @ present + terms.absent @ absent
    for rule in fired:
        total += model.rule_effects[rule.id]
    return total


def softmax(values: np.ndarray, axis: int = 0) -> np.ndarray:
    """Numerically stable softmax."""
    shifted = np.exp(values - values.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def structure_scores(model: EngineModel, probabilities: np.ndarray) -> np.ndarray:
    """Each structure's share of the probability of the conditions it is involved in."""
    return model.structure_weights @ probabilities
