"""Property tests of the engine with hypothesis: invariants that must hold for any input."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aid import create_app
from aid.engine import AssessmentRequest, assess
from aid.engine.rules import fired, make_facts
from aid.knowledge.records import TRIAGE_ORDER

from helpers import TEST_CONFIG

STATE = create_app(TEST_CONFIG).extensions["aid"]
MODEL, KB = STATE.model, STATE.kb
FINDINGS = sorted(KB.findings)
RED_FLAGS = sorted({f for h in KB.hazards for f in h.finding_ids})

cases = st.fixed_dictionaries(
    {
        "findings": st.dictionaries(
            st.sampled_from(FINDINGS), st.sampled_from(["present", "absent"]), max_size=12
        ),
        "age": st.one_of(st.none(), st.integers(0, 120)),
        "sex": st.sampled_from([None, "female", "male"]),
    }
)
SETTINGS = settings(max_examples=150, deadline=None)


def run(case):
    return assess(MODEL, AssessmentRequest(**case))


@SETTINGS
@given(cases)
def test_probabilities_are_a_distribution(case):
    result = run(case)
    values = [c.probability for c in result.conditions]
    assert sum(values) == pytest.approx(1.0, abs=1e-9)
    assert all(0 <= v <= 1 for v in values)
    assert len(result.conditions) == len(KB.conditions)


@SETTINGS
@given(cases, st.randoms(use_true_random=False))
def test_ranking_does_not_depend_on_finding_order(case, rnd):
    items = list(case["findings"].items())
    rnd.shuffle(items)
    one, two = run(case), run(case | {"findings": dict(items)})
    assert [c.id for c in one.conditions] == [c.id for c in two.conditions]
    assert one.triage.level == two.triage.level


@SETTINGS
@given(cases, st.sampled_from(RED_FLAGS))
def test_adding_a_red_flag_never_lowers_triage(case, flag):
    case = case | {"findings": {k: v for k, v in case["findings"].items() if k != flag}}
    before = run(case).triage.level
    after = run(case | {"findings": case["findings"] | {flag: "present"}}).triage.level
    assert TRIAGE_ORDER[after] >= TRIAGE_ORDER[before]


@SETTINGS
@given(cases, st.sampled_from(sorted({r.finding_id for r in KB.likelihoods})))
def test_unknown_is_not_absent(case, finding):
    findings = {k: v for k, v in case["findings"].items() if k != finding}
    unknown = run(case | {"findings": findings})
    absent = run(case | {"findings": findings | {finding: "absent"}})
    rows = [r for r in KB.likelihoods if r.finding_id == finding and r.ratios[1] != 1.0]
    if rows:  # a finding whose absence is informative must change something
        assert [c.probability for c in unknown.conditions] != [
            c.probability for c in absent.conditions
        ]


@SETTINGS
@given(cases)
def test_rule_index_matches_evaluating_every_rule(case):
    facts = make_facts(KB, case["findings"], case["age"], case["sex"])
    indexed = MODEL.finding_rules.fired(facts, case["findings"], case["age"], case["sex"])
    brute = fired(MODEL.finding_rules.rules, facts)
    assert [r.id for r in indexed] == [r.id for r in brute]
