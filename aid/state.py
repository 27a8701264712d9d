"""The loaded knowledge, prepared model, search index and cases, shared by every request."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app

from .engine import EngineModel
from .knowledge import KnowledgeBase, load_knowledge
from .knowledge.case_loader import CaseLibrary, load_cases
from .ml.predict import load_engine_model

if TYPE_CHECKING:
    from .knowledge.search import FindingSearch


@dataclass(frozen=True)
class AidState:
    kb: KnowledgeBase
    model: EngineModel
    cases: CaseLibrary

    @cached_property
    def search(self) -> FindingSearch:
        """The lay-word index, built on first use (it is not needed to start serving)."""
        from .knowledge.search import FindingSearch

        return FindingSearch(self.kb)


@lru_cache(maxsize=8)
def load_state(
    knowledge_dir: str,
    rules_dir: str,
    cases_dir: str,
    models_dir: str,
    region: str,
    use_classifier: bool,
) -> AidState:
    """Load and validate everything once per set of folders (cached: the data are immutable)."""
    kb = load_knowledge(knowledge_dir, rules_dir, region)
    model = load_engine_model(kb, Path(models_dir), use_classifier)
    return AidState(kb=kb, model=model, cases=load_cases(Path(cases_dir) / region, kb))


def state_from_config(config: Any) -> AidState:
    """The state for an app's configuration."""
    return load_state(
        config["KNOWLEDGE_DIR"],
        config["RULES_DIR"],
        config["CASES_DIR"],
        config["MODELS_DIR"],
        config["REGION"],
        config.get("USE_CLASSIFIER", True),
    )


def init_app(app: Flask) -> None:
    """Load the knowledge at start-up; a defect stops the app with the file and field named."""
    app.extensions["aid"] = state_from_config(app.config)


def aid() -> AidState:
    """The state of the current app."""
    return current_app.extensions["aid"]
