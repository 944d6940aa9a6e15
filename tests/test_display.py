"""igtui.reading.display: what a terminal would obey is shown, never obeyed (issue 12)."""

from __future__ import annotations

import json
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from igtui.reading.display import (
    UNSAFE_CATEGORIES,
    UNSAFE_RANGES,
    displayable,
    editable,
    is_clean,
    json_text,
    printable,
)

HOSTILE = (
    "t\x1b]0;PWNED\x07 \x1b]52;c;ZXZpbA==\x07 \x1b[31mred\x1b[0m \x9b31m \x85 "
    "\u202eevil\u202c \u2066iso\u2069 z\u200bw\u200dj \ufeff \u2028 \U000e0041 \ud800"
)
# what must never reach a terminal: C0 but newline, DEL, C1, bidi, zero width, tags, surrogates
FORBIDDEN = {
    chr(c) for a, b in UNSAFE_RANGES for c in range(a, b + 1)
} - {"\n"}


def test_the_table_is_unicodes_control_and_format_characters() -> None:
    table = {c for a, b in UNSAFE_RANGES for c in range(a, b + 1)}
    derived = {
        c for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in UNSAFE_CATEGORIES and c != 0xAD
    }
    assert derived <= table, f"new format characters: {sorted(map(hex, derived - table))}"
    # an older Python's Unicode may not know some of ours yet: unassigned there, not printable
    assert all(unicodedata.category(chr(c)) in {*UNSAFE_CATEGORIES, "Cn"} for c in table)


def test_hostile_text_is_made_visible_char_for_char() -> None:
    shown = printable(HOSTILE)
    assert len(shown) == len(HOSTILE)  # offsets (search-match spans) stay valid
    assert not FORBIDDEN & set(shown)
    assert "␛]0;PWNED␇" in shown and "\ufffdevil\ufffd" in shown
    assert is_clean(shown) and not is_clean(HOSTILE)
    assert "\n" not in displayable("a\nb") and printable("a\nb") == "a\nb"
    assert editable("a\tb\x1b") == "a\tb␛"


def test_clean_text_is_returned_as_is() -> None:
    text = "互联网治理应当多边、透明和民主。Soft\u00adhyphen, [bold]markup[/bold] stays text."
    assert printable(text) is text


@given(st.text())
def test_printable_never_lets_a_forbidden_character_through(text: str) -> None:
    shown = printable(text)
    assert len(shown) == len(text) and not FORBIDDEN & set(shown)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
                    max_leaves=10))
def test_json_text_is_exact_and_safe(data: object) -> None:
    text = json_text(data)
    assert json.loads(text) == data
    assert not FORBIDDEN & set(text)


def test_json_text_keeps_chinese_readable() -> None:
    text = json_text({"t": "互联网治理" + HOSTILE})
    assert "互联网治理" in text and "\\u202e" in text and "\\u001b" in text
    assert json.loads(text)["t"] == "互联网治理" + HOSTILE
