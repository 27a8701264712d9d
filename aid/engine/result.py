"""Plain result records returned by the engine, with the JSON shape of the API contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

DISCLAIMER = (
    "Teaching and decision support only, not a diagnosis. Red flags and triage come "
    "first; a clinician must examine the patient and decide."
)


class Contribution(NamedTuple):
    """How much one entered finding moved one condition (log-odds and as a likelihood ratio).

    A named tuple rather than a frozen dataclass: one is built per condition and finding on every
    request, and tuples are several times cheaper to create.
    """

    id: str
    label: str
    state: str
    effect: float
    likelihood_ratio: float
    sources: list[str]
    estimate: bool


@dataclass(frozen=True)
class RuleHit:
    rule: str
    title: str
    factor: float
    sources: list[str]
    estimate: bool


@dataclass(frozen=True)
class RankedCondition:
    id: str
    name: str
    icd10cm: str
    probability: float
    must_not_miss: bool
    prior: float
    structures: list[str]
    supporting: list[Contribution]
    opposing: list[Contribution]
    rules: list[RuleHit]


@dataclass(frozen=True)
class RankedStructure:
    id: str
    name: str
    kind: str
    score: float
    url: str


@dataclass(frozen=True)
class NextFinding:
    id: str
    label: str
    value: float


@dataclass(frozen=True)
class TriageReason:
    rule: str
    level: str
    text: str
    sources: list[str]
    citation: str
    estimate: bool


@dataclass(frozen=True)
class Triage:
    level: str
    reasons: list[TriageReason]
    other_flags: list[TriageReason] = field(default_factory=list)


@dataclass(frozen=True)
class Assessment:
    triage: Triage
    conditions: list[RankedCondition]
    structures: list[RankedStructure]
    next_findings: list[NextFinding]
    request: dict[str, Any]
    model: dict[str, Any]
    disclaimer: str = DISCLAIMER

    def to_dict(self) -> dict[str, Any]:
        """The JSON body of POST /api/v1/assess (built by hand: asdict deep-copies, slowly)."""
        return {
            "triage": {
                "level": self.triage.level,
                "reasons": [dict(vars(r)) for r in self.triage.reasons],
                "other_flags": [dict(vars(r)) for r in self.triage.other_flags],
            },
            "conditions": [condition_dict(c) for c in self.conditions],
            "structures": [dict(vars(s)) for s in self.structures],
            "next_findings": [dict(vars(n)) for n in self.next_findings],
            "request": self.request,
            "model": self.model,
            "disclaimer": self.disclaimer,
        }


def condition_dict(condition: RankedCondition) -> dict[str, Any]:
    """One ranked condition as plain JSON-ready data."""
    body = dict(vars(condition))
    body["structures"] = list(condition.structures)
    for key in ("supporting", "opposing"):
        body[key] = [item._asdict() for item in body[key]]
    body["rules"] = [dict(vars(item)) for item in body["rules"]]
    return body
