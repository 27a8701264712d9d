"""The assessment form: age, sex and a present/absent/unknown choice per finding (Flask-WTF)."""

from __future__ import annotations

from functools import lru_cache

from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional, ValidationError

from ..knowledge import KnowledgeBase
from ..knowledge.records import FINDING_GROUPS

STATE_CHOICES = [
    SelectChoice("unknown", "Not known"),
    SelectChoice("present", "Present"),
    SelectChoice("absent", "Absent"),
]
SEX_CHOICES = [
    SelectChoice("", "Not given"),
    SelectChoice("female", "Female"),
    SelectChoice("male", "Male"),
]
GROUP_ORDER = FINDING_GROUPS
GROUP_TITLES = {
    "location": "Where it hurts",
    "pattern": "How it behaves",
    "onset": "How it started",
    "gait": "Gait",
    "exam": "Examination tests",
    "neurology": "Neurology",
    "systemic": "General and systemic",
    "risk": "Risk factors",
    "investigation": "Blood tests",
}


def field_name(finding_id: str) -> str:
    """The form field that holds one finding's state."""
    return f"f_{finding_id}"


def red_flag_ids(kb: KnowledgeBase) -> list[str]:
    """The red-flag checklist: hazard-log findings a clinician asks or sees (not blood tests or
    background risk factors, which stay in their own groups), in vocabulary order."""
    flagged = {f for hazard in kb.hazards for f in hazard.finding_ids}
    return [
        f
        for f, finding in kb.findings.items()
        if f in flagged and finding.group not in ("investigation", "risk")
    ]


class BaseAssessForm(FlaskForm):
    age = IntegerField(
        "Age (years)",
        validators=[Optional(), NumberRange(0, 120, "Age must be a whole number from 0 to 120.")],
    )
    sex = SelectField("Sex", choices=SEX_CHOICES, default="")
    no_red_flags = BooleanField("None of these red flags is present")
    q = StringField("Find a finding by lay words", validators=[Optional()])

    def finding_states(self) -> dict[str, str]:
        """Findings answered present or absent; 'none of these' makes unanswered flags absent."""
        states = {}
        for finding_id in self.finding_ids:
            value = getattr(self, field_name(finding_id)).data
            if value in ("present", "absent"):
                states[finding_id] = value
        if self.no_red_flags.data:
            for finding_id in self.red_flags:
                states.setdefault(finding_id, "absent")
        return states

    def validate(self, extra_validators=None) -> bool:
        """Standard validation, plus: the red-flag checklist cannot be skipped silently."""
        valid = super().validate(extra_validators)
        answered = any(
            getattr(self, field_name(f)).data in ("present", "absent") for f in self.red_flags
        )
        if self.red_flags and not answered and not self.no_red_flags.data:
            self.no_red_flags.errors = [
                *self.no_red_flags.errors,
                "Answer the red-flag checklist, or tick 'none of these'.",
            ]
            return False
        return valid

    def validate_no_red_flags(self, field) -> None:
        if field.data and any(
            getattr(self, field_name(f)).data == "present" for f in self.red_flags
        ):
            raise ValidationError(
                "You ticked 'none of these' but marked a red flag present; untick one of them."
            )


@lru_cache(maxsize=4)
def assess_form_class(kb: KnowledgeBase) -> type[BaseAssessForm]:
    """A form class with one radio group per finding of this knowledge base (built once)."""
    attrs = {
        field_name(f.id): RadioField(
            f.label, choices=STATE_CHOICES, default="unknown", validators=[Optional()]
        )
        for f in kb.findings.values()
    }
    attrs["finding_ids"] = tuple(kb.findings)
    attrs["red_flags"] = tuple(red_flag_ids(kb))
    return type("AssessForm", (BaseAssessForm,), attrs)


def grouped_findings(kb: KnowledgeBase) -> list[tuple[str, str, list[str]]]:
    """(group, title, finding ids) in the order a clinician takes a history; red flags apart."""
    flags = set(red_flag_ids(kb))
    groups = []
    for group in GROUP_ORDER:
        ids = [f.id for f in kb.findings.values() if f.group == group and f.id not in flags]
        if ids:
            groups.append((group, GROUP_TITLES[group], ids))
    return groups
