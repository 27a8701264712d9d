"""The prepared scoring model: knowledge turned once into arrays the engine adds up per request.

Every score is additive in log-odds units, so the final ranking decomposes exactly into a prior
term, one term per entered finding and one term per fired rule. That is what the explanation shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from ..knowledge import KnowledgeBase
from ..knowledge.records import AGE_BANDS, Likelihood
from .rules import CompiledRule, FindingRuleIndex, compile_rules

SEXES = ("female", "male")
N_BANDS = len(AGE_BANDS) + 1  # last index = age unknown
N_SEXES = len(SEXES) + 1  # last index = sex unknown


def age_band(age: int | None) -> int:
    """Index of the age band, or the 'unknown' index."""
    if age is None:
        return N_BANDS - 1
    for index, (_, low, high) in enumerate(AGE_BANDS):
        if low <= age <= high:
            return index
    return N_BANDS - 2


def sex_index(sex: str | None) -> int:
    """Index of the sex, or the 'unknown' index."""
    return SEXES.index(sex) if sex in SEXES else N_SEXES - 1


class LinearScorer(Protocol):
    """What a classifier must expose to be blended: its linear terms in the engine's layout."""

    prior_table: np.ndarray  # (bands, sexes, conditions)
    present: np.ndarray  # (conditions, findings)
    absent: np.ndarray  # (conditions, findings)


@dataclass(frozen=True)
class EvidenceTerms:
    """Log-odds terms of one scorer: prior by age band and sex, and one term per finding state."""

    prior_table: np.ndarray
    present: np.ndarray
    absent: np.ndarray

    def blend(self, other: LinearScorer | None, weight: float) -> EvidenceTerms:
        """Log-linear pooling: (1 - w) * self + w * other, still additive per finding."""
        if other is None or weight <= 0:
            return self
        return EvidenceTerms(
            (1 - weight) * self.prior_table + weight * other.prior_table,
            (1 - weight) * self.present + weight * other.present,
            (1 - weight) * self.absent + weight * other.absent,
        )

    def capped(self, kb: KnowledgeBase) -> EvidenceTerms:
        """Clip every served term to the settings' LR bounds, after weighting, so that one absent
        finding still cannot move a condition by more than lr_neg_min (nor a present one by more
        than lr_pos_max) whatever the evidence weight."""
        low_pos, high_pos = math.log(kb.setting("lr_pos_min")), math.log(kb.setting("lr_pos_max"))
        low_neg, high_neg = math.log(kb.setting("lr_neg_min")), math.log(kb.setting("lr_neg_max"))
        return EvidenceTerms(
            self.prior_table,
            np.clip(self.present, low_pos, high_pos),
            np.clip(self.absent, low_neg, high_neg),
        )

    def weighted(self, prior_weight: float, evidence_weight: float) -> EvidenceTerms:
        """Scale the prior and the evidence separately (calibration fitted on development data)."""
        return EvidenceTerms(
            self.prior_table * prior_weight,
            self.present * evidence_weight,
            self.absent * evidence_weight,
        )


@dataclass(frozen=True, eq=False)
class EngineModel:
    """Arrays and compiled rules for one knowledge base (immutable, shared by all requests)."""

    kb: KnowledgeBase
    condition_ids: tuple[str, ...]
    finding_ids: tuple[str, ...]
    finding_index: dict[str, int]
    likelihood: EvidenceTerms  # the likelihood-ratio model alone
    terms: EvidenceTerms  # what the engine uses: blended and calibrated
    p_present: np.ndarray  # P(finding present | condition), for next-question value
    evidence: dict[tuple[int, int], Likelihood]
    rules: tuple[CompiledRule, ...]
    rule_effects: dict[str, np.ndarray]
    structure_ids: tuple[str, ...]
    structure_weights: np.ndarray  # (structures, conditions)
    structures_by_condition: tuple[tuple[str, ...], ...]  # per condition, primary first
    evidence_size: np.ndarray  # |log LR+| + |log LR-| per (condition, finding)
    finding_rules: FindingRuleIndex  # rules over findings, age and sex (not ranking rules)
    ranking_rules: tuple[CompiledRule, ...]
    red_flags: frozenset[str]  # findings in the hazard log
    classifier_weight: float = 0.0
    prior_weight: float = 1.0
    evidence_weight: float = 1.0
    meta: dict[str, str] = field(default_factory=dict)


