"""Choose the blend weight and the prior/evidence weights on the development set.

The synthetic cohort comes from the same knowledge as the likelihood model, so it flatters the
classifier; the public vignettes are for evaluation only. The development set is kept apart from
both: the teaching cases (the findings known at each stage, sparse to complete, like real entry)
and the development vignettes (other published cases than the evaluation set's). Each example goes
through the full engine, rules included, for every candidate blend weight, prior weight and
evidence weight (a grid); the combination with the lowest log-loss of the diagnosis (averaged per
case, so a staged case counts once) is kept. Two separate weights, rather than one temperature,
let the data decide how much the prior and how much the (correlated, often mis-sized) evidence
should count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..engine import AssessmentRequest, assess, build_model
from ..engine.model import LinearScorer
from ..knowledge import KnowledgeBase
from ..knowledge.cases import TeachingCase, Vignette

BLEND_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


class DevExample(NamedTuple):
    """One development request, the condition ids that count as right, and the case it is from."""

    request: AssessmentRequest
    correct: frozenset[str]
    case_id: str


def development_examples(
    teaching: Iterable[TeachingCase], development: Iterable[Vignette] = ()
) -> list[DevExample]:
    """Every stage of every teaching case, then every development vignette."""
    examples = [
        DevExample(
            AssessmentRequest(findings=case.findings_until(stage), age=case.age, sex=case.sex),
            frozenset({case.diagnosis}),
            case.id,
        )
        for case in teaching
        for stage in range(len(case.stages))
    ]
    examples += [
        DevExample(
            AssessmentRequest(findings=dict(v.findings), age=v.age, sex=v.sex),
            frozenset(v.correct),
            v.id,
        )
        for v in development
    ]
    return examples


def case_log_loss(
    kb: KnowledgeBase,
    terms: LinearScorer,
    weight: float,
    scale: tuple[float, float],
    examples: Sequence[DevExample],
) -> float:
    """Mean -log P(a right answer), averaged within each case first: the stages of one teaching
    case are not independent, so every case (staged or not) has the same say."""
    model = build_model(kb, terms, weight, *scale)
    by_case: dict[str, list[float]] = {}
    for example in examples:
        result = assess(model, example.request)
        probability = sum(c.probability for c in result.conditions if c.id in example.correct)
        by_case.setdefault(example.case_id, []).append(-math.log(max(probability, 1e-12)))
    return sum(sum(v) / len(v) for v in by_case.values()) / len(by_case)


PRIOR_GRID = (0.5, 0.75, 1.0, 1.25)
EVIDENCE_GRID = (0.8, 1.0, 1.25, 1.5, 1.75, 2.0)


def choose_on_cases(
    kb: KnowledgeBase, terms: LinearScorer, cases: Sequence[DevExample]
) -> tuple[float, float, float, float]:
    """(blend weight, prior weight, evidence weight, log-loss) best on the development examples."""
    best = (math.inf, 0.0, 1.0, 1.0)
    for weight in BLEND_GRID:
        for prior_weight in PRIOR_GRID:
            for evidence_weight in EVIDENCE_GRID:
                loss = case_log_loss(kb, terms, weight, (prior_weight, evidence_weight), cases)
                if loss < best[0]:
                    best = (loss, weight, prior_weight, evidence_weight)
    return best[1], best[2], best[3], round(best[0], 4)
