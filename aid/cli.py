"""Flask commands: thin wrappers over plain functions in engine/, knowledge/ and ml/."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .engine import InputError, assess_raw
from .knowledge import KnowledgeError


@click.command("assess")
@with_appcontext
@click.argument("case_file", type=click.Path(dir_okay=False, allow_dash=True))
def assess_command(case_file: str) -> None:
    """Assess a case JSON file (or - for stdin) and print the same JSON as the API."""
    from .state import aid

    try:
        text = sys.stdin.read() if case_file == "-" else Path(case_file).read_text(encoding="utf-8")
        raw = json.loads(text)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{case_file}: cannot read a JSON case ({exc})") from None
    try:
        result = assess_raw(aid().model, raw)
    except InputError as exc:
        click.echo(json.dumps(exc.to_dict(), indent=2), err=True)
        sys.exit(1)
    click.echo(json.dumps(result.to_dict(), indent=2))


@click.command("check-knowledge")
@with_appcontext
def check_knowledge_command() -> None:
    """Validate every knowledge, rule, case and model file; exit non-zero naming the defect."""
    from .state import load_state, state_from_config

    load_state.cache_clear()
    try:
        state = state_from_config(current_app.config)
        if current_app.config.get("USE_CLASSIFIER", True):
            from .ml.predict import check_terms_match_classifier

            check_terms_match_classifier(state.kb, Path(current_app.config["MODELS_DIR"]))
    except KnowledgeError as exc:
        click.secho(f"knowledge check failed: {exc}", err=True, fg="red")
        sys.exit(1)
    kb = state.kb
    click.echo(
        f"knowledge ok: region {kb.region}: {len(kb.findings)} findings, "
        f"{len(kb.conditions)} conditions, {len(kb.structures)} structures, "
        f"{len(kb.likelihoods)} likelihood rows, {len(kb.rules)} rules, "
        f"{len(kb.sources)} sources, {len(state.cases.vignettes)} vignettes, "
        f"{len(state.cases.teaching)} teaching cases, "
        f"{len(state.cases.development)} development vignettes"
    )


@click.command("train-model")
@with_appcontext
@click.option("--rows", type=int, default=None, help="Cohort size (default: the documented size).")
def train_model_command(rows: int | None) -> None:
    """Retrain the classifier from the synthetic cohort (fixed seed) and write models/."""
    from .knowledge import load_knowledge
    from .ml.dataset import CohortSettings
    from .ml.train import train

    config = current_app.config
    from .knowledge.case_loader import load_cases

    kb = load_knowledge(config["KNOWLEDGE_DIR"], config["RULES_DIR"], config["REGION"])
    cases = load_cases(Path(config["CASES_DIR"]) / config["REGION"], kb)
    settings = CohortSettings() if rows is None else CohortSettings(size=rows)
    metrics = train(kb, Path(config["MODELS_DIR"]), cases, settings)
    metrics.pop("_classifier")
    click.echo(json.dumps(metrics, indent=2))


@click.command("evaluate")
@with_appcontext
@click.option("--write/--no-write", default=True, help="Write the model card and plot.")
def evaluate_command(write: bool) -> None:
    """Evaluate the likelihood model, the classifier and the blend on the public vignettes."""
    from .ml.report import run_evaluation

    click.echo(run_evaluation(current_app.config, write=write))


def init_app(app: Flask) -> None:
    """Register the commands on the app."""
    for command in (assess_command, check_knowledge_command, train_model_command, evaluate_command):
        app.cli.add_command(command)
