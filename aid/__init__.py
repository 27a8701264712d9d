"""aid: an open, evidence-based symptom-to-structure teaching and decision-support aid."""

from __future__ import annotations

import os
import sys
from typing import Any

from flask import Flask

from .config import DEFAULTS

REPAIR_COMMANDS = ("check-knowledge", "train-model")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, instance config, AID_* environment, then test overrides."""
    instance = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("AID_INSTANCE_PATH")
    app = Flask(__name__, instance_path=instance, instance_relative_config=True)
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("AID")
    if test_config:
        app.config.update(test_config)
    app.json.sort_keys = False  # keep the contract's field order; sorting also costs time

    from . import cli, db, security, state
    from .knowledge import KnowledgeError

    security.init_app(app)
    db.init_app(app)
    try:
        state.init_app(app)
    except KnowledgeError:
        # These commands must start on broken data: one explains the defect, one rebuilds the
        # model. Everything else refuses to start.
        if not set(REPAIR_COMMANDS) & set(sys.argv):
            raise
    cli.init_app(app)

    register_blueprints(app)
    return app


def register_blueprints(app: Flask) -> None:
    """Mount the API and the HTML areas; the API takes no cookies, so it is exempt from CSRF."""
    from .api import bp as api_bp
    from .api.errors import register_error_handlers
    from .security import csrf
    from .views import anatomy, assess, auth, cases, pages

    csrf.exempt(api_bp)
    auth.login_manager.init_app(app)
    for bp in (api_bp, pages.bp, assess.bp, anatomy.bp, cases.bp, auth.bp):
        app.register_blueprint(bp)
    register_error_handlers(app)
    app.jinja_env.globals["has_endpoint"] = lambda name: name in app.view_functions
