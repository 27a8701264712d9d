"""The classifier: end-to-end retraining, reproducibility of the committed model, current card."""

from pathlib import Path

import numpy as np
import pytest

from aid.knowledge import load_knowledge
from aid.knowledge.case_loader import load_cases
from aid.ml.dataset import CohortSettings
from aid.ml.predict import load_classifier, load_engine_model, read_metrics
from aid.ml.report import card, reports
from aid.ml.train import train

from helpers import ROOT

MODELS = ROOT / "models"


@pytest.fixture(scope="module")
def kb():
    return load_knowledge(ROOT / "knowledge", ROOT / "rules", "hip")


@pytest.fixture(scope="module")
def case_library(kb):
    return load_cases(ROOT / "cases" / "hip", kb)


def test_retrain_on_a_small_slice_end_to_end(kb, case_library, tmp_path):
    metrics = train(kb, tmp_path, case_library, CohortSettings(size=3000, seed=1))
    assert (tmp_path / "classifier.skops").is_file() and len(metrics["sha256"]) == 64
    model = load_engine_model(kb, tmp_path, True)
    assert model.evidence_weight == pytest.approx(metrics["evidence_weight"])
    clf = load_classifier(tmp_path, read_metrics(tmp_path))
    assert clf.coef_.shape[0] == len(kb.conditions)


@pytest.mark.slow
def test_make_train_reproduces_the_committed_model(kb, case_library, tmp_path):
    """Same data, same seed: coefficients within 1e-6, same blend, prior and evidence weights."""
    metrics = train(kb, tmp_path, case_library)
    committed = read_metrics(MODELS)
    assert metrics["knowledge_hash"] == committed["knowledge_hash"], "run `make train`"
    assert metrics["blend_weight"] == committed["blend_weight"]
    assert metrics["prior_weight"] == committed["prior_weight"]
    assert metrics["evidence_weight"] == committed["evidence_weight"]
    new = load_classifier(tmp_path, read_metrics(tmp_path))
    old = load_classifier(MODELS, committed)
    assert np.allclose(new.coef_, old.coef_, atol=1e-6)


def test_model_card_is_current():
    from aid.config import DEFAULTS

    text = card(reports(DEFAULTS), read_metrics(MODELS))
    assert Path(MODELS / "model_card.md").read_text() == text, "run `make eval`"
