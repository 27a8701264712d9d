"""Scoring a learner's walkthrough against the case and the engine (pure functions, no Flask)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .engine import AssessmentRequest, EngineModel, assess
from .knowledge.cases import TeachingCase
from .knowledge.records import TRIAGE_ORDER


@dataclass(frozen=True)
class StageComparison:
    stage: int
    name: str
    learner: list[str]
    learner_triage: str | None
    engine: list[tuple[str, float]]
    engine_triage: str


@dataclass(frozen=True)
class Score:
    correct_rank: int | None  # 1-5 in the learner's final differential, None if absent
    triage_safe: bool | None  # final triage at least as urgent as the case's
    triage_exact: bool | None
    must_consider_met: bool  # every must-not-miss condition named at some stage
    missed_must_consider: list[str]


def engine_at_stage(model: EngineModel, case: TeachingCase, stage: int, top: int = 5):
    """The engine's ranking and triage with the findings revealed up to a stage."""
    request = AssessmentRequest(findings=case.findings_until(stage), age=case.age, sex=case.sex)
    result = assess(model, request)
    return [(c.id, c.probability) for c in result.conditions[:top]], result.triage.level


def compare(
    model: EngineModel, case: TeachingCase, commits: Sequence[tuple[int, list[str], str | None]]
) -> list[StageComparison]:
    """Learner's last commit at each stage next to the engine's ranking at that stage."""
    latest = {stage: (differential, triage) for stage, differential, triage in commits}
    rows = []
    for index, stage in enumerate(case.stages):
        ranking, level = engine_at_stage(model, case, index)
        differential, triage = latest.get(index, ([], None))
        rows.append(StageComparison(index, stage.name, differential, triage, ranking, level))
    return rows


def score(case: TeachingCase, commits: Sequence[tuple[int, list[str], str | None]]) -> Score:
    """Rank of the diagnosis in the final differential, triage safety, must-not-miss coverage."""
    final = commits[-1] if commits else (0, [], None)
    differential, triage = final[1], final[2]
    rank = differential.index(case.diagnosis) + 1 if case.diagnosis in differential else None
    named = {c for _, diff, _ in commits for c in diff}
    missed = [c for c in case.must_consider if c not in named]
    safe = exact = None
    if triage:
        safe = TRIAGE_ORDER[triage] >= TRIAGE_ORDER[case.triage]
        exact = triage == case.triage
    return Score(rank, safe, exact, not missed, missed)
