"""The corpus data model shared by every layer (no Textual imports)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

Kind = Literal["heading", "paragraph", "list_item", "footnote", "boilerplate"]
Lang = Literal["zh", "en"]

KINDS: tuple[Kind, ...] = ("heading", "paragraph", "list_item", "footnote", "boilerplate")
# inline styles a format may carry (Markdown **strong** / *em* / `code`, HTML, Word runs)
Style = Literal["strong", "em", "code"]
# [start, end) of `Paragraph.text` drawn in a style
StyleSpan = tuple[int, int, Style]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One unit of reading text; `n` is 1-based over all kinds in its document."""

    n: int
    kind: Kind
    section: tuple[str, ...]
    label: str | None
    lang: Lang
    text: str
    # heading depth (1 = top) for headings, 0 otherwise
    level: int = 0
    # `n` of the paragraph holding this one's translation, if the document pairs them
    pair: int | None = None
    # the (1-based, physical) page the paragraph starts on, where the source has pages
    page: int | None = None
    # inline emphasis, as spans of `text` (the markup itself is never in `text`)
    styles: tuple[StyleSpan, ...] = ()

    @property
    def readable(self) -> bool:
        return self.kind != "boilerplate"

    def as_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "kind": self.kind,
            "section": list(self.section),
            "label": self.label,
            "lang": self.lang,
            "text": self.text,
            "level": self.level,
            "pair": self.pair,
            "page": self.page,
            "styles": [list(span) for span in self.styles],
        }


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a citation needs beyond the title; empty strings where the source does not say.

    Filled from the source's own metadata (front matter, HTML meta, PDF info, Word core
    properties), from a sidecar file the user writes, or from the bundled seeds' curation.
    """

    # people, as the source names them ("鄭國威"); several joined by "; "
    author: str = ""
    # the issuing body ("中国信息通信研究院", "ICANN") when it, not a person, is the author;
    # several joined by "; "
    organization: str = ""
    # as precise as known, ISO-like: "2022", "2022-01", "2024-04-28"
    date: str = ""
    # who published it: a site, journal, publisher or gazette
    publisher: str = ""
    url: str = ""
    # what it is, for citation styles: "report", "law", "webpage", "article", "book", ""
    kind: str = ""
    # (physical page, the number printed on it) where they differ: "p. 6" of a report is
    # its 11th PDF page; citations use the printed one
    page_labels: tuple[tuple[int, str], ...] = ()

    def page_label(self, page: int) -> str:
        """What a citation calls physical page `page`: the number printed on it, unless
        another page prints (or, unnumbered, would be called) the same number.

        The longest run of printed numbers is the body: its pages keep their numbers. A page
        before the body whose number is taken (a cover, a preface, a contents page numbered
        on its own, as "1" again) is front matter, numbered in lower-case roman from the
        first page ("iii"), as books number theirs; a taken number after the body (an annex
        counting from 1 again) is cited by its place in the file ("PDF p. 75")."""
        labels = _unambiguous_labels(self.page_labels)
        if page in labels or not labels:
            return labels.get(page, str(page))
        taken = str(page) in dict(self.page_labels).values()
        return f"PDF p. {page}" if taken else str(page)

    def as_json(self) -> dict[str, Any]:
        return {
            "author": self.author,
            "organization": self.organization,
            "date": self.date,
            "publisher": self.publisher,
            "url": self.url,
            "kind": self.kind,
            "page_labels": {str(page): label for page, label in self.page_labels},
        }


@lru_cache(maxsize=64)
def _unambiguous_labels(labels: tuple[tuple[int, str], ...]) -> dict[int, str]:
    """Physical page -> its citation label, for pages up to the last labelled one (see
    page_label); a later page is called by its place unless that number is taken."""
    printed = dict(labels)
    if not printed:
        return {}
    body = _main_run(labels)
    start, end = (body[0], body[-1]) if body else (0, -1)
    body_labels = {printed[p] for p in body}
    called = {page: printed.get(page, str(page)) for page in range(1, max(printed) + 1)}
    uses = Counter(called.values())
    out: dict[int, str] = {}
    for page, label in called.items():
        if start <= page <= end or (label not in body_labels and uses[label] == 1):
            out[page] = label
        elif page < start:
            out[page] = _roman(page)
        else:
            out[page] = f"PDF p. {page}"
    return out


def _main_run(labels: tuple[tuple[int, str], ...]) -> list[int]:
    """The pages of the longest run of printed numbers counting up one a page."""
    best: list[int] = []
    run: list[int] = []
    previous: tuple[int, int] | None = None
    for page, label in labels:
        number = int(label) if label.isdigit() else None
        if number is None:
            run, previous = [], None
            continue
        if previous is not None and page == previous[0] + 1 and number == previous[1] + 1:
            run.append(page)
        else:
            run = [page]
        previous = (page, number)
        if len(run) > len(best):
            best = list(run)
    return best


def _roman(number: int) -> str:
    out = []
    for value, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
        (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    path: Path
    paragraphs: tuple[Paragraph, ...]
    metadata: Metadata = Metadata()

    def paragraph(self, n: int) -> Paragraph:
        """The paragraph numbered `n` (1-based); IndexError if there is none."""
        if not 1 <= n <= len(self.paragraphs):
            raise IndexError(f"{self.id} has no paragraph {n}")
        return self.paragraphs[n - 1]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "path": str(self.path),
            "metadata": self.metadata.as_json(),
            "paragraphs": [p.as_json() for p in self.paragraphs],
        }


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: tuple[Document, ...]
    # one line per file that could not be read (binary, undecodable, unreadable)
    errors: tuple[str, ...] = ()
    # stable identity of the corpus (its resolved roots), used to key state and caches
    key: str = ""
    _by_id: dict[str, Document] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({d.id: d for d in self.documents})

    def document(self, doc_id: str) -> Document:
        """The document with this id; KeyError if there is none."""
        return self._by_id[doc_id]

    def as_json(self) -> dict[str, Any]:
        return {"documents": [d.as_json() for d in self.documents]}
