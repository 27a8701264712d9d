"""Evaluate engines on the public vignettes: accuracy, structures, triage safety, calibration.

The vignettes are never used for training or for choosing any weight; this module only reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..engine import AssessmentRequest, EngineModel, assess
from ..knowledge.cases import Vignette

BINS = 10


@dataclass
class CaseResult:
    vignette: Vignette
    rank: int  # 0-based rank of the first correct condition
    top_probability: float
    top_correct: bool
    correct_probability: float
    sum_sq_wrong: float
    structure_hit: bool | None
    triage: str
    ranked: list[str]


@dataclass
class Report:
    name: str
    cases: list[CaseResult] = field(default_factory=list)

    def rate(self, predicate, subset=None) -> float:
        chosen = [c for c in self.cases if subset is None or subset(c)]
        return sum(bool(predicate(c)) for c in chosen) / len(chosen) if chosen else float("nan")

    def summary(self) -> dict[str, float | int]:
        with_structures = [c for c in self.cases if c.structure_hit is not None]
        return {
            "n": len(self.cases),
            "top1": self.rate(lambda c: c.rank == 0),
            "top3": self.rate(lambda c: c.rank < 3),
            "top5": self.rate(lambda c: c.rank < 5),
            "structure_top3": sum(c.structure_hit for c in with_structures) / len(with_structures)
            if with_structures
            else float("nan"),
            "emergency_recall": self.rate(
                lambda c: c.triage == "emergency", lambda c: c.vignette.triage == "emergency"
            ),
            "n_emergency": sum(c.vignette.triage == "emergency" for c in self.cases),
            "routine_to_emergency": self.rate(
                lambda c: c.triage == "emergency", lambda c: c.vignette.triage == "routine"
            ),
            "n_routine": sum(c.vignette.triage == "routine" for c in self.cases),
            "triage_exact": self.rate(lambda c: c.triage == c.vignette.triage),
            "ece": expected_calibration_error(self.cases),
            "brier": float(
                np.mean([(1 - c.correct_probability) ** 2 + c.sum_sq_wrong for c in self.cases])
            ),
        }

    def misses(self) -> list[CaseResult]:
        return [c for c in self.cases if c.rank > 0]


def expected_calibration_error(cases: Sequence[CaseResult]) -> float:
    """ECE of the top-ranked probability against whether the top answer was correct."""
    confidence = np.array([c.top_probability for c in cases])
    correct = np.array([c.top_correct for c in cases], dtype=float)
    edges = np.linspace(0, 1, BINS + 1)
    total = 0.0
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            total += inside.mean() * abs(confidence[inside].mean() - correct[inside].mean())
    return float(total)


def reliability_points(cases: Sequence[CaseResult]) -> list[tuple[float, float, int]]:
    """(mean confidence, accuracy, count) per bin, for the reliability plot."""
    points = []
    edges = np.linspace(0, 1, BINS + 1)
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        chosen = [c for c in cases if low < c.top_probability <= high]
        if chosen:
            points.append(
                (
                    float(np.mean([c.top_probability for c in chosen])),
                    float(np.mean([c.top_correct for c in chosen])),
                    len(chosen),
                )
            )
    return points


def evaluate(name: str, model: EngineModel, vignettes: Sequence[Vignette]) -> Report:
    """Run every vignette through the same engine as the API."""
    report = Report(name)
    for v in vignettes:
        result = assess(model, AssessmentRequest(findings=dict(v.findings), age=v.age, sex=v.sex))
        ranked = [c.id for c in result.conditions]
        correct = v.correct
        rank = min(ranked.index(c) for c in correct)
        probs = {c.id: c.probability for c in result.conditions}
        top3 = {s.id for s in result.structures[:3]}
        report.cases.append(
            CaseResult(
                vignette=v,
                rank=rank,
                top_probability=result.conditions[0].probability,
                top_correct=ranked[0] in correct,
                correct_probability=sum(probs[c] for c in correct),
                sum_sq_wrong=sum(p * p for c, p in probs.items() if c not in correct),
                structure_hit=bool(top3 & set(v.structures)) if v.structures else None,
                triage=result.triage.level,
                ranked=ranked[:5],
            )
        )
    return report
