"""The assessment engine: pure functions over a prepared model; never imports Flask."""

from __future__ import annotations

from itertools import combinations
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

MAX_FLAG_VARIANTS = 5

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
            "prior_weight": model.prior_weight,
            "evidence_weight": model.evidence_weight,
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
