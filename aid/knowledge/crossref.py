"""Cross-file checks: every id a file mentions must be defined where it belongs."""

from __future__ import annotations

from pathlib import Path

from .base import KnowledgeBase
from .errors import KnowledgeError
from .loaders import check_refs

REQUIRED_SETTINGS = (
    "lr_pos_max",
    "lr_pos_min",
    "lr_neg_min",
    "lr_neg_max",
    "prior_floor",
    "prior_weight",
    "evidence_weight",
    "background_rate",
    "age_band_population",
    "role_weight",
    "next_findings_count",
)


def check_cross_references(kb: KnowledgeBase, here: Path) -> None:
    """Raise KnowledgeError naming the file, record and field of the first dangling reference."""
    missing = [name for name in REQUIRED_SETTINGS if name not in kb.settings]
    if missing:
        raise KnowledgeError(here / "settings.yaml", f"missing setting(s) {', '.join(missing)}")
    _check_tables(kb, here)
    _check_rules(kb)
    _check_pages(kb, here)


def _check_tables(kb: KnowledgeBase, here: Path) -> None:
    path = here / "priors.csv"
    for condition_id in kb.conditions:
        if condition_id not in kb.priors:
            raise KnowledgeError(path, "every condition needs a prior row", condition_id)
    for prior in kb.priors.values():
        check_refs(
            path,
            prior.condition_id,
            "condition_id",
            [prior.condition_id],
            kb.conditions,
            "condition",
        )
        check_refs(path, prior.condition_id, "source", prior.source, kb.sources, "source")
    path = here / "condition_structures.csv"
    for link in kb.links:
        record = f"{link.condition_id}/{link.structure_id}"
        check_refs(path, record, "condition_id", [link.condition_id], kb.conditions, "condition")
        check_refs(path, record, "structure_id", [link.structure_id], kb.structures, "structure")
        check_refs(path, record, "source", link.source, kb.sources, "source")
    for condition_id in kb.conditions:
        if not kb.structures_of(condition_id):
            raise KnowledgeError(path, "condition has no linked structure", condition_id)
    path = here / "likelihoods.csv"
    seen: set[tuple[str, str]] = set()
    for row in kb.likelihoods:
        record = f"{row.condition_id}/{row.finding_id}"
        check_refs(path, record, "condition_id", [row.condition_id], kb.conditions, "condition")
        check_refs(path, record, "finding_id", [row.finding_id], kb.findings, "finding")
        check_refs(path, record, "source", row.source, kb.sources, "source")
        if (row.condition_id, row.finding_id) in seen:
            raise KnowledgeError(path, "duplicate condition/finding pair", record)
        seen.add((row.condition_id, row.finding_id))
    for name, setting in kb.settings.items():
        check_refs(here / "settings.yaml", name, "source", setting.source, kb.sources, "source")
    for region in kb.body_regions:
        check_refs(
            here / "body_regions.csv",
            region.region_id,
            "finding_ids",
            region.finding_ids,
            kb.findings,
            "finding",
        )
        check_refs(
            here / "body_regions.csv",
            region.region_id,
            "structure_ids",
            region.structure_ids,
            kb.structures,
            "structure",
        )


def _check_rules(kb: KnowledgeBase) -> None:
    for rule in kb.rules:
        path = kb.rule_origin[rule.id]
        check_refs(path, rule.id, "source", rule.source, kb.sources, "source")
        check_refs(
            path, rule.id, "then.conditions", rule.then.conditions, kb.conditions, "condition"
        )
        for kind in ("fires", "does_not_fire"):
            for example in getattr(rule.examples, kind):
                check_refs(
                    path, rule.id, f"examples.{kind}", example.findings, kb.findings, "finding"
                )
                check_refs(
                    path,
                    rule.id,
                    f"examples.{kind}",
                    example.probabilities,
                    kb.conditions,
                    "condition",
                )


def _check_pages(kb: KnowledgeBase, here: Path) -> None:
    for page in kb.anatomy.values():
        path = here / "structures" / f"{page.id}.md"
        check_refs(path, page.id, "tests", page.tests, kb.findings, "finding")
        check_refs(path, page.id, "sources", page.sources, kb.sources, "source")
    rule_ids = {rule.id for rule in kb.rules}
    for hazard in kb.hazards:
        path = here / "hazards.csv"
        check_refs(
            path, hazard.hazard_id, "guarding_rules", hazard.guarding_rules, rule_ids, "rule"
        )
        check_refs(
            path, hazard.hazard_id, "finding_ids", hazard.finding_ids, kb.findings, "finding"
        )
        if hazard.condition_id:
            check_refs(
                path,
                hazard.hazard_id,
                "condition_id",
                [hazard.condition_id],
                kb.conditions,
                "condition",
            )
