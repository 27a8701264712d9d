"""Engine behaviour that the contract and the core issue promise, tested without Flask."""

import math
from pathlib import Path

import numpy as np
import pytest

import aid.engine
from aid.engine import AssessmentRequest, assess, build_model
from aid.engine.model import age_band, sex_index
from aid.engine.ranking import logits
from aid.engine.rules import fired, make_facts


def request(age=None, sex=None, **findings):
    return AssessmentRequest(findings=findings, age=age, sex=sex)


def probability(result, condition_id):
    return next(c.probability for c in result.conditions if c.id == condition_id)


def test_engine_does_not_import_flask():
    engine_dir = Path(aid.engine.__file__).parent
    for path in engine_dir.glob("*.py"):
        text = path.read_text()
        assert "import flask" not in text and "from flask" not in text, path.name


def test_unknown_is_not_absent(model):
    unknown = assess(model, request(age=40))
    absent = assess(model, request(age=40, lateral_hip_pain="absent"))
    assert probability(unknown, "greater_trochanteric_pain_syndrome") != pytest.approx(
        probability(absent, "greater_trochanteric_pain_syndrome")
    )
    assert probability(absent, "greater_trochanteric_pain_syndrome") < probability(
        unknown, "greater_trochanteric_pain_syndrome"
    )


def test_unlisted_finding_is_neutral(model, kb):
    listed = {(r.condition_id, r.finding_id) for r in kb.likelihoods}
    condition, finding = next(
        (c, f) for c in kb.conditions for f in kb.findings if (c, f) not in listed
    )
    i, j = model.condition_ids.index(condition), model.finding_index[finding]
    assert model.terms.present[i, j] == 0 and model.terms.absent[i, j] == 0


def test_one_absent_finding_cannot_erase_a_condition(model, kb):
    floor = math.log(kb.setting("lr_neg_min")) - 1e-9
    assert model.likelihood.absent.min() >= floor  # as written in the knowledge
    assert model.terms.absent.min() >= floor  # as served, after the fitted evidence weight


def test_explanation_adds_up_to_the_ranking(model):
    req = request(
        age=60,
        sex="female",
        lateral_hip_pain="present",
        groin_pain="absent",
        pain_lying_on_side="present",
        fever="absent",
    )
    facts = make_facts(model.kb, req.findings, req.age, req.sex)
    hit = fired([r for r in model.rules if r.record.kind != "ranking"], facts)
    total = logits(model, req, hit)
    result = assess(model, req)
    for condition in result.conditions:
        i = model.condition_ids.index(condition.id)
        prior = model.terms.prior_table[age_band(60), sex_index("female"), i]
        parts = prior + sum(c.effect for c in condition.supporting + condition.opposing)
        parts += sum(math.log(r.factor) for r in condition.rules)
        assert parts == pytest.approx(total[i], abs=1e-3)


def test_probabilities_sum_to_one_and_are_sorted(model):
    result = assess(model, request(age=30, groin_pain="present", positive_fadir="present"))
    values = [c.probability for c in result.conditions]
    assert sum(values) == pytest.approx(1.0, abs=1e-9)
    assert values == sorted(values, reverse=True)


def test_red_flag_sets_emergency_whatever_the_ranking(model):
    benign = dict(
        lateral_hip_pain="present",
        pain_lying_on_side="present",
        greater_trochanter_tenderness="present",
        pain_resisted_abduction="present",
        pain_single_leg_stance_30s="present",
    )
    result = assess(model, request(age=50, sex="female", saddle_anaesthesia="present", **benign))
    assert result.conditions[0].id != "cauda_equina_syndrome"
    assert result.triage.level == "emergency"


def test_next_findings_are_unanswered_and_ranked(model):
    result = assess(model, request(age=50, lateral_hip_pain="present"))
    ids = [n.id for n in result.next_findings]
    assert "lateral_hip_pain" not in ids and 0 < len(ids) <= 5
    values = [n.value for n in result.next_findings]
    assert values == sorted(values, reverse=True) and values[0] > 0


def test_structures_follow_conditions(model):
    result = assess(
        model,
        request(
            age=40,
            sex="female",
            anterolateral_thigh_paresthesia="present",
            sensory_loss_anterolateral_thigh="present",
        ),
    )
    assert result.conditions[0].id == "meralgia_paresthetica"
    assert result.structures[0].id == "lateral_femoral_cutaneous_nerve"


def test_build_model_is_deterministic(kb, model):
    again = build_model(kb)
    assert np.array_equal(again.likelihood.present, model.likelihood.present)
