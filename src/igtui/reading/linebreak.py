"""Line breaking for mixed Chinese/Latin text, measured in terminal cells.

Rich and Textual wrap at spaces only, so a run of Chinese counts as one word. `wrap` breaks:

- between any two CJK (double-width) characters, and between CJK and Latin;
- at spaces (dropped at the break), never inside a Latin word unless it is wider than a line;
- never before closing punctuation (。，）” .,;:?!) …) nor after opening punctuation (（《“ ( …);
- greedily, so every line but a segment's last is as full as these rules allow.

Hand-written rather than a library: the UAX #14 implementations on PyPI (uniseg,
unicode-linebreak) are not in our environment, and plain UAX #14 does not give these rules
anyway: it forbids breaks around “” (class QU) in Chinese text and knows nothing of cell widths,
so a width-aware fill would still have to be written here. Widths and grapheme clusters come
from rich, so lines measure exactly as Textual will draw them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size, split_graphemes

# Below two cells a double-width character could not fit on a line at all.
MIN_WIDTH = 2

# No line may start with these (Chinese typesetting's 行首禁则 plus their half-width forms).
CLOSING = frozenset("。，、；：？！）》」』’”〕】〉〗〙〛］｝｠｣｡､．·・％‰℃.,;:?!)]}")
# No line may end with these (行尾禁则); bullets stay with the text they introduce.
OPENING = frozenset("（《「『‘“〔【〈〖〘〚［｛｟｢￥＄([{●•")
# Non-breaking spaces glue both neighbours.
GLUE = frozenset("\xa0\u2007\u202f\u2060")
# Breakable spaces: dropped where a line breaks, kept inside a line.
SPACES = frozenset(" \t\u3000\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f")

_WIDE = 1
_NO_BREAK_BEFORE = 2
_NO_BREAK_AFTER = 4
_CLASSES: dict[str, int] = {
    **{ch: _NO_BREAK_BEFORE for ch in CLOSING},
    **{ch: _NO_BREAK_AFTER for ch in OPENING},
    **{ch: _NO_BREAK_BEFORE | _NO_BREAK_AFTER for ch in GLUE},
}


# A piece of text no line may break inside, after the spaces before it:
# (spaces, their cells, text, its cells). Plain tuples: there is one per Chinese character.
_Atom = tuple[str, int, str, int]


def wrap(text: str, width: int) -> list[str]:
    """Break `text` into lines of at most `width` cells (`width` < 2 counts as 2).

    A newline in `text` forces a break; leading and trailing spaces are dropped. Empty or blank
    text gives no lines.
    """
    width = max(width, MIN_WIDTH)
    lines: list[str] = []
    # rich measures a tab as zero cells; a terminal would jump to the next tab stop
    for segment in text.replace("\t", " ").strip().splitlines():
        if segment.strip():
            lines.extend(_fill(_atoms(segment.strip()), width))
        else:
            lines.append("")
    return lines


def wrap_paragraphs(texts: Iterable[str], width: int) -> list[list[str]]:
    """`wrap` each text: one list of lines per text, in order."""
    return [wrap(text, width) for text in texts]


def _class(char: str, cells: int) -> int:
    return _CLASSES.get(char, 0) | (_WIDE if cells == 2 else 0)


def _may_break(before: int, after: int) -> bool:
    return not (before & _NO_BREAK_AFTER or after & _NO_BREAK_BEFORE)


# Per character: (cells, class); spaces get their own bit so the hot loop needs one lookup.
_SPACE = 8
_INFO: dict[str, tuple[int, int]] = {}


def _char_info(char: str) -> tuple[int, int]:
    info = _INFO.get(char)
    if info is None:
        cells = get_character_cell_size(char)
        info = _INFO[char] = (cells, _SPACE if char in SPACES else _class(char, cells))
    return info


def _units(segment: str) -> Iterator[tuple[int, int, int]]:
    """(start index, cells, class) of each grapheme cluster."""
    if "\u200d" in segment or "\ufe0f" in segment:
        # emoji sequences: let rich decide the clusters and their widths
        spans, _ = split_graphemes(segment)
        for begin, _end, cells in spans:
            yield begin, cells, _char_info(segment[begin])[1]
        return
    info = _INFO
    for index, char in enumerate(segment):
        cells, cls = info.get(char) or _char_info(char)
        # zero-width characters (combining marks, controls) stay with the one before
        yield index, cells, cls if cells else cls | _NO_BREAK_BEFORE


@lru_cache(maxsize=8192)
def _atoms(segment: str) -> tuple[_Atom, ...]:
    """Cut a stripped, non-empty, one-line segment at its break opportunities.

    Cached: re-wrapping a document at a new width (a terminal resize) only refills.
    """
    if segment.isascii() and segment.isprintable():
        return _ascii_atoms(segment)
    atoms: list[_Atom] = []
    sep, sep_width = "", 0
    start, atom_width = 0, 0
    space_at = -1  # index where the current run of spaces began, -1 if none
    prev = 0
    for begin, cells, cls in _units(segment):
        if cls & _SPACE:
            if space_at < 0:
                space_at = begin
            continue
        if space_at >= 0:
            if _may_break(prev, cls):
                atoms.append((sep, sep_width, segment[start:space_at], atom_width))
                sep = segment[space_at:begin]
                sep_width = cell_len(sep)
                start, atom_width = begin, cells
            else:
                atom_width += cell_len(segment[space_at:begin]) + cells
            space_at = -1
        elif begin and (prev | cls) & _WIDE and _may_break(prev, cls):
            atoms.append((sep, sep_width, segment[start:begin], atom_width))
            sep, sep_width = "", 0
            start, atom_width = begin, cells
        else:
            atom_width += cells
        if cells:
            prev = cls
    atoms.append((sep, sep_width, segment[start:], atom_width))
    return tuple(atoms)


def _ascii_atoms(segment: str) -> tuple[_Atom, ...]:
    """Fast path for plain ASCII: break only at spaces, keeping brackets with their words."""
    words = segment.split(" ")
    atoms: list[_Atom] = [("", 0, words[0], len(words[0]))]
    sep = " "
    for word in words[1:]:
        if not word:  # a run of spaces
            sep += " "
            continue
        last_sep, last_sep_width, last_text, _ = atoms[-1]
        if word[0] in CLOSING or last_text[-1] in OPENING:
            text = last_text + sep + word
            atoms[-1] = (last_sep, last_sep_width, text, len(text))
        else:
            atoms.append((sep, len(sep), word, len(word)))
        sep = " "
    return tuple(atoms)


def _fill(atoms: Iterable[_Atom], width: int) -> list[str]:
    """Greedy fill: each atom goes on the current line if it fits, else starts the next."""
    lines: list[str] = []
    parts: list[str] = []
    used = 0
    for sep, sep_width, text, text_width in atoms:
        if parts and used + sep_width + text_width <= width:
            parts += (sep, text)
            used += sep_width + text_width
        elif text_width <= width:
            if parts:
                lines.append("".join(parts))
            parts, used = [text], text_width
        else:
            room = width - used - sep_width if parts else width
            first, *rest = _split_long(text, room, width)
            if first:
                parts += (sep, first)
                used += sep_width + cell_len(first)
            for piece in rest:
                if parts:
                    lines.append("".join(parts))
                parts, used = [piece], cell_len(piece)
    if parts:
        lines.append("".join(parts))
    return lines


def _split_long(text: str, room: int, width: int) -> list[str]:
    """Cut an atom wider than a line: `room` cells on the current line, then full lines.

    An empty first piece means "start on a new line". Cuts avoid putting closing punctuation
    first or opening punctuation last; only when no such cut fits is the rule broken.
    """
    spans, _ = split_graphemes(text)
    classes = [_char_info(text[begin])[1] for begin, _end, _cells in spans]
    pieces: list[str] = []
    i, avail = 0, room
    while True:
        k, used = i, 0
        while k < len(spans) and used + spans[k][2] <= avail:
            used += spans[k][2]
            k += 1
        if k == len(spans):
            _add_piece(pieces, text[spans[i][0]:])
            return pieces
        cut = k
        while cut > i and not _may_break(classes[cut - 1], classes[cut]):
            cut -= 1
        if cut == i:
            if avail < width:  # too little room left on this line: try a fresh one
                pieces.append("")
                avail = width
                continue
            cut = max(k, i + 1)
        _add_piece(pieces, text[spans[i][0]:spans[cut][0]])
        i, avail = cut, width


def _add_piece(pieces: list[str], piece: str) -> None:
    # An atom holds spaces only where punctuation or a no-break space glued them in;
    # a cut there drops them like any break.
    piece = piece.strip()
    if piece or not pieces:
        pieces.append(piece)
