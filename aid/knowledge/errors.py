"""The one error every loader raises, naming file, record and field."""

from __future__ import annotations

from pathlib import Path


class KnowledgeError(Exception):
    """A data file is malformed or refers to something that does not exist."""

    def __init__(
        self, path: str | Path, message: str, record: str | None = None, field: str | None = None
    ) -> None:
        self.path = str(path)
        self.record = record
        self.field = field
        self.message = message
        where = self.path
        if record is not None:
            where += f", record {record}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")
