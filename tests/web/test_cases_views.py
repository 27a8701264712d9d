"""Case walkthroughs through the test client: stages, commits, debrief, accounts, ownership."""

import pytest

from aid import create_app

from helpers import TEST_CONFIG

CASE = "lateral_hip_pain_walker_gtps"


def play(client, case_id=CASE, picks=("greater_trochanteric_pain_syndrome",), triage="routine"):
    """Start a case and commit the same list at every stage; return the attempt URL."""
    start = client.post(f"/cases/{case_id}/attempts")
    assert start.status_code == 302
    url = start.location
    for _ in range(10):
        data = {f"pick_{i + 1}": p for i, p in enumerate(picks)} | {"triage": triage}
        response = client.post(url, data=data)
        if response.location.endswith("/debrief"):
            return url
    raise AssertionError("the case never finished")


def signup(client, name):
    response = client.post("/auth/signup", data={"username": name, "password": "correct-horse"})
    assert response.status_code == 302, response.data
    return response


def test_stages_are_revealed_one_at_a_time(client, state):
    case = state.cases.teaching[CASE]
    url = client.post(f"/cases/{CASE}/attempts").location
    first = client.get(url).get_data(as_text=True)
    assert case.stages[0].text in first and case.stages[1].text not in first
    client.post(url, data={})
    second = client.get(url).get_data(as_text=True)
    assert case.stages[1].text in second and case.stages[2].text not in second


def test_debrief_scores_and_compares(client, state):
    url = play(client, picks=("gluteal_tendinopathy", "greater_trochanteric_pain_syndrome"))
    page = client.get(url + "/debrief").get_data(as_text=True)
    assert "you ranked it <strong>#2</strong>" in page
    assert "How the ranking moved" in page
    for stage in state.cases.teaching[CASE].stages:
        assert stage.name in page
    assert "/anatomy/" in page


def test_unsafe_triage_and_missed_must_not_miss_are_reported(client):
    url = play(
        client,
        case_id="febrile_toddler_wont_walk",
        picks=("transient_synovitis",),
        triage="routine",
    )
    page = client.get(url + "/debrief").get_data(as_text=True)
    assert "yours was less urgent (unsafe)" in page
    assert "not in your final list" in page
    assert "you did not name" in page


def test_one_learner_cannot_read_or_change_anothers_attempt(app):
    alice, bob = app.test_client(), app.test_client()
    signup(alice, "alice_isolation")
    signup(bob, "bob_isolation")
    url = play(alice)
    assert bob.get(url).status_code == 404
    assert bob.get(url + "/debrief").status_code == 404
    assert bob.post(url, data={"pick_1": "labral_tear"}).status_code == 404
    assert "alice" not in bob.get("/progress").get_data(as_text=True)
    anonymous = app.test_client()
    assert anonymous.get(url + "/debrief").status_code == 404


def test_anonymous_use_works_and_is_adopted_on_signup(app):
    client = app.test_client()
    play(client)
    assert "1 finished of 1 started" in client.get("/progress").get_data(as_text=True)
    signup(client, "carol_adopts")
    page = client.get("/progress").get_data(as_text=True)
    assert "carol_adopts" in page and "1 finished of 1 started" in page


def test_login_logout_and_wrong_password(app):
    client = app.test_client()
    signup(client, "dave_login")
    client.post("/auth/logout")
    wrong = client.post("/auth/login", data={"username": "dave_login", "password": "nope-nope"})
    assert wrong.status_code == 400 and b"wrong" in wrong.data
    right = client.post("/auth/login", data={"username": "dave_login", "password": "correct-horse"})
    assert right.status_code == 302


def test_password_is_hashed(app):
    from aid.db import Learner, db

    client = app.test_client()
    signup(client, "erin_hash")
    with app.app_context():
        learner = db.session.scalar(db.select(Learner).filter_by(username="erin_hash"))
        assert learner.password_hash != "correct-horse"
        assert learner.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_duplicate_username_is_refused(app):
    signup(app.test_client(), "frank_dup")
    again = app.test_client().post(
        "/auth/signup", data={"username": "frank_dup", "password": "another-pass"}
    )
    assert again.status_code == 400 and b"taken" in again.data


@pytest.fixture
def csrf_app(tmp_path):
    return create_app(TEST_CONFIG | {"WTF_CSRF_ENABLED": True})


@pytest.mark.parametrize(
    "path,data",
    [
        ("/assess", {"action": "assess", "no_red_flags": "y"}),
        (f"/cases/{CASE}/attempts", {}),
        ("/auth/signup", {"username": "mallory", "password": "password123"}),
        ("/auth/login", {"username": "mallory", "password": "password123"}),
        ("/auth/logout", {}),
    ],
)
def test_every_form_requires_csrf(csrf_app, path, data):
    response = csrf_app.test_client().post(path, data=data)
    assert response.status_code == 400


def test_login_is_rate_limited():
    app = create_app(TEST_CONFIG | {"RATELIMIT_ENABLED": True, "RATELIMIT_LOGIN": "3/minute"})
    client = app.test_client()
    codes = [
        client.post("/auth/login", data={"username": "x", "password": "y" * 8}).status_code
        for _ in range(5)
    ]
    assert codes[:3] == [400, 400, 400] and codes[-1] == 429


def test_cases_api_hides_answers_until_all_revealed(client, state):
    listed = client.get("/api/v1/cases").get_json()["cases"]
    assert len(listed) == len(state.cases.teaching)
    assert all("diagnosis" not in c for c in listed)
    case = state.cases.teaching[CASE]
    first = client.get(f"/api/v1/cases/{CASE}").get_json()
    assert len(first["stage_detail"]) == 1 and "answer" not in first
    assert case.diagnosis not in str(first)
    full = client.get(f"/api/v1/cases/{CASE}?reveal={len(case.stages)}").get_json()
    assert full["answer"]["diagnosis"] == case.diagnosis
    beyond = client.get(f"/api/v1/cases/{CASE}?reveal=20").get_json()
    assert beyond["revealed"] == len(case.stages) and "answer" in beyond


@pytest.mark.parametrize("query", ["reveal=0", "reveal=21", "reveal=two", "reveal=-1"])
def test_cases_api_bad_reveal(client, query):
    response = client.get(f"/api/v1/cases/{CASE}?{query}")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_reveal"
