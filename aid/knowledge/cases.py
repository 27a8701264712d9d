"""Records for evaluation vignettes and staged teaching cases."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .records import ID_PATTERN, FindingState, Record, Sex, TriageLevel


class Vignette(Record):
    """A published case retold in our words, used only for evaluation."""

    id: str = Field(pattern=ID_PATTERN)
    source: str
    summary: str
    age: int = Field(ge=0, le=120)
    sex: Sex
    findings: dict[str, FindingState] = Field(min_length=1)
    diagnosis: str
    acceptable: list[str] = []
    structures: list[str] = []
    triage: TriageLevel
    triage_rationale: str
    detail: Literal["sparse", "moderate", "rich"]
    atypical: bool = False

    @model_validator(mode="after")
    def _enough_to_assess(self) -> Vignette:
        present = sum(state == "present" for state in self.findings.values())
        if present < 3:
            raise ValueError("a vignette needs at least 3 findings present (see cases/README.md)")
        return self

    @property
    def correct(self) -> set[str]:
        """Condition ids that count as a correct answer."""
        return {self.diagnosis, *self.acceptable}


class Stage(Record):
    name: str
    text: str
    findings: dict[str, FindingState] = {}


class TeachingCase(Record):
    """A staged walkthrough with a debrief."""

    id: str = Field(pattern=ID_PATTERN)
    title: str
    age: int = Field(ge=0, le=120)
    sex: Sex
    objectives: list[str] = Field(min_length=1)
    stages: list[Stage] = Field(min_length=2)
    diagnosis: str
    expected_differential: list[str] = Field(min_length=1, max_length=8)
    must_consider: list[str] = []
    triage: TriageLevel
    structures: list[str] = []
    debrief: str
    sources: list[str] = []

    @model_validator(mode="after")
    def _diagnosis_expected(self) -> TeachingCase:
        if self.diagnosis not in self.expected_differential:
            raise ValueError("diagnosis must appear in expected_differential")
        return self

    def findings_until(self, stage_index: int) -> dict[str, str]:
        """All findings revealed up to and including a stage."""
        revealed: dict[str, str] = {}
        for stage in self.stages[: stage_index + 1]:
            revealed.update(stage.findings)
        return revealed
