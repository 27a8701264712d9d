"""Load the committed classifier safely and turn it into the engine's additive terms.

Safety: the classifier file is opened with skops (never pickle/joblib), only the types in
TRUSTED_TYPES may appear in it, its sha256 and the scikit-learn version must match
models/metrics.json, and any mismatch stops the app with a message that names the file and the fix
(`make train`). Serving needs only the classifier's linear terms, which `make train` also exports
as plain arrays (classifier_terms.npz, read with allow_pickle=False, sha256 in metrics.json): the
app checks both hashes at start-up but does not import skops, which pulls in all of scikit-learn
(seconds of start-up). `check-knowledge`, `make eval` and the tests open the skops file itself and
check that the exported terms are the ones it holds.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import numpy as np

from ..engine import EngineModel, build_model
from ..engine.model import N_BANDS, N_SEXES
from ..knowledge import KnowledgeBase, KnowledgeError

MODEL_FILE = "classifier.skops"
TERMS_FILE = "classifier_terms.npz"
METRICS_FILE = "metrics.json"
# The only non-default types a classifier file may contain; checked by a test against the file.
TRUSTED_TYPES = ("sklearn.linear_model._logistic.LogisticRegression",)


@dataclass(frozen=True)
class ClassifierTerms:
    """A fitted multinomial logistic regression expressed in the engine's layout."""

    prior_table: np.ndarray
    present: np.ndarray
    absent: np.ndarray

    @classmethod
    def from_estimator(cls, clf, model: EngineModel) -> ClassifierTerms:
        """Split coefficients into per-finding present/absent terms and an age/sex prior table.

        Coefficients of (condition, finding) pairs that have no evidence row are set to zero, so
        a finding outside a condition's profile stays neutral in the served ranking too: the
        classifier re-weights the cited evidence and the priors, it does not invent links.
        """
        coef = np.asarray(clf.coef_)
        if coef.shape[0] != len(model.condition_ids):
            raise ValueError("classifier classes do not match the knowledge base conditions")
        order = np.argsort(clf.classes_)
        coef, intercept = coef[order], np.asarray(clf.intercept_)[order]
        n = len(model.finding_ids)
        if coef.shape[1] != 2 * n + N_BANDS + N_SEXES:
            raise ValueError("classifier features do not match the knowledge base findings")
        bands = coef[:, 2 * n : 2 * n + N_BANDS]
        sexes = coef[:, 2 * n + N_BANDS :]
        prior = intercept[None, None, :] + bands.T[:, None, :] + sexes.T[None, :, :]
        profile = np.zeros((len(model.condition_ids), n), dtype=bool)
        for i, j in model.evidence:
            profile[i, j] = True
        present = np.where(profile, coef[:, 0 : 2 * n : 2], 0.0)
        absent = np.where(profile, coef[:, 1 : 2 * n : 2], 0.0)
        return cls(prior_table=prior, present=present, absent=absent)

    def save(self, path: Path, kb: KnowledgeBase) -> None:
        """Write the terms as plain arrays with the condition and finding order they assume."""
        with path.open("wb") as handle:
            np.savez(
                handle,
                prior_table=self.prior_table,
                present=self.present,
                absent=self.absent,
                conditions=np.array(tuple(kb.conditions)),
                findings=np.array(tuple(kb.findings)),
            )

    @classmethod
    def load(cls, path: Path, kb: KnowledgeBase) -> ClassifierTerms:
        """Read exported terms (no pickle) and check they fit this knowledge base."""
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
        except FileNotFoundError:
            raise KnowledgeError(path, "classifier terms are missing; run `make train`") from None
        except Exception as exc:  # a damaged archive raises many kinds of error
            raise KnowledgeError(
                path, f"cannot be read ({type(exc).__name__}: {exc}); run `make train`"
            ) from None
        if tuple(arrays.get("conditions", ())) != tuple(kb.conditions) or tuple(
            arrays.get("findings", ())
        ) != tuple(kb.findings):
            raise KnowledgeError(
                path, "terms were made for other conditions or findings; run `make train`"
            )
        return cls(arrays["prior_table"], arrays["present"], arrays["absent"])


