"""A damaged, replaced, untrusted or mismatched model file stops the app with the fix named."""

import json
import shutil

import numpy as np
import pytest
import skops.io as sio
from sklearn.preprocessing import FunctionTransformer

from aid import create_app
from aid.knowledge import KnowledgeError
from aid.ml.predict import (
    MODEL_FILE,
    TERMS_FILE,
    TRUSTED_TYPES,
    check_terms_match_classifier,
    load_classifier,
    read_metrics,
)
from aid.ml.train import sha256

from helpers import ROOT, TEST_CONFIG


@pytest.fixture
def models(tmp_path):
    shutil.copytree(ROOT / "models", tmp_path / "models")
    return tmp_path / "models"


def start(models_dir):
    return create_app(TEST_CONFIG | {"MODELS_DIR": str(models_dir)})


def rewrite_metrics(models_dir, **changes):
    path = models_dir / "metrics.json"
    metrics = json.loads(path.read_text())
    metrics.update(changes)
    path.write_text(json.dumps(metrics))


def test_committed_model_contains_only_trusted_types():
    assert set(sio.get_untrusted_types(file=ROOT / "models" / MODEL_FILE)) <= set(TRUSTED_TYPES)


def test_truncated_model_file(models):
    data = (models / MODEL_FILE).read_bytes()
    (models / MODEL_FILE).write_bytes(data[: len(data) // 2])
    with pytest.raises(
        KnowledgeError, match=r"classifier.skops: sha256 does not match.*make train"
    ):
        start(models)


def test_corrupt_model_with_matching_hash_is_refused(models):
    (models / MODEL_FILE).write_bytes(b"not a zip archive at all")
    rewrite_metrics(models, sha256=sha256(models / MODEL_FILE))
    with pytest.raises(KnowledgeError, match=r"classifier.skops: cannot be read.*make train"):
        load_classifier(models, read_metrics(models))


def test_untrusted_type_is_refused(models):
    hostile = FunctionTransformer(shutil.rmtree)  # would be dangerous if loaded blindly
    sio.dump(hostile, models / MODEL_FILE)
    rewrite_metrics(models, sha256=sha256(models / MODEL_FILE))
    with pytest.raises(KnowledgeError, match=r"untrusted types .*refusing to load"):
        load_classifier(models, read_metrics(models))


def test_other_sklearn_version_is_refused(models):
    rewrite_metrics(models, sklearn_version="0.24.2")
    with pytest.raises(KnowledgeError, match=r"trained with scikit-learn 0.24.2 .*make train"):
        start(models)


def test_missing_metrics(models):
    (models / "metrics.json").unlink()
    with pytest.raises(KnowledgeError, match=r"metrics.json: missing; run `make train`"):
        start(models)


def test_malformed_metrics(models):
    (models / "metrics.json").write_text("{not json")
    with pytest.raises(KnowledgeError, match=r"metrics.json: not valid JSON"):
        start(models)


def test_served_terms_are_the_classifier_s_own(kb):
    check_terms_match_classifier(kb, ROOT / "models")


def test_tampered_terms_are_refused_at_start(models, kb):
    with np.load(models / TERMS_FILE, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["present"] = arrays["present"] + 1.0
    np.savez(models / TERMS_FILE, **arrays)
    with pytest.raises(KnowledgeError, match=r"classifier_terms.npz: sha256 does not match"):
        start(models)
    rewrite_metrics(models, terms_sha256=sha256(models / TERMS_FILE))
    with pytest.raises(KnowledgeError, match=r"present differs from classifier.skops"):
        check_terms_match_classifier(kb, models)


def test_missing_terms_are_refused_at_start(models):
    (models / TERMS_FILE).unlink()
    with pytest.raises(KnowledgeError, match=r"classifier_terms.npz: classifier file is missing"):
        start(models)


def test_terms_for_other_findings_are_refused(models):
    with np.load(models / TERMS_FILE, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["findings"] = arrays["findings"][::-1]
    np.savez(models / TERMS_FILE, **arrays)
    rewrite_metrics(models, terms_sha256=sha256(models / TERMS_FILE))
    with pytest.raises(KnowledgeError, match=r"terms were made for other conditions or findings"):
        start(models)
