"""Where a paragraph sits, as a reader names it: the section path without the title.

A document's title is usually also its first heading (the title line of a report, the `#` of a
Markdown note, a law's name), so every section path starts with it. Shown beside the title (the
tree's document node, the status line, a citation), that heading only repeats it.
"""

from __future__ import annotations

import re
import unicodedata

from igtui.corpus.model import Document, Paragraph

_NOISE = re.compile(r"[\s\W_]+")
# the shorter of heading and title must be this share of the longer to be "the same" name
_SAME_SHARE = 0.6


def _key(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).lower()


def names_title(doc: Document, heading: str) -> bool:
    """Whether `heading` is the document's title again (spacing, width and punctuation aside;
    also a bilingual "中文 / English" title's one half, or a title lengthened by a subtitle)."""
    title, text = _key(doc.title), _key(heading)
    if not title or not text:
        return False
    if title == text:
        return True
    shorter, longer = sorted((title, text), key=len)
    return shorter in longer and len(shorter) >= _SAME_SHARE * len(longer)


def section_path(doc: Document, paragraph: Paragraph) -> tuple[str, ...]:
    """`paragraph.section` without a leading heading that only repeats the title."""
    section = paragraph.section
    if section and names_title(doc, section[0]):
        return section[1:]
    return section
