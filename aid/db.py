"""Persistence: SQLAlchemy models for learners, attempts and commits; SQLite by default.

The database is optional for the aid itself: assessment never touches it, and a database that is
down only makes saving a case attempt fail with a clear message.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask
from flask_login import UserMixin
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
log = logging.getLogger(__name__)


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Learner(UserMixin, db.Model):
    __tablename__ = "learner"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=now)


class Attempt(db.Model):
    """One learner's (or one anonymous browser's) run through a teaching case."""

    __tablename__ = "attempt"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(String(80), index=True)
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("learner.id"), index=True)
    anon_token: Mapped[str | None] = mapped_column(String(64), index=True)
    stage: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime] = mapped_column(default=now)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    correct_rank: Mapped[int | None] = mapped_column(default=None)
    triage_safe: Mapped[bool | None] = mapped_column(default=None)
    must_consider_met: Mapped[bool | None] = mapped_column(default=None)
    commits: Mapped[list[Commit]] = relationship(
        back_populates="attempt", order_by="Commit.id", cascade="all, delete-orphan"
    )


class Commit(db.Model):
    """A differential (up to five conditions) and a triage level committed at one stage."""

    __tablename__ = "commit"
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    stage: Mapped[int]
    differential: Mapped[list] = mapped_column(JSON)
    triage: Mapped[str | None] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(default=now)
    attempt: Mapped[Attempt] = relationship(back_populates="commits")


def database_uri(app: Flask) -> str:
    """DATABASE_URL (PostgreSQL in production) or SQLite in the instance folder."""
    url = app.config.get("DATABASE_URL") or os.environ.get("DATABASE_URL")
    if url and url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url or f"sqlite:///{Path(app.instance_path) / 'aid.sqlite'}"


def init_app(app: Flask) -> None:
    """Configure the engine and migrate the schema; a database that is down is logged, not fatal."""
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", database_uri(app))
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    db.init_app(app)
    auto = app.config.get("AUTO_MIGRATE", True)
    if not auto and "db" not in sys.argv:
        return  # alembic is only imported when the schema is migrated (start-up time)
    from flask_migrate import Migrate, upgrade

    Migrate(app, db, directory=str(MIGRATIONS))
    if auto:
        with app.app_context():
            try:
                upgrade(directory=str(MIGRATIONS))
            except SQLAlchemyError as exc:
                log.warning(
                    "database unavailable at start-up; case attempts cannot be saved: %s",
                    exc.__class__.__name__,
                )
