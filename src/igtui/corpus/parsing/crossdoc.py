"""Lines that the documents of one folder share: the site's chrome, hidden (corpus-level pass).

Saved pages of one site all carry its navigation, footer, copyright and contact lines; one page
alone cannot tell them from its text, but a folder can. After every document is parsed, a short
line is boilerplate when the same line stands as a paragraph of its own in several documents of
the same folder and, in each document, sits where chrome sits: before the text starts or after
it ends, or beside another such shared line (a menu, a footer block). Shared lines in the middle
of the text on their own (a section name every report of a series uses) stay; so do numbered
lines ("第一章 总则"), the names of a document's parts ("目录", "附录"), a document's own title
standing alone, and sentences. Nothing is lost: hidden paragraphs stay in the document.

The pass reads a small summary of each parsed document (`summarize`: its short lines, where its
prose starts and ends), so a folder of 50,000 files is not held in memory for it, and is linear:
one count over the short lines, one rebuild of the documents it changes.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from igtui.corpus.model import Document, Paragraph
from igtui.corpus.parsing.headings import is_part_name
from igtui.corpus.parsing.shapes import ends_sentence, read_label, width

# documents of a folder that must share a line before it counts as the site's
MIN_DOCUMENTS = 3
# a chrome line is short
_MAX_WIDTH = 60
# prose: a paragraph this wide, or one that ends a sentence, is the text itself
_PROSE_WIDTH = 60
_READABLE = ("heading", "paragraph", "list_item")


def hide_lines(doc: Document, hidden: set[int]) -> Document:
    """`doc` with the paragraphs at positions `hidden` (0-based) hidden as the pass
    does: the parse cache keeps the positions, and hides them again when it reads `doc`."""
    return _hide(doc, hidden) if hidden else doc


@dataclass(frozen=True, slots=True)
class LineSummary:
    """What the pass needs of one document, without its paragraphs: a folder of 50,000 files
    is summarised one document at a time, and no parsed document is held for the pass."""

    # the document's folder (one string object per folder: `sys.intern`)
    folder: str
    # candidate position (0-based) -> how the line compares across documents (`_key`)
    keys: dict[int, str]
    # a hash of the document's text: copies of one document count once
    content: int
    # the first and last positions of prose (chrome sits before or after them)
    first_prose: int
    last_prose: int
    # candidate positions whose line is the document's title
    title_lines: tuple[int, ...]


def summarize(doc: Document) -> LineSummary:
    """The document as the pass sees it (see LineSummary)."""
    paragraphs = doc.paragraphs
    keys = {i: key for i, p in enumerate(paragraphs) if (key := _key(p)) is not None}
    folder = sys.intern(str(doc.path.parent))
    if not keys:
        return LineSummary(folder, {}, 0, len(paragraphs), -1, ())
    prose = [i for i, p in enumerate(paragraphs) if _prose(p)]
    first, last = (prose[0], prose[-1]) if prose else (len(paragraphs), -1)
    return LineSummary(
        folder=folder,
        keys=keys,
        content=hash("\n".join(p.text for p in paragraphs)),
        first_prose=first,
        last_prose=last,
        title_lines=tuple(i for i in keys if paragraphs[i].text == doc.title),
    )


def shared_positions(summaries: Sequence[LineSummary]) -> list[set[int]]:
    """Per document (by its summary), the positions (0-based) of its paragraphs that are the
    folder's chrome."""
    # copies of one document are one document (a folder holding a file twice shares nothing)
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for summary in summaries:
        for key in summary.keys.values():
            seen[(summary.folder, key)].add(summary.content)
    out: list[set[int]] = []
    for summary in summaries:
        shared = {
            i for i, key in summary.keys.items()
            if len(seen[(summary.folder, key)]) >= MIN_DOCUMENTS
        }
        out.append(_chrome(summary, shared) if shared else set())
    return out


def _key(paragraph: Paragraph) -> str | None:
    """How a candidate line compares across documents; None for lines that never count."""
    text = paragraph.text
    if paragraph.kind not in _READABLE or not text or width(text) > _MAX_WIDTH:
        return None
    if ends_sentence(text) or read_label(text) is not None or is_part_name(text):
        return None
    return " ".join(text.split()).casefold()


def _chrome(summary: LineSummary, shared: set[int]) -> set[int]:
    """The shared positions that sit where chrome sits: beside another shared line, or (not
    the title) before the prose starts or after it ends."""
    return {
        i for i in shared
        if i - 1 in shared or i + 1 in shared
        or ((i < summary.first_prose or i > summary.last_prose) and i not in summary.title_lines)
    }


def _prose(paragraph: Paragraph) -> bool:
    return paragraph.kind in ("paragraph", "list_item") and (
        width(paragraph.text) > _PROSE_WIDTH or ends_sentence(paragraph.text)
    )


def _hide(doc: Document, hidden: set[int]) -> Document:
    """`doc` with the paragraphs at `hidden` as boilerplate: their translations unpaired, the
    headings among them gone from the sections of what follows them."""
    unpaired = {doc.paragraphs[i].pair for i in hidden} - {None}
    gone: list[tuple[int, str]] = []  # hidden headings still "open": (level, text)
    paragraphs: list[Paragraph] = []
    for i, p in enumerate(doc.paragraphs):
        if p.kind == "heading":
            gone = [(level, text) for level, text in gone if level < p.level]
        section = _without(p.section, [text for _, text in gone])
        if i in hidden:
            if p.kind == "heading":
                gone.append((p.level, p.text))
            p = replace(
                p, kind="boilerplate", label=None, level=0, pair=None, section=section
            )
        elif (p.pair is not None and p.n in unpaired) or section != p.section:
            p = replace(p, pair=None if p.n in unpaired else p.pair, section=section)
        paragraphs.append(p)
    title = doc.title
    if any(doc.paragraphs[i].text == title for i in hidden if doc.paragraphs[i].kind == "heading"):
        title = next((p.text for p in paragraphs if p.kind == "heading"), title)
    return replace(doc, title=title, paragraphs=tuple(paragraphs))


def _without(section: tuple[str, ...], gone: list[str]) -> tuple[str, ...]:
    if not gone:
        return section
    out = list(section)
    for text in gone:
        if text in out:
            out.remove(text)
    return tuple(out)
