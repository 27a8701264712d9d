"""Home, conditions, and sources pages."""

from __future__ import annotations

from collections import Counter

from flask import Blueprint, abort, render_template

from ..state import aid

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    """What the aid is, its limits, and where to start."""
    state = aid()
    return render_template("pages/home.html", kb=state.kb, cases=state.cases)


@bp.get("/conditions")
def conditions():
    """Every condition the aid can rank."""
    return render_template("pages/conditions.html", kb=aid().kb)


@bp.get("/conditions/<condition_id>")
def condition(condition_id: str):
    """One condition: code, structures, key findings with their LRs, rules and sources."""
    kb = aid().kb
    if condition_id not in kb.conditions:
        abort(404)
    rows = sorted(kb.likelihoods_of(condition_id), key=lambda r: -r.ratios[0])
    rules = kb.rules_of(condition_id)
    sources = sorted({s for r in rows for s in r.source} | {s for r in rules for s in r.source})
    return render_template(
        "pages/condition.html",
        kb=kb,
        condition=kb.conditions[condition_id],
        rows=rows,
        rules=rules,
        sources=sources,
        prior=kb.priors[condition_id],
    )


@bp.get("/sources")
def sources():
    """Every citation, and every number marked as an estimate."""
    kb = aid().kb
    estimated = Counter(r.condition_id for r in kb.likelihoods if r.estimate)
    cited = Counter(r.condition_id for r in kb.likelihoods if not r.estimate)
    return render_template(
        "pages/sources.html",
        kb=kb,
        n_estimates=sum(estimated.values()),
        estimated=estimated,
        cited=cited,
        rules=[r for r in kb.rules if r.estimate],
        settings=[(k, v) for k, v in kb.settings.items() if v.estimate],
        priors=[p for p in kb.priors.values() if p.estimate],
    )


@bp.get("/safety")
def safety():
    """The hazard log: each must-not-miss condition and red flag, its guarding rules and test."""
    return render_template("pages/safety.html", kb=aid().kb)
