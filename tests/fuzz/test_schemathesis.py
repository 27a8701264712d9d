"""Schemathesis over the OpenAPI document: generated requests to every operation, no 5xx, every
4xx in the contract's error shape, responses matching the schema."""

import schemathesis
from hypothesis import HealthCheck, settings

from aid import create_app

from helpers import TEST_CONFIG

APP = create_app(TEST_CONFIG)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
CALLS = {"n": 0}


@schema.parametrize()
@settings(max_examples=160, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_operations(case):
    response = case.call_and_validate()
    CALLS["n"] += 1
    assert response.status_code < 500
    if 400 <= response.status_code < 500:
        error = response.json()["error"]
        assert error["code"] and error["message"] and isinstance(error["fields"], list)


def test_at_least_a_thousand_requests_were_generated():
    """Runs after the parametrised test in this module (file order)."""
    assert CALLS["n"] >= 1000, CALLS["n"]
