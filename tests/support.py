"""Helpers the test modules share (fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from igtui.app.widgets.line_pane import LinePane
from igtui.corpus.model import Document, Paragraph
from igtui.corpus.parsing import parse_document

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
# the real documents of ../shared/devdocs (where that folder exists: CI has it); a git
# worktree one level deeper (wt/NAME) finds it two levels up
DEVDOCS = next(
    (p / "shared" / "devdocs" for p in (REPO.parent, REPO.parent.parent)
     if (p / "shared" / "devdocs").is_dir()),
    REPO.parent / "shared" / "devdocs",
)


def screen_lines(app: App[Any]) -> list[str]:
    """The whole screen as the terminal shows it now, one string per row."""
    return [
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    ]


def screen_text(app: App[Any]) -> str:
    return "\n".join(screen_lines(app))


def pane_text(pane: LinePane[Any]) -> str:
    """What a reading pane shows right now, row by row."""
    return "\n".join(pane.render_line(y).text for y in range(pane.size.height))


def parse_text(text: str) -> Document:
    """`text` through the parsing pipeline, as a .txt file would be."""
    return parse_document(text, "doc", Path("doc.txt"))


def only_paragraph(doc: Document, needle: str) -> Paragraph:
    """The one paragraph of `doc` holding `needle` (a test failure if none or several)."""
    found = [p for p in doc.paragraphs if needle in p.text]
    assert len(found) == 1, (needle, [p.text[:30] for p in found])
    return found[0]


def readable_text(doc: Document) -> str:
    """What the reader shows of `doc`: its readable paragraphs, one per line."""
    return "\n".join(p.text for p in doc.paragraphs if p.readable)
