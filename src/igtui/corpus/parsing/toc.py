"""Tables of contents: entries read as a list, never as the document's own headings.

Two kinds of evidence, both from the document itself:

- dot leaders to a page number ("一、总体情况 ........ 12", "Introduction . . . . 3");
- a run of short lines near each other that repeat, in order, lines found later in the text
  (a law's 目录 lists its chapter names again before the body; so does a contents page that
  prints no page numbers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from igtui.corpus.parsing.headings import Item, is_part_name
from igtui.corpus.parsing.shapes import ends_sentence, width

_LEADER = re.compile(r"(?:[.．·…‥⋯_]\s*){3,}\s*(?:\d{1,4}|[ivxlcIVXLC]{1,6})\s*$")
_KEY_JUNK = re.compile(r"[\s#*　]+")
_READABLE = ("heading", "paragraph", "list_item")
# Leader entries further apart than this are two tables (or none).
_LEADER_GAP = 4
_MIN_ENTRIES = 3
# A contents list: short lines, most of which come again later.
_ENTRY_MAX = 60
_REPEAT_SHARE = 0.6
# a leader and its page number sit in a line's last characters
_LEADER_TAIL = 40
# texts longer than this are no contents entry (nor the heading one repeats)
_KEYED = 4 * _ENTRY_MAX


def mark_contents(items: Sequence[Item]) -> None:
    """Turn the entries of every table of contents into unlabelled list items."""
    entries = _leader_entries(items) | _repeated_entries(items)
    for index in entries:
        item = items[index]
        item.kind, item.style, item.label = "list_item", None, None
    for index in sorted(entries):
        # the list's own heading ("目录", "Contents") is no section of the document either
        before = _previous_readable(items, index)
        if before is not None and before not in entries and items[before].kind == "heading":
            heading = items[before]
            if heading.style in ("plain", "format", "markdown") and width(heading.text) <= 20:
                heading.kind, heading.style = "paragraph", None


def _previous_readable(items: Sequence[Item], index: int) -> int | None:
    for before in range(index - 1, -1, -1):
        if items[before].kind in _READABLE:
            return before
    return None


def _leader_entries(items: Sequence[Item]) -> set[int]:
    leaders = [
        i for i, item in enumerate(items)
        if item.kind in _READABLE and _LEADER.search(item.text[-_LEADER_TAIL:])
    ]
    found: set[int] = set()
    run: list[int] = []
    for index in [*leaders, None]:
        if index is not None and (not run or index - run[-1] <= _LEADER_GAP):
            run.append(index)
            continue
        if len(run) >= _MIN_ENTRIES:
            # short lines just above the first entry ("第一篇") belong to the table too
            first = run[0]
            while (
                first > 0 and run[0] - first < _LEADER_GAP and _short(items[first - 1])
                and not is_part_name(items[first - 1].text)
            ):
                first -= 1
            found.update(i for i in range(first, run[-1] + 1) if items[i].kind in _READABLE)
        run = [] if index is None else [index]
    return found


def key(text: str) -> str:
    """A line as a contents entry compares: no spaces, marks or trailing page number."""
    if _LEADER.search(text[-_LEADER_TAIL:]):
        text = _LEADER.sub("", text)
    return _KEY_JUNK.sub("", text).lower()


def _short(item: Item) -> bool:
    return (
        item.kind in _READABLE
        and 0 < width(item.text) <= _ENTRY_MAX
        and not ends_sentence(item.text)
    )


def _repeated_entries(items: Sequence[Item]) -> set[int]:
    """Runs of short items whose texts come again later, in the same order."""
    last_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        # a long paragraph never repeats a contents entry: no key needed
        if item.kind in _READABLE and len(item.text) <= _KEYED:
            last_seen[key(item.text)] = index
    found: set[int] = set()
    index = 0
    while index < len(items):
        if not _short(items[index]):
            index += 1
            continue
        end = index
        while end < len(items) and (_short(items[end]) or items[end].kind == "boilerplate"):
            end += 1
        found.update(_contents_prefix(items, index, end, last_seen))
        index = end
    return found


def _contents_prefix(
    items: Sequence[Item], start: int, end: int, last_seen: dict[str, int]
) -> list[int]:
    """The entries of items[start:end] that a contents list would hold: up to the last one
    that comes again later, when most of them do."""
    readable = [i for i in range(start, end) if items[i].kind in _READABLE]
    again = [i for i in readable if last_seen.get(key(items[i].text), i) > i]
    if len(again) < _MIN_ENTRIES:
        return []
    prefix = [i for i in readable if again[0] <= i <= again[-1]]
    if len(again) < len(prefix) * _REPEAT_SHARE:
        return []
    return prefix
