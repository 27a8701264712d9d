"""`flask evaluate`: the three engines side by side, the misses, the reliability plot, the card."""

from __future__ import annotations

import json
from pathlib import Path
from string import Template
from typing import Any

from ..engine import build_model
from ..knowledge import load_knowledge
from ..knowledge.case_loader import load_cases
from .evaluate import Report, evaluate, reliability_points
from .predict import ClassifierTerms, load_classifier, load_engine_model, read_metrics

METRICS = (
    "top1",
    "top3",
    "top5",
    "structure_top3",
    "emergency_recall",
    "routine_to_emergency",
    "triage_exact",
    "ece",
    "brier",
)
TEMPLATE = Path(__file__).with_name("card_template.md")


def reports(config: Any) -> list[Report]:
    """Evaluate the likelihood model alone, the classifier alone and the committed blend."""
    kb = load_knowledge(config["KNOWLEDGE_DIR"], config["RULES_DIR"], config["REGION"])
    vignettes = load_cases(Path(config["CASES_DIR"]) / config["REGION"], kb).vignettes
    models_dir = Path(config["MODELS_DIR"])
    metrics = read_metrics(models_dir)
    terms = ClassifierTerms.from_estimator(load_classifier(models_dir, metrics), build_model(kb))
    return [
        evaluate("likelihood model", build_model(kb), vignettes),
        evaluate("classifier", build_model(kb, terms, 1.0, 1.0, 1.0), vignettes),
        evaluate("blend (served)", load_engine_model(kb, models_dir, True), vignettes),
    ]


def table(all_reports: list[Report]) -> str:
    """A Markdown table: one column per engine."""
    summaries = [r.summary() for r in all_reports]
    lines = [
        "| metric | " + " | ".join(r.name for r in all_reports) + " |",
        "|---|" + "---|" * len(all_reports),
    ]
    for metric in METRICS:
        lines.append(f"| {metric} | " + " | ".join(f"{s[metric]:.3f}" for s in summaries) + " |")
    s = summaries[-1]
    lines.append(
        f"\n(n = {s['n']}; emergency cases {s['n_emergency']}; routine cases {s['n_routine']})"
    )
    return "\n".join(lines)


def card(all_reports: list[Report], metrics: dict) -> str:
    """Fill the model card template; every field must be filled."""
    blend = all_reports[-1]
    misses = [
        f"- `{c.vignette.id}` ({c.vignette.diagnosis}): ranked {c.rank + 1}; top was {c.ranked[0]}"
        for c in blend.misses()
    ]
    by_condition = "| diagnosis | n | top-1 | top-3 |\n|---|---|---|---|\n" + "\n".join(
        f"| {name} | {n} | {top1} | {top3} |" for name, n, top1, top3 in per_condition(blend)
    )
    points = reliability_points(blend.cases)
    reliability = "| mean confidence | accuracy | n |\n|---|---|---|\n" + "\n".join(
        f"| {conf:.2f} | {acc:.2f} | {n} |" for conf, acc, n in points
    )
    cohort = metrics["cohort"]
    return Template(TEMPLATE.read_text()).substitute(
        sklearn_version=metrics["sklearn_version"],
        sha256=metrics["sha256"][:16],
        blend_weight=metrics["blend_weight"],
        prior_weight=metrics["prior_weight"],
        evidence_weight=metrics["evidence_weight"],
        chosen_on=metrics["chosen_on"],
        development_fit=", ".join(
            f"{key} {value}" for key, value in metrics.get("development_fit", {}).items()
        )
        or "(no development vignettes)",
        cohort_rows=cohort["rows"],
        seed=cohort["seed"],
        observe_present=tuple(cohort["observe_present"]),
        observe_absent=tuple(cohort["observe_absent"]),
        knowledge_hash=metrics["knowledge_hash"],
        n=len(blend.cases),
        table=table(all_reports),
        reliability=reliability,
        n_misses=len(misses),
        misses="\n".join(misses) or "none",
        by_condition=by_condition,
    )


def per_condition(report: Report) -> list[tuple[str, int, int, int]]:
    """(diagnosis, cases, right at top-1, in top 3), hardest first: where knowledge work goes."""
    rows: dict[str, list[int]] = {}
    for case in report.cases:
        counts = rows.setdefault(case.vignette.diagnosis, [0, 0, 0])
        counts[0] += 1
        counts[1] += case.rank == 0
        counts[2] += case.rank < 3
    return sorted(
        ((name, n, top1, top3) for name, (n, top1, top3) in rows.items()),
        key=lambda row: (row[2] / row[1], row[0]),
    )


def plot(report: Report, path: Path) -> None:
    """Save a reliability diagram (needs matplotlib, a development dependency)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = reliability_points(report.cases)
    fig, ax = plt.subplots(figsize=(4.5, 4.5), dpi=100)
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
    ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=report.name)
    ax.set_xlabel("probability of the top-ranked condition")
    ax.set_ylabel("fraction where it was correct")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


def run_evaluation(config: Any, write: bool = True) -> str:
    """Evaluate, print a summary with the misses, and (optionally) write the card and plot."""
    all_reports = reports(config)
    models_dir = Path(config["MODELS_DIR"])
    metrics = read_metrics(models_dir)
    text = card(all_reports, metrics)
    if write:
        (models_dir / "model_card.md").write_text(text)
        (models_dir / "evaluation.json").write_text(
            json.dumps({r.name: r.summary() for r in all_reports}, indent=2) + "\n"
        )
        plot(all_reports[-1], models_dir / "reliability.png")
    return (
        table(all_reports)
        + "\n\nMisses (blend):\n"
        + "\n".join(
            f"  {c.vignette.id}: {c.vignette.diagnosis} ranked {c.rank + 1}, top {c.ranked[:3]}, "
            f"triage {c.triage} (gold {c.vignette.triage})"
            for c in all_reports[-1].misses()
        )
    )
