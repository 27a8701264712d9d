"""The teaching cases and the evaluation vignettes cover what the issues require."""

LATERAL_FAMILY = {
    "greater_trochanteric_pain_syndrome",
    "gluteal_tendinopathy",
    "gluteus_medius_tear",
    "superior_gluteal_nerve_palsy",
}
CHILD_HIP = {
    "transient_synovitis",
    "perthes_disease",
    "septic_arthritis",
    "slipped_capital_femoral_epiphysis",
}
MIMICS = {
    "lumbar_radiculopathy",
    "lumbar_spinal_stenosis",
    "sacroiliac_joint_pain",
    "deep_gluteal_syndrome",
    "meralgia_paresthetica",
    "inguinal_hernia",
}


def test_at_least_twenty_teaching_cases(state):
    assert len(state.cases.teaching) >= 20


def test_teaching_cases_cover_must_not_miss_child_lateral_and_mimics(state, kb):
    diagnoses = {c.diagnosis for c in state.cases.teaching.values()}
    must_not_miss = {c.id for c in kb.conditions.values() if c.must_not_miss}
    for required in (must_not_miss, CHILD_HIP, LATERAL_FAMILY, MIMICS):
        assert required <= diagnoses, required - diagnoses


def test_teaching_cases_are_staged_and_debriefed(state):
    for case in state.cases.teaching.values():
        assert [s.name for s in case.stages[:3]] == [
            "Presenting complaint",
            "History",
            "Examination",
        ], case.id
        assert len(case.debrief.split()) >= 150, case.id
        assert "/anatomy/" in case.debrief, case.id


def test_vignette_set_size_and_spread(state, kb):
    vignettes = state.cases.vignettes
    assert len(vignettes) >= 90
    per_condition = {c: sum(v.diagnosis == c for v in vignettes) for c in kb.conditions}
    thin = {c: n for c, n in per_condition.items() if n < 3}
    # Known gap, reported on the issue: published external snapping hip cases with enough
    # readable detail were not found. Every other condition has at least three.
    assert set(thin) <= {"external_snapping_hip"}, thin
    assert {v.detail for v in vignettes} == {"sparse", "moderate", "rich"}
    assert any(v.atypical for v in vignettes)


def test_vignettes_are_kept_apart_from_training(state):
    ids = {v.id for v in state.cases.vignettes}
    assert not ids & set(state.cases.teaching)


def test_development_set_is_published_and_apart_from_the_evaluation_set(state, kb):
    development = state.cases.development
    assert len(development) >= 30
    assert len({v.diagnosis for v in development}) >= 20
    assert not {v.source for v in development} & {v.source for v in state.cases.vignettes}
    assert all(v.id.startswith("d_") for v in development)
