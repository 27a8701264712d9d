"""API routes: assess, findings (with lay search), conditions, structures, OpenAPI document."""

from __future__ import annotations

import json
from typing import Any

from flask import jsonify, request

from ..engine import InputError, assess_raw
from ..state import aid
from . import bp
from .openapi import openapi_document


def read_json_body() -> Any:
    """Parse the body as JSON whatever the content type; a bad body is a 400, not a 500."""
    data = request.get_data(cache=True)
    try:
        return json.loads(data) if data else None
    except (ValueError, UnicodeDecodeError):
        raise InputError(
            "bad_json",
            'The body is not valid JSON; send an object such as {"findings": {"limp": "present"}}.',
        ) from None


@bp.get("/health")
def health():
    """A trivial endpoint: the baseline the HTTP benchmark compares /assess against."""
    return jsonify({"status": "ok"})


@bp.post("/assess")
def assess():
    """Rank conditions and structures for the findings posted."""
    state = aid()
    return jsonify(assess_raw(state.model, read_json_body()).to_dict())


def finding_json(finding, score: float | None = None) -> dict[str, Any]:
    body = {
        "id": finding.id,
        "label": finding.label,
        "group": finding.group,
        "synonyms": list(finding.synonyms),
        "codes": {"hpo": finding.hpo or None, "snomed": finding.snomed or None},
    }
    if score is not None:
        body["score"] = score
    return body


@bp.get("/findings")
def findings():
    """Every finding, or with ?q= the best lay-word matches first."""
    state = aid()
    query = request.args.get("q")
    if query is None:
        return jsonify({"findings": [finding_json(f) for f in state.kb.findings.values()]})
    if len(query) > 200:
        raise InputError("bad_query", "The search text is limited to 200 characters.", ["q"])
    matches = state.search.search(query)
    return jsonify(
        {
            "query": query,
            "findings": [finding_json(state.kb.findings[m.finding_id], m.score) for m in matches],
        }
    )


@bp.get("/conditions")
def conditions():
    """Every condition with its code, triage level and structures."""
    kb = aid().kb
    return jsonify(
        {
            "conditions": [
                {
                    "id": c.id,
                    "name": c.name,
                    "icd10cm": c.icd10cm,
                    "must_not_miss": c.must_not_miss,
                    "triage": c.triage,
                    "summary": c.summary,
                    "structures": kb.structures_of(c.id),
                    "url": f"/conditions/{c.id}",
                }
                for c in kb.conditions.values()
            ]
        }
    )


@bp.get("/structures")
def structures():
    """Every structure with a link to its anatomy page."""
    kb = aid().kb
    return jsonify(
        {
            "structures": [
                {
                    "id": s.id,
                    "name": s.name,
                    "kind": s.kind,
                    "conditions": kb.conditions_of(s.id),
                    "url": f"/anatomy/{s.id}",
                }
                for s in kb.structures.values()
            ]
        }
    )


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API (finding ids enumerated from the knowledge)."""
    return jsonify(openapi_document(aid().kb, list(aid().cases.teaching)))


def case_summary(case) -> dict[str, Any]:
    return {
        "id": case.id,
        "title": case.title,
        "age": case.age,
        "sex": case.sex,
        "objectives": list(case.objectives),
        "stages": len(case.stages),
        "url": f"/api/v1/cases/{case.id}",
    }


MAX_REVEAL = 20


@bp.get("/cases")
def cases():
    """Every teaching case, without spoilers."""
    return jsonify({"cases": [case_summary(c) for c in aid().cases.teaching.values()]})


@bp.get("/cases/<case_id>")
def case(case_id: str):
    """A case with ?reveal=k stages shown (default 1); the answer only once all are revealed."""
    teaching = aid().cases.teaching
    if case_id not in teaching:
        raise InputError(
            "unknown_case", f"No case {case_id!r}; GET /api/v1/cases lists them.", ["case_id"]
        )
    case = teaching[case_id]
    raw = request.args.get("reveal", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_REVEAL:
        raise InputError(
            "bad_reveal",
            f"'reveal' must be a whole number from 1 to {MAX_REVEAL} (numbers past the last "
            f"stage show the whole case); got {raw!r}.",
            ["reveal"],
        )
    shown = min(int(raw), len(case.stages))
    body = case_summary(case) | {
        "revealed": shown,
        "stage_detail": [
            {"name": s.name, "text": s.text, "findings": dict(s.findings)}
            for s in case.stages[:shown]
        ],
    }
    if shown == len(case.stages):
        body["answer"] = {
            "diagnosis": case.diagnosis,
            "triage": case.triage,
            "expected_differential": list(case.expected_differential),
            "must_consider": list(case.must_consider),
            "structures": list(case.structures),
            "debrief": case.debrief,
            "sources": list(case.sources),
        }
    return jsonify(body)
