"""Readers for CSV, YAML and Markdown-with-front-matter files; defects become KnowledgeError."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import KnowledgeError

M = TypeVar("M", bound=BaseModel)
# libyaml's safe loader is about ten times faster; fall back to the pure-Python one without it.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def build(model: type[M], data: Any, path: Path, record: str | None) -> M:
    """Validate one mapping into a record, naming file, record and field on failure."""
    if not isinstance(data, dict):
        raise KnowledgeError(path, f"expected a mapping, got {type(data).__name__}", record)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        message = first["msg"]
        if first["type"] == "extra_forbidden":
            message = "unknown key (check the spelling against knowledge/README.md)"
        raise KnowledgeError(path, message, record, field) from None


def read_csv(path: Path, model: type[M], key: str = "id") -> list[M]:
    """Read a CSV file into validated records; the error names the row (by key or line)."""
    if not path.is_file():
        raise KnowledgeError(path, "file is missing")
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise KnowledgeError(path, f"not a readable UTF-8 CSV file ({exc})") from None
    records = []
    for line, row in enumerate(rows, start=2):
        label = f"{row.get(key) or '?'} (line {line})"
        if None in row:
            raise KnowledgeError(path, "row has more cells than the header", label)
        missing = [name for name, value in row.items() if value is None]
        if missing:
            raise KnowledgeError(path, "row has fewer cells than the header", label, missing[0])
        records.append(build(model, row, path, label))
    return records


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, reporting syntax errors with the file name and line."""
    if not path.is_file():
        raise KnowledgeError(path, "file is missing")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise KnowledgeError(path, f"invalid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except UnicodeDecodeError:
        raise KnowledgeError(path, "not a UTF-8 text file") from None


def read_front_matter(path: Path) -> tuple[dict[str, Any], str]:
    """Split a Markdown file into its YAML front matter and body."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        raise KnowledgeError(
            path, "Markdown page must start with YAML front matter between --- lines"
        )
    meta_text, closed, rest = text[3:].partition("\n---")
    if not closed:
        raise KnowledgeError(path, "front matter is not closed by a --- line")
    try:
        meta = yaml.load(meta_text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise KnowledgeError(path, f"invalid YAML front matter: {exc}") from None
    body = rest.split("\n", 1)[1] if "\n" in rest else ""
    if not isinstance(meta, dict):
        raise KnowledgeError(path, "front matter must be a YAML mapping")
    return meta, body


def unique_by(records: Iterable[Any], path: Path, attr: str = "id") -> dict[str, Any]:
    """Index records by id, rejecting duplicates."""
    index: dict[str, Any] = {}
    for record in records:
        value = getattr(record, attr)
        if value in index:
            raise KnowledgeError(path, "duplicate id", value, attr)
        index[value] = record
    return index


def check_refs(
    path: Path, record: str, field: str, ids: Iterable[str], known: dict | set, what: str
) -> None:
    """Raise when any id is not among the known ids, suggesting the closest."""
    for ident in ids:
        if ident not in known:
            from difflib import get_close_matches

            near = get_close_matches(ident, list(known), n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise KnowledgeError(path, f"unknown {what} '{ident}'{hint}", record, field)
