"""The development examples the weights are chosen on."""

from aid.ml.blend import development_examples


def test_examples_are_every_teaching_stage_then_every_development_vignette(state):
    teaching = list(state.cases.teaching.values())
    development = state.cases.development
    examples = development_examples(teaching, development)
    assert len(examples) == sum(len(c.stages) for c in teaching) + len(development)
    first = teaching[0]
    assert examples[0].request.findings == first.findings_until(0)
    assert examples[0].correct == {first.diagnosis}
    last = development[-1]
    assert examples[-1].request.findings == dict(last.findings)
    assert examples[-1].request.age == last.age
    assert examples[-1].correct == {last.diagnosis, *last.acceptable}


def test_evaluation_vignettes_are_never_development_examples(state):
    examples = development_examples(state.cases.teaching.values(), state.cases.development)
    evaluation = [dict(v.findings) for v in state.cases.vignettes]
    assert not [e for e in examples if e.request.findings in evaluation]


def test_per_condition_counts_and_puts_the_hardest_first(state):
    from aid.ml.evaluate import CaseResult, Report
    from aid.ml.report import per_condition

    by_id = {v.diagnosis: v for v in state.cases.vignettes}
    easy, hard = by_id["hip_fracture"], by_id["avascular_necrosis"]

    def result(vignette, rank):
        return CaseResult(vignette, rank, 0.5, rank == 0, 0.5, 0.0, None, "routine", [])

    report = Report("x", [result(easy, 0), result(easy, 1), result(hard, 4), result(hard, 2)])
    assert per_condition(report) == [("avascular_necrosis", 2, 0, 1), ("hip_fracture", 2, 1, 2)]
