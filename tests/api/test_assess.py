"""POST /api/v1/assess: the contract's shape and the typical cases named in the core issue."""

import pytest

LATERAL = {
    "lateral_hip_pain": "present",
    "pain_lying_on_side": "present",
    "greater_trochanter_tenderness": "present",
}


def test_shape_matches_contract(assess, kb):
    body = assess(age=55, sex="female", **LATERAL)
    assert body["triage"]["level"] in {"emergency", "urgent", "routine"}
    assert {c["id"] for c in body["conditions"]} == set(kb.conditions)
    for condition in body["conditions"]:
        assert {
            "id",
            "name",
            "icd10cm",
            "probability",
            "structures",
            "supporting",
            "opposing",
            "rules",
        } <= set(condition)
        assert 0 <= condition["probability"] <= 1
    assert abs(sum(c["probability"] for c in body["conditions"]) - 1) < 1e-9
    probabilities = [c["probability"] for c in body["conditions"]]
    assert probabilities == sorted(probabilities, reverse=True)
    for structure in body["structures"]:
        assert {"id", "name", "score", "url"} <= set(structure)
        assert structure["url"] == f"/anatomy/{structure['id']}"
    assert 0 < len(body["next_findings"]) <= 5
    for item in body["next_findings"]:
        assert {"id", "label", "value"} <= set(item)
        assert item["id"] not in LATERAL


def test_lateral_hip_woman_ranks_gtps_family_first(assess):
    body = assess(age=55, sex="female", **LATERAL)
    assert body["conditions"][0]["id"] in {
        "greater_trochanteric_pain_syndrome",
        "gluteal_tendinopathy",
    }
    first_structures = [s["id"] for s in body["structures"][:5]]
    assert {"gluteus_medius", "greater_trochanter", "trochanteric_bursa"} <= set(first_structures)
    supporting = {s["id"] for s in body["conditions"][0]["supporting"]}
    assert "greater_trochanter_tenderness" in supporting
    assert body["triage"]["level"] == "routine"


def test_kocher_child_is_emergency_citing_kocher(assess):
    body = assess(
        age=9, sex="male", fever="present", unable_to_bear_weight="present", esr_over_40="present"
    )
    triage = body["triage"]
    assert triage["level"] == "emergency"
    rules = {reason["rule"] for reason in triage["reasons"]}
    assert "kocher_three_or_more" in rules
    assert all(reason["text"] for reason in triage["reasons"])
    assert body["conditions"][0]["id"] == "septic_arthritis"


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {
            "lateral_hip_pain": "present",
            "pain_lying_on_side": "present",
            "greater_trochanter_tenderness": "present",
            "pain_resisted_abduction": "present",
        },
        {"groin_pain": "present", "limited_internal_rotation": "present", "fever": "absent"},
    ],
)
def test_cauda_equina_flags_are_emergency_whatever_else(assess, extra):
    body = assess(
        age=45,
        sex="female",
        saddle_anaesthesia="present",
        bladder_bowel_dysfunction="present",
        **extra,
    )
    assert body["triage"]["level"] == "emergency"
    assert "cauda_equina_flags" in {r["rule"] for r in body["triage"]["reasons"]}


def test_reasons_cite_a_source_whenever_not_routine(assess):
    body = assess(age=80, sex="female", fall_or_trauma="present", unable_to_bear_weight="present")
    assert body["triage"]["level"] == "emergency"
    for reason in body["triage"]["reasons"]:
        assert reason["rule"] and (reason["sources"] or reason["estimate"])


def test_finding_order_does_not_change_the_answer(client):
    findings = {
        "groin_pain": "present",
        "limited_internal_rotation": "present",
        "morning_stiffness_short": "present",
        "fever": "absent",
    }
    one = client.post("/api/v1/assess", json={"age": 67, "findings": findings}).get_json()
    reordered = dict(reversed(list(findings.items())))
    two = client.post("/api/v1/assess", json={"findings": reordered, "age": 67}).get_json()
    assert [c["id"] for c in one["conditions"]] == [c["id"] for c in two["conditions"]]
    assert [c["probability"] for c in one["conditions"]] == pytest.approx(
        [c["probability"] for c in two["conditions"]]
    )


def test_empty_findings_returns_prior_ranking(assess):
    body = assess()
    assert body["triage"]["level"] == "routine"
    assert abs(sum(c["probability"] for c in body["conditions"]) - 1) < 1e-9
