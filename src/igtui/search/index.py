"""The search index: candidates from an inverted index, ranking by word coverage (rapidfuzz).

A query is split into Chinese runs (each segmented into words by jieba) and Latin words. Every
word carries variants that count as finding it (`query`). A paragraph's score is mostly how much
of the query's words it covers, plus how closely it holds each Chinese run as a phrase
(`scoring`); exact matches sit in higher bands than fuzzy ones, so they always rank first.

Search runs in two stages so that a keystroke stays under a frame on large corpora:
1. candidates: paragraphs holding the most of the query's character bigrams / words, capped
   (`Backend.candidates`: postings counted in memory, or tantivy on disk);
2. scoring: the coverage score on those candidates only.

A `Backend` holds the paragraphs: `MemoryBackend` (an `IndexData` built in this process: tests,
small corpora) or `store.StoreBackend` (the on-disk index, opened without reading it all).
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Any, Protocol

from igtui.corpus.model import Corpus
from igtui.search.building import Progress, build
from igtui.search.data import IndexData
from igtui.search.query import Plan, QueryPlanner, scan_initials
from igtui.search.scoring import closeness, score, spans

# how many candidates get the full score: more only costs time. The quality set finds the same
# top hits with 500 as with 1000 on 100x the seeds, and a keystroke at 1000x costs half
# (see benchmarks/bench_search.py)
MAX_CANDIDATES = 500


@dataclass(frozen=True, slots=True)
class Hit:
    """One result; `spans` are [start, end) char ranges of `text` that matched (to highlight)."""

    doc: str
    n: int
    score: float
    text: str
    spans: tuple[tuple[int, int], ...] = ()
    title: str = ""
    section: tuple[str, ...] = ()
    label: str | None = None
    kind: str = "paragraph"

    def as_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "n": self.n,
            "score": round(self.score, 3),
            "text": self.text,
            "title": self.title,
            "section": list(self.section),
            "label": self.label,
            "kind": self.kind,
            "spans": [list(s) for s in self.spans],
        }


@dataclass(frozen=True, slots=True)
class Record:
    """What a hit shows of its paragraph."""

    doc: int
    n: int
    text: str
    section: tuple[str, ...]
    label: str | None
    kind: str


class Backend(Protocol):
    """Where an index's paragraphs live; `pid`s are its paragraph ids."""

    # (document id, title), in corpus order
    docs: list[tuple[str, str]]

    def __len__(self) -> int: ...

    def planner(self) -> QueryPlanner: ...

    def candidates(self, plan: Plan, doc: int | None, limit: int) -> list[tuple[int, int]]:
        """Up to `limit` paragraphs holding the most of `plan.units` (of document `doc` only),
        as (pid, order): `order` is where the paragraph stands in corpus order (ties rank in
        that order)."""
        ...

    def folded(self, pid: int) -> str: ...

    def record(self, pid: int) -> Record: ...


