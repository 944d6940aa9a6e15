"""Moving the reading position within and across documents (pure logic, no Textual).

Boilerplate paragraphs are hidden in the reader, so every move lands on a readable one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from igtui.corpus.model import Corpus, Document, Paragraph


@dataclass(frozen=True, slots=True)
class DocIndex:
    """The readable paragraphs and headings of one document, as sorted `n` lists."""

    readable: tuple[int, ...]
    headings: tuple[int, ...]

    @classmethod
    def of(cls, doc: Document) -> DocIndex:
        readable = tuple(p.n for p in doc.paragraphs if p.readable)
        headings = tuple(p.n for p in doc.paragraphs if p.kind == "heading")
        return cls(readable=readable, headings=headings)

    @property
    def first(self) -> int:
        return self.readable[0] if self.readable else 0

    @property
    def last(self) -> int:
        return self.readable[-1] if self.readable else 0

    def nearest(self, n: int) -> int:
        """The readable paragraph at `n`, else the next one, else the last one."""
        i = bisect_left(self.readable, n)
        if i < len(self.readable):
            return self.readable[i]
        return self.last

    def step(self, n: int, delta: int) -> int:
        """Move `delta` readable paragraphs from `n`, clamped to the document."""
        if not self.readable:
            return 0
        i = bisect_left(self.readable, n)
        if delta < 0 or (i < len(self.readable) and self.readable[i] == n):
            i += delta
        else:
            # `n` itself is hidden: the next readable one is already one step forward
            i += delta - 1
        return self.readable[max(0, min(i, len(self.readable) - 1))]

    def next_heading(self, n: int) -> int | None:
        i = bisect_right(self.headings, n)
        return self.headings[i] if i < len(self.headings) else None

    def prev_heading(self, n: int) -> int | None:
        i = bisect_left(self.headings, n)
        return self.headings[i - 1] if i > 0 else None

    def heading_of(self, n: int) -> int | None:
        """The heading whose section holds `n` (a heading holds itself)."""
        i = bisect_right(self.headings, n)
        return self.headings[i - 1] if i > 0 else None


class Navigator:
    """Per-document indexes, built on first use so start-up stays O(1) in corpus size."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._ids = [d.id for d in corpus.documents]
        self._index: dict[str, DocIndex] = {}

    def index(self, doc_id: str) -> DocIndex:
        """The document's index; an empty one for an unknown id (e.g. an empty corpus)."""
        found = self._index.get(doc_id)
        if found is None:
            if not self.has(doc_id):
                return DocIndex(readable=(), headings=())
            found = self._index[doc_id] = DocIndex.of(self.corpus.document(doc_id))
        return found

    def has(self, doc_id: str) -> bool:
        try:
            self.corpus.document(doc_id)
        except KeyError:
            return False
        return True

    def start(self) -> tuple[str, int]:
        """The first readable paragraph of the corpus (("", 0) for an empty corpus)."""
        for doc_id in self._ids:
            if self.index(doc_id).readable:
                return doc_id, self.index(doc_id).first
        return ("", 0)

    def resolve(self, doc_id: str, n: int) -> tuple[str, int]:
        """A valid reading position for a possibly stale one (e.g. from the state file)."""
        if not self.has(doc_id) or not self.index(doc_id).readable:
            return self.start()
        return doc_id, self.index(doc_id).nearest(n)

    def neighbour_document(self, doc_id: str, delta: int) -> str | None:
        """The next/previous document that has something to read."""
        i = self._ids.index(doc_id) if doc_id in self._ids else -1
        i += delta
        while 0 <= i < len(self._ids):
            if self.index(self._ids[i]).readable:
                return self._ids[i]
            i += delta
        return None

    def paragraph(self, doc_id: str, n: int) -> Paragraph | None:
        if not self.has(doc_id) or n < 1:
            return None
        doc = self.corpus.document(doc_id)
        return doc.paragraphs[n - 1] if n <= len(doc.paragraphs) else None
