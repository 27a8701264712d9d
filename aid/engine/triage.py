"""Triage: the highest level any fired rule sets, with every rule that set it and its citation."""

from __future__ import annotations

from collections.abc import Iterable

from ..knowledge import KnowledgeBase
from ..knowledge.records import TRIAGE_ORDER
from .result import Triage, TriageReason
from .rules import CompiledRule


def reason(kb: KnowledgeBase, rule: CompiledRule) -> TriageReason:
    """A triage reason that names the rule and cites its source (or says it is an estimate)."""
    record = rule.record
    citation = kb.cite(record.source) if record.source else "Estimate (no published figure)"
    return TriageReason(
        rule=record.id,
        level=record.then.triage or "routine",
        text=f"{record.then.text} [{citation}]",
        sources=list(record.source),
        citation=citation,
        estimate=record.estimate,
    )


def decide(kb: KnowledgeBase, fired: Iterable[CompiledRule]) -> Triage:
    """Take the most urgent level among fired triage-setting rules; routine when none fired."""
    setting = [rule for rule in fired if rule.record.then.triage]
    if not setting:
        return Triage(level="routine", reasons=[])
    level = max((rule.record.then.triage for rule in setting), key=TRIAGE_ORDER.__getitem__)
    reasons = [reason(kb, rule) for rule in setting if rule.record.then.triage == level]
    others = [reason(kb, rule) for rule in setting if rule.record.then.triage != level]
    others.sort(key=lambda r: -TRIAGE_ORDER[r.level])
    return Triage(level=level, reasons=reasons, other_flags=others)
