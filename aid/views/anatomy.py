"""/anatomy: one page per structure, with its diagram highlighted."""

from __future__ import annotations

import re
from functools import lru_cache

from flask import Blueprint, abort, render_template
from markupsafe import Markup

from ..state import aid

bp = Blueprint("anatomy", __name__, url_prefix="/anatomy")


@lru_cache(maxsize=128)
def highlighted(svg: str, structure_id: str) -> Markup:
    """The anatomy diagram with one structure's shapes marked `is-highlighted`."""
    pattern = re.compile(r'<[a-z]+[^>]*data-structure="' + re.escape(structure_id) + r'"[^>]*>')
    marked = pattern.sub(
        lambda m: m.group(0).replace('class="structure ', 'class="structure is-highlighted '), svg
    )
    marked = marked.replace('class="diagram', 'class="diagram has-highlight', 1)
    return Markup(marked)  # our own validated SVG file (no scripts, styles or links)


@bp.get("/")
def index():
    """Every structure, grouped by kind."""
    kb = aid().kb
    return render_template("anatomy/index.html", kb=kb)


@bp.get("/<structure_id>")
def page(structure_id: str):
    """The anatomy page of one structure."""
    kb = aid().kb
    if structure_id not in kb.structures:
        abort(404)
    svg = kb.diagrams.get("anatomy", "")
    return render_template(
        "anatomy/page.html",
        kb=kb,
        page=kb.anatomy[structure_id],
        structure=kb.structures[structure_id],
        conditions=kb.conditions_of(structure_id),
        diagram=highlighted(svg, structure_id) if svg else None,
    )
