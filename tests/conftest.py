"""Shared fixtures: the app built by the real factory, its client and CLI runner, the knowledge."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from aid import create_app

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT.parent / "shared" / "contract"
TEST_CONFIG = {
    "TESTING": True,
    "WTF_CSRF_ENABLED": False,
    "SECRET_KEY": "test-secret",
    "RATELIMIT_ENABLED": False,
}


def contract_rows(name: str) -> list[dict[str, str]]:
    """Rows of a contract vocabulary file (shared/contract/<name>)."""
    with (CONTRACT / name).open(newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def app():
    return create_app(dict(TEST_CONFIG))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def state(app):
    return app.extensions["aid"]


@pytest.fixture(scope="session")
def kb(state):
    return state.kb


@pytest.fixture(scope="session")
def model(state):
    return state.model


@pytest.fixture
def assess(client):
    """POST a case to the API and return the JSON body (asserting 200)."""

    def _assess(age: int | None = None, sex: str | None = None, **findings: str) -> dict:
        body: dict = {"findings": findings}
        if age is not None:
            body["age"] = age
        if sex is not None:
            body["sex"] = sex
        response = client.post("/api/v1/assess", json=body)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return _assess
