"""The safety case: every must-not-miss condition and red flag has a guarding rule that works."""

import pytest

from aid.engine import AssessmentRequest, assess
from aid.knowledge.records import TRIAGE_ORDER

HAZARDS = "knowledge/hip/hazards.csv"


def guards(kb, hazard):
    return [r for r in kb.rules if r.id in hazard.guarding_rules]


def test_every_must_not_miss_condition_is_guarded(kb):
    guarded = {h.condition_id for h in kb.hazards}
    for condition in kb.conditions.values():
        if condition.must_not_miss:
            assert condition.id in guarded, f"{condition.id} has no row in {HAZARDS}"


def test_every_red_flag_rule_is_in_the_hazard_log(kb):
    listed = {rule for h in kb.hazards for rule in h.guarding_rules}
    missing = [r.id for r in kb.rules if r.kind == "red_flag" and r.id not in listed]
    assert not missing, f"red-flag rules missing from {HAZARDS}: {missing}"


def test_each_hazard_has_a_rule_with_examples_reading_its_findings(kb, model):
    reads = {rule.id: rule.reads for rule in model.rules}
    for hazard in kb.hazards:
        finding_rules = [r for r in guards(kb, hazard) if r.kind != "ranking"]
        assert finding_rules, f"{hazard.hazard_id}: needs a guarding rule over findings"
        assert all(r.examples.fires for r in finding_rules)
        covered = set().union(*(reads[r.id] for r in finding_rules))
        assert set(hazard.finding_ids) <= covered, hazard.hazard_id


def guard_cases(kb):
    for hazard in kb.hazards:
        for rule in guards(kb, hazard):
            if rule.kind == "ranking" or not rule.then.triage:
                continue
            for index in range(len(rule.examples.fires)):
                yield pytest.param(
                    hazard.hazard_id, rule.id, index, id=f"{hazard.hazard_id}-{rule.id}-{index}"
                )


def pytest_generate_tests(metafunc):
    if "guard" in metafunc.fixturenames:
        from aid.knowledge import load_knowledge

        from helpers import ROOT

        kb = load_knowledge(ROOT / "knowledge", ROOT / "rules", "hip")
        metafunc.parametrize(
            "guard", [p.values for p in guard_cases(kb)], ids=[p.id for p in guard_cases(kb)]
        )


def test_guard_fires_through_engine(kb, model, guard):
    """Each guarding rule's own example, run through the full engine, reaches its level."""
    _, rule_id, index = guard
    rule = next(r for r in kb.rules if r.id == rule_id)
    example = rule.examples.fires[index]
    result = assess(
        model, AssessmentRequest(findings=example.findings, age=example.age, sex=example.sex)
    )
    assert TRIAGE_ORDER[result.triage.level] >= TRIAGE_ORDER[rule.then.triage]
    assert rule_id in {r.rule for r in result.triage.reasons + result.triage.other_flags}
