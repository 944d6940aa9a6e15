"""The matches of the last search or concordance, to step through from the reader (no Textual).

The reader keeps one `HitList` after a search result or a concordance line is chosen: `.` and
`,` then go to the next and previous match in the order the list showed them, each with the
words to highlight there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Found:
    """One match: paragraph `n` of document `doc`, and the words to mark in it."""

    doc: str
    n: int
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HitList:
    """The matches for `query` in the order shown, and which one the reader is at."""

    query: str
    hits: tuple[Found, ...]
    index: int = 0

    @classmethod
    def of(cls, query: str, hits: Iterable[Found], chosen: Found) -> HitList:
        """The list with `chosen` current (added first if the list lacks it)."""
        found = tuple(hits)
        if chosen not in found:
            found = (chosen, *found)
        return cls(query, found, found.index(chosen))

    @property
    def current(self) -> Found:
        return self.hits[self.index]

    def step(self, delta: int) -> HitList | None:
        """The list moved `delta` matches on; None past either end."""
        index = self.index + delta
        if not 0 <= index < len(self.hits):
            return None
        return HitList(self.query, self.hits, index)

    def __len__(self) -> int:
        return len(self.hits)
