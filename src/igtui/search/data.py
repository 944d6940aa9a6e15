"""The search index's data as one typed record of plain containers.

Plain containers (str, bytes, list, dict, tuple) only: the cache stores them with `marshal`,
which cannot run code on load (never pickle). `from_plain` checks the shape of what the cache
gives back, so a damaged or foreign payload is rebuilt rather than trusted.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

FORMAT_VERSION = 2
_ID_SIZE = array("I").itemsize


@dataclass(frozen=True, slots=True)
class IndexData:
    """Every searchable paragraph of a corpus, by paragraph id (its position here)."""

    # (document id, title), in corpus order
    docs: list[tuple[str, str]]
    # array("I") bytes: paragraph id -> index in `docs`
    doc_of: bytes
    # array("I") bytes: paragraph id -> the paragraph's `n` in its document
    n: bytes
    texts: list[str]
    # the folded text (see normalize.fold), None where folding changed nothing
    folded: list[str | None]
    sections: list[tuple[str, ...]]
    labels: list[str | None]
    kinds: list[str]
    # postings: unit (CJK char or bigram, Latin word) -> array("I") bytes of paragraph ids
    postings: dict[str, bytes]
    # pinyin initials of every paragraph's folded text, one line per paragraph
    initials: str
    # array("I") bytes: paragraph id -> offset of its line in `initials`
    starts: bytes
    # CJK char -> its toneless readings, comma-joined
    readings: dict[str, str]
    # the corpus's Latin words, sorted (prefix completion, typo matching)
    latin_vocab: list[str]
    # jieba prefix dictionary of the corpus vocabulary, for segmenting queries
    query_freq: dict[str, int]

    def to_plain(self) -> dict[str, Any]:
        return {"version": FORMAT_VERSION, **{f.name: getattr(self, f.name) for f in fields(self)}}

    @classmethod
    def from_plain(cls, data: Any) -> IndexData:
        """The record in `data`; ValueError if it is not one of this format."""
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise ValueError("search index format changed")
        try:
            record = cls(**{f.name: data[f.name] for f in fields(cls)})
        except KeyError as err:
            raise ValueError(f"search index lacks {err}") from None
        record._check()
        return record

    def _check(self) -> None:
        kinds = {
            "docs": list, "doc_of": bytes, "n": bytes, "texts": list, "folded": list,
            "sections": list, "labels": list, "kinds": list, "postings": dict, "initials": str,
            "starts": bytes, "readings": dict, "latin_vocab": list, "query_freq": dict,
        }
        for name, kind in kinds.items():
            if not isinstance(getattr(self, name), kind):
                raise ValueError(f"search index field {name} is not a {kind.__name__}")
        count = len(self.texts)
        per_paragraph = (self.folded, self.sections, self.labels, self.kinds)
        sizes = {len(x) for x in per_paragraph} | {
            len(b) // _ID_SIZE for b in (self.doc_of, self.n, self.starts)
        }
        if sizes != {count}:
            raise ValueError("search index fields disagree on the number of paragraphs")
        self._check_items(count)

    def _check_items(self, count: int) -> None:
        """The items' types and ranges, so that a payload that is not what we wrote (a valid
        header around other data) is rebuilt rather than crashing a search later. Sets of
        types and `max` over arrays keep this at C speed (see benchmarks/bench_search.py)."""
        _only(self.texts, str, "texts")
        _only(self.kinds, str, "kinds")
        _only(self.latin_vocab, str, "latin_vocab")
        _only(self.folded, (str, type(None)), "folded")
        _only(self.labels, (str, type(None)), "labels")
        _only(self.sections, tuple, "sections")
        _only((part for section in self.sections for part in section), str, "sections")
        _only(self.docs, tuple, "docs")
        if any(len(d) != 2 for d in self.docs):
            raise ValueError("search index field docs holds a pair that is not one")
        _only((part for d in self.docs for part in d), str, "docs")
        _only(self.postings, str, "postings")
        _only(self.postings.values(), bytes, "postings")
        _only(self.readings, str, "readings")
        _only(self.readings.values(), str, "readings")
        _only(self.query_freq, str, "query_freq")
        _only(self.query_freq.values(), int, "query_freq")
        if any(len(ids) % _ID_SIZE for ids in (self.doc_of, self.n, self.starts)) or any(
            len(ids) % _ID_SIZE for ids in self.postings.values()
        ):
            raise ValueError("search index holds a broken id array")
        _below(self.doc_of, len(self.docs), "doc_of")
        _below(self.starts, len(self.initials) + 1, "starts")
        if not all_below(b"".join(self.postings.values()), count):
            raise ValueError("search index field postings points past its end")


def _only(items: Iterable[Any], kinds: type | tuple[type, ...], name: str) -> None:
    allowed = kinds if isinstance(kinds, tuple) else (kinds,)
    if not {type(x) for x in items} <= set(allowed):
        raise ValueError(f"search index field {name} holds items of the wrong type")


def _below(raw: bytes, bound: int, name: str) -> None:
    if not all_below(raw, bound):
        raise ValueError(f"search index field {name} points past its end")


# per byte value v: which bytes are above v, and which equal to it (1), as translate tables
@lru_cache(maxsize=256)
def _above(v: int) -> bytes:
    # built on first use, not at import (256 tables of 256: ~25 ms a warm `igtui search` of
    # the on-disk index never needs)
    return bytes(int(b > v) for b in range(256))


@lru_cache(maxsize=256)
def _equal(v: int) -> bytes:
    return bytes(int(b == v) for b in range(256))


def all_below(raw: bytes, bound: int) -> bool:
    """Whether every id in `raw` (array("I") bytes, little-endian as written here) is below
    `bound`, at C speed: the millions of postings ids of a large corpus are compared a byte
    column at a time (slices, `bytes.translate`, `in`), most significant first, rather than
    as Python ints (a `max` over them costs 100+ ms on every warm load of 100x the seeds)."""
    if array("I").itemsize != 4 or array("I", [1]).tobytes()[0] != 1:
        return all(i < bound for i in memoryview(raw).cast("I"))  # not a common platform
    if not raw:
        return True
    if bound <= 0:
        return False
    top = (bound - 1).to_bytes(4, "little")
    # ids equal to `top` in every byte so far: None while that is all of them
    tied: list[int] | None = None
    for k in (3, 2, 1, 0):
        column = raw[k::4]
        if tied is None:
            if b"\x01" in column.translate(_above(top[k])):
                return False
            equal = column.translate(_equal(top[k]))
            if b"\x00" not in equal:
                continue  # every id ties here: the next byte decides
            tied = [i for i in _positions(equal)]
        else:
            tied = [i for i in tied if column[i] >= top[k]]
            if any(column[i] > top[k] for i in tied):
                return False
        if not tied:
            return True
    return True


def _positions(flags: bytes) -> list[int]:
    """Where `flags` holds 1."""
    found: list[int] = []
    at = flags.find(1)
    while at != -1:
        found.append(at)
        at = flags.find(1, at + 1)
    return found
