"""Compile rule expressions once against a typed vocabulary, and evaluate them per request."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import rule_engine
from rule_engine import Context, DataType

from ..knowledge import KnowledgeBase, KnowledgeError
from ..knowledge.rule_records import RuleCase, RuleRecord

UNKNOWN = "unknown"
PROBABILITY_PREFIX = "p_"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_THRESHOLD = r"p_[a-z0-9_]+\s*>=\s*(?:0|1)?\.?[0-9]+"
_THRESHOLDS = re.compile(rf"{_THRESHOLD}(?:\s+or\s+{_THRESHOLD})*")


@dataclass(frozen=True)
class CompiledRule:
    """A rule record with its parsed expression and the finding ids it reads."""

    record: RuleRecord
    expression: rule_engine.Rule
    reads: frozenset[str]

    @property
    def id(self) -> str:
        return self.record.id

    def matches(self, facts: Mapping[str, Any]) -> bool:
        """Whether the rule fires for these facts."""
        return bool(self.expression.matches(facts))


def rule_context(kb: KnowledgeBase) -> Context:
    """A typed context: every finding id, age, sex and p_<condition>; anything else is a typo."""
    types: dict[str, Any] = {finding_id: DataType.STRING for finding_id in kb.findings}
    types.update({PROBABILITY_PREFIX + c: DataType.FLOAT for c in kb.conditions})
    types.update({"age": DataType.FLOAT, "sex": DataType.STRING})
    return Context(type_resolver=rule_engine.type_resolver_from_dict(types))


def make_facts(
    kb: KnowledgeBase,
    findings: Mapping[str, str],
    age: int | None,
    sex: str | None,
    probabilities: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """Build the values a rule sees; findings not entered are 'unknown'."""
    facts: dict[str, Any] = dict.fromkeys(kb.findings, UNKNOWN)
    facts.update(findings)
    facts["age"] = age
    facts["sex"] = sex or UNKNOWN
    probabilities = probabilities or {}
    for condition_id in kb.conditions:
        facts[PROBABILITY_PREFIX + condition_id] = float(probabilities.get(condition_id, 0.0))
    return facts


def facts_for_example(kb: KnowledgeBase, example: RuleCase) -> dict[str, Any]:
    """Facts for one of a rule's documented examples."""
    return make_facts(kb, example.findings, example.age, example.sex, example.probabilities)


def compile_rules(kb: KnowledgeBase) -> tuple[CompiledRule, ...]:
    """Parse and type-check every rule; a misspelt id or a type error stops loading."""
    context = rule_context(kb)
    blank = make_facts(kb, {}, None, None)
    compiled = []
    for record in kb.rules:
        path = kb.rule_origin.get(record.id, "rules")
        try:
            expression = rule_engine.Rule(record.when, context=context)
            expression.matches(blank)
        except rule_engine.errors.SymbolResolutionError as exc:
            raise KnowledgeError(
                path,
                f"unknown name '{exc.symbol_name}' in the expression "
                "(not a finding id, age, sex or p_<condition>)",
                record.id,
                "when",
            ) from None
        except rule_engine.errors.EvaluationError as exc:
            raise KnowledgeError(
                path,
                f"expression fails when nothing is known ({exc.message}); "
                "guard numbers with 'age != null and ...'",
                record.id,
                "when",
            ) from None
        except rule_engine.errors.EngineError as exc:
            raise KnowledgeError(
                path, f"expression does not parse: {exc.message}", record.id, "when"
            ) from None
        names = set(_IDENTIFIER.findall(record.when))
        _check_kind(record, names, path)
        compiled.append(CompiledRule(record, expression, frozenset(names & set(kb.findings))))
    return tuple(compiled)


def _check_kind(record: RuleRecord, names: set[str], path: Any) -> None:
    reads_probabilities = any(name.startswith(PROBABILITY_PREFIX) for name in names)
    if record.kind == "ranking":
        if not _THRESHOLDS.fullmatch(record.when.strip()):
            raise KnowledgeError(
                path,
                "a ranking rule must be 'p_<condition> >= <number>' conditions joined by 'or' "
                "(escalation reads it on the highest probability each condition reaches)",
                record.id,
                "when",
            )
        if record.then.conditions:
            raise KnowledgeError(
                path,
                "a ranking rule may set triage only, not condition effects",
                record.id,
                "then.conditions",
            )
    elif reads_probabilities:
        raise KnowledgeError(
            path, "only rules of kind 'ranking' may read p_<condition>", record.id, "when"
        )


def fired(rules: Iterable[CompiledRule], facts: Mapping[str, Any]) -> list[CompiledRule]:
    """The rules that fire for these facts, in file order."""
    return [rule for rule in rules if rule.matches(facts)]


class FindingRuleIndex:
    """Evaluate finding rules fast: a rule reading none of the entered findings gives the same
    answer as on a case with nothing entered (same age and sex), which is computed once and kept.
    """

    def __init__(self, kb: KnowledgeBase, rules: Iterable[CompiledRule]) -> None:
        self.kb = kb
        self.rules = tuple(rules)
        self._blank: dict[tuple[int | None, str | None], frozenset[str]] = {}

    def blank(self, age: int | None, sex: str | None) -> frozenset[str]:
        """Ids of the rules that fire when only age and sex are known (cached per age and sex)."""
        key = (age, sex)
        if key not in self._blank:
            facts = make_facts(self.kb, {}, age, sex)
            self._blank[key] = frozenset(rule.id for rule in fired(self.rules, facts))
        return self._blank[key]

    def fired(
        self, facts: Mapping[str, Any], entered: Iterable[str], age: int | None, sex: str | None
    ) -> list[CompiledRule]:
        """Same result as `fired(rules, facts)`, evaluating only the rules the findings touch."""
        entered = set(entered)
        blank = self.blank(age, sex)
        return [
            rule
            for rule in self.rules
            if (rule.matches(facts) if rule.reads & entered else rule.id in blank)
        ]
