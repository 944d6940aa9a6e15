"""The search index's data as one typed record of plain containers.

Plain containers (str, bytes, list, dict, tuple) only: the cache stores them with `marshal`,
which cannot run code on load (never pickle). `from_plain` checks the shape of what the cache
gives back, so a damaged or foreign payload is rebuilt rather than trusted.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, fields
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
