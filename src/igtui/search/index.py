"""The search index: candidates from an inverted index, ranking by word coverage (rapidfuzz).

A query is split into Chinese runs (each segmented into words by jieba) and Latin words. Every
word carries variants that count as finding it (`query`). A paragraph's score is mostly how much
of the query's words it covers, plus how closely it holds each Chinese run as a phrase
(`scoring`); exact matches sit in higher bands than fuzzy ones, so they always rank first.

Search runs in two stages so that a keystroke stays under a frame on large corpora:
1. candidates: paragraphs holding the query's character bigrams / words (postings lists of
   paragraph ids, counted at C speed by `Counter.update`), best counts first, capped;
2. scoring: the coverage score on those candidates only.
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Any

from igtui.corpus.model import Corpus
from igtui.search.building import Progress, build
from igtui.search.data import IndexData
from igtui.search.query import Plan, QueryPlanner
from igtui.search.scoring import closeness, rank_key, score, spans

# how many candidates get the full score; more only costs time (see benchmarks/bench_search.py)
MAX_CANDIDATES = 1000


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


class SearchIndex:
    """Searchable paragraphs of a corpus (boilerplate left out). Build with `build`."""

    def __init__(self, data: IndexData) -> None:
        self.data = data
        self._doc_of = _ids(data.doc_of)
        self._n = _ids(data.n)
        self._folded: list[str] = [
            t if f is None else f for t, f in zip(data.texts, data.folded, strict=True)
        ]
        self._doc_index = {doc_id: i for i, (doc_id, _) in enumerate(data.docs)}
        self._planner = QueryPlanner(
            query_freq=data.query_freq,
            latin_vocab=data.latin_vocab,
            postings=data.postings,
            readings=data.readings,
            initials=data.initials,
            starts=_ids(data.starts),
            folded=self._folded,
        )

    # -- building -------------------------------------------------------------------------

    @classmethod
    def build(cls, corpus: Corpus, progress: Progress | None = None) -> SearchIndex:
        """Index every readable paragraph of `corpus`; `progress` gets fractions in [0, 1]."""
        return cls(build(corpus, progress))

    def to_data(self) -> dict[str, Any]:
        """Plain containers (str, bytes, list, dict, tuple) for the cache; see `cache.py`."""
        return self.data.to_plain()

    @classmethod
    def from_data(cls, data: Any) -> SearchIndex:
        """ValueError if `data` is not an index of this format."""
        return cls(IndexData.from_plain(data))

    def __len__(self) -> int:
        return len(self.data.texts)

    @property
    def document_ids(self) -> tuple[str, ...]:
        return tuple(d for d, _ in self.data.docs)

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
        candidates = self._candidates(plan, doc_filter)
        scored = ((score(self._folded[pid], plan), pid) for pid in candidates)
        # Rerank a short list by how close together the words sit (and how often): it breaks
        # the ties coverage leaves between paragraphs that all hold every word.
        short = heapq.nlargest(max(limit * 3, 30), scored, key=rank_key)
        reranked = [(s + closeness(self._folded[pid], plan), pid) for s, pid in short if s > 0]
        best = heapq.nlargest(limit, reranked, key=rank_key)
        return [self._hit(pid, s, plan) for s, pid in best]

    def _candidates(self, plan: Plan, doc_filter: int | None) -> list[int]:
        counts: Counter[int] = Counter()
        for unit in plan.units:
            postings = self.data.postings.get(unit)
            if postings:
                counts.update(memoryview(postings).cast("I"))
        if doc_filter is not None:
            doc_of = self._doc_of
            counts = Counter({p: c for p, c in counts.items() if doc_of[p] == doc_filter})
        if len(counts) <= MAX_CANDIDATES:
            return list(counts)
        # keep the best counts: find the lowest count that still fits under the cap
        histogram = Counter(counts.values())
        kept, threshold = 0, max(histogram)
        for value in sorted(histogram, reverse=True):
            if kept + histogram[value] > MAX_CANDIDATES and kept:
                break
            kept += histogram[value]
            threshold = value
        chosen = [p for p, c in counts.items() if c >= threshold]
        return chosen[:MAX_CANDIDATES]

    def _hit(self, pid: int, points: float, plan: Plan) -> Hit:
        data = self.data
        doc_id, title = data.docs[self._doc_of[pid]]
        return Hit(
            doc=doc_id,
            n=self._n[pid],
            score=points,
            text=data.texts[pid],
            spans=spans(self._folded[pid], plan),
            title=title,
            section=tuple(data.sections[pid]),
            label=data.labels[pid],
            kind=data.kinds[pid],
        )


def _ids(raw: bytes) -> array[int]:
    ids = array("I")
    ids.frombytes(raw)
    return ids
