"""Combining two versions of a note (no I/O): appending, and a three-way merge.

`append_note` is what `igtui notes add` does on a paragraph that has a note: the new text goes
after the old, a blank line between, never replacing it. `merge_notes` is what saving from the
note editor does when the stored note changed since the editor opened: a line-based three-way
merge (`merge3`, the merge of Breezy/bzr, small and pure Python, rather than a diff3 of our
own), with one rule first for the most common case, text appended elsewhere (by `notes add`)
while the editor was open, which a line merge would call a conflict when the editor also
touched the last line.
"""

from __future__ import annotations

import merge3

SEPARATOR = "\n\n"


def append_note(old: str, new: str) -> str:
    """`new` after `old`, a blank line between; `old` alone if it already holds `new`."""
    if not new.strip():
        return old
    if not old.strip():
        return new
    if new.strip() in old:
        return old
    return old.rstrip("\n") + SEPARATOR + new.strip("\n")


def merge_notes(base: str, mine: str, theirs: str) -> str | None:
    """`mine` (the editor's text, started from `base`) merged with `theirs` (the note as
    stored now); None when both changed the same lines and a person has to choose."""
    if theirs == base or mine == theirs:
        return mine
    if mine == base:
        return theirs
    if not base.strip():
        # both wrote a first note: both kept, in the order they were saved
        return append_note(theirs, mine)
    if _appended(base, theirs):
        # appended elsewhere: keep the addition after whatever the editor made of the rest
        return append_note(mine, theirs[len(base):])
    if _appended(base, mine):
        return append_note(theirs, mine[len(base):])
    merged = merge3.Merge3(
        base.splitlines(keepends=True),
        mine.splitlines(keepends=True),
        theirs.splitlines(keepends=True),
    )
    lines: list[str] = []
    for group in merged.merge_groups():
        if group[0] == "conflict":
            return None
        lines.extend(group[1])
    return "".join(lines)


def _appended(base: str, text: str) -> bool:
    """Whether `text` is `base` with lines added at its end (not its last line extended)."""
    return text.startswith(base) and (base.endswith("\n") or text[len(base):].startswith("\n"))
