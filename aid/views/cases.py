"""Case walkthroughs: stages revealed one by one, committed differentials, comparison, debrief."""

from __future__ import annotations

import secrets
from collections import Counter

from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import SQLAlchemyError
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from ..db import Attempt, Commit, db, now
from ..knowledge.anatomy import render_markdown
from ..state import aid
from ..teaching import compare, score

bp = Blueprint("cases", __name__)
SAVE_FAILED = (
    "Could not save: the database is unavailable. Assessment still works; try the "
    "case again later to keep your progress."
)


def owner_filter() -> dict:
    """Who owns new attempts: the signed-in learner, or this browser's anonymous token."""
    if current_user.is_authenticated:
        return {"learner_id": current_user.id}
    session.setdefault("anon_token", secrets.token_hex(16))
    return {"learner_id": None, "anon_token": session["anon_token"]}


def own_attempt(attempt_id: int) -> Attempt:
    """The attempt if it belongs to the current learner or browser; 404 otherwise."""
    try:
        attempt = db.session.get(Attempt, attempt_id)
    except SQLAlchemyError:
        abort(503, SAVE_FAILED)
    if attempt is None:
        abort(404)
    if current_user.is_authenticated and attempt.learner_id == current_user.id:
        return attempt
    token = session.get("anon_token")
    if attempt.learner_id is None and token and attempt.anon_token == token:
        return attempt
    abort(404)  # never reveal that someone else's attempt exists


class CommitForm(FlaskForm):
    """Up to five conditions, best first, and a triage level (all optional)."""

    def commits(self) -> tuple[list[str], str | None]:
        picks = [getattr(self, f"pick_{i}").data for i in range(1, 6)]
        ordered = list(dict.fromkeys(p for p in picks if p))
        return ordered, self.triage.data or None


def commit_form(kb, data=None) -> CommitForm:
    choices = [SelectChoice("", "—")] + [
        SelectChoice(c.id, c.name) for c in sorted(kb.conditions.values(), key=lambda c: c.name)
    ]
    attrs = {
        f"pick_{i}": SelectField(f"Choice {i}", choices=choices, default="") for i in range(1, 6)
    }
    attrs["triage"] = SelectField(
        "Triage",
        default="",
        choices=[
            SelectChoice("", "—"),
            SelectChoice("emergency", "Emergency"),
            SelectChoice("urgent", "Urgent"),
            SelectChoice("routine", "Routine"),
        ],
    )
    return type("StageCommitForm", (CommitForm,), attrs)(data=data)


@bp.get("/cases")
def index():
    """Every teaching case."""
    return render_template("cases/index.html", cases=aid().cases.teaching.values(), kb=aid().kb)


@bp.get("/cases/<case_id>")
def case(case_id: str):
    """A case's title and objectives, and a button to start."""
    state = aid()
    if case_id not in state.cases.teaching:
        abort(404)
    return render_template("cases/start.html", case=state.cases.teaching[case_id], form=FlaskForm())


@bp.post("/cases/<case_id>/attempts")
def start(case_id: str):
    """Start an attempt (saved) and show its first stage."""
    if case_id not in aid().cases.teaching or not FlaskForm().validate_on_submit():
        abort(400)
    try:
        attempt = Attempt(case_id=case_id, **owner_filter())
        db.session.add(attempt)
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        flash(SAVE_FAILED, "error")
        return redirect(url_for("cases.case", case_id=case_id))
    return redirect(url_for("cases.stage", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>")
def stage(attempt_id: int):
    """The stages revealed so far and the commit form."""
    attempt = own_attempt(attempt_id)
    state = aid()
    case = state.cases.teaching[attempt.case_id]
    if attempt.finished_at:
        return redirect(url_for("cases.debrief", attempt_id=attempt.id))
    last = attempt.commits[-1] if attempt.commits else None
    data = {f"pick_{i + 1}": c for i, c in enumerate(last.differential)} if last else {}
    if last:
        data["triage"] = last.triage or ""
    return render_template(
        "cases/stage.html",
        case=case,
        attempt=attempt,
        kb=state.kb,
        form=commit_form(state.kb, data),
        is_last=attempt.stage == len(case.stages) - 1,
    )


@bp.post("/attempts/<int:attempt_id>")
def advance(attempt_id: int):
    """Save the commit (if any) and reveal the next stage, or finish and score."""
    attempt = own_attempt(attempt_id)
    state = aid()
    case = state.cases.teaching[attempt.case_id]
    form = commit_form(state.kb)
    if not form.validate_on_submit():
        abort(400)
    differential, triage = form.commits()
    try:
        if differential or triage:
            attempt.commits.append(
                Commit(stage=attempt.stage, differential=differential, triage=triage)
            )
        if attempt.stage < len(case.stages) - 1:
            attempt.stage += 1
        else:
            finish(attempt, case)
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        abort(503, SAVE_FAILED)
    if attempt.finished_at:
        return redirect(url_for("cases.debrief", attempt_id=attempt.id))
    return redirect(url_for("cases.stage", attempt_id=attempt.id))


def commit_rows(attempt: Attempt) -> list[tuple[int, list[str], str | None]]:
    return [(c.stage, list(c.differential), c.triage) for c in attempt.commits]


def finish(attempt: Attempt, case) -> None:
    result = score(case, commit_rows(attempt))
    attempt.finished_at = now()
    attempt.correct_rank = result.correct_rank
    attempt.triage_safe = result.triage_safe
    attempt.must_consider_met = result.must_consider_met


@bp.get("/attempts/<int:attempt_id>/debrief")
def debrief(attempt_id: int):
    """The learner's lists next to the engine's ranking at each stage, the score, the debrief."""
    attempt = own_attempt(attempt_id)
    state = aid()
    case = state.cases.teaching[attempt.case_id]
    if not attempt.finished_at:
        return redirect(url_for("cases.stage", attempt_id=attempt.id))
    rows = commit_rows(attempt)
    return render_template(
        "cases/debrief.html",
        case=case,
        attempt=attempt,
        kb=state.kb,
        comparison=compare(state.model, case, rows),
        score=score(case, rows),
        debrief_html=render_markdown(case.debrief),
    )


@bp.get("/progress")
def progress():
    """This learner's (or this browser's) attempts, scores over time, most-missed conditions."""
    state = aid()
    try:
        attempts = db.session.scalars(
            db.select(Attempt).filter_by(**owner_filter()).order_by(Attempt.started_at)
        ).all()
    except SQLAlchemyError:
        flash("Progress is unavailable: the database is down.", "error")
        attempts = []
    missed = Counter(
        state.cases.teaching[a.case_id].diagnosis
        for a in attempts
        if a.finished_at and a.correct_rank is None and a.case_id in state.cases.teaching
    )
    return render_template(
        "cases/progress.html",
        attempts=attempts,
        kb=state.kb,
        cases=state.cases.teaching,
        missed=missed.most_common(5),
    )
