"""The assessment engine: pure functions over a prepared model; never imports Flask."""

from __future__ import annotations

from typing import Any

import numpy as np

from .escalation import ranking_rules_fired
from .explain import ranked_conditions
from .inputs import AssessmentRequest, InputError, parse_request
from .model import EngineModel, age_band, build_model, sex_index
from .next_findings import next_findings
from .ranking import logits, softmax, structure_scores
from .result import Assessment, RankedStructure
from .rules import make_facts
from .triage import decide

__all__ = [
    "Assessment",
    "AssessmentRequest",
    "EngineModel",
    "InputError",
    "assess",
    "assess_raw",
    "build_model",
    "parse_request",
]


def assess(model: EngineModel, request: AssessmentRequest) -> Assessment:
    """Assess one request: rules, ranking, triage, explanation, structures, next questions.

    Args:
        model: the prepared model (knowledge, compiled rules, arrays).
        request: validated findings, age and sex.

    Returns:
        The full assessment, ranked best first, with triage and its reasons.
    """
    kb = model.kb
    facts = make_facts(kb, request.findings, request.age, request.sex)
    hit = model.finding_rules.fired(facts, request.findings, request.age, request.sex)
    scores = logits(model, request, hit)
    probabilities = softmax(scores)
    hit_after = ranking_rules_fired(model, request, facts, hit, scores)
    prior = softmax(model.terms.prior_table[age_band(request.age), sex_index(request.sex)])
    return Assessment(
        triage=decide(kb, hit + hit_after),
        conditions=ranked_conditions(model, request, probabilities, prior, hit),
        structures=_structures(model, probabilities),
        next_findings=next_findings(
            model, request, scores, probabilities, int(kb.setting("next_findings_count"))
        ),
        request={"age": request.age, "sex": request.sex, "findings": dict(request.findings)},
        model={
            "region": kb.region,
            "classifier_weight": model.classifier_weight,
            "prior_weight": model.prior_weight,
            "evidence_weight": model.evidence_weight,
            **model.meta,
        },
    )


def assess_raw(model: EngineModel, raw: Any) -> Assessment:
    """Validate a raw JSON-like request and assess it (raises InputError on bad input)."""
    return assess(model, parse_request(raw, model.finding_index))


def _structures(model: EngineModel, probabilities: np.ndarray) -> list[RankedStructure]:
    kb = model.kb
    scores = structure_scores(model, probabilities)
    return [
        RankedStructure(
            id=model.structure_ids[k],
            name=kb.structures[model.structure_ids[k]].name,
            kind=kb.structures[model.structure_ids[k]].kind,
            score=round(float(scores[k]), 4),
            url=f"/anatomy/{model.structure_ids[k]}",
        )
        for k in np.argsort(-scores, kind="stable")
        if scores[k] > 0
    ]
