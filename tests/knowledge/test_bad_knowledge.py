"""A deliberately broken file of each kind stops loading with a message naming the file."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from aid.knowledge import KnowledgeError
from aid.state import load_state

from helpers import ROOT

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "bad_knowledge"
MANIFEST = yaml.safe_load((FIXTURES / "manifest.yaml").read_text())


def broken_copy(tmp_path: Path, entry: dict) -> Path:
    """Copy knowledge/, rules/ and cases/ into tmp_path and apply one defect."""
    for folder in ("knowledge", "rules", "cases"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    target = tmp_path / entry["target"]
    if entry["file"]:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / entry["file"], target)
    else:
        target.unlink()
    return tmp_path


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["file"] or f"delete {e['target']}")
def test_broken_file_is_named(tmp_path, entry):
    root = broken_copy(tmp_path, entry)
    with pytest.raises(KnowledgeError, match=entry["match"]):
        load_state.__wrapped__(
            str(root / "knowledge"),
            str(root / "rules"),
            str(root / "cases"),
            str(ROOT / "models"),
            "hip",
            True,
        )


def test_every_fixture_is_used():
    used = {entry["file"] for entry in MANIFEST}
    present = {p.name for p in FIXTURES.iterdir() if p.name != "manifest.yaml"}
    assert present <= used


def run_flask(args, env_extra):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(ROOT), **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "aid", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_check_knowledge_cli_names_the_defect(tmp_path):
    entry = next(e for e in MANIFEST if e["file"] == "rule_unknown_finding.yaml")
    root = broken_copy(tmp_path, entry)
    result = run_flask(
        ["check-knowledge"],
        {
            "AID_KNOWLEDGE_DIR": str(root / "knowledge"),
            "AID_RULES_DIR": str(root / "rules"),
            "AID_CASES_DIR": str(root / "cases"),
            "AID_SECRET_KEY": "x",
        },
    )
    assert result.returncode == 1
    assert "zz_bad.yaml" in result.stderr and "fevr" in result.stderr


def test_app_refuses_to_start_on_bad_knowledge(tmp_path):
    from aid import create_app

    entry = next(e for e in MANIFEST if e["file"] == "likelihoods_no_source.csv")
    root = broken_copy(tmp_path, entry)
    with pytest.raises(KnowledgeError, match="likelihoods.csv"):
        create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "x",
                "KNOWLEDGE_DIR": str(root / "knowledge"),
                "RULES_DIR": str(root / "rules"),
                "CASES_DIR": str(root / "cases"),
            }
        )
