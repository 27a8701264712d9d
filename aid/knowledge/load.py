"""Load one region's knowledge from disk and cross-check every reference between files."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from .anatomy import AnatomyPage, render_markdown
from .base import KnowledgeBase
from .diagrams import check_diagram_ids, load_diagrams
from .errors import KnowledgeError
from .loaders import build, check_refs, read_csv, read_front_matter, read_yaml, unique_by
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
from .rule_records import RuleFile, RuleRecord


def load_sources(folder: Path) -> dict[str, Source]:
    """Merge every CSV in knowledge/sources/, rejecting an id defined twice."""
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise KnowledgeError(folder, "no source files (*.csv) found")
    merged: dict[str, Source] = {}
    for path in files:
        for source in read_csv(path, Source):
            if source.id in merged:
                raise KnowledgeError(
                    path, "source id already defined in another file", source.id, "id"
                )
            merged[source.id] = source
    return merged


def load_rules(folder: Path) -> tuple[list[RuleRecord], dict[str, Path]]:
    """Read every rules/<region>/*.yaml file; remember which file each rule came from."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise KnowledgeError(folder, "no rule files (*.yaml) found")
    rules: list[RuleRecord] = []
    origin: dict[str, Path] = {}
    for path in files:
        data = read_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
            raise KnowledgeError(path, "a rule file is a mapping with a 'rules:' list")
        for index, raw in enumerate(data["rules"]):
            label = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
            rule = build(RuleFile, {"rules": [raw]}, path, str(label)).rules[0]
            if rule.id in origin:
                raise KnowledgeError(path, "duplicate rule id", rule.id, "id")
            origin[rule.id] = path
            rules.append(rule)
    return rules, origin


def load_settings(path: Path) -> dict[str, Setting]:
    """Engine constants, each with a source or an estimate flag."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise KnowledgeError(path, "settings must be a mapping of name -> {value, why, ...}")
    return {name: build(Setting, raw, path, name) for name, raw in data.items()}


def load_anatomy(folder: Path, structures: dict[str, Structure]) -> dict[str, AnatomyPage]:
    """One Markdown page per structure; a structure without a page is an error."""
    pages: dict[str, AnatomyPage] = {}
    for path in sorted(folder.glob("*.md")):
        meta, body = read_front_matter(path)
        page = build(AnatomyPage, {**meta, "html": render_markdown(body)}, path, path.stem)
        if page.id != path.stem:
            raise KnowledgeError(
                path, f"id '{page.id}' does not match the file name", page.id, "id"
            )
        check_refs(path, page.id, "id", [page.id], structures, "structure")
        pages[page.id] = page
    for structure_id in structures:
        if structure_id not in pages:
            raise KnowledgeError(
                folder / f"{structure_id}.md",
                "anatomy page is missing: every structure needs one",
                structure_id,
            )
    return pages


def load_knowledge(
    knowledge_dir: str | Path, rules_dir: str | Path, region: str = "hip"
) -> KnowledgeBase:
    """Load, validate and cross-check a region; raise KnowledgeError on the first defect."""
    root = Path(knowledge_dir)
    here = root / region
    sources = load_sources(root / "sources")
    lexicon = _optional_csv(root / "lexicon.csv", LexiconEntry, "term")
    unique_by(lexicon, root / "lexicon.csv", "term")
    findings = unique_by(read_csv(here / "findings.csv", Finding), here / "findings.csv")
    conditions = unique_by(read_csv(here / "conditions.csv", Condition), here / "conditions.csv")
    structures = unique_by(read_csv(here / "structures.csv", Structure), here / "structures.csv")
    priors_path = here / "priors.csv"
    priors = unique_by(read_csv(priors_path, Prior, "condition_id"), priors_path, "condition_id")
    links = read_csv(here / "condition_structures.csv", ConditionStructure, "condition_id")
    likelihoods = read_csv(here / "likelihoods.csv", Likelihood, "condition_id")
    settings = load_settings(here / "settings.yaml")
    rules, rule_origin = load_rules(Path(rules_dir) / region)
    anatomy = load_anatomy(here / "structures", structures)
    regions = _optional_csv(here / "body_regions.csv", BodyRegion, "region_id")
    hazards = _optional_csv(here / "hazards.csv", Hazard, "hazard_id")
    diagrams = load_diagrams(here / "diagrams")
    if "anatomy" in diagrams:
        check_diagram_ids(
            here / "diagrams" / "anatomy.svg",
            diagrams["anatomy"],
            "data-structure",
            list(structures),
            "structure",
        )
    if "body_map" in diagrams:
        check_diagram_ids(
            here / "diagrams" / "body_map.svg",
            diagrams["body_map"],
            "data-region",
            [r.region_id for r in regions],
            "body region",
        )

    kb = KnowledgeBase(
        region=region,
        sources=MappingProxyType(sources),
        findings=MappingProxyType(findings),
        conditions=MappingProxyType(conditions),
        structures=MappingProxyType(structures),
        priors=MappingProxyType(priors),
        links=tuple(links),
        likelihoods=tuple(likelihoods),
        rules=tuple(rules),
        settings=MappingProxyType(settings),
        anatomy=MappingProxyType(anatomy),
        body_regions=tuple(regions),
        hazards=tuple(hazards),
        diagrams=MappingProxyType(diagrams),
        rule_origin=MappingProxyType(rule_origin),
        lexicon=tuple(lexicon),
    )
    from .crossref import check_cross_references

    check_cross_references(kb, here)
    return kb


def _optional_csv(path: Path, model: type, key: str) -> list:
    return read_csv(path, model, key) if path.exists() else []
