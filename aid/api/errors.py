"""One JSON error shape for the API, produced here and nowhere else."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..engine import InputError


def error_response(
    status: int, code: str, message: str, fields: list[str] | None = None
) -> tuple[Response, int]:
    """The contract's error body: {"error": {"code", "message", "fields"}}."""
    return jsonify({"error": {"code": code, "message": message, "fields": fields or []}}), status


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app: Flask) -> None:
    """Turn input errors and HTTP errors on /api/ paths into the contract's error shape."""

    @app.errorhandler(InputError)
    def input_error(exc: InputError):
        return error_response(400, exc.code, exc.message, exc.fields)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if not _wants_json():
            if exc.code == 404:
                return render_template("errors/404.html"), 404
            return exc
        if exc.code == 413:
            return error_response(
                413,
                "too_large",
                "The request body is over the 64 KiB limit; send only age, sex and findings.",
                [],
            )
        code = (exc.name or "error").lower().replace(" ", "_")
        response, status = error_response(
            exc.code or 500, code, exc.description or exc.name or "Error"
        )
        for name, value in exc.get_headers():
            if name.lower() != "content-type":  # keep e.g. Allow on 405, Retry-After on 429
                response.headers[name] = value
        return response, status
