"""References inside a paragraph that point elsewhere in the same document (no Textual imports).

Three kinds of link:

- paragraph references ("第45段", "第45和46段", "paragraph 45", "paras. 12 and 13"), resolved
  by paragraph label;
- chapter/section references ("第三章", "第三章第五节"), resolved to a heading;
- footnote markers ("¹", "^a", and a bare number glued to the text: "报告3。"), resolved to a
  footnote paragraph with that number.

Precision beats recall: a number becomes a link only when its shape says "reference" AND the
target exists. Years, counts, dates, versions, list numbering, URLs and the like are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from igtui.corpus.model import Document, Paragraph
from igtui.corpus.parsing.numerals import cn_number

LinkKind = Literal["paragraph", "section", "footnote"]


@dataclass(frozen=True, slots=True)
class Link:
    """A reference at `paragraph.text[start:end]` pointing at paragraph `target_n`."""

    start: int
    end: int
    kind: LinkKind
    target_n: int
    text: str


# --- patterns -------------------------------------------------------------------------------

NUM = r"(?:\d{1,4}|[零〇一二两三四五六七八九十百]{1,6})"
_NUM_RE = re.compile(NUM)
# Between the numbers of "第45和46段", "第45-47段", "第45、46段".
_ZH_SEP = r"\s*(?:和|及|与|或|、|，|,|至|到|-|–|—|~|～)\s*"
_ZH_PARA = re.compile(rf"第\s*(?P<nums>{NUM}(?:{_ZH_SEP}{NUM})*)\s*段")
_ZH_SECTION = re.compile(
    rf"第\s*(?P<ch>{NUM})\s*章(?:\s*第\s*(?P<sec>{NUM})\s*节)?|第\s*(?P<sec_only>{NUM})\s*节"
)
_EN_SEP = r"\s*(?:,|and|&|or|to|-|–)\s*"
_EN_PARA = re.compile(
    rf"(?:\b(?:paragraphs?|paras?\.?)\s*|¶\s*)(?P<nums>\d{{1,4}}(?:{_EN_SEP}\d{{1,4}})*)\b",
    re.IGNORECASE,
)
# "第77段" right after the name of another text (《…》, 议程, 决议 …) is that text's paragraph;
# "本报告第5段" (this report) is ours.
_ZH_EXTERNAL = re.compile(
    r"(?:》|(?<!本)(?:议程|决议|宣言|公约|宪章|协定|条约|报告|文件|成果|计划|纲要|法))\s*$"
)
# "paragraph 77 of the Tunis Agenda" is another text's; "of this report" is ours.
_EN_EXTERNAL = re.compile(r"\s+(?:of|in)\s+(?!this\b|the present\b)", re.IGNORECASE)

_SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_CARET = re.compile(r"\^(?P<key>\d{1,3}|[a-z])(?![A-Za-z0-9])")
_DIGITS = re.compile(r"\d+")
# URLs and e-mail addresses, ASCII only: in Chinese text a URL runs straight into the next
# sentence with no space, and that sentence may hold a real marker.
_URL = re.compile(
    r"(?:https?://|www\.)[\x21-\x7e]+|[\w.+-]+@[\w-]+\.[\x21-\x7e]+"
    r"|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/[\x21-\x7e]*",
    re.IGNORECASE | re.ASCII,
)
# The word before a footnote number glued to Latin text ("model5"): a plain word, not an
# acronym or version stem (IPv6, G20, ICT4D).
_PLAIN_WORD = re.compile(r"[A-Z]?[a-z]{2,}")
_TECH_STEMS = frozenset({
    "ipv", "mp", "utf", "sha", "md", "web", "html", "http", "https", "win", "windows", "ver",
    "version", "rev", "release", "build", "python", "android", "ios", "covid", "gpt", "office",
})
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A number right after these counts, ranks or measures something ("第2", "约3", "达5").
_NUMBER_PREFIXES = frozenset("第约近达共计逾超至到每仅占")
# A number right before these is a quantity or a date ("2015年", "100个", "3倍").
_UNITS = frozenset(
    "年月日号號时時分秒个個位名人次届屆项項条條款段章节節页頁册冊卷期天周週岁歲倍成万萬亿億千百"
    "十多余餘家国國种種类類件份部台辆輛元块塊米克吨噸度里户戶股篇本字点點层層级級代季集场場轮輪"
    "例起所座张張只隻颗顆枚美欧英"
)
_CLOSERS = frozenset("”’」』》）)】〕\"']")
_SENTENCE_ENDS = frozenset("。！？")
# After the number: these make it a range, ratio, decimal, percentage or list label.
_BAD_NEXT = frozenset("-–—~～/:：.．%％‰、)）")


# --- the per-document index -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Index:
    labelled: dict[int, tuple[int, ...]]  # numeric paragraph label -> the n of each holder
    run: dict[int, int]  # n -> which numbering run it belongs to (labels restart per run)
    footnotes: dict[str, tuple[int, ...]]  # footnote key ("1", "a") -> footnote n's
    headings: tuple[Paragraph, ...]


_CACHE: dict[int, tuple[Document, _Index]] = {}
_CACHE_SIZE = 16


def _index(doc: Document) -> _Index:
    cached = _CACHE.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1]
    index = _build_index(doc)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(doc)] = (doc, index)
    return index


def _build_index(doc: Document) -> _Index:
    labelled: dict[int, list[int]] = {}
    footnotes: dict[str, list[int]] = {}
    run: dict[int, int] = {}
    current, previous = 0, None
    for p in doc.paragraphs:
        value = _label_number(p)
        if value is not None:
            # labels restart in some documents (a main text, then an annex from 1 again)
            if previous is not None and value <= previous:
                current += 1
            previous = value
            labelled.setdefault(value, []).append(p.n)
        run[p.n] = current
        if p.kind == "footnote" and (key := _footnote_key(p)) is not None:
            footnotes.setdefault(key, []).append(p.n)
    return _Index(
        labelled={k: tuple(v) for k, v in labelled.items()},
        run=run,
        footnotes={k: tuple(v) for k, v in footnotes.items()},
        headings=tuple(p for p in doc.paragraphs if p.kind == "heading"),
    )


def _label_number(p: Paragraph) -> int | None:
    # List items are left out: a list numbered 1, 2, 3 inside paragraph 5 is not paragraphs
    # 1-3, and would look like a restart of the numbering.
    if p.kind != "paragraph" or not p.label:
        return None
    label = unicodedata.normalize("NFKC", p.label)
    return int(label) if label.isdecimal() else None


def _footnote_key(p: Paragraph) -> str | None:
    if p.label:
        return _key(p.label)
    head = re.match(r"\s*\^?(\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?!\d)", p.text)
    return _key(head.group(1)) if head else None


def _key(marker: str) -> str:
    key = unicodedata.normalize("NFKC", marker).strip().lower()
    return str(int(key)) if key.isdecimal() else key


# --- public API -----------------------------------------------------------------------------


def find_links(doc: Document, paragraph: Paragraph) -> list[Link]:
    """Every reference in `paragraph.text` whose target exists in `doc`, in text order."""
    if not paragraph.readable or not paragraph.text:
        return []
    index = _index(doc)
    links: list[Link] = []
    for found in (
        _paragraph_links(paragraph, index),
        _section_links(doc, paragraph, index),
        _footnote_links(paragraph, index),
    ):
        for link in found:
            if link.target_n != paragraph.n and not _overlaps(link, links):
                links.append(link)
    return sorted(links, key=lambda link: link.start)


def footnotes_of(doc: Document, paragraph: Paragraph) -> list[Paragraph]:
    """The footnotes the paragraph's markers point to, each once, in marker order."""
    seen: dict[int, None] = {}
    for link in find_links(doc, paragraph):
        if link.kind == "footnote":
            seen.setdefault(link.target_n)
    return [doc.paragraph(n) for n in seen]


