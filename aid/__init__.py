"""aid: an open, evidence-based symptom-to-structure teaching and decision-support aid."""

from __future__ import annotations

import sys
from typing import Any

from flask import Flask

from .config import DEFAULTS


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, instance config, AID_* environment, then test overrides."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("AID")
    if test_config:
        app.config.update(test_config)

    from . import cli, security, state
    from .knowledge import KnowledgeError

    security.init_app(app)
    try:
        state.init_app(app)
    except KnowledgeError:
        # `flask check-knowledge` must be able to start and explain the defect; nothing else may.
        if "check-knowledge" not in sys.argv:
            raise
    cli.init_app(app)

    from .api import bp as api_bp
    from .api.errors import register_error_handlers

    app.register_blueprint(api_bp)
    register_error_handlers(app)
    return app
