"""Choose the blend weight and temperature on the teaching cases (the development set).

The synthetic cohort comes from the same knowledge as the likelihood model, so it flatters the
classifier; the public vignettes are for evaluation only. The teaching cases were written
separately, with a known diagnosis, so they are the development set: the findings known at each
stage (sparse to complete, like real entry) go through the full engine, rules included, for every
candidate weight, and the temperature minimising the log-loss of the diagnosis is fitted for each.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from scipy.optimize import minimize_scalar

from ..engine import AssessmentRequest, assess, build_model
from ..engine.model import LinearScorer
from ..knowledge import KnowledgeBase
from ..knowledge.cases import TeachingCase

BLEND_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


def case_log_loss(
    kb: KnowledgeBase,
    terms: LinearScorer,
    weight: float,
    temperature: float,
    cases: Sequence[TeachingCase],
) -> float:
    """Mean -log P(diagnosis) over every stage of every case (sparse to complete findings)."""
    model = build_model(kb, terms, weight, temperature)
    losses = []
    for case in cases:
        for stage in range(len(case.stages)):
            request = AssessmentRequest(
                findings=case.findings_until(stage), age=case.age, sex=case.sex
            )
            result = assess(model, request)
            probability = next(c.probability for c in result.conditions if c.id == case.diagnosis)
            losses.append(-math.log(max(probability, 1e-12)))
    return sum(losses) / len(losses)


def choose_on_cases(
    kb: KnowledgeBase, terms: LinearScorer, cases: Sequence[TeachingCase]
) -> tuple[float, float, float]:
    """(weight, temperature, log-loss) with the lowest log-loss on the development cases."""
    best = (math.inf, 0.0, 1.0)
    for weight in BLEND_GRID:
        fit = minimize_scalar(
            lambda t, w=weight: case_log_loss(kb, terms, w, t, cases),
            bounds=(0.3, 5.0),
            method="bounded",
            options={"xatol": 0.01},
        )
        if fit.fun < best[0]:
            best = (float(fit.fun), weight, float(fit.x))
    return best[1], round(best[2], 4), round(best[0], 4)
