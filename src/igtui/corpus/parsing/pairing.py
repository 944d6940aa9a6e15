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
# paragraphs in a block of one language that a block of the other may translate
_MIN_RUN = 2
# alternating paragraphs: most of the rarer language's paragraphs sit next to their pair
_ALTERNATING_SHARE = 0.5


class _Unit(Protocol):
    kind: str
    text: str
    label: str | None


def pair_translations(items: Sequence[_Unit], langs: Sequence[str]) -> dict[int, int]:
    """Index -> index of its translation, both ways round."""
    readable = [i for i, item in enumerate(items) if item.kind in _READABLE]
    pairs = _halves(items, langs, readable)
    if not pairs:
        pairs = _runs(items, langs, readable)
        taken = {i for pair in pairs for i in pair}
        free = [i for i in readable if i not in taken]
        adjacent = max(
            (_adjacent(items, langs, free, first) for first in ("zh", "en")), key=len
        )
        # a few chance neighbours in a text that translates in blocks are no layout
        minority = min(sum(1 for i in free if langs[i] == lang) for lang in ("zh", "en"))
        if adjacent and len(adjacent) >= minority * _ALTERNATING_SHARE:
            pairs += adjacent
    both = dict(pairs)
    both.update({b: a for a, b in pairs})
    return both


def _adjacent(
    items: Sequence[_Unit], langs: Sequence[str], readable: list[int], first: str
) -> list[tuple[int, int]]:
    """A paragraph directly followed by its translation (Chinese first, or English first:
    whichever order the document keeps)."""
    second = "en" if first == "zh" else "zh"
    pairs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for a, b in pairwise(readable):
        if a in taken or langs[a] != first or langs[b] != second:
            continue
        numbers = (label_number(items[a].label), label_number(items[b].label))
        if None not in numbers and numbers[0] != numbers[1]:
            continue  # [1] then [2]: a list, not a text and its translation
        if _shape(items[a]) == _shape(items[b]) and _plausible_pair(items, langs, a, b):
            pairs.append((a, b))
            taken.update((a, b))
    return pairs


def _runs(
    items: Sequence[_Unit], langs: Sequence[str], readable: list[int]
) -> list[tuple[int, int]]:
    """A block of paragraphs in one language followed by their translations in the other
    ("69. … 70. … 71. …" then "中文譯稿：69. … 70. … 71. …"), matched by their numbers, or
    one by one when the two blocks are the same length and shape."""
    runs: list[list[int]] = []
    for index in readable:
        if runs and langs[runs[-1][-1]] == langs[index]:
            runs[-1].append(index)
        else:
            runs.append([index])
    pairs: list[tuple[int, int]] = []
    for a, b in pairwise(runs):
        if len(a) < _MIN_RUN or len(b) < _MIN_RUN:
            continue
        pairs += _by_number(items, langs, a, b) or _in_order(items, langs, a, b)
    return pairs


def _by_number(
    items: Sequence[_Unit], langs: Sequence[str], a: list[int], b: list[int]
) -> list[tuple[int, int]]:
    first, second = _numbered(items, a), _numbered(items, b)
    common = [n for n in first if n in second]
    if len(common) < _MIN_RUN:
        return []
    return [(first[n], second[n]) for n in common if _plausible_pair(items, langs, first[n],
                                                                     second[n])]


def _numbered(items: Sequence[_Unit], run: list[int]) -> dict[int, int]:
    """Number -> index, for the numbers that label exactly one paragraph of the run."""
    seen: dict[int, list[int]] = {}
    for index in run:
        number = label_number(items[index].label)
        if number is not None:
            seen.setdefault(number, []).append(index)
    return {n: found[0] for n, found in seen.items() if len(found) == 1}


def _in_order(
    items: Sequence[_Unit], langs: Sequence[str], a: list[int], b: list[int]
) -> list[tuple[int, int]]:
    if len(a) != len(b):
        return []
    if [_shape(items[i]) for i in a] != [_shape(items[i]) for i in b]:
        return []
    pairs = list(zip(a, b, strict=True))
    if not all(_plausible_pair(items, langs, x, y) for x, y in pairs):
        return []
    return pairs


def _plausible_pair(items: Sequence[_Unit], langs: Sequence[str], a: int, b: int) -> bool:
    zh, en = (a, b) if langs[a] == "zh" else (b, a)
    return plausible_translation(items[zh].text, items[en].text)


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


def plausible_translation(zh: str, en: str) -> bool:
    """Whether `en` is about as long as an English rendering of `zh` can be."""
    ratio = len(en) / max(1, len(zh))
    return _MIN_RATIO <= ratio <= _MAX_RATIO
