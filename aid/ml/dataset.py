"""A synthetic training cohort generated from the knowledge base (no real patient data exists).

The generator is documented in the model card: draw a condition from the region's base rates,
an age band and sex from that condition's prior multipliers, then each finding's true state from
P(present | condition) (the cited sensitivity, or LR+ times the finding group's background rate),
and finally hide most findings, as people enter only a few: a present finding is recorded with a
per-case probability between `observe_present` bounds, an absent one much less often.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine import EngineModel
from ..engine.model import N_BANDS, N_SEXES
from ..knowledge.records import AGE_BANDS
from .features import FeatureLayout


@dataclass(frozen=True)
class CohortSettings:
    size: int = 40000
    seed: int = 20261125
    observe_present: tuple[float, float] = (0.35, 0.9)
    observe_absent: tuple[float, float] = (0.0, 0.12)
    age_unknown: float = 0.05
    sex_unknown: float = 0.1


@dataclass(frozen=True)
class Cohort:
    features: np.ndarray
    labels: np.ndarray  # condition index per row


def band_weights(model: EngineModel) -> np.ndarray:
    """P(age band | condition) from the prior multipliers (conditions x bands)."""
    kb = model.kb
    floor = kb.setting("prior_floor")
    population = np.array([kb.setting("age_band_population")[name] for name, _, _ in AGE_BANDS])
    table = (
        np.array(
            [
                [max(getattr(kb.priors[c], name), floor) for name, _, _ in AGE_BANDS]
                for c in model.condition_ids
            ]
        )
        * population
    )
    return table / table.sum(axis=1, keepdims=True)


def generate(model: EngineModel, settings: CohortSettings) -> Cohort:
    """Draw a labelled cohort in the classifier's feature layout."""
    rng = np.random.default_rng(settings.seed)
    kb, n = model.kb, settings.size
    base = np.array([kb.priors[c].base for c in model.condition_ids])
    labels = rng.choice(len(base), size=n, p=base / base.sum())
    layout = FeatureLayout(model.finding_ids)
    features = np.zeros((n, layout.size))
    truth = rng.random((n, len(model.finding_ids))) < model.p_present[labels]
    keep_present = rng.uniform(*settings.observe_present, size=(n, 1))
    keep_absent = rng.uniform(*settings.observe_absent, size=(n, 1))
    seen = rng.random(truth.shape) < np.where(truth, keep_present, keep_absent)
    features[:, 0 : 2 * len(model.finding_ids) : 2] = truth & seen
    features[:, 1 : 2 * len(model.finding_ids) : 2] = ~truth & seen
    bands = _draw_rows(rng, band_weights(model)[labels])
    bands[rng.random(n) < settings.age_unknown] = N_BANDS - 1
    female = np.array(
        [
            kb.priors[c].female / (kb.priors[c].female + kb.priors[c].male)
            for c in model.condition_ids
        ]
    )[labels]
    sexes = np.where(rng.random(n) < female, 0, 1)
    sexes[rng.random(n) < settings.sex_unknown] = N_SEXES - 1
    features[np.arange(n), layout.band_column(0) + bands] = 1.0
    features[np.arange(n), layout.sex_column(0) + sexes] = 1.0
    return Cohort(features=features, labels=labels)


def _draw_rows(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One categorical draw per row of a probability matrix."""
    cumulative = probabilities.cumsum(axis=1)
    return (
        (rng.random((len(probabilities), 1)) > cumulative)
        .sum(axis=1)
        .clip(0, probabilities.shape[1] - 1)
    )