def _overlaps(link: Link, links: list[Link]) -> bool:
    return any(link.start < other.end and other.start < link.end for other in links)


# --- paragraph references -------------------------------------------------------------------


def _paragraph_links(paragraph: Paragraph, index: _Index) -> Iterator[Link]:
    text = paragraph.text
    for m in _ZH_PARA.finditer(text):
        if not _ZH_EXTERNAL.search(text[max(0, m.start() - 8):m.start()]):
            yield from _numbered(paragraph, index, m, "nums")
    for m in _EN_PARA.finditer(text):
        if not _EN_EXTERNAL.match(text, m.end()):
            yield from _numbered(paragraph, index, m, "nums")


def _numbered(paragraph: Paragraph, index: _Index, m: re.Match[str], group: str) -> Iterator[Link]:
    """One link per number; the first takes the words before it, the last the words after,
    so "第45段" is one link and "第45和46段" is "第45" + "46段"."""
    numbers = list(_NUM_RE.finditer(m.group(group)))
    offset = m.start(group)
    for i, num in enumerate(numbers):
        value = cn_number(num.group())
        target = None if value is None else _resolve_label(index, paragraph.n, value)
        if target is None:
            continue
        start = m.start() if i == 0 else offset + num.start()
        end = m.end() if i == len(numbers) - 1 else offset + num.end()
        yield Link(start, end, "paragraph", target, paragraph.text[start:end])


def _resolve_label(index: _Index, source_n: int, value: int) -> int | None:
    """The paragraph labelled `value`: in the source's numbering run if there is one there,
    else the nearest."""
    candidates = [n for n in index.labelled.get(value, ()) if n != source_n]
    if not candidates:
        return None
    same_run = [n for n in candidates if index.run.get(n) == index.run.get(source_n)]
    return min(same_run or candidates, key=lambda n: abs(n - source_n))


