"""Validated records for every kind of knowledge row; unknown keys and bad enums are rejected."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TriageLevel = Literal["emergency", "urgent", "routine"]
FindingState = Literal["present", "absent"]
Sex = Literal["female", "male"]
TRIAGE_ORDER: dict[str, int] = {"routine": 0, "urgent": 1, "emergency": 2}

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class Record(BaseModel):
    """Base: frozen, no unknown keys, strings stripped."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def split_list(value: object) -> object:
    """Turn a `a|b|c` CSV cell into a list; leave lists alone."""
    if isinstance(value, str):
        return [part.strip() for part in value.split("|") if part.strip()]
    if value is None:
        return []
    return value


def yes_no(value: object) -> object:
    """Accept yes/no (CSV) as well as booleans (YAML)."""
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("yes", "true"):
            return True
        if lowered in ("no", "false", ""):
            return False
    return value


def empty_to_none(value: object) -> object:
    """Treat an empty CSV cell as missing."""
    return None if isinstance(value, str) and not value.strip() else value


class Source(Record):
    id: str = Field(pattern=ID_PATTERN)
    citation: str = Field(min_length=5)
    locator: str = ""
    kind: Literal[
        "meta_analysis",
        "systematic_review",
        "cohort",
        "case_control",
        "cross_sectional",
        "guideline",
        "criteria",
        "review",
        "textbook",
        "case_report",
        "case_series",
        "teaching_case",
        "secondary",
    ]
    note: str = ""


FindingGroup = Literal[
    "location", "pattern", "onset", "gait", "exam", "neurology", "systemic", "risk", "investigation"
]
FINDING_GROUPS: tuple[str, ...] = get_args(FindingGroup)  # in the order a history is taken


class Finding(Record):
    id: str = Field(pattern=ID_PATTERN)
    group: FindingGroup
    label: str = Field(min_length=2)
    synonyms: list[str] = []
    hpo: str = ""
    snomed: str = ""

    _split = field_validator("synonyms", mode="before")(split_list)

    @field_validator("hpo")
    @classmethod
    def _hpo_shape(cls, value: str) -> str:
        if value and not value.startswith("HP:"):
            raise ValueError("HPO ids look like HP:0001945")
        return value


class Condition(Record):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    icd10cm: str = Field(pattern=r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
    must_not_miss: bool
    triage: TriageLevel
    summary: str = ""

    _yes = field_validator("must_not_miss", mode="before")(yes_no)


class Structure(Record):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    kind: Literal[
        "muscle", "tendon", "bone", "bursa", "nerve", "joint", "cartilage", "fascia", "other"
    ]


class Cited(Record):
    """A record carrying a number: it needs sources or an explicit estimate flag."""

    source: list[str] = []
    estimate: bool = False

    _split = field_validator("source", mode="before")(split_list)
    _yes = field_validator("estimate", mode="before")(yes_no)

    @model_validator(mode="after")
    def _needs_source_or_estimate(self) -> Cited:
        if not self.source and not self.estimate:
            raise ValueError("give a source id or mark the number as estimate: yes")
        return self


class ConditionStructure(Cited):
    condition_id: str
    structure_id: str
    role: Literal["primary", "secondary", "referred"]


class Prior(Cited):
    condition_id: str
    base: float = Field(gt=0)
    age_0_2: float = Field(ge=0)
    age_3_8: float = Field(ge=0)
    age_9_16: float = Field(ge=0)
    age_17_39: float = Field(ge=0)
    age_40_59: float = Field(ge=0)
    age_60_79: float = Field(ge=0)
    age_80_plus: float = Field(ge=0)
    female: float = Field(gt=0)
    male: float = Field(gt=0)
    note: str = ""


AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("age_0_2", 0, 2),
    ("age_3_8", 3, 8),
    ("age_9_16", 9, 16),
    ("age_17_39", 17, 39),
    ("age_40_59", 40, 59),
    ("age_60_79", 60, 79),
    ("age_80_plus", 80, 200),
)


class Likelihood(Cited):
    condition_id: str
    finding_id: str
    sensitivity: float | None = Field(default=None, gt=0, lt=1)
    specificity: float | None = Field(default=None, gt=0, lt=1)
    lr_pos: float | None = Field(default=None, gt=0)
    lr_neg: float | None = Field(default=None, gt=0)
    note: str = ""

    _empty = field_validator("sensitivity", "specificity", "lr_pos", "lr_neg", mode="before")(
        empty_to_none
    )

    @model_validator(mode="after")
    def _numbers_complete(self) -> Likelihood:
        if (self.sensitivity is None) != (self.specificity is None):
            raise ValueError("give both sensitivity and specificity, or neither")
        if self.sensitivity is None and self.lr_pos is None:
            raise ValueError("give sensitivity+specificity or lr_pos")
        return self

    @property
    def ratios(self) -> tuple[float, float]:
        """Return (LR+, LR-), derived from Sn/Sp when those are given."""
        if self.sensitivity is not None and self.specificity is not None:
            sn, sp = self.sensitivity, self.specificity
            return sn / (1 - sp), (1 - sn) / sp
        assert self.lr_pos is not None
        return self.lr_pos, self.lr_neg if self.lr_neg is not None else 1.0


class LexiconEntry(Record):
    """A word or short phrase people type, and the plain words it stands for in the search."""

    term: str = Field(min_length=1, pattern=r"^[a-z0-9#'/+ -]+$")
    means: str = Field(min_length=2)
    note: str = ""


class Setting(Cited):
    value: float | dict[str, float]
    why: str


class BodyRegion(Record):
    region_id: str = Field(pattern=ID_PATTERN)
    label: str
    finding_ids: list[str]
    structure_ids: list[str] = []

    _split = field_validator("finding_ids", "structure_ids", mode="before")(split_list)


class Hazard(Record):
    hazard_id: str = Field(pattern=ID_PATTERN)
    hazard: str
    condition_id: str = ""
    finding_ids: list[str] = []
    guarding_rules: list[str]
    test: str
    note: str = ""

    _split = field_validator("finding_ids", "guarding_rules", mode="before")(split_list)
