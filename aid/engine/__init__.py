"""The assessment engine: pure functions over a prepared model; never imports Flask."""

from __future__ import annotations

from typing import Any

import numpy as np

from .explain import ranked_conditions
from .inputs import AssessmentRequest, InputError, parse_request
from .model import EngineModel, age_band, build_model, sex_index
from .next_findings import next_findings
from .ranking import logits, softmax, structure_scores
from .result import Assessment, RankedStructure
from .rules import fired, make_facts
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
    hit_after = ranking_rules_fired(model, request, facts, hit, probabilities)
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
            "temperature": model.temperature,
            **model.meta,
        },
    )


def ranking_rules_fired(
    model: EngineModel,
    request: AssessmentRequest,
    facts: dict,
    hit: list,
    probabilities: np.ndarray,
) -> list:
    """Ranking rules, read on the probabilities without the red-flag findings.

    Red flags escalate through their own rules; keeping them out of the ranking rules' input
    means that adding a red flag can never lower the triage level by reshuffling probabilities.
    """
    flags = [f for f in request.findings if f in model.red_flags]
    if flags:
        rest = AssessmentRequest(
            findings={k: v for k, v in request.findings.items() if k not in model.red_flags},
            age=request.age,
            sex=request.sex,
        )
        unflagged = [rule for rule in hit if not rule.reads & set(flags)]
        probabilities = softmax(logits(model, rest, unflagged))
    pairs = zip(model.condition_ids, probabilities, strict=True)
    return fired(model.ranking_rules, facts | {"p_" + c: float(p) for c, p in pairs})


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
