"""Tables of contents: found, and hidden from reading (kind "boilerplate": kept, never lost).

A contents list repeats the document's headings with page numbers; read as text it is noise
before the document starts, and its entries must never become sections of the tree. Two kinds
of evidence, both from the document itself:

- dot leaders to a page number ("一、总体情况 ........ 12", "Introduction . . . . 3");
- a run of short lines near each other that repeat, in order, lines found later in the text
  (a law's 目录 lists its chapter names again before the body; so does a contents page that
  prints no page numbers).

The list's own heading ("目录", "图 目 录", "Contents") goes with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from igtui.corpus.parsing.headings import Item, is_part_name
from igtui.corpus.parsing.shapes import LEADER, ends_in_leader, ends_sentence, width

_KEY_JUNK = re.compile(r"[\s#*　]+")
# what a contents list is called: 目录, 图目录, 表目录, 目次, (table of) contents
_LIST_TITLE = re.compile(r"(?:目录|目次|contents)$")
_READABLE = ("heading", "paragraph", "list_item")
# Leader entries further apart than this are two tables (or none).
_LEADER_GAP = 4
_MIN_ENTRIES = 3
# A contents list: short lines, most of which come again later.
_ENTRY_MAX = 60
_REPEAT_SHARE = 0.6
# texts longer than this are no contents entry (nor the heading one repeats)
_KEYED = 4 * _ENTRY_MAX
# a contents list's own title is short
_TITLE_WIDTH = 20


def mark_contents(items: Sequence[Item]) -> None:
    """Hide the entries of every table of contents, and the list's own heading."""
    entries = _leader_entries(items) | _repeated_entries(items)
    for index in sorted(entries):
        # the list's own heading ("目录", "Contents"): a short unnumbered line right above it
        before = _previous_readable(items, index)
        if before is not None and before not in entries and _names_list(items[before]):
            _hide(items[before])
    for index in entries:
        _hide(items[index])


def _hide(item: Item) -> None:
    item.kind, item.style, item.label, item.contents = "boilerplate", None, None, True


def _names_list(item: Item) -> bool:
    """"目录", "图 目 录", "Contents": the title a contents list is printed under (never the
    document's title, which a law's chapter list may follow directly)."""
    text = _KEY_JUNK.sub("", item.text).lower()
    return (
        item.kind in ("heading", "paragraph")
        and width(item.text) <= _TITLE_WIDTH
        and bool(_LIST_TITLE.search(text))
    )


def _previous_readable(items: Sequence[Item], index: int) -> int | None:
    for before in range(index - 1, -1, -1):
        if items[before].kind in _READABLE:
            return before
    return None


def _leader_entries(items: Sequence[Item]) -> set[int]:
    leaders = [
        i for i, item in enumerate(items)
        if item.kind in _READABLE and ends_in_leader(item.text)
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
    if ends_in_leader(text):
        text = LEADER.sub("", text)
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
