"""The text `y` copies: a paragraph (and its translation) with a citation (no Textual imports).

    “39. 我们重申……” — 第三章：互联网治理 主席文件（四读之后）, 1. 引言, ¶39 [000_3f5ce4a327935987]
"""

from __future__ import annotations

import unicodedata

from igtui.corpus.model import Document, Paragraph

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
    label = unicodedata.normalize("NFKC", p.label or "").strip()
    if not label or p.kind == "heading":  # a heading's number is already in its text
        return ""
    if p.kind == "footnote":
        return f"note {label}"
    if p.kind == "list_item":
        parent = _parent_number(doc, p)
        return f"¶{parent} {label})" if parent else f"{label})"
    return f"¶{label}"


def _parent_number(doc: Document, item: Paragraph) -> str | None:
    """The label of the numbered paragraph that introduces this list, if there is one."""
    for n in range(item.n - 1, 0, -1):
        p = doc.paragraph(n)
        if p.kind != "list_item":
            label = unicodedata.normalize("NFKC", p.label or "")
            return label if p.kind == "paragraph" and label.isdigit() else None
    return None
