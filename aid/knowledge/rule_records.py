"""Records for clinical rules as written in rules/<region>/*.yaml (compiled later by the engine)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .records import ID_PATTERN, Cited, FindingState, Record, Sex, TriageLevel

RuleKind = Literal["red_flag", "triage", "criteria", "age_gate", "ranking"]


class RuleCase(Record):
    """One example input for a rule: findings, age, sex (and probabilities for ranking rules)."""

    age: int | None = Field(default=None, ge=0, le=120)
    sex: Sex | None = None
    findings: dict[str, FindingState] = {}
    probabilities: dict[str, float] = {}


class RuleExamples(Record):
    fires: list[RuleCase] = Field(min_length=1)
    does_not_fire: list[RuleCase] = []


class RuleThen(Record):
    """What a rule does when it fires."""

    triage: TriageLevel | None = None
    conditions: dict[str, float] = {}
    text: str = Field(min_length=5)


class RuleRecord(Cited):
    id: str = Field(pattern=ID_PATTERN)
    title: str
    kind: RuleKind
    when: str = Field(min_length=1)
    then: RuleThen
    rationale: str = Field(min_length=10)
    limits: str = ""
    examples: RuleExamples

    @model_validator(mode="after")
    def _needs_counter_example(self) -> RuleRecord:
        if self.when.strip() != "true" and not self.examples.does_not_fire:
            raise ValueError("give at least one example under examples.does_not_fire")
        return self


class RuleFile(Record):
    rules: list[RuleRecord]
