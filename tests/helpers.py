"""Constants and helpers shared by the test folders (import as `from helpers import ...`)."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT.parent / "shared" / "contract"
TEST_CONFIG = {
    "TESTING": True,
    "WTF_CSRF_ENABLED": False,
    "SECRET_KEY": "test-secret",
    "RATELIMIT_ENABLED": False,
    "SQLALCHEMY_DATABASE_URI": "sqlite://",
}


def contract_rows(name: str) -> list[dict[str, str]]:
    """Rows of a contract vocabulary file (shared/contract/<name>)."""
    with (CONTRACT / name).open(newline="") as handle:
        return list(csv.DictReader(handle))
