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
