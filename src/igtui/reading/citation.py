"""The text `y` copies: a paragraph (and its translation) with a citation (no Textual imports).

    “39. 我们重申……” — 第三章：互联网治理 主席文件（四读之后）, 1. 引言, ¶39 [000_3f5ce4a327935987]
"""

from __future__ import annotations

import unicodedata

from igtui.corpus.model import Document, Paragraph
from igtui.reading.locator import locator

SECTION_SEPARATOR = " › "


def cite(doc: Document, paragraph: Paragraph, pair: Paragraph | None = None) -> str:
    """The quoted text (the pair's on the next line), then " — title, section › path, label
    [doc id]". The label is ¶N for a numbered paragraph, "¶N a)" for an item of a numbered
    paragraph's list, "note N" for a footnote; parts that are missing are left out."""
    quotes = [paragraph, *([pair] if pair is not None else [])]
    text = "\n".join(f"“{p.text.strip()}”" for p in quotes)
    section = SECTION_SEPARATOR.join(s for s in paragraph.section if s != doc.title)
    where = ", ".join(part for part in (doc.title, section, _label(doc, paragraph)) if part)
    return f"{text} — {where} [{doc.id}]"


def _label(doc: Document, p: Paragraph) -> str:
    """The paragraph's locator (`igtui.reading.locator`: what the reader shows and the CLI
    takes), with its position where the label repeats in the document; nothing for a
    paragraph without a label (a position in igtui's file order means nothing to a reader of
    the paper) or a heading (its number is in its text)."""
    label = unicodedata.normalize("NFKC", p.label or "").strip()
    if not label or p.kind == "heading":
        return ""
    where = locator(doc, p.n)
    if where.startswith("@"):
        return ""
    if p.kind == "footnote":
        # "note 3" reads better in prose than [3]; both are taken back by the CLI
        return f"note {label}" + (f" (@{p.n})" if "@" in where else "")
    return where
