"""The line breaker keeps the issue's rules on every line of every seed, and on random text.

`_reference_units` restates the rules independently of igtui.reading.linebreak (no fast paths,
rich's grapheme clusters throughout); `check_wrap` then holds each wrapped line against it.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, split_graphemes

from igtui.corpus.loading import load_corpus
from igtui.reading.display import printable
from igtui.reading.linebreak import CLOSING, GLUE, OPENING, SPACES, wrap, wrap_paragraphs

# The issue's lists, full- and half-width.
SPEC_CLOSING = "。，、；：？！）》」』’”" + ".,;:?!)]}"
SPEC_OPENING = "（《「『‘“" + "([{"


def test_tables_cover_the_issue() -> None:
    assert set(SPEC_CLOSING) <= CLOSING
    assert set(SPEC_OPENING) <= OPENING
    assert not CLOSING & OPENING


def _reference_units(text: str) -> list[tuple[int, int]]:
    """[start, end) of each stretch of `text` that no line may break inside."""
    units: list[tuple[int, int]] = []
    spans, _ = split_graphemes(text)
    start = end = -1
    prev, prev_cells, spaced = "", 0, False
    for begin, stop, cells in spans:
        char = text[begin]
        if char == "\n" or char in SPACES:
            spaced = True
            if char == "\n" and start >= 0:  # a hard break
                units.append((start, end))
                start, prev = -1, ""
            continue
        glued = char in CLOSING or char in GLUE or prev in OPENING or prev in GLUE
        may_break = not glued and (spaced or prev_cells == 2 or cells == 2)
        if start < 0:
            start = begin
        elif may_break:
            units.append((start, end))
            start = begin
        end, prev, prev_cells, spaced = stop, char, cells, False
    if start >= 0:
        units.append((start, end))
    return units


def check_wrap(
    text: str, width: int, units: list[tuple[int, int]] | None = None, *, strict: bool = True
) -> list[str]:
    """Wrap and assert every rule; `strict`: punctuation rules hold even inside split words."""
    lines = wrap(text, width)
    limit = max(width, 2)
    source = text.replace("\t", " ").strip()
    units = _reference_units(source) if units is None else units
    starts = [u[0] for u in units]
    index_of_start = {u[0]: i for i, u in enumerate(units)}
    index_of_end = {u[1]: i for i, u in enumerate(units)}
    pos = 0
    for i, line in enumerate(lines):
        assert cell_len(line) <= limit, (line, width)
        assert line == line.strip(), f"spaces at an edge: {line!r}"
        gap_start = pos
        while pos < len(source) and source[pos].isspace():
            pos += 1
        assert source.startswith(line, pos), f"line {i} {line!r} is not the text at {pos}"
        if line and pos:  # no grapheme cut in two
            assert cell_len(line[0]) > 0 and line[-1] != "\u200d", line
        if i and line:
            _check_boundary(source, lines[i - 1], limit, units, starts, index_of_start,
                            index_of_end, gap_start, pos, strict)
        pos += len(line)
    assert source[pos:].strip() == "", "text left over"
    return lines


def _check_boundary(
    source: str, before: str, limit: int, units: list[tuple[int, int]], starts: list[int],
    index_of_start: dict[int, int], index_of_end: dict[int, int], end: int, begin: int,
    strict: bool,
) -> None:
    """The break between `before` (ending at `end`) and the line starting at `begin`."""
    if "\n" in source[end:begin] or not before:
        return  # a hard break: nothing to fill
    legal = begin in index_of_start and index_of_start[begin] == index_of_end.get(end, -2) + 1
    if not legal:
        start, stop = units[bisect_right(starts, begin) - 1]
        assert cell_len(source[start:stop]) > limit, (
            f"split {source[start:stop]!r}, which fits in {limit}")
        if strict:
            assert source[begin] not in CLOSING, f"line starts with {source[begin]!r}"
            assert before[-1] not in OPENING, f"line ends with {before[-1]!r}"
        return
    gap = limit - cell_len(before)
    unit = units[index_of_start[begin]]
    unit_cells = cell_len(source[unit[0]:unit[1]])
    if gap > 2 and unit_cells <= limit:
        assert cell_len(source[end:begin]) + unit_cells > gap, (
            f"{source[unit[0]:unit[1]]!r} would fit after {before!r}")


# -- every seed paragraph --------------------------------------------------------------------

@cache
def _seed_texts() -> tuple[str, ...]:
    texts = {p.text for d in load_corpus().documents for p in d.paragraphs if p.text.strip()}
    return tuple(sorted(texts))


def _mixed_sample(n: int) -> list[str]:
    """The longest paragraphs that mix Chinese and Latin: the hard cases."""
    def score(text: str) -> int:
        latin = sum(ch.isascii() and ch.isalpha() for ch in text)
        return min(latin, len(text) - latin) + len(text) // 10

    return sorted(_seed_texts(), key=score, reverse=True)[:n]


def test_seeds_narrow_widths_for_a_sample() -> None:
    # below 20 cells long words must split; punctuation rules may give way only inside them
    for text in _mixed_sample(12):
        units = _reference_units(text.strip())
        for width in range(0, 20):
            check_wrap(text, width, units, strict=False)


@pytest.mark.parametrize("offset", [0, 1, 2, 3, 4, 5, 6])
def test_seeds_all_paragraphs_widths_20_to_120(offset: int) -> None:
    # each offset covers every 7th width, so the seven cases cover 20..120 completely
    texts = _seed_texts()
    assert texts
    for text in texts:
        units = _reference_units(text.strip())
        for width in range(20 + offset, 121, 7):
            check_wrap(text, width, units)


def test_seeds_whole_documents_wrap_without_error() -> None:
    for doc in load_corpus().documents:
        wrapped = wrap_paragraphs((p.text for p in doc.paragraphs), 33)
        assert len(wrapped) == len(doc.paragraphs)
        assert all(cell_len(line) <= 33 for lines in wrapped for line in lines)


# -- targeted cases ----------------------------------------------------------------------------

def test_no_line_holds_only_a_bracketed_acronym() -> None:
    text = "互联网治理工作组（WGIG）的报告力求为互联网治理确定一个工作定义"
    lines = check_wrap(text, 12)
    assert lines == [
        "互联网治理工", "作组（WGIG）", "的报告力求为", "互联网治理确", "定一个工作定", "义"]


def test_wgig_with_half_width_parentheses_and_spaces() -> None:
    text = "我们感谢联合国秘书长成立互联网治理工作组 (WGIG) 的工作。"
    assert check_wrap(text, 20) == [
        "我们感谢联合国秘书长", "成立互联网治理工作组", "(WGIG) 的工作。"]


def test_closing_punctuation_pulls_a_character_down() -> None:
    # 。 may not start line 2, so 五 goes down with it
    assert check_wrap("一二三四五。六七", 10) == ["一二三四", "五。六七"]
    assert check_wrap("一二三四五，”六七", 10) == ["一二三四", "五，”六七"]
    assert check_wrap("一二三四五)六七", 10) == ["一二三四", "五)六七"]


def test_opening_punctuation_goes_down_with_what_it_opens() -> None:
    assert check_wrap("一二三四《五六》七", 10) == ["一二三四", "《五六》七"]
    assert check_wrap("一二三“四五”六", 7) == ["一二三", "“四五”", "六"]
    assert check_wrap("一二三(四五", 7) == ["一二三", "(四五"]


def test_latin_words_break_at_spaces_and_drop_them() -> None:
    assert check_wrap("alpha beta gamma", 11) == ["alpha beta", "gamma"]
    assert check_wrap("中文中文中文 internationalization 中", 24) == [
        "中文中文中文", "internationalization 中"]
    assert check_wrap("see (for example) this", 8) == ["see (for", "example)", "this"]
    # a spaced-out bracket stays with its word too
    assert check_wrap("alpha beta ) gamma ( delta", 10) == ["alpha", "beta )", "gamma", "( delta"]


def test_a_url_longer_than_the_width_is_split_filling_each_line() -> None:
    url = "https://example.org/a/very/long/path/to/somewhere"
    lines = check_wrap(f"见 {url} 以及其他", 20)
    assert lines[0].startswith("见 https://") and cell_len(lines[0]) == 20
    assert all(cell_len(line) >= 19 for line in lines[1:-2])
    assert "".join(lines).replace("见 ", "").startswith(url)


def test_width_two_holds_one_chinese_character() -> None:
    assert check_wrap("中文字", 2) == ["中", "文", "字"]
    # 。 cannot follow 文 on a 2-cell line: the punctuation rule gives way, the width never does
    assert wrap("中文。", 2) == ["中", "文", "。"]
    assert wrap("中文", 1) == ["中", "文"]
    assert wrap("ab", 0) == ["ab"]


def test_wide_and_combined_characters_are_never_cut() -> None:
    text = "表情😀😀和👨‍👩‍👧家庭 cafe\u0301 and e\u0301te\u0301"
    for width in range(2, 12):
        lines = check_wrap(text, width, strict=False)
        assert any("👨‍👩‍👧" in line for line in lines)
        assert all(not line.startswith("\u0301") for line in lines)


def test_non_breaking_space_glues() -> None:
    assert check_wrap("一二三 4\xa0km 五", 6) == ["一二三", "4\xa0km", "五"]


def test_newlines_force_breaks_and_blank_text_gives_no_lines() -> None:
    assert wrap("a\nb", 10) == ["a", "b"]
    assert wrap("  \n ", 10) == []
    assert wrap("", 10) == []


def test_printable_shows_control_characters() -> None:
    assert printable("a\x1b[31mb\nc\x00") == "a\u241b[31mb\nc\u2400"


# -- random text -------------------------------------------------------------------------------

_TOKENS = st.one_of(
    st.text("我们认识到互联网治理信息社会世界峰会", min_size=1, max_size=12),
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14),
    st.sampled_from(list(SPEC_CLOSING + SPEC_OPENING + "——……·%")),
    st.sampled_from([" ", " ", " ", "  ", "\xa0", "😀", "👨‍👩‍👧", "e\u0301", "\n", "2003"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, min_size=1, max_size=40).map("".join), st.integers(0, 40))
def test_random_mixtures_keep_every_rule(text: str, width: int) -> None:
    check_wrap(text, width, strict=False)
