"""Train the classifier on the synthetic cohort, choose the blend and weights, write artefacts.

How rules and classifier combine (also in the model card): the rules keep authority over triage,
age gates and must-not-miss escalation; they are never learned. The likelihood-ratio model and the
multinomial logistic regression are both additive in log-odds, so they are pooled log-linearly,
logit = (1 - w) * LR model + w * classifier, with the prior and the evidence then weighted
separately (a, b). w, a and b are chosen on the development set (teaching cases and development
vignettes, see blend.py), never on the public evaluation vignettes; the synthetic split's own best
blend and temperature are recorded for comparison.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
import skops.io as sio
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression
from tqdm import tqdm

from ..engine import build_model
from ..knowledge import KnowledgeBase
from ..knowledge.case_loader import CaseLibrary
from .blend import BLEND_GRID, choose_on_cases, development_examples
from .dataset import Cohort, CohortSettings, generate
from .evaluate import evaluate
from .predict import METRICS_FILE, MODEL_FILE, TERMS_FILE, ClassifierTerms


def fit(cohort: Cohort, n_classes: int, seed: int, c: float = 0.5) -> LogisticRegression:
    """Multinomial logistic regression with L2 penalty on the cohort's features."""
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    clf.fit(cohort.features, cohort.labels)
    if len(clf.classes_) != n_classes:
        raise ValueError("the cohort is too small: some conditions never appeared")
    return clf


def term_logits(terms, features: np.ndarray) -> np.ndarray:
    """Logits of additive terms (likelihood model or classifier) for feature rows, no rules."""
    n_findings = terms.present.shape[1]
    present, absent = features[:, 0 : 2 * n_findings : 2], features[:, 1 : 2 * n_findings : 2]
    bands = features[:, 2 * n_findings : 2 * n_findings + terms.prior_table.shape[0]].argmax(axis=1)
    sexes = features[:, 2 * n_findings + terms.prior_table.shape[0] :].argmax(axis=1)
    return terms.prior_table[bands, sexes] + present @ terms.present.T + absent @ terms.absent.T


def log_loss(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean negative log-likelihood of the true labels under softmax(logits)."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_p[np.arange(len(labels)), labels].mean())


def choose_blend(lr: np.ndarray, clf: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    """Pick the blend weight and temperature with the lowest held-out log-loss."""
    best = (np.inf, 0.0, 1.0)
    for weight in BLEND_GRID:
        pooled = (1 - weight) * lr + weight * clf
        result = minimize_scalar(
            lambda t, p=pooled: log_loss(p / t, labels), bounds=(0.3, 5.0), method="bounded"
        )
        if result.fun < best[0]:
            best = (float(result.fun), weight, float(result.x))
    return best[1], best[2], best[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train(
    kb: KnowledgeBase,
    models_dir: Path,
    cases: CaseLibrary,
    settings: CohortSettings | None = None,
    write: bool = True,
) -> dict[str, Any]:
    """Generate the cohort, fit, choose blend and weights, and write model + metrics."""
    settings = settings or CohortSettings()
    steps = tqdm(total=5, desc="train-model", unit="step")
    base = build_model(kb)
    cohort = generate(base, settings)
    split = int(0.8 * len(cohort.labels))
    train_set = Cohort(cohort.features[:split], cohort.labels[:split])
    valid = Cohort(cohort.features[split:], cohort.labels[split:])
    steps.update()
    clf = fit(train_set, len(base.condition_ids), settings.seed)
    steps.update()
    terms = ClassifierTerms.from_estimator(clf, base)
    lr = term_logits(base.likelihood, valid.features)
    clf_logits = term_logits(terms, valid.features)
    synthetic_weight, synthetic_t, loss = choose_blend(lr, clf_logits, valid.labels)
    examples = development_examples(cases.teaching.values(), cases.development)
    weight, prior_weight, evidence_weight, dev_loss = choose_on_cases(kb, terms, examples)
    chosen = build_model(kb, terms, weight, prior_weight, evidence_weight)
    dev_fit = (
        evaluate("development", chosen, cases.development).summary() if cases.development else {}
    )
    steps.update()
    metrics = {
        "created_by": "flask --app aid train-model",
        "sklearn_version": sklearn.__version__,
        "cohort": asdict(settings) | {"rows": len(cohort.labels)},
        "knowledge_hash": knowledge_hash(kb),
        "blend_weight": weight,
        "prior_weight": prior_weight,
        "evidence_weight": evidence_weight,
        "chosen_on": (
            f"development set: {len(cases.teaching)} teaching cases (every stage, averaged per "
            f"case) and {len(cases.development)} development vignettes, log-loss {dev_loss}"
        ),
        "development_fit": {
            key: round(dev_fit[key], 4) for key in ("n", "top1", "top3", "ece") if key in dev_fit
        },
        "synthetic_validation": {
            "best_blend_weight": synthetic_weight,
            "best_temperature": round(synthetic_t, 4),
            "log_loss_blend": round(loss, 4),
            "log_loss_lr": round(log_loss(lr, valid.labels), 4),
            "log_loss_classifier": round(log_loss(clf_logits, valid.labels), 4),
            "top1_lr": _top1(lr, valid.labels),
            "top1_classifier": _top1(clf_logits, valid.labels),
            "top1_blend": _top1(
                ((1 - synthetic_weight) * lr + synthetic_weight * clf_logits) / synthetic_t,
                valid.labels,
            ),
        },
    }
    steps.update()
    if write:
        models_dir.mkdir(parents=True, exist_ok=True)
        sio.dump(clf, models_dir / MODEL_FILE)
        metrics["sha256"] = sha256(models_dir / MODEL_FILE)
        terms.save(models_dir / TERMS_FILE, kb)
        metrics["terms_sha256"] = sha256(models_dir / TERMS_FILE)
        (models_dir / METRICS_FILE).write_text(json.dumps(metrics, indent=2) + "\n")
    steps.update()
    steps.close()
    metrics["_classifier"] = terms
    return metrics


def _top1(logits: np.ndarray, labels: np.ndarray) -> float:
    return round(float((logits.argmax(axis=1) == labels).mean()), 4)


def knowledge_hash(kb: KnowledgeBase) -> str:
    """A fingerprint of the evidence the cohort was generated from."""
    digest = hashlib.sha256()
    for row in kb.likelihoods:
        digest.update(f"{row.condition_id}{row.finding_id}{row.ratios}".encode())
    for prior in kb.priors.values():
        digest.update(prior.model_dump_json().encode())
    digest.update(
        json.dumps(
            {k: v.value for k, v in kb.settings.items()}, sort_keys=True, default=str
        ).encode()
    )
    return digest.hexdigest()[:16]
