"""Lines that the documents of one folder share: the site's chrome, hidden (corpus-level pass).

Saved pages of one site all carry its navigation, footer, copyright and contact lines; one page
alone cannot tell them from its text, but a folder can. After every document is parsed, a short
line is boilerplate when the same line stands as a paragraph of its own in several documents of
the same folder and, in each document, sits where chrome sits: before the text starts or after
it ends, or beside another such shared line (a menu, a footer block). Shared lines in the middle
of the text on their own (a section name every report of a series uses) stay; so do numbered
lines ("第一章 总则"), the names of a document's parts ("目录", "附录"), a document's own title
standing alone, and sentences. Nothing is lost: hidden paragraphs stay in the document.

The pass reads only parsed Documents (it works on cached ones as well) and is linear: one count
over the short paragraphs, one rebuild of the documents it changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

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


def hide_shared_lines(documents: Sequence[Document]) -> list[Document]:
    """The documents, with the short lines repeated across each folder made boilerplate."""
    return [
        hide_lines(doc, hidden) if hidden else doc
        for doc, hidden in zip(documents, shared_lines(documents), strict=True)
    ]


def hide_lines(doc: Document, hidden: set[int]) -> Document:
    """`doc` with the paragraphs at positions `hidden` (0-based) hidden as `shared_lines`
    does: the parse cache keeps the positions, and hides them again when it reads `doc`."""
    return _hide(doc, hidden) if hidden else doc


def shared_lines(documents: Sequence[Document]) -> list[set[int]]:
    """Per document, the positions (0-based) of its paragraphs that are the folder's chrome."""
    keys = [[_key(p) for p in doc.paragraphs] for doc in documents]
    # copies of one document are one document (a folder holding a file twice shares nothing)
    seen: dict[tuple[Path, str], set[int]] = defaultdict(set)
    for doc, doc_keys in zip(documents, keys, strict=True):
        folder = doc.path.parent
        content = hash("\n".join(p.text for p in doc.paragraphs))
        for key in doc_keys:
            if key is not None:
                seen[(folder, key)].add(content)
    out: list[set[int]] = []
    for doc, doc_keys in zip(documents, keys, strict=True):
        folder = doc.path.parent
        shared = [
            key is not None and len(seen[(folder, key)]) >= MIN_DOCUMENTS for key in doc_keys
        ]
        out.append(_chrome(doc, shared) if any(shared) else set())
    return out


def _key(paragraph: Paragraph) -> str | None:
    """How a candidate line compares across documents; None for lines that never count."""
    text = paragraph.text
    if paragraph.kind not in _READABLE or not text or width(text) > _MAX_WIDTH:
        return None
    if ends_sentence(text) or read_label(text) is not None or is_part_name(text):
        return None
    return " ".join(text.split()).casefold()


def _chrome(doc: Document, shared: list[bool]) -> set[int]:
    """Positions (0-based) of the shared lines that sit where chrome sits in `doc`."""
    paragraphs = doc.paragraphs
    prose = [i for i, p in enumerate(paragraphs) if _prose(p)]
    first, last = (prose[0], prose[-1]) if prose else (len(paragraphs), -1)
    hidden: set[int] = set()
    for i, is_shared in enumerate(shared):
        if not is_shared:
            continue
        beside = (i > 0 and shared[i - 1]) or (i + 1 < len(shared) and shared[i + 1])
        at_edge = i < first or i > last
        if beside or (at_edge and paragraphs[i].text != doc.title):
            hidden.add(i)
    return hidden


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