# --- chapter and section references ---------------------------------------------------------


def _section_links(doc: Document, paragraph: Paragraph, index: _Index) -> Iterator[Link]:
    text = paragraph.text
    for m in _ZH_SECTION.finditer(text):
        if _ZH_EXTERNAL.search(text[max(0, m.start() - 8):m.start()]):
            continue
        if m.group("sec_only"):
            target = _numbered_heading(index.headings, "节", cn_number(m.group("sec_only")))
        else:
            target = _chapter_target(index, cn_number(m.group("ch")), m.group("sec"))
        if target is not None:
            yield Link(m.start(), m.end(), "section", target.n, m.group())


def _chapter_target(index: _Index, chapter: int | None, section: str | None) -> Paragraph | None:
    heading = _numbered_heading(index.headings, "章", chapter)
    if heading is None or section is None:
        return heading
    value = cn_number(section)
    # the chapter's headings: from it up to the next chapter heading
    scope: list[Paragraph] = []
    for h in index.headings:
        if h.n <= heading.n:
            continue
        if _heading_number(h, "章") is not None:
            break
        scope.append(h)
    return _numbered_heading(tuple(scope), "节", value) or next(
        (h for h in scope if h.label and cn_number(_key(h.label)) == value), None
    )


def _numbered_heading(
    headings: tuple[Paragraph, ...], unit: str, value: int | None
) -> Paragraph | None:
    if value is None:
        return None
    return next((h for h in headings if _heading_number(h, unit) == value), None)


def _heading_number(heading: Paragraph, unit: str) -> int | None:
    m = re.match(rf"\s*第\s*({NUM})\s*{unit}", heading.text)
    return cn_number(m.group(1)) if m else None


# --- footnote markers -----------------------------------------------------------------------


def _footnote_links(paragraph: Paragraph, index: _Index) -> Iterator[Link]:
    if not index.footnotes:
        return
    text = paragraph.text
    # a footnote's own number at its start is its label, not a reference
    skip_before = len(text) - len(text.lstrip()) + 1 if paragraph.kind == "footnote" else 0
    urls = [m.span() for m in _URL.finditer(text)]
    for start, end, key in _markers(text):
        if start < skip_before or any(a <= start < b for a, b in urls):
            continue
        target = _resolve_footnote(index, paragraph.n, key)
        if target is not None:
            yield Link(start, end, "footnote", target, text[start:end])


def _markers(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _SUPERSCRIPT.finditer(text):
        if _superscript_is_marker(text, m.start()):
            yield m.start(), m.end(), _key(m.group())
    for m in _CARET.finditer(text):
        yield m.start(), m.end(), _key(m.group("key"))
    for m in _DIGITS.finditer(text):
        if _bare_is_marker(text, m.start(), m.end()):
            yield m.start(), m.end(), _key(m.group())


def _latin_stem(text: str, end: int) -> str:
    """The run of ASCII letters ending at `end`."""
    start = end
    while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


def _superscript_is_marker(text: str, start: int) -> bool:
    if start == 0 or text[start - 1].isdigit():
        return False  # the footnote's own label, or an exponent (10³)
    # m², km³, x²: a unit or a variable, not a note
    stem = _latin_stem(text, start)
    return not stem or len(stem) > 2


def _bare_is_marker(text: str, start: int, end: int) -> bool:
    """A number glued to the word or closing punctuation before it, and shaped like a note."""
    digits = text[start:end]
    if len(digits) > 3 or digits.startswith(("0", "０")) or start == 0:
        return False
    prev = text[start - 1]
    after = text[end:end + 2]
    nxt = after[:1]
    if nxt in _BAD_NEXT or (nxt and nxt.isascii() and nxt.isalpha()):
        return False
    if nxt in (",", "，", " ", "\u3000") and after[1:2].isdigit():
        return False  # "2,000" / "2 000"
    if _CJK.match(nxt) and nxt in _UNITS:
        return False
    if prev in _SENTENCE_ENDS:
        # after a full stop a number starts the next sentence unless it ends the paragraph
        return nxt in ("", "\n")
    if prev in _CLOSERS:
        return True
    if _CJK.match(prev):
        return prev not in _NUMBER_PREFIXES
    stem = _latin_stem(text, start)
    if not stem:
        return False
    before = text[start - len(stem) - 1] if start > len(stem) else " "
    if not (before.isspace() or _CJK.match(before)):
        return False  # part of a longer token: "WSIS+10", "A/60", "e.g.model5"
    return bool(_PLAIN_WORD.fullmatch(stem)) and stem.lower() not in _TECH_STEMS


def _resolve_footnote(index: _Index, source_n: int, key: str) -> int | None:
    """The footnote with this key: the first after the marker, else the last before it."""
    candidates = [n for n in index.footnotes.get(key, ()) if n != source_n]
    after = [n for n in candidates if n > source_n]
    if after:
        return after[0]
    return candidates[-1] if candidates else None