class SearchIndex:
    """Searchable paragraphs of a corpus (boilerplate left out). Build with `build`."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._doc_index = {doc_id: i for i, (doc_id, _) in enumerate(backend.docs)}
        self._planner = backend.planner()

    # -- building -------------------------------------------------------------------------

    @classmethod
    def build(cls, corpus: Corpus, progress: Progress | None = None) -> SearchIndex:
        """Index every readable paragraph of `corpus` in memory; `progress` gets 0..1."""
        return cls(MemoryBackend(build(corpus, progress)))

    def to_data(self) -> dict[str, Any]:
        """Plain containers (str, bytes, list, dict, tuple) of an in-memory index."""
        if not isinstance(self.backend, MemoryBackend):
            raise TypeError("only an in-memory index has its data at hand")
        return self.backend.data.to_plain()

    @classmethod
    def from_data(cls, data: Any) -> SearchIndex:
        """ValueError if `data` is not an index of this format."""
        return cls(MemoryBackend(IndexData.from_plain(data)))

    def __len__(self) -> int:
        return len(self.backend)

    @property
    def document_ids(self) -> tuple[str, ...]:
        return tuple(d for d, _ in self.backend.docs)

    # -- searching ------------------------------------------------------------------------

    def prepare(self) -> None:
        """Load what a first query loads (jieba, the traditional->simplified table, ~0.1 s):
        call it in the background after loading so the first keystroke is as quick as others."""
        self.search("网络 a", limit=1)

    def search(self, query: str, limit: int = 10, doc: str | None = None) -> list[Hit]:
        """The best `limit` paragraphs for `query`, best first; `doc` keeps one document only."""
        plan = self._planner.plan(query)
        if plan is None or limit <= 0:
            return []
        doc_filter = self._doc_index.get(doc, -1) if doc is not None else None
        if doc_filter == -1:
            return []
        backend = self.backend
        texts: dict[int, str] = {}
        scored = []
        for pid, order in backend.candidates(plan, doc_filter, MAX_CANDIDATES):
            text = texts[pid] = backend.folded(pid)
            # (score, -order, pid): best score first, then corpus order
            scored.append((score(text, plan), -order, pid))
        # Rerank a short list by how close together the words sit (and how often): it breaks
        # the ties coverage leaves between paragraphs that all hold every word.
        short = heapq.nlargest(max(limit * 3, 30), scored)
        reranked = [
            (s + closeness(texts[pid], plan), order, pid) for s, order, pid in short if s > 0
        ]
        best = heapq.nlargest(limit, reranked)
        return [self._hit(pid, s, plan, texts[pid]) for s, _, pid in best]

    def _hit(self, pid: int, points: float, plan: Plan, folded: str) -> Hit:
        record = self.backend.record(pid)
        doc_id, title = self.backend.docs[record.doc]
        return Hit(
            doc=doc_id,
            n=record.n,
            score=points,
            text=record.text,
            spans=spans(folded, plan),
            title=title,
            section=record.section,
            label=record.label,
            kind=record.kind,
        )


class MemoryBackend:
    """An `IndexData` in memory: postings counted with `Counter` (C speed)."""

    def __init__(self, data: IndexData) -> None:
        self.data = data
        self.docs = data.docs
        self._doc_of = _ids(data.doc_of)
        self._n = _ids(data.n)
        self._folded: list[str] = [
            t if f is None else f for t, f in zip(data.texts, data.folded, strict=True)
        ]

    def __len__(self) -> int:
        return len(self.data.texts)

    def planner(self) -> QueryPlanner:
        data = self.data
        return QueryPlanner(
            query_freq=data.query_freq,
            latin_vocab=data.latin_vocab,
            frequency=lambda word: len(data.postings.get(word, b"")),
            readings=data.readings,
            occurrences=scan_initials(data.initials, _ids(data.starts), self._folded),
        )

    def candidates(self, plan: Plan, doc: int | None, limit: int) -> list[tuple[int, int]]:
        return [(pid, pid) for pid in self._counted(plan, doc, limit)]

    def _counted(self, plan: Plan, doc: int | None, limit: int) -> list[int]:
        counts: Counter[int] = Counter()
        for unit in plan.units:
            postings = self.data.postings.get(unit)
            if postings:
                counts.update(memoryview(postings).cast("I"))
        if doc is not None:
            doc_of = self._doc_of
            counts = Counter({p: c for p, c in counts.items() if doc_of[p] == doc})
        if len(counts) <= limit:
            return list(counts)
        # keep the best counts: find the lowest count that still fits under the cap
        histogram = Counter(counts.values())
        kept, threshold = 0, max(histogram)
        for value in sorted(histogram, reverse=True):
            if kept + histogram[value] > limit and kept:
                break
            kept += histogram[value]
            threshold = value
        chosen = [p for p, c in counts.items() if c >= threshold]
        return chosen[:limit]

    def folded(self, pid: int) -> str:
        return self._folded[pid]

    def record(self, pid: int) -> Record:
        data = self.data
        return Record(
            self._doc_of[pid], self._n[pid], data.texts[pid], tuple(data.sections[pid]),
            data.labels[pid], data.kinds[pid],
        )


def _ids(raw: bytes) -> array[int]:
    ids = array("I")
    ids.frombytes(raw)
    return ids
