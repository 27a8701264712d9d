"""Server-rendered pages through the test client: notice everywhere, triage first, no-JS search,
JSON export."""

import re

import pytest

NOTICE = "Teaching and decision support, not a diagnosis"
HTML_ROUTES = [
    "/",
    "/assess",
    "/conditions",
    "/conditions/hip_fracture",
    "/anatomy/",
    "/anatomy/piriformis",
    "/sources",
    "/safety",
    "/cases",
    "/cases/febrile_toddler_wont_walk",
    "/progress",
    "/auth/login",
    "/auth/signup",
]


@pytest.mark.parametrize("path", HTML_ROUTES)
def test_every_page_carries_the_notice(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert NOTICE in response.get_data(as_text=True)


def test_results_show_triage_before_the_ranking(client):
    page = client.post(
        "/assess",
        data={"action": "assess", "f_fever": "present", "f_groin_pain": "present", "age": "6"},
    ).get_data(as_text=True)
    assert "Triage: EMERGENCY" in page
    assert page.index('id="triage"') < page.index('id="conditions-title"')
    assert page.index('id="triage"') < page.index('id="structures-title"')


def test_search_without_javascript_keeps_answers(client):
    page = client.post(
        "/assess", data={"action": "search", "q": "I limp", "age": "7", "f_groin_pain": "present"}
    ).get_data(as_text=True)
    assert 'id="match-limp"' in page
    assert 'value="7"' in page
    assert re.search(r'name="f_groin_pain" value="present"\s+checked', page)


def test_none_of_these_marks_unanswered_red_flags_absent(client):
    page = client.post(
        "/assess", data={"action": "assess", "no_red_flags": "y", "f_lateral_hip_pain": "present"}
    ).get_data(as_text=True)
    assert 'name="f_fever" value="absent"' in page  # carried into the re-rank form


def test_json_summary_export(client):
    response = client.get(
        "/assess/summary.json",
        query_string={
            "age": "80",
            "findings": "fall_or_trauma:present,unable_to_bear_weight:present",
        },
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_json()
    assert body["triage"]["level"] == "emergency" and body["disclaimer"]
    assert abs(sum(c["probability"] for c in body["conditions"])) <= 1.0


def test_json_summary_rejects_unknown_finding(client):
    response = client.get("/assess/summary.json", query_string={"findings": "limpp:present"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "unknown_finding"


def test_every_estimate_is_listed_on_its_condition_page_and_counted_on_sources(client, kb):
    sources = client.get("/sources").get_data(as_text=True)
    for condition in kb.conditions.values():
        rows = [r for r in kb.likelihoods if r.condition_id == condition.id]
        estimated = sum(r.estimate for r in rows)
        assert f'href="/conditions/{condition.id}"' in sources
        assert re.search(rf"{re.escape(condition.name)}</a></td>\s*<td>{estimated}</td>", sources)
        page = client.get(f"/conditions/{condition.id}").get_data(as_text=True)
        assert page.count('class="badge badge-estimate"') >= estimated
