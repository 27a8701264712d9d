"""Load evaluation vignettes and teaching cases, checking every id they mention."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .base import KnowledgeBase
from .cases import TeachingCase, Vignette
from .errors import KnowledgeError
from .loaders import build, check_refs, read_yaml


@dataclass(frozen=True)
class CaseLibrary:
    vignettes: tuple[Vignette, ...]  # public evaluation set: never used to choose anything
    teaching: MappingProxyType[str, TeachingCase]
    development: tuple[Vignette, ...] = ()  # published cases kept apart to choose weights


def load_cases(folder: Path, kb: KnowledgeBase) -> CaseLibrary:
    """Read vignettes/*.yaml and development/*.yaml (lists of vignettes) and teaching/*.yaml
    (one case each). A development case may not share a source with an evaluation vignette, so
    choosing weights on it cannot leak the evaluation set."""
    seen: set[str] = set()
    vignettes = _read_vignettes(folder / "vignettes", kb, seen)
    development = _read_vignettes(folder / "development", kb, seen)
    evaluation_sources = {v.source for v in vignettes}
    for case in development:
        if case.source in evaluation_sources:
            raise KnowledgeError(
                folder / "development",
                "a development case cites a source used by an evaluation vignette; "
                "pick another published case",
                case.id,
                "source",
            )
    teaching: dict[str, TeachingCase] = {}
    for path in sorted((folder / "teaching").glob("*.yaml")):
        case = build(TeachingCase, read_yaml(path), path, path.stem)
        if case.id != path.stem:
            raise KnowledgeError(
                path, f"id '{case.id}' does not match the file name", case.id, "id"
            )
        _check_teaching(path, case, kb)
        teaching[case.id] = case
    return CaseLibrary(tuple(vignettes), MappingProxyType(teaching), tuple(development))


def _read_vignettes(folder: Path, kb: KnowledgeBase, seen: set[str]) -> list[Vignette]:
    """Every vignette in a folder of YAML lists, ids unique across folders."""
    vignettes: list[Vignette] = []
    for path in sorted(folder.glob("*.yaml")):
        data = read_yaml(path)
        if not isinstance(data, list):
            raise KnowledgeError(path, "a vignette file is a YAML list of vignettes")
        for index, raw in enumerate(data):
            label = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
            vignette = build(Vignette, raw, path, str(label))
            if vignette.id in seen:
                raise KnowledgeError(path, "duplicate vignette id", vignette.id, "id")
            seen.add(vignette.id)
            _check_vignette(path, vignette, kb)
            vignettes.append(vignette)
    return vignettes


def _check_vignette(path: Path, v: Vignette, kb: KnowledgeBase) -> None:
    check_refs(path, v.id, "findings", v.findings, kb.findings, "finding")
    check_refs(path, v.id, "diagnosis", [v.diagnosis, *v.acceptable], kb.conditions, "condition")
    check_refs(path, v.id, "structures", v.structures, kb.structures, "structure")
    check_refs(path, v.id, "source", [v.source], kb.sources, "source")


def _check_teaching(path: Path, case: TeachingCase, kb: KnowledgeBase) -> None:
    for stage in case.stages:
        check_refs(
            path, case.id, f"stages.{stage.name}.findings", stage.findings, kb.findings, "finding"
        )
    ids = [case.diagnosis, *case.expected_differential, *case.must_consider]
    check_refs(path, case.id, "expected_differential", ids, kb.conditions, "condition")
    check_refs(path, case.id, "structures", case.structures, kb.structures, "structure")
    check_refs(path, case.id, "sources", case.sources, kb.sources, "source")
