"""Secret key and security headers."""

from __future__ import annotations

import secrets
from pathlib import Path

from flask import Flask


def secret_key(instance_path: str) -> str:
    """Read the secret key from the instance folder, creating a random one on first start."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def init_app(app: Flask) -> None:
    """Set a secret key (environment first, else a generated one kept in the instance folder)."""
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(app.instance_path)
