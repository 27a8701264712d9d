"""Persistence on SQLite and on the throwaway PostgreSQL server that `make test` starts."""

import os
import socket
import threading

import pytest

from aid import create_app
from aid.db import Attempt, Commit, db

from helpers import TEST_CONFIG

CASE = "groin_pain_socks_hip_oa"


def backends():
    yield pytest.param("sqlite", id="sqlite")
    yield pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)


@pytest.fixture(params=list(backends()))
def db_app(request, tmp_path):
    if request.param == "sqlite":
        uri = f"sqlite:///{tmp_path / 'aid.sqlite'}"
    else:
        uri = os.environ.get("TEST_POSTGRES_URL")
        if not uri:
            pytest.fail(
                "TEST_POSTGRES_URL is not set: run `make test` (it starts PostgreSQL), "
                "or deselect with -m 'not postgres'"
            )
    app = create_app(TEST_CONFIG | {"SQLALCHEMY_DATABASE_URI": uri})
    yield app
    with app.app_context():
        db.session.remove()  # PostgreSQL: an open transaction would block the cleanup
        db.session.execute(db.delete(Commit))
        db.session.execute(db.delete(Attempt))
        db.session.execute(db.text("DELETE FROM learner"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()  # close pooled connections rather than leaving them to the GC


def test_schema_is_migrated_and_attempts_persist(db_app):
    client = db_app.test_client()
    url = client.post(f"/cases/{CASE}/attempts").location
    client.post(url, data={"pick_1": "hip_osteoarthritis", "triage": "routine"})
    with db_app.app_context():
        attempt = db.session.scalar(db.select(Attempt))
        assert attempt.case_id == CASE and attempt.stage == 1
        assert attempt.commits[0].differential == ["hip_osteoarthritis"]


def test_learners_are_isolated(db_app):
    alice, bob = db_app.test_client(), db_app.test_client()
    for client, name in ((alice, "alice"), (bob, "bob")):
        client.post("/auth/signup", data={"username": name, "password": "long-enough"})
    url = alice.post(f"/cases/{CASE}/attempts").location
    assert bob.get(url).status_code == 404
    assert bob.post(url, data={"pick_1": "labral_tear"}).status_code == 404
    with db_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Commit)) == 0


def test_concurrent_submissions_lose_nothing(db_app):
    """Eight browsers each start an attempt and commit at every stage, all at once."""
    errors = []
    barrier = threading.Barrier(8)

    def learner(index: int) -> None:
        try:
            client = db_app.test_client()
            barrier.wait()
            url = client.post(f"/cases/{CASE}/attempts").location
            for stage in range(4):
                response = client.post(
                    url,
                    data={
                        "pick_1": "hip_osteoarthritis",
                        "pick_2": "labral_tear",
                        "triage": "routine",
                    },
                )
                assert response.status_code == 302, (index, stage, response.status_code)
        except Exception as exc:  # collected and asserted below, not swallowed
            errors.append(exc)

    threads = [threading.Thread(target=learner, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    with db_app.app_context():
        attempts = db.session.scalars(db.select(Attempt)).all()
        assert len(attempts) == 8
        assert all(a.finished_at is not None for a in attempts)
        assert sum(len(a.commits) for a in attempts) == 8 * 4


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_database_down_assessment_still_works_and_saving_says_so():
    url = f"postgresql+psycopg://aid@127.0.0.1:{closed_port()}/aid?connect_timeout=2"
    app = create_app(TEST_CONFIG | {"SQLALCHEMY_DATABASE_URI": url})
    client = app.test_client()
    assess = client.post("/api/v1/assess", json={"findings": {"groin_pain": "present"}})
    assert assess.status_code == 200
    start = client.post(f"/cases/{CASE}/attempts", follow_redirects=True)
    assert b"Could not save: the database is unavailable" in start.data
    assert client.get("/assess").status_code == 200
    with app.app_context():
        db.engine.dispose()
