"""SVG diagrams are inlined into pages, so they are checked like code: no scripts, styles, links."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from .errors import KnowledgeError

FORBIDDEN = re.compile(
    r"<script|<style|<foreignObject|\sstyle=|\son[a-z]+=|href=\"(?!#)", re.IGNORECASE
)


def load_diagrams(folder: Path) -> dict[str, str]:
    """Read every SVG in the folder; reject unsafe markup and files that are not XML."""
    diagrams = {}
    for path in sorted(folder.glob("*.svg")):
        text = path.read_text(encoding="utf-8")
        try:
            ET.fromstring(text)
        except ET.ParseError as exc:
            raise KnowledgeError(path, f"not well-formed SVG ({exc})") from None
        unsafe = FORBIDDEN.search(text)
        if unsafe:
            raise KnowledgeError(
                path,
                f"unsafe markup '{unsafe.group(0).strip()}': diagrams may "
                "use classes only (no scripts, styles, event handlers or links)",
            )
        diagrams[path.stem] = text
    return diagrams


def check_diagram_ids(path: Path, text: str, attribute: str, ids: list[str], what: str) -> None:
    """Every id must be drawn: an element carrying attribute="id"."""
    for ident in ids:
        if f'{attribute}="{ident}"' not in text:
            raise KnowledgeError(
                path, f"no shape with {attribute}=\"{ident}\" for {what} '{ident}'"
            )