def likelihood_terms(
    kb: KnowledgeBase, conditions: tuple[str, ...], findings: tuple[str, ...]
) -> tuple[EvidenceTerms, np.ndarray, dict]:
    """Log-LR matrices (capped as settings say), P(present|condition), and the evidence rows."""
    c_index = {c: i for i, c in enumerate(conditions)}
    f_index = {f: j for j, f in enumerate(findings)}
    pos_max, pos_min = kb.setting("lr_pos_max"), kb.setting("lr_pos_min")
    neg_min, neg_max = kb.setting("lr_neg_min"), kb.setting("lr_neg_max")
    background = kb.setting("background_rate")
    present = np.zeros((len(conditions), len(findings)))
    absent = np.zeros_like(present)
    p_present = np.array([[background[kb.findings[f].group] for f in findings]] * len(conditions))
    evidence: dict[tuple[int, int], Likelihood] = {}
    for row in kb.likelihoods:
        i, j = c_index[row.condition_id], f_index[row.finding_id]
        lr_pos, lr_neg = row.ratios
        present[i, j] = math.log(min(max(lr_pos, pos_min), pos_max))
        absent[i, j] = math.log(min(max(lr_neg, neg_min), neg_max))
        if row.sensitivity is not None:
            p_present[i, j] = row.sensitivity
        else:
            p_present[i, j] = min(0.95, max(0.01, lr_pos * p_present[i, j]))
        evidence[(i, j)] = row
    return EvidenceTerms(prior_terms(kb, conditions), present, absent), p_present, evidence


def prior_terms(kb: KnowledgeBase, conditions: tuple[str, ...]) -> np.ndarray:
    """Log prior for every (age band, sex, condition): P(c | band, sex), up to a constant.

    `base` is P(condition) over all ages; the band multipliers describe how the condition spreads
    over ages, so P(c | band) is proportional to base * m(band) / sum_b m(b) * population(b), and
    likewise for sex. Unknown age or sex leaves the base rate as it is.
    """
    floor = kb.setting("prior_floor")
    population = kb.setting("age_band_population")
    weights = np.array([population[name] for name, _, _ in AGE_BANDS])
    table = np.zeros((N_BANDS, N_SEXES, len(conditions)))
    for k, condition_id in enumerate(conditions):
        prior = kb.priors[condition_id]
        bands = np.array([max(getattr(prior, name), floor) for name, _, _ in AGE_BANDS])
        bands = np.append(bands / (bands @ weights), 1.0)
        mean_sex = (prior.female + prior.male) / 2
        sexes = np.array([prior.female / mean_sex, prior.male / mean_sex, 1.0])
        table[:, :, k] = np.log(prior.base) + np.log(bands)[:, None] + np.log(sexes)[None, :]
    return table


def build_model(
    kb: KnowledgeBase,
    classifier: LinearScorer | None = None,
    classifier_weight: float = 0.0,
    prior_weight: float | None = None,
    evidence_weight: float | None = None,
) -> EngineModel:
    """Prepare everything the engine needs once, so a request is a few array additions."""
    conditions = tuple(kb.conditions)
    findings = tuple(kb.findings)
    lr_terms, p_present, evidence = likelihood_terms(kb, conditions, findings)
    prior_weight = kb.setting("prior_weight") if prior_weight is None else prior_weight
    evidence_weight = kb.setting("evidence_weight") if evidence_weight is None else evidence_weight
    terms = lr_terms.blend(classifier, classifier_weight).weighted(prior_weight, evidence_weight)
    terms = terms.capped(kb)
    rules = compile_rules(kb)
    c_index = {c: i for i, c in enumerate(conditions)}
    effects = {}
    for rule in rules:
        vector = np.zeros(len(conditions))
        for condition_id, factor in rule.record.then.conditions.items():
            vector[c_index[condition_id]] = math.log(factor)
        effects[rule.id] = vector
    structures = tuple(s for s in kb.structures if kb.conditions_of(s))
    s_index = {s: i for i, s in enumerate(structures)}
    role_weight = kb.setting("role_weight")
    weights = np.zeros((len(structures), len(conditions)))
    for link in kb.links:
        weights[s_index[link.structure_id], c_index[link.condition_id]] = role_weight[link.role]
    return EngineModel(
        kb=kb,
        condition_ids=conditions,
        finding_ids=findings,
        finding_index={f: j for j, f in enumerate(findings)},
        likelihood=lr_terms,
        terms=terms,
        p_present=p_present,
        evidence=evidence,
        rules=rules,
        rule_effects=effects,
        structure_ids=structures,
        structure_weights=weights,
        structures_by_condition=tuple(tuple(kb.structures_of(c)) for c in conditions),
        evidence_size=np.abs(terms.present) + np.abs(terms.absent),
        finding_rules=FindingRuleIndex(kb, [r for r in rules if r.record.kind != "ranking"]),
        ranking_rules=tuple(r for r in rules if r.record.kind == "ranking"),
        red_flags=frozenset(f for hazard in kb.hazards for f in hazard.finding_ids),
        classifier_weight=classifier_weight if classifier is not None else 0.0,
        prior_weight=prior_weight,
        evidence_weight=evidence_weight,
    )
