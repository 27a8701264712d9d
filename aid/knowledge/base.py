"""The immutable knowledge base: one region's findings, conditions, rules and pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .anatomy import AnatomyPage
from .records import (
    BodyRegion,
    Condition,
    ConditionStructure,
    Finding,
    Hazard,
    LexiconEntry,
    Likelihood,
    Prior,
    Setting,
    Source,
    Structure,
)
from .rule_records import RuleRecord


@dataclass(frozen=True, eq=False)
class KnowledgeBase:
    """Everything loaded and cross-checked for one region; never mutated after load."""

    region: str
    sources: MappingProxyType[str, Source]
    findings: MappingProxyType[str, Finding]
    conditions: MappingProxyType[str, Condition]
    structures: MappingProxyType[str, Structure]
    priors: MappingProxyType[str, Prior]
    links: tuple[ConditionStructure, ...]
    likelihoods: tuple[Likelihood, ...]
    rules: tuple[RuleRecord, ...]
    settings: MappingProxyType[str, Setting]
    anatomy: MappingProxyType[str, AnatomyPage]
    body_regions: tuple[BodyRegion, ...] = ()
    hazards: tuple[Hazard, ...] = ()
    diagrams: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))
    rule_origin: MappingProxyType[str, Path] = field(default_factory=lambda: MappingProxyType({}))
    lexicon: tuple[LexiconEntry, ...] = ()  # shared by every region: knowledge/lexicon.csv

    def setting(self, name: str) -> Any:
        """Return the value of an engine setting."""
        return self.settings[name].value

    def structures_of(self, condition_id: str) -> list[str]:
        """Structure ids linked to a condition, primary ones first."""
        order = {"primary": 0, "secondary": 1, "referred": 2}
        links = [link for link in self.links if link.condition_id == condition_id]
        return [link.structure_id for link in sorted(links, key=lambda x: order[x.role])]

    def conditions_of(self, structure_id: str) -> list[str]:
        """Condition ids that involve a structure."""
        return [link.condition_id for link in self.links if link.structure_id == structure_id]

    def rules_of(self, condition_id: str) -> list[RuleRecord]:
        """Rules whose effects touch a condition."""
        return [rule for rule in self.rules if condition_id in rule.then.conditions]

    def likelihoods_of(self, condition_id: str) -> list[Likelihood]:
        """Evidence rows for one condition."""
        return [row for row in self.likelihoods if row.condition_id == condition_id]

    def cite(self, source_ids: list[str]) -> str:
        """Short citation text for a list of source ids."""
        return "; ".join(self.sources[s].citation.split(".")[0] for s in source_ids)
