"""Fitting a line of text into a number of terminal cells (no Textual).

`middle_cut` keeps both ends of a title that is too long: "中华人民共和国…保护法" and
"中华人民共和国…安全法" stay apart where cutting the end off would show "中华人民共和国" twice.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size

ELLIPSIS = "…"
# the share of the room the start of the text keeps (the rest goes to its end)
HEAD_SHARE = 0.6
# the least of the end a cut keeps after a whole leading number
MIN_TAIL = 2
# a number that starts a title: 第 77 条, 第三章, Article 5, 3.2, IV., (一)
_LEADING_LABEL = re.compile(
    r"(?:第\s*[\d一二三四五六七八九十百千零〇两]+\s*[编章节条款部分篇]"
    r"|(?i:Article|Chapter|Section|Part|Annex)\s+(?:\d+|[IVXLC]+)"
    r"|[(（]?(?:\d+(?:[.．]\d+)*[.．、)）]?|[IVXLC]+[.．)）])"
    r"|[(（][一二三四五六七八九十]+[)）])"
)


def middle_cut(text: str, width: int) -> tuple[int, int] | None:
    """(end of the head, start of the tail): `text[:head] + "…" + text[tail:]` is at most
    `width` cells; None if `text` fits as it is."""
    cells = [get_character_cell_size(ch) for ch in text]
    if sum(cells) <= width:
        return None
    room = max(0, width - 1)  # the ellipsis takes one cell
    head_room = int(room * HEAD_SHARE)
    label = _LEADING_LABEL.match(text)
    if label is not None and sum(cells[: label.end()]) <= room - MIN_TAIL:
        # the head keeps a number that starts the text whole: "第 77 条…权利" and
        # "第 78 条…权利" would both read "第 7…权利"
        head_room = max(head_room, sum(cells[: label.end()]))
    head, used = 0, 0
    while head < len(text) and used + cells[head] <= head_room:
        used += cells[head]
        head += 1
    tail, tail_used = len(text), 0
    while tail > head and used + tail_used + cells[tail - 1] <= room:
        tail_used += cells[tail - 1]
        tail -= 1
    return head, tail


def fit_middle(text: str, width: int) -> str:
    """`text`, cut in the middle with an ellipsis if it is wider than `width` cells."""
    cut = middle_cut(text, width)
    return text if cut is None else text[: cut[0]] + ELLIPSIS + text[cut[1]:]


def fit_end(text: str, width: int) -> str:
    """`text`, its end cut off with an ellipsis if it is wider than `width` cells (cells, not
    characters: "（十一）" is four characters and eight cells)."""
    if cell_len(text) <= width:
        return text
    kept, used = [], 0
    for ch in text:
        size = get_character_cell_size(ch)
        if used + size > width - 1:  # the ellipsis takes one cell
            break
        kept.append(ch)
        used += size
    return "".join(kept) + ELLIPSIS


def pad_left(text: str, width: int) -> str:
    """`text` right-aligned in `width` cells (`str.rjust` counts characters: a wide
    character would push the line past its width)."""
    return " " * max(0, width - cell_len(text)) + text


def pad_right(text: str, width: int) -> str:
    """`text` left-aligned in `width` cells (see `pad_left`)."""
    return text + " " * max(0, width - cell_len(text))
