"""The JSON API under /api/v1 (the contract in shared/contract/API.md), rate limited."""

from flask import Blueprint, current_app

from ..security import limiter

bp = Blueprint("api", __name__, url_prefix="/api/v1")
limiter.limit(lambda: current_app.config["RATELIMIT_API"])(bp)

from . import routes  # noqa: E402,F401
