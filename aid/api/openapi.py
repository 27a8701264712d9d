"""The OpenAPI document, built from the knowledge so it lists exactly the ids the API accepts."""

from __future__ import annotations

from typing import Any

from ..knowledge import KnowledgeBase

LEVEL = {"type": "string", "enum": ["emergency", "urgent", "routine"]}
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "array", "items": {"type": "string"}},
            },
        }
    },
}
CONTRIBUTION = {
    "type": "object",
    "required": ["id", "state", "effect", "likelihood_ratio"],
    "properties": {
        "id": {"type": "string"},
        "label": {"type": "string"},
        "state": {"type": "string", "enum": ["present", "absent"]},
        "effect": {"type": "number"},
        "likelihood_ratio": {"type": "number"},
        "sources": {"type": "array", "items": {"type": "string"}},
        "estimate": {"type": "boolean"},
    },
}
REASON = {
    "type": "object",
    "required": ["rule", "text"],
    "properties": {
        "rule": {"type": "string"},
        "text": {"type": "string"},
        "level": LEVEL,
        "citation": {"type": "string"},
    },
}
ASSESSMENT = {
    "type": "object",
    "required": ["triage", "conditions", "structures", "next_findings"],
    "properties": {
        "triage": {
            "type": "object",
            "required": ["level", "reasons"],
            "properties": {"level": LEVEL, "reasons": {"type": "array", "items": REASON}},
        },
        "conditions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "id",
                    "name",
                    "icd10cm",
                    "probability",
                    "structures",
                    "supporting",
                    "opposing",
                    "rules",
                ],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "icd10cm": {"type": "string"},
                    "probability": {"type": "number", "minimum": 0, "maximum": 1},
                    "structures": {"type": "array", "items": {"type": "string"}},
                    "supporting": {"type": "array", "items": CONTRIBUTION},
                    "opposing": {"type": "array", "items": CONTRIBUTION},
                    "rules": {"type": "array", "items": {"type": "object"}},
                },
            },
        },
        "structures": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name", "score", "url"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "score": {"type": "number"},
                    "url": {"type": "string"},
                },
            },
        },
        "next_findings": {
            "type": "array",
            "maxItems": 5,
            "items": {
                "type": "object",
                "required": ["id", "label", "value"],
                "properties": {
                    "id": {"type": "string"},
                    "label": {"type": "string"},
                    "value": {"type": "number"},
                },
            },
        },
    },
}
LIST = {"type": "object"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, **_json({"$ref": "#/components/schemas/Error"})}


def request_schema(kb: KnowledgeBase) -> dict[str, Any]:
    """The assess request: every finding id enumerated, states present/absent, nothing else."""
    state = {"type": "string", "enum": ["present", "absent"]}
    return {
        "type": "object",
        "required": ["findings"],
        "additionalProperties": False,
        "properties": {
            "age": {
                "type": ["integer", "null"],
                "minimum": 0,
                "maximum": 120,
                "description": "Years; null or absent when not known.",
            },
            "sex": {
                "enum": ["female", "male", None],
                "description": "null or absent when not given.",
            },
            "findings": {
                "type": "object",
                "additionalProperties": False,
                "properties": {finding_id: state for finding_id in kb.findings},
            },
        },
    }


def _get(summary: str, params: list | None = None, extra: dict | None = None) -> dict[str, Any]:
    responses = {"200": {"description": "OK", **_json(LIST)}, **(extra or {})}
    return {"get": {"summary": summary, "parameters": params or [], "responses": responses}}


def openapi_document(kb: KnowledgeBase, kb_cases: list[str]) -> dict[str, Any]:
    """The whole OpenAPI 3.1 document."""
    query = [
        {
            "name": "q",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "maxLength": 200},
            "description": "Lay or clinical words; best matches first.",
        }
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "aid assessment API",
            "version": "1.0.0",
            "description": "Teaching and decision support, not a diagnosis.",
        },
        "paths": {
            "/api/v1/assess": {
                "post": {
                    "summary": "Rank conditions and structures for a set of findings",
                    "requestBody": {
                        "required": True,
                        **_json({"$ref": "#/components/schemas/AssessRequest"}),
                    },
                    "responses": {
                        "200": {
                            "description": "The assessment",
                            **_json({"$ref": "#/components/schemas/Assessment"}),
                        },
                        "400": _error("Bad input, with the field and the fix named"),
                        "413": _error("Body over 64 KiB"),
                    },
                }
            },
            "/api/v1/findings": _get(
                "Every finding, or lay search with ?q=",
                query,
                {"400": _error("Search text too long")},
            ),
            "/api/v1/conditions": _get("Every condition"),
            "/api/v1/health": _get("Liveness check"),
            "/api/v1/structures": _get("Every structure"),
            "/api/v1/openapi.json": _get("This document"),
            "/api/v1/cases": _get("Every teaching case (no spoilers)"),
            "/api/v1/cases/{case_id}": _get(
                "A teaching case with the first `reveal` stages; the answer once all are shown",
                [
                    {
                        "name": "case_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "enum": sorted(kb_cases)},
                    },
                    {
                        "name": "reveal",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 20},
                    },
                ],
                {"400": _error("Unknown case or bad reveal")},
            ),
        },
        "components": {
            "schemas": {
                "AssessRequest": request_schema(kb),
                "Assessment": ASSESSMENT,
                "Error": ERROR,
            }
        },
    }
