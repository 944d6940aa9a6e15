"""Which Chinese paragraph each English one translates (and back)."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Protocol

from igtui.corpus.parsing.shapes import label_number

_READABLE = ("heading", "paragraph", "list_item")
# An English translation runs about 1-6 times the characters of its Chinese original.
_MIN_RATIO = 0.5
_MAX_RATIO = 12.0
_MIN_HALF = 3
_HALF_PURITY = 0.8


class _Unit(Protocol):
    kind: str
    text: str
    label: str | None


def pair_translations(items: Sequence[_Unit], langs: Sequence[str]) -> dict[int, int]:
    """Index -> index of its translation, both ways round."""
    readable = [i for i, item in enumerate(items) if item.kind in _READABLE]
    pairs = _halves(items, langs, readable) or _adjacent(items, langs, readable)
    both = dict(pairs)
    both.update({b: a for a, b in pairs})
    return both


def _adjacent(
    items: Sequence[_Unit], langs: Sequence[str], readable: list[int]
) -> list[tuple[int, int]]:
    """A Chinese paragraph directly followed by its English version."""
    pairs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for zh, en in pairwise(readable):
        if zh in taken or langs[zh] != "zh" or langs[en] != "en":
            continue
        if _shape(items[zh]) == _shape(items[en]) and _plausible(items[zh].text, items[en].text):
            pairs.append((zh, en))
            taken.update((zh, en))
    return pairs


def _halves(
    items: Sequence[_Unit], langs: Sequence[str], readable: list[int]
) -> list[tuple[int, int]]:
    """A Chinese half followed by an English half, aligned by headings and numbering."""
    split = _language_switch(langs, readable)
    if split is None:
        return []
    zh_side, en_side = readable[:split], readable[split:]
    matcher = SequenceMatcher(
        None,
        [_signature(items[i]) for i in zh_side],
        [_signature(items[i]) for i in en_side],
        autojunk=False,
    )
    return [
        (zh_side[block.a + k], en_side[block.b + k])
        for block in matcher.get_matching_blocks()
        for k in range(block.size)
    ]


def _language_switch(langs: Sequence[str], readable: list[int]) -> int | None:
    """Where the Chinese half ends, if the document is one Chinese then one English half."""
    total_en = sum(1 for i in readable if langs[i] == "en")
    best, best_score, zh_before, en_before = None, -1, 0, 0
    for k in range(len(readable) + 1):
        score = zh_before + (total_en - en_before)
        if score > best_score:
            best, best_score = k, score
        if k < len(readable):
            zh_before += langs[readable[k]] == "zh"
            en_before += langs[readable[k]] == "en"
    if best is None:
        return None
    zh = sum(1 for i in readable[:best] if langs[i] == "zh")
    en = sum(1 for i in readable[best:] if langs[i] == "en")
    if zh < _MIN_HALF or en < _MIN_HALF:
        return None
    if zh < best * _HALF_PURITY or en < (len(readable) - best) * _HALF_PURITY:
        return None
    return best


def _shape(item: _Unit) -> str:
    return "H" if item.kind == "heading" else "T"


def _signature(item: _Unit) -> str:
    number = label_number(item.label)
    return _shape(item) + ("" if number is None else str(number))


def _plausible(zh: str, en: str) -> bool:
    ratio = len(en) / max(1, len(zh))
    return _MIN_RATIO <= ratio <= _MAX_RATIO
