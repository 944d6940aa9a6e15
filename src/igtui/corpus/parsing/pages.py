"""Pages of a printed text and their furniture: page numbers and running headers/footers.

Pages come from the source (a PDF line's `page`), from form feeds (pdftotext), or, in text
that lost both, from page-number lines that count up through the document. Furniture is found
from evidence the document itself gives:

- a page number is a number-shaped line ("12", "— 12 —", "- 12 -", "第12页", "12/40",
  "Page 12 of 40") at the top or bottom of a page whose neighbours' numbers fit the sequence;
- a running header/footer is a line at the top or bottom of many pages, the same once digits
  are ignored ("第3章 …  17"), on every page or on every other page (odd/even spreads);
- a reader's verdict (`SourceLine.role`) wins where the format could tell.

A cover page carries no page number; a line repeated there (the title, which the running
header repeats) is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from igtui.corpus.parsing.shapes import ends_sentence
from igtui.corpus.parsing.source import SourceLine

# Lines looked at as the top and the bottom of a page (furniture sits in these zones).
_ZONE = 3
# Page-number shapes; group "n" is the number. A bare number is weak evidence: it must fit a
# sequence with a neighbouring page. Decorated shapes say "page number" by themselves.
_DASHES = "-—–－~～·•"
_BARE_NUMBER = re.compile(r"(?P<n>\d{1,4})")
_DECORATED = re.compile(
    rf"[{_DASHES}]+\s*(?P<n>\d{{1,4}})\s*[{_DASHES}]+"
    r"|第\s*(?P<n2>\d{1,4})\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|(?P<n3>\d{1,4})\s*/\s*\d{1,4}"
    r"|(?:page|p\.|pp\.|pg\.?)\s*(?P<n4>\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|[\[(（](?P<n5>\d{1,4})[\])）]",
    re.IGNORECASE,
)
_ROMAN_NUMBER = re.compile(rf"[{_DASHES}\s]*(?P<r>[ivxlc]{{1,6}})[{_DASHES}\s]*")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
# A running line is short; prose repeated at page tops is not furniture.
_MAX_RUNNING = 80
# Pages a line must top (or foot) to be a running header (footer).
_MIN_REPEATS = 3
_MIN_SHARE = 0.3
# Text without pages: page-number lines make pages only when there are this many in sequence.
_MIN_SEQUENCE = 3
# A gap this many line pitches tall between two lines of a page reads as a blank line.
_GAP_PITCHES = 1.6


@dataclass(slots=True)
class PagedLine:
    """One line of the source with its page and whether it is page furniture."""

    text: str
    page: int | None
    furniture: bool = False
    # the first line of a page after the first one (a page break sits before it)
    page_start: bool = False
    x: float | None = None
    size: float | None = None
    role: str | None = None
    # for a page-number line: the number as printed ("12", "iv")
    printed: str | None = None


def paginate(lines: Sequence[SourceLine]) -> list[PagedLine]:
    """The lines with pages assigned (form feeds split) and furniture marked."""
    paged = _split_form_feeds(_with_geometry(lines))
    if all(line.page is None for line in paged):
        _pages_from_numbers(paged)
    _mark_page_starts(paged)
    pages = _group(paged)
    if len(pages) >= 2:
        _mark_furniture(paged, pages)
    for line in paged:
        if line.role in ("header", "footer", "page_number"):
            line.furniture = True
    return paged


def _with_geometry(lines: Sequence[SourceLine]) -> Sequence[SourceLine]:
    """Lines placed on a page (PDF) as printed text reads: indentation as leading spaces (one
    per half an em from the page's left margin), a gap wider than a line as a blank line."""
    if not any(line.x is not None and line.size for line in lines):
        return lines
    margins: dict[int | None, float] = {}
    for line in lines:
        if line.x is not None and line.role is None and line.text.strip():
            margins[line.page] = min(margins.get(line.page, line.x), line.x)
    pitch = _line_pitch(lines)
    out: list[SourceLine] = []
    previous: SourceLine | None = None
    for line in lines:
        if (
            previous is not None and pitch and previous.page == line.page
            and line.y is not None and previous.y is not None
            and line.y - previous.y > pitch * _GAP_PITCHES
        ):
            out.append(SourceLine("", page=line.page))
        text = line.text
        margin = margins.get(line.page)
        if line.x is not None and line.size and margin is not None and line.x > margin:
            text = " " * round((line.x - margin) / (line.size / 2)) + text.lstrip()
        out.append(replace(line, text=text))
        previous = line
    return out


def _line_pitch(lines: Sequence[SourceLine]) -> float:
    """The usual distance from one line's top to the next one's on a page."""
    steps = sorted(
        b.y - a.y for a, b in pairwise(lines)
        if a.page == b.page and a.y is not None and b.y is not None and b.y > a.y
    )
    return steps[len(steps) // 2] if steps else 0.0


def _split_form_feeds(lines: Sequence[SourceLine]) -> list[PagedLine]:
    """A form feed ends a page: the text after it starts the next one."""
    has_pages = any(line.page is not None for line in lines)
    feeds = not has_pages and any("\f" in line.text for line in lines)
    page = 1 if feeds else None
    out: list[PagedLine] = []
    for line in lines:
        if not feeds:
            out.append(PagedLine(line.text, line.page, x=line.x, size=line.size, role=line.role))
            continue
        parts = line.text.split("\f")
        for k, part in enumerate(parts):
            if k:
                page = (page or 1) + 1
            if part or k == 0 or k == len(parts) - 1:
                out.append(PagedLine(part, page, x=line.x, size=line.size, role=line.role))
    return out


def page_number(text: str) -> tuple[int | None, bool]:
    """(number, decorated) if `text` is shaped like a page number, else (None, False)."""
    stripped = text.strip()
    if not stripped or len(stripped) > 24:
        return None, False
    if _BARE_NUMBER.fullmatch(stripped):
        return int(stripped), False
    match = _DECORATED.fullmatch(stripped)
    if match:
        value = next(v for v in match.groups() if v is not None)
        return int(value), True
    roman = _ROMAN_NUMBER.fullmatch(stripped.lower())
    if roman and _DASHES_OR_SPACE(stripped):
        return _roman_value(roman.group("r")), False
    return None, False


def _DASHES_OR_SPACE(text: str) -> bool:
    # a lone "i" or "v" is a word or a list label; "- iv -" / "iv" centred on a page is not
    return any(c in _DASHES for c in text) or len(text.strip()) >= 2


def _roman_value(text: str) -> int | None:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for i, c in enumerate(text):
        v = values[c]
        total += -v if i + 1 < len(text) and v < values[text[i + 1]] else v
    return total or None


def _pages_from_numbers(lines: list[PagedLine]) -> None:
    """Text with no pages: page-number lines that count up (on their own between blank or
    page-edge lines) end the pages."""
    found: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        number, _ = page_number(line.text)
        if number is not None and _isolated(lines, index):
            found.append((index, number))
    run = _counting_run(found)
    if len(run) < _MIN_SEQUENCE:
        return
    page = 1
    ends = {index for index, _ in run}
    for index, line in enumerate(lines):
        line.page = page
        if index in ends:
            page += 1


def _isolated(lines: Sequence[PagedLine], index: int) -> bool:
    before = lines[index - 1].text.strip() if index else ""
    after = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
    return not before or not after


def _counting_run(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The page-number lines that go up one at a time (restarts allowed, e.g. after roman
    front matter): a number that fits neither neighbour is text, not a page number."""
    keep: list[tuple[int, int]] = []
    for k, (index, number) in enumerate(found):
        prev_ok = k > 0 and found[k - 1][1] == number - 1
        next_ok = k + 1 < len(found) and found[k + 1][1] == number + 1
        if prev_ok or next_ok:
            keep.append((index, number))
    return keep


def _mark_page_starts(lines: list[PagedLine]) -> None:
    for prev, line in pairwise(lines):
        line.page_start = line.page is not None and line.page != prev.page


def _group(lines: list[PagedLine]) -> list[list[int]]:
    """Indexes of each page's non-blank lines, in page order."""
    pages: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        if line.page is not None and line.text.strip():
            pages.setdefault(line.page, []).append(index)
    return [pages[p] for p in sorted(pages)]


def _zones(page: list[int]) -> tuple[list[int], list[int]]:
    return page[:_ZONE], page[-_ZONE:]


def _mark_furniture(lines: list[PagedLine], pages: list[list[int]]) -> None:
    numbered = _mark_page_numbers(lines, pages)
    _mark_running_lines(lines, pages, numbered)


def _mark_page_numbers(lines: list[PagedLine], pages: list[list[int]]) -> set[int]:
    """Mark page-number lines; returns the positions (in `pages`) of pages that have one."""
    candidates: list[dict[int, tuple[int, bool]]] = []
    for page in pages:
        top, bottom = _zones(page)
        found: dict[int, tuple[int, bool]] = {}
        # the outermost number-shaped line of each zone: a note's "1" above the page's "17"
        # is the note's
        for zone in (top, list(reversed(bottom))):
            for index in zone:
                number, decorated = page_number(lines[index].text)
                if number is not None:
                    found[index] = (number, decorated)
                    break
        candidates.append(found)
    numbered: set[int] = set()
    for k, found in enumerate(candidates):
        for index, (number, decorated) in found.items():
            if decorated or _fits(candidates, k, number):
                lines[index].furniture = True
                lines[index].printed = _printed(lines[index].text, number)
                numbered.add(k)
    return numbered


def _printed(text: str, number: int) -> str:
    """The page number as a citation gives it: digits, or the roman numeral as printed."""
    roman = _ROMAN_NUMBER.fullmatch(text.strip().lower())
    return roman.group("r") if roman and not text.strip().isdigit() else str(number)


def page_labels(lines: Sequence[PagedLine]) -> tuple[tuple[int, str], ...]:
    """(physical page, printed number) for the pages whose printed number was found and
    differs from their place in the file (a cover, front matter numbered on its own)."""
    labels: dict[int, str] = {}
    for line in lines:
        if line.printed is not None and line.page is not None and line.page not in labels:
            labels[line.page] = line.printed
    return tuple((page, label) for page, label in sorted(labels.items()) if label != str(page))


def _fits(candidates: list[dict[int, tuple[int, bool]]], k: int, number: int) -> bool:
    """Whether a page's number candidate continues its neighbours' (n-1 before or n+1 after,
    also across one page without a number: a full-page figure)."""
    for step in (1, 2):
        before = candidates[k - step].values() if k - step >= 0 else ()
        after = candidates[k + step].values() if k + step < len(candidates) else ()
        if any(n == number - step for n, _ in before) or any(n == number + step for n, _ in after):
            return True
    return False


def _normal(text: str) -> str:
    return _DIGITS.sub("#", _SPACES.sub(" ", text.strip()))


def _mark_running_lines(lines: list[PagedLine], pages: list[list[int]], numbered: set[int]) -> None:
    """Lines at the top (bottom) of many pages, the same but for their digits."""
    counts: dict[str, Counter[tuple[str, int]]] = {"top": Counter(), "bottom": Counter()}
    per_page: list[dict[str, list[tuple[int, str]]]] = []
    for page in pages:
        top, bottom = _zones(page)
        entry: dict[str, list[tuple[int, str]]] = {"top": [], "bottom": []}
        for zone, indexes in (("top", top), ("bottom", bottom)):
            seen: set[str] = set()
            for index in indexes:
                text = lines[index].text.strip()
                if lines[index].furniture or len(text) > _MAX_RUNNING or ends_sentence(text):
                    continue  # a sentence repeated at a page's top is text, not a header
                key = _normal(text)
                entry[zone].append((index, key))
                if key not in seen:
                    seen.add(key)
            for key in seen:
                counts[zone][(key, 0)] += 1
                counts[zone][(key, 1 + len(per_page) % 2)] += 1
        per_page.append(entry)
    total = len(pages)
    halves = {0: total, 1: (total + 1) // 2, 2: total // 2}
    cover = 0 not in numbered and len(pages) > 2 and bool(numbered)
    for k, entry in enumerate(per_page):
        if k == 0 and cover:
            continue
        for zone in ("top", "bottom"):
            for index, key in entry[zone]:
                if _running(counts[zone], key, k, halves):
                    lines[index].furniture = True


def _running(
    counts: Counter[tuple[str, int]], key: str, k: int, halves: dict[int, int]
) -> bool:
    every = counts[(key, 0)]
    if every >= _MIN_REPEATS and every >= _MIN_SHARE * halves[0]:
        return True
    parity = 1 + k % 2
    alternate = counts[(key, parity)]
    return alternate >= max(2, _MIN_SHARE * halves[parity]) and halves[parity] >= 2 and (
        alternate >= _MIN_REPEATS or halves[0] <= 2 * _MIN_REPEATS
    )
