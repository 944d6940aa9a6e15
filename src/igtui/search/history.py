"""Recent search queries, recalled with ↑ / ctrl+p in the search box (no Textual).

The list is the reading state's own (`ReadingState.search_history`, oldest first), so what is
added here is saved with the state. Browsing keeps a cursor: `older` and `newer` walk the list
from the newest entry, and the text being typed when browsing began comes back at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LIMIT = 100


@dataclass
class QueryHistory:
    entries: list[str] = field(default_factory=list)
    limit: int = LIMIT
    # where browsing is: an index into `entries`, or None while not browsing
    _cursor: int | None = None
    _draft: str = ""

    def add(self, query: str) -> None:
        """Remember `query` as the most recent (moved to the end if already there)."""
        query = query.strip()
        self._cursor = None
        if not query:
            return
        if query in self.entries:
            self.entries.remove(query)
        self.entries.append(query)
        del self.entries[: -self.limit]

    @property
    def browsing(self) -> bool:
        return self._cursor is not None

    def older(self, typed: str) -> str | None:
        """The query before the one shown (the newest when browsing starts, keeping `typed`
        to come back to); None if there is none older."""
        if self._cursor is None:
            if not self.entries:
                return None
            self._draft = typed
            # a recalled query that was not edited is not recalled twice in a row
            start = len(self.entries)
            if self.entries[-1] == typed.strip():
                start -= 1
            if start == 0:
                return None
            self._cursor = start - 1
        elif self._cursor == 0:
            return None
        else:
            self._cursor -= 1
        return self.entries[self._cursor]

    def newer(self) -> str | None:
        """The query after the one shown; past the newest, the text typed before browsing;
        None when not browsing."""
        if self._cursor is None:
            return None
        self._cursor += 1
        if self._cursor >= len(self.entries):
            self._cursor = None
            return self._draft
        return self.entries[self._cursor]

    def stop(self) -> None:
        """The user edited the query: the next `older` starts again from the newest."""
        self._cursor = None
