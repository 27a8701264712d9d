"""/assess: the form (GET), the ranked results (POST), and a JSON summary for export."""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request

from ..engine import AssessmentRequest, assess, parse_request
from ..state import aid
from .forms import assess_form_class, field_name, grouped_findings

bp = Blueprint("assess", __name__)


def render_form(form, matches=(), status: int = 200):
    state = aid()
    return render_template(
        "assess/form.html",
        form=form,
        groups=grouped_findings(state.kb),
        matches=matches,
        field_name=field_name,
        kb=state.kb,
        regions=body_regions(state.kb),
    ), status


def body_regions(kb) -> list[dict]:
    """Body-map regions with the names of the structures under each."""
    return [
        {
            "region_id": r.region_id,
            "label": r.label,
            "finding_ids": r.finding_ids,
            "structures": [kb.structures[s].name for s in r.structure_ids],
        }
        for r in kb.body_regions
    ]


@bp.route("/assess", methods=["GET", "POST"])
def assess_page():
    """Show the form; on submit, rank and explain (or re-show the form with the errors)."""
    state = aid()
    form = assess_form_class(state.kb)()
    if request.method == "GET" or request.form.get("action") == "edit":
        return render_form(form)
    if request.form.get("action") == "search":
        form.validate()  # keeps what was typed; errors are shown only on a real submit
        for field in form:
            field.errors = []
        return render_form(form, state.search.search(form.q.data or ""))
    if not form.validate_on_submit():
        return render_form(form, status=400)
    findings = form.finding_states()
    result = assess(
        state.model,
        AssessmentRequest(findings=findings, age=form.age.data, sex=form.sex.data or None),
    )
    return render_template(
        "assess/results.html",
        result=result,
        form=form,
        kb=state.kb,
        findings=findings,
        field_name=field_name,
        export_query=export_query(form.age.data, form.sex.data, findings),
    )


def export_query(age, sex, findings: dict[str, str]) -> dict[str, str]:
    """Query parameters that reproduce this assessment through /assess/summary.json."""
    query = {"findings": ",".join(f"{k}:{v}" for k, v in findings.items())}
    if age is not None:
        query["age"] = str(age)
    if sex:
        query["sex"] = sex
    return query


@bp.get("/assess/summary.json")
def summary_json():
    """A downloadable JSON summary of a case (stateless: the case is in the query string)."""
    state = aid()
    pairs = [p.split(":", 1) for p in request.args.get("findings", "").split(",") if p]
    raw = {"findings": {k: v for k, v in (p if len(p) == 2 else (p[0], "") for p in pairs)}}
    age = request.args.get("age")
    if age is not None:
        raw["age"] = int(age) if age.isdigit() else age
    if request.args.get("sex"):
        raw["sex"] = request.args["sex"]
    result = assess(state.model, parse_request(raw, state.model.finding_index))
    summary = {
        "disclaimer": result.disclaimer,
        "case": result.request,
        "triage": {
            "level": result.triage.level,
            "reasons": [{"rule": r.rule, "text": r.text} for r in result.triage.reasons],
        },
        "conditions": [
            {
                "id": c.id,
                "name": c.name,
                "icd10cm": c.icd10cm,
                "probability": round(c.probability, 4),
            }
            for c in result.conditions[:10]
        ],
        "structures": [
            {"id": s.id, "name": s.name, "score": s.score} for s in result.structures[:10]
        ],
    }
    return Response(
        json.dumps(summary, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=aid-case-summary.json"},
    )
