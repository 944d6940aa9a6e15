"""Keyword in context: every occurrence of a term across the corpus (no Textual imports).

Matching is on the folded text (NFKC width, lowercase, traditional -> simplified: the search's
`fold`, which keeps one char per char), so "多邊" finds 多边 and "ICANN" finds "icann" at the
same offsets in the original. A term that the search's synonym table knows also finds its other
spellings (互联网 -> 因特网); `Line.match` shows the spelling actually found. A Latin word is
matched whole, not inside a longer word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.search.normalize import fold, synonyms

DEFAULT_WIDTH = 30
_WHITESPACE = re.compile(r"\s")


@dataclass(frozen=True, slots=True)
class Line:
    """One occurrence: `match` is at `start` in paragraph `n` of document `doc` (an id)."""

    doc: str
    n: int
    start: int
    left: str
    match: str
    right: str


@dataclass(frozen=True, slots=True)
class Group:
    doc_id: str
    title: str
    count: int
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Concordance:
    term: str
    # the folded spellings searched for: the term and its synonyms
    spellings: tuple[str, ...]
    groups: tuple[Group, ...]
    total: int
    width: int

    def as_json(self) -> dict[str, object]:
        return {
            "term": self.term,
            "total": self.total,
            "documents": [
                {
                    "doc": g.doc_id,
                    "title": g.title,
                    "count": g.count,
                    "lines": [
                        {"n": x.n, "left": x.left, "match": x.match, "right": x.right}
                        for x in g.lines
                    ],
                }
                for g in self.groups
            ],
        }


def spellings(term: str, expand: bool = True) -> tuple[str, ...]:
    """The folded forms to look for, longest first so a longer spelling wins at a position."""
    term = term.strip()
    if not term:
        return ()
    # the phrase-aware conversion (網際網路 -> 互联网) and the char-by-char one the corpus gets
    forms = {fold(term, keep_length=False), fold(term)}
    if expand:
        forms.update(*(synonyms(form) for form in tuple(forms)))
    return tuple(sorted(forms, key=lambda s: (-len(s), s)))


def concordance(
    corpus: Corpus,
    term: str,
    width: int = DEFAULT_WIDTH,
    expand: bool = True,
    cancelled: Callable[[], bool] | None = None,
) -> Concordance:
    """Every occurrence of `term` in the readable paragraphs, grouped by document (corpus order;
    documents without one are left out), with `width` cells of context either side.

    `cancelled`: asked between documents; once it says True the scan stops and what was
    found so far is returned (the reader typed on, and nobody waits for this one)."""
    forms = spellings(term, expand)
    groups: list[Group] = []
    if forms:
        pattern = re.compile("|".join(map(_whole_words, forms)))
        for doc in corpus.documents:
            if cancelled is not None and cancelled():
                break
            lines = tuple(_document_lines(doc, pattern, width))
            if lines:
                groups.append(Group(doc.id, doc.title, len(lines), lines))
    return Concordance(term, forms, tuple(groups), sum(g.count for g in groups), width)


def _whole_words(form: str) -> str:
    """The pattern of one spelling: a Latin word is matched whole ("digital divide" does not
    match inside "digital dividends"); Chinese, which has no spaces, anywhere."""
    before = r"(?<![a-z0-9])" if form[:1].isascii() and form[:1].isalnum() else ""
    after = r"(?![a-z0-9])" if form[-1:].isascii() and form[-1:].isalnum() else ""
    return f"{before}{re.escape(form)}{after}"


def _document_lines(doc: Document, pattern: re.Pattern[str], width: int) -> list[Line]:
    lines: list[Line] = []
    for p in doc.paragraphs:
        if p.readable:
            lines.extend(_paragraph_lines(doc.id, p, pattern, width))
    return lines


def _paragraph_lines(
    doc_id: str, p: Paragraph, pattern: re.Pattern[str], width: int
) -> list[Line]:
    text = p.text
    folded, flat = _prepared(text)
    return [
        Line(
            doc=doc_id,
            n=p.n,
            start=m.start(),
            left=tail_cells(flat[:m.start()], width),
            match=flat[m.start():m.end()],
            right=head_cells(flat[m.end():], width),
        )
        for m in pattern.finditer(folded)
    ]


@lru_cache(maxsize=1 << 16)
def _prepared(text: str) -> tuple[str, str]:
    """The text folded for matching, and flattened for display (both keep its offsets).

    Cached: the reader asks for one term after another over the same paragraphs, and folding
    is most of the cost (10 ms per query on the seeds without the cache)."""
    # one line per occurrence: whitespace (newlines, tabs) becomes a space, measured as one
    return fold(text), _WHITESPACE.sub(" ", text)


def head_cells(text: str, width: int) -> str:
    """The longest prefix of `text` at most `width` cells wide."""
    used = 0
    for i, ch in enumerate(text):
        used += get_character_cell_size(ch)
        if used > width:
            return text[:i]
    return text


def tail_cells(text: str, width: int) -> str:
    """The longest suffix of `text` at most `width` cells wide."""
    used = 0
    for i in range(len(text) - 1, -1, -1):
        used += get_character_cell_size(text[i])
        if used > width:
            return text[i + 1:]
    return text


def render_line(line: Line, width: int) -> str:
    """`left │match│ right` with the left context padded to `width` cells, so the term column
    starts at the same cell on every line."""
    pad = " " * max(width - cell_len(line.left), 0)
    return f"{pad}{line.left} │{line.match}│ {line.right}"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Occurrences of each term per document: `rows[i].counts[j]` is term j in document i."""

    terms: tuple[str, ...]
    rows: tuple[tuple[str, str, tuple[int, ...]], ...]  # (doc id, title, counts)


def compare(corpus: Corpus, terms: Sequence[str], expand: bool = True) -> Comparison:
    """How often each document uses each term ("多边" vs "多利益相关方"): every document, in
    corpus order, including those that use none of them."""
    counts: dict[str, list[int]] = {d.id: [0] * len(terms) for d in corpus.documents}
    for j, term in enumerate(terms):
        for group in concordance(corpus, term, width=0, expand=expand).groups:
            counts[group.doc_id][j] = group.count
    rows = tuple((d.id, d.title, tuple(counts[d.id])) for d in corpus.documents)
    return Comparison(tuple(terms), rows)
