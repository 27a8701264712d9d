"""Every rule's documented examples: the ones under `fires` fire, the others do not."""

import pytest

from aid import create_app
from aid.engine.rules import compile_rules, facts_for_example
from aid.knowledge import load_knowledge

from helpers import ROOT

KB = load_knowledge(ROOT / "knowledge", ROOT / "rules", "hip")
RULES = {rule.id: rule for rule in compile_rules(KB)}
CASES = [
    (rule.id, kind, index)
    for rule in KB.rules
    for kind in ("fires", "does_not_fire")
    for index in range(len(getattr(rule.examples, kind)))
]


@pytest.mark.parametrize("rule_id,kind,index", CASES, ids=lambda x: str(x))
def test_rule_example(rule_id, kind, index):
    rule = RULES[rule_id]
    example = getattr(rule.record.examples, kind)[index]
    assert rule.matches(facts_for_example(KB, example)) is (kind == "fires")


def test_every_rule_has_examples_both_ways():
    for rule in KB.rules:
        assert rule.examples.fires
        assert rule.examples.does_not_fire or rule.when.strip() == "true", rule.id


def test_app_uses_same_rules():
    app = create_app({"TESTING": True, "SECRET_KEY": "x"})
    assert {r.id for r in app.extensions["aid"].model.rules} == set(RULES)
