"""Every kind of bad input gets a 400 (413 for size) in the contract's error shape."""

import json

import pytest

BAD = {
    "unknown finding": ({"findings": {"lateral_hip_pian": "present"}}, "unknown_finding"),
    "bad state": ({"findings": {"lateral_hip_pain": "yes"}}, "bad_state"),
    "unknown state casing": ({"findings": {"limp": "Present"}}, "bad_state"),
    "age too high": ({"age": 200, "findings": {"limp": "present"}}, "bad_age"),
    "age negative": ({"age": -1, "findings": {"limp": "present"}}, "bad_age"),
    "age not int": ({"age": "ten", "findings": {"limp": "present"}}, "bad_age"),
    "age float": ({"age": 10.5, "findings": {"limp": "present"}}, "bad_age"),
    "age boolean": ({"age": True, "findings": {"limp": "present"}}, "bad_age"),
    "bad sex": ({"sex": "f", "findings": {"limp": "present"}}, "bad_sex"),
    "findings missing": ({"age": 30}, "missing_findings"),
    "findings a list": ({"findings": ["limp"]}, "bad_findings"),
    "extra field": ({"findings": {}, "diagnosis": "x"}, "unknown_field"),
}


def error_of(response):
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["fields"], list)
    return error


@pytest.mark.parametrize("name", BAD)
def test_bad_input_is_400_in_contract_shape(client, name):
    body, code = BAD[name]
    response = client.post("/api/v1/assess", json=body)
    assert response.status_code == 400
    assert error_of(response)["code"] == code


def test_unknown_finding_suggests_nearest(client):
    response = client.post("/api/v1/assess", json={"findings": {"lateral_hip_pian": "present"}})
    error = error_of(response)
    assert "lateral_hip_pian" in error["message"]
    assert "lateral_hip_pain" in error["message"]
    assert error["fields"] == ["findings.lateral_hip_pian"]


@pytest.mark.parametrize("raw", ["[1,2]", '"text"', "42", "null", "{not json", ""])
def test_body_not_an_object(client, raw):
    response = client.post("/api/v1/assess", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] in {"not_an_object", "bad_json"}


def test_body_over_64_kib(client):
    body = json.dumps({"findings": {"limp": "present"}, "pad": "x" * 70000})
    response = client.post("/api/v1/assess", data=body, content_type="application/json")
    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large"


def test_bad_request_changes_nothing(client):
    good = {"age": 40, "findings": {"buttock_pain": "present"}}
    before = client.post("/api/v1/assess", json=good).get_json()
    client.post("/api/v1/assess", json={"findings": {"buttock_pain": "maybe"}})
    after = client.post("/api/v1/assess", json=good).get_json()
    assert before == after


def test_unknown_api_route_is_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
