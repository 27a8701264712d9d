"""Validate a raw assessment request (JSON-like dict) into a typed, immutable request."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from types import MappingProxyType
from typing import Any

STATES = ("present", "absent")
SEXES = ("female", "male")
ALLOWED_KEYS = ("age", "sex", "findings")


class InputError(ValueError):
    """Bad input: the contract's error code, a message saying how to fix it, and the fields."""

    def __init__(self, code: str, message: str, fields: list[str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields or []

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's error body."""
        return {"error": {"code": self.code, "message": self.message, "fields": self.fields}}


@dataclass(frozen=True)
class AssessmentRequest:
    """What the engine assesses: findings with a state, and optional age and sex."""

    findings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    age: int | None = None
    sex: str | None = None


def suggest(unknown: str, known: Collection[str], n: int = 3) -> list[str]:
    """Nearest known ids to a misspelt one."""
    return get_close_matches(unknown, list(known), n=n, cutoff=0.5)


def parse_request(raw: Any, known_findings: Collection[str]) -> AssessmentRequest:
    """Check every part of a request; raise InputError naming the first problem and the fix."""
    if not isinstance(raw, dict):
        raise InputError(
            "not_an_object",
            "The request body must be a JSON object such as "
            '{"age": 55, "sex": "female", "findings": {"limp": "present"}}.',
        )
    extra = [key for key in raw if key not in ALLOWED_KEYS]
    if extra:
        raise InputError(
            "unknown_field",
            f"Unknown field(s) {', '.join(map(repr, extra))}; "
            "the request accepts only 'age', 'sex' and 'findings'.",
            extra,
        )
    return AssessmentRequest(
        findings=MappingProxyType(_parse_findings(raw, known_findings)),
        age=_parse_age(raw.get("age")),
        sex=_parse_sex(raw.get("sex")),
    )


def _parse_age(age: Any) -> int | None:
    if age is None:
        return None
    if isinstance(age, float) and age.is_integer():
        age = int(age)  # JSON Schema counts 65.0 as an integer
    if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 120:
        raise InputError(
            "bad_age",
            f"'age' must be a whole number of years from 0 to 120; got {age!r}.",
            ["age"],
        )
    return age


def _parse_sex(sex: Any) -> str | None:
    if sex is None:
        return None
    if sex not in SEXES:
        raise InputError(
            "bad_sex", f'\'sex\' must be "female" or "male" (or left out); got {sex!r}.', ["sex"]
        )
    return sex


def _parse_findings(raw: dict, known: Collection[str]) -> dict[str, str]:
    if "findings" not in raw:
        raise InputError(
            "missing_findings",
            "'findings' is required: an object mapping finding "
            'ids to "present" or "absent", e.g. {"limp": "present"}.',
            ["findings"],
        )
    findings = raw["findings"]
    if not isinstance(findings, dict):
        raise InputError(
            "bad_findings",
            '\'findings\' must be an object mapping finding ids to "present" or "absent".',
            ["findings"],
        )
    for finding_id, state in findings.items():
        if finding_id not in known:
            near = suggest(str(finding_id), known)
            hint = f" Did you mean {', '.join(near)}?" if near else ""
            raise InputError(
                "unknown_finding",
                f"Unknown finding id {finding_id!r}.{hint} GET /api/v1/findings lists every id.",
                [f"findings.{finding_id}"],
            )
        if state not in STATES:
            raise InputError(
                "bad_state",
                f"Finding {finding_id!r} has state {state!r}; use "
                '"present" or "absent" (leave a finding out when it is unknown).',
                [f"findings.{finding_id}"],
            )
    return dict(findings)