def read_metrics(models_dir: Path) -> dict:
    """models/metrics.json, or an error that says how to create it."""
    path = models_dir / METRICS_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnowledgeError(path, "missing; run `make train` to create the model") from None
    except ValueError as exc:
        raise KnowledgeError(path, f"not valid JSON ({exc}); run `make train`") from None


def installed_sklearn() -> str:
    """The installed scikit-learn version, read without importing it (start-up time)."""
    return version("scikit-learn")


def verify_artifact(
    models_dir: Path, metrics: dict, name: str = MODEL_FILE, key: str = "sha256"
) -> Path:
    """Check the scikit-learn version and the sha256 recorded in metrics.json."""
    path = models_dir / name
    if metrics.get("sklearn_version") != installed_sklearn():
        raise KnowledgeError(
            path,
            f"trained with scikit-learn {metrics.get('sklearn_version')} "
            f"but {installed_sklearn()} is installed; run `make train`",
        )
    if not path.is_file():
        raise KnowledgeError(path, "classifier file is missing; run `make train`")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != metrics.get(key):
        raise KnowledgeError(
            path,
            "sha256 does not match models/metrics.json: the file is "
            "corrupt or was replaced; run `make train`",
        )
    return path


def load_classifier(models_dir: Path, metrics: dict):
    """Open the skops file after checking version, hash and the types it contains."""
    import skops.io as sio  # imported here: it pulls in all of scikit-learn

    path = verify_artifact(models_dir, metrics)
    try:
        untrusted = sio.get_untrusted_types(file=path)
        extra = sorted(set(untrusted) - set(TRUSTED_TYPES))
        if extra:
            raise KnowledgeError(path, f"contains untrusted types {extra}; refusing to load it")
        return sio.load(path, trusted=list(TRUSTED_TYPES))
    except KnowledgeError:
        raise
    except Exception as exc:  # skops raises many kinds of error on a damaged archive
        raise KnowledgeError(
            path, f"cannot be read ({type(exc).__name__}: {exc}); run `make train`"
        ) from None


def load_engine_model(kb: KnowledgeBase, models_dir: Path, use_classifier: bool) -> EngineModel:
    """The engine model, blended with the committed classifier (checked) when enabled."""
    if not use_classifier:
        return build_model(kb)
    metrics = read_metrics(models_dir)
    try:
        weight = float(metrics["blend_weight"])
        scale = (float(metrics["prior_weight"]), float(metrics["evidence_weight"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise KnowledgeError(
            models_dir / METRICS_FILE, f"missing or bad field {exc}; run `make train`"
        ) from None
    # Both files are checked whatever the weight, so a damaged model never goes unnoticed.
    verify_artifact(models_dir, metrics)
    terms = ClassifierTerms.load(
        verify_artifact(models_dir, metrics, TERMS_FILE, "terms_sha256"), kb
    )
    if weight == 0:
        # The development set gave the classifier no weight: the likelihood model serves alone.
        model = build_model(kb, None, 0.0, *scale)
        model.meta.update({"classifier": f"{MODEL_FILE} (verified, weight 0)"})
        return model
    model = build_model(kb, terms, weight, *scale)
    model.meta.update({"classifier": MODEL_FILE, "classifier_sha256": metrics["sha256"][:12]})
    return model


def check_terms_match_classifier(kb: KnowledgeBase, models_dir: Path) -> None:
    """Open the skops file (trusted types only) and check the served terms are the ones it holds."""
    metrics = read_metrics(models_dir)
    base = build_model(kb)
    try:
        expected = ClassifierTerms.from_estimator(load_classifier(models_dir, metrics), base)
    except ValueError as exc:
        raise KnowledgeError(models_dir / MODEL_FILE, f"{exc}; run `make train`") from None
    served = ClassifierTerms.load(models_dir / TERMS_FILE, kb)
    for name in ("prior_table", "present", "absent"):
        if not np.allclose(getattr(expected, name), getattr(served, name), atol=1e-9):
            raise KnowledgeError(
                models_dir / TERMS_FILE,
                f"{name} differs from {MODEL_FILE}; run `make train`",
            )
