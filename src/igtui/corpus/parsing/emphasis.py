"""Markdown-style `**bold**` typed into a plain-text document: shown bold, never as stars."""

from __future__ import annotations

import re

from igtui.corpus.model import StyleSpan

# "**我们赞赏**": stars hugging non-space text on both sides, on one line
_STRONG = re.compile(r"\*\*(?=[^\s*])([^\n]*?[^\s*])\*\*")


def strip_strong(text: str) -> tuple[str, tuple[StyleSpan, ...]]:
    """`text` without its `**…**` markers, and the spans they marked as strong."""
    if "**" not in text:
        return text, ()
    out: list[str] = []
    styles: list[StyleSpan] = []
    length = last = 0
    for match in _STRONG.finditer(text):
        before = text[last : match.start()]
        out.append(before)
        length += len(before)
        inner = match.group(1)
        styles.append((length, length + len(inner), "strong"))
        out.append(inner)
        length += len(inner)
        last = match.end()
    out.append(text[last:])
    return "".join(out), tuple(styles)
