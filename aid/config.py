"""Paths and defaults: every location is resolved here once and can be overridden in app.config."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "REGION": "hip",
    "KNOWLEDGE_DIR": str(PROJECT_ROOT / "knowledge"),
    "RULES_DIR": str(PROJECT_ROOT / "rules"),
    "CASES_DIR": str(PROJECT_ROOT / "cases"),
    "MODELS_DIR": str(PROJECT_ROOT / "models"),
    # The API contract caps request bodies at 64 KiB; forms are far smaller.
    "MAX_CONTENT_LENGTH": 64 * 1024,
}
