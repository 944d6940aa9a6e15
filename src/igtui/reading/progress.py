"""How far through its document a paragraph is (no Textual): the share of the document's
readable text read once that paragraph is done."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from igtui.corpus.model import Document


@dataclass(frozen=True, slots=True)
class Progress:
    """The readable paragraphs of one document in order, with the characters read through
    each (a long paragraph counts for more than a heading)."""

    ns: tuple[int, ...]
    read_through: tuple[int, ...]

    @classmethod
    def of(cls, doc: Document) -> Progress:
        readable = [p for p in doc.paragraphs if p.readable]
        # a blank-looking paragraph still counts for one, so every step moves forward
        sizes = (max(1, len(p.text.strip())) for p in readable)
        return cls(tuple(p.n for p in readable), tuple(accumulate(sizes)))

    def percent(self, n: int) -> int:
        """How much of the text is read once paragraph `n` is (a hidden `n`: the next
        readable one), 0..100; 100 only at the end."""
        if not self.ns:
            return 0
        through = self.read_through[min(bisect_left(self.ns, n), len(self.ns) - 1)]
        return 100 * through // self.read_through[-1]
