"""Anatomy pages: Markdown with front matter, rendered once at load and sanitised."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from pydantic import Field

from .records import Record

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


class AnatomyPage(Record):
    id: str
    name: str
    kind: str
    summary: str
    attachments: list[str] = Field(min_length=1)
    actions: list[str] = []
    nerve_supply: str
    blood_supply: str
    tests: list[str] = []
    sources: list[str] = Field(min_length=1)
    html: str = ""


def render_markdown(text: str) -> str:
    """Render Markdown to HTML and strip anything unsafe (raw HTML is never passed through)."""
    return nh3.clean(_MARKDOWN.render(text), link_rel="noopener noreferrer")
