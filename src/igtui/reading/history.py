"""The jump history (ctrl+o back, ctrl+i forward), like vim's jump list (no Textual imports).

Only jumps are recorded (search hits, links, tree, bookmarks, g/G, section and document
moves), never j/k or paging: going back should skip the reading in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Position = tuple[str, int]  # (document id, paragraph n)
LIMIT = 100


@dataclass
class JumpHistory:
    limit: int = LIMIT
    _back: list[Position] = field(default_factory=list)
    _forward: list[Position] = field(default_factory=list)

    def record(self, here: Position) -> None:
        """Remember `here` before a jump elsewhere; a new jump forgets the forward list."""
        self._forward.clear()
        if not self._back or self._back[-1] != here:
            self._back.append(here)
        del self._back[: -self.limit]

    def back(self, here: Position) -> Position | None:
        """Where ctrl+o goes from `here` (None: nothing to go back to)."""
        return self._move(self._back, self._forward, here)

    def forward(self, here: Position) -> Position | None:
        """Where ctrl+i goes from `here` (None: nothing ahead)."""
        return self._move(self._forward, self._back, here)

    @staticmethod
    def _move(source: list[Position], other: list[Position], here: Position) -> Position | None:
        # skip entries equal to where we are, or the first ctrl+o after a move back would stay
        while source and source[-1] == here:
            source.pop()
        if not source:
            return None
        other.append(here)
        return source.pop()

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)
