"""Text folding shared by the corpus side and the query side of the search.

`fold` keeps the length of the text (one output char per input char) so that a match found in
the folded text is at the same offsets in the original: highlighting needs no offset map.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from igtui.search.imports import import_without_pkg_resources

# Chinese characters (CJK unified ideographs, extension A, compatibility ideographs).
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
LATIN_WORD = re.compile(r"[a-z0-9]+")
# a query is split into Chinese runs and Latin words; everything else separates them
QUERY_PIECE = re.compile(f"[{CJK_CLASS}]+|[a-z0-9]+")

# Equivalent names in these documents. Each group lists spellings that mean the same thing; a
# query word in a group also matches every other spelling of the group, as an exact match. Keep
# this table small and obvious: it is a thesaurus for the reader, not a tuning knob for the ranker.
# Spellings are simplified, lowercase (the folded form), as they occur in the seed documents.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("互联网", "因特网", "网际网络"),  # mainland / UN-translation names of the internet
    ("利益相关方", "利益攸关方"),  # stakeholder: ICANN/WSIS vs UN-document wording
    ("信息通信技术", "信通技术", "ict"),
    ("信息社会世界峰会", "信息社会世界高峰会议", "wsis"),
    ("互联网治理论坛", "因特网治理论坛", "igf"),
    ("互联网名称与数字地址分配机构", "icann"),
    ("网络空间", "赛博空间", "cyberspace"),
)


def _synonym_map() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for group in SYNONYMS:
        for word in group:
            table[word] = tuple(w for w in group if w != word)
    return table


_SYNONYM_MAP = _synonym_map()


def synonyms(word: str) -> tuple[str, ...]:
    """The other spellings of `word` (folded), or () if it has none."""
    return _SYNONYM_MAP.get(word, ())


def synonym_words() -> tuple[str, ...]:
    return tuple(_SYNONYM_MAP)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).lower()
    return folded if len(folded) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


def _width_and_case(text: str) -> str:
    # Fast path: the whole-string NFKC + lower (C speed) is right whenever it keeps the length,
    # which is nearly always; otherwise fold char by char.
    folded = unicodedata.normalize("NFKC", text).lower()
    if len(folded) == len(text):
        return folded
    return "".join(map(_fold_char, text))


_TRAD_FIRST: frozenset[str] | None = None


def _to_simplified(text: str, keep_length: bool) -> str:
    """Traditional -> simplified (zhconv's zh-cn table); with `keep_length`, only where a rule
    keeps the length."""
    global _TRAD_FIRST
    # imported here: its table costs ~0.1 s, needless for ASCII queries
    import_without_pkg_resources("zhconv")
    import zhconv
    from zhconv import zhconv as zhconv_impl

    if _TRAD_FIRST is None:
        _TRAD_FIRST = frozenset(k[0] for k in zhconv_impl.getdict("zh-cn"))
    if _TRAD_FIRST.isdisjoint(text):
        return text
    converted = str(zhconv.convert(text, "zh-cn"))
    if len(converted) == len(text) or not keep_length:
        return converted
    # A phrase rule changed the length: convert char by char so offsets stay put.
    out = []
    for ch in text:
        c = zhconv.convert(ch, "zh-cn")
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


def fold(text: str, keep_length: bool = True) -> str:
    """Fold for matching: NFKC width, lowercase, traditional -> simplified.

    `keep_length` (the corpus side) keeps one char per char so offsets stay valid; a query may
    change length, so that a Taiwan term becomes its mainland one (網際網路 -> 互联网).
    """
    folded = _width_and_case(text)
    if folded.isascii():
        return folded
    return _to_simplified(folded, keep_length)
