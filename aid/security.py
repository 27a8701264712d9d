"""Secret key, CSRF, security headers (strict CSP without unsafe-inline) and rate limits."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


def secret_key(instance_path: str) -> str:
    """Read the secret key from the instance folder, creating a random one on first start."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def init_app(app: Flask) -> None:
    """Secret key from AID_SECRET_KEY or the instance folder; CSRF; headers; limits."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(app.instance_path)
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    csrf.init_app(app)
    Talisman(
        app,
        content_security_policy=CSP,
        force_https=app.config.get("FORCE_HTTPS", False),
        session_cookie_secure=app.config.get("FORCE_HTTPS", False),
        frame_options="DENY",
        referrer_policy="same-origin",
    )
    app.config.setdefault("RATELIMIT_API", "300/minute")
    app.config.setdefault("RATELIMIT_LOGIN", "10/minute")
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    limiter.init_app(app)
