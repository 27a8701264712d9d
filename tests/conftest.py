"""Shared fixtures: the app built by the real factory, its client and CLI runner, the knowledge."""

from __future__ import annotations

import pytest

from aid import create_app

from helpers import TEST_CONFIG


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
