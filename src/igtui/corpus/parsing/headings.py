"""Which paragraphs are headings, how deep each sits, and which one is the title."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from igtui.corpus.model import StyleSpan
from igtui.corpus.parsing.pairing import plausible_translation
from igtui.corpus.parsing.shapes import ends_sentence, label_number, lang_of, width

# Names of the parts of a document: always a top-level heading, never the title.
_PART_NAMES = frozenset(
    (
        "序", "序言", "前言", "引言", "导言", "简介", "背景", "背景介绍", "摘要", "结语", "结论",
        "结束语", "展望", "展望未来", "附录", "附件", "附文", "注释", "参考文献", "致谢", "目录",
        "preface", "foreword", "introduction", "background", "summary", "abstract", "conclusion",
        "conclusions", "outlook", "appendix", "annex", "references", "acknowledgements",
        "contents", "lookingahead",
    )
)
_TITLE_IN_MARKS = re.compile(r"《(.+)》\s*(?:[(（][^()（）]*[)）])?")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_TITLE_MAX = 60
# The deepest a heading sits, whatever a document's numbering does.
MAX_LEVEL = 6
# Numbered shapes that make headings; each style is one level wherever it first appears.
NUMBERED_STYLES = (
    "part", "division", "chapter", "section", "article", "cn", "paren_cn", "roman", "alpha",
    "arabic", "arabic_letter", "paren_num",
)


# Numbering styles whose order is fixed: a 编 holds 章, a 章 holds 节, then 一、（一）1.（1）
_RANK = {
    style: rank
    for rank, style in enumerate(
        ("part", "chapter", "section", "article", "cn", "paren_cn", "arabic", "paren_num")
    )
}


@dataclass(slots=True)
class Item:
    """A paragraph being classified; `style` is its heading style when it is a heading."""

    kind: str
    text: str
    label: str | None = None
    style: str | None = None
    level: int = 0
    section: tuple[str, ...] = ()
    # the English half of a line that carried a heading and its translation
    translation: bool = False
    page: int | None = None
    # what separated its block from the line before ("none": the very next line)
    gap: str = "blank"
    # inline emphasis over `text`
    styles: tuple[StyleSpan, ...] = ()
    # an entry (or the title) of a table of contents, hidden as boilerplate
    contents: bool = False


def is_part_name(text: str) -> bool:
    return re.sub(r"[\s:：]", "", text).lower() in _PART_NAMES


def is_prose(item: Item) -> bool:
    return item.kind in ("paragraph", "list_item") and (
        width(item.text) > _TITLE_MAX or ends_sentence(item.text)
    )


def choose_title(items: Sequence[Item]) -> int | None:
    """Index of the title: the widest unnumbered heading before the running text starts."""
    readable = [i for i, item in enumerate(items) if item.kind not in ("boilerplate", "footnote")]
    first_prose = next((i for i in readable if is_prose(items[i])), len(items))
    before = [i for i in readable if i < first_prose and _title_like(items[i])]
    candidates = before or [i for i in readable[:8] if _title_like(items[i])]
    if not candidates:
        return None
    return max(candidates, key=lambda i: (width(items[i].text), -i))


def _title_like(item: Item) -> bool:
    if item.kind != "heading" or item.translation:
        return False
    if item.style == "markdown":
        return item.label == "#"
    if item.style == "format":
        return item.level == 1
    return item.style in ("plain", "chapter", "part", "division") and not is_part_name(item.text)


def title_text(items: Sequence[Item], index: int | None) -> str:
    """The title line's text; with its translation when the next heading is one ("Mozilla
    宣言修正案 / The Mozilla Manifesto Addendum": Chinese first, as in the corpus)."""
    if index is None:
        return _fallback_title(items)
    text = _bare_title(items[index].text)
    after = next((item for item in items[index + 1 :] if item.kind != "boilerplate"), None)
    if after is None or not after.translation:
        return text
    other = _bare_title(after.text)
    return f"{text} / {other}" if lang_of(text) == "zh" else f"{other} / {text}"


def _bare_title(text: str) -> str:
    text = text.lstrip("#").strip()
    marked = _TITLE_IN_MARKS.fullmatch(text)
    return marked.group(1).strip() if marked else text


def _fallback_title(items: Sequence[Item]) -> str:
    """No title line: the opening sentence stands in, cut to a title's length."""
    for item in items:
        if item.kind not in ("boilerplate", "footnote") and item.text:
            sentence = _SENTENCE_END.split(item.text, maxsplit=1)[0]
            return sentence if len(sentence) <= _TITLE_MAX else sentence[:_TITLE_MAX] + "…"
    return ""


class _Outline:
    """The open headings, outermost first, as (style, level, text)."""

    def __init__(self, restarting: frozenset[str] = frozenset()) -> None:
        self.stack: list[tuple[str, int, str]] = []
        # the heading placed last, while no text has followed it yet
        self.open_heading: Item | None = None
        # numbering styles that start again from 1 somewhere in the document
        self.restarting = restarting
        self.title: tuple[str, int, str] | None = None

    def place(self, item: Item, is_title: bool) -> None:
        if item.translation and self.stack:
            # A heading's translation (beside it, or on the next line): same place in the tree.
            item.level = self.stack[-1][1]
            item.section = tuple(text for _, _, text in self.stack[:-1])
            return
        level = min(self._level(item, is_title), MAX_LEVEL)
        self.stack = [entry for entry in self.stack if entry[1] < level]
        item.level = level
        item.section = tuple(text for _, _, text in self.stack)
        title = item.text.lstrip("#").strip() if item.style == "markdown" else item.text
        self.stack.append(("plain" if is_title else self._style(item), level, title))
        if is_title:
            self.title = self.stack[-1]

    def restart(self) -> None:
        """A contents list ends the front matter: the text after it belongs to no heading
        printed before the list (a summary's last section), only to the title still open.
        Only front matter, though: under an unnumbered part (摘要, 前言) or no heading at all;
        a chapter's own list of figures leaves the chapter open."""
        below = [entry for entry in self.stack if entry is not self.title]
        if below and below[0][0] == "plain":
            self.stack = [entry for entry in self.stack if entry is self.title]
            self.open_heading = None

    def _style(self, item: Item) -> str:
        return "plain" if item.style in (None, "plain") else item.style

    def _level(self, item: Item, is_title: bool) -> int:
        if item.style == "format" and item.level:
            # the format says (Markdown #, HTML <h2>, a Word style); a skipped level (an <h3>
            # right under the <h1>) is one level down all the same
            return min(item.level, self.stack[-1][1] + 1 if self.stack else 1)
        if is_title or (item.style == "plain" and is_part_name(item.text)):
            return 1
        if item.style == "markdown":
            return len(item.label or "#")
        style = self._style(item)
        if style == "plain":
            return self._plain_level()
        same = [level for s, level, _ in self.stack if s == style]
        if same:
            return same[0]
        rank = _RANK.get(style)
        if rank is not None:
            # "第一篇" after "一、…" has begun: a division above it, wherever it first shows
            below = [k for k, (s, _, _) in enumerate(self.stack) if _RANK.get(s, -1) > rank]
            if below:
                first = below[0]
                holder = self.stack[first - 1] if first else None
                if holder is not None and holder[0] == "plain" and holder[1] == (
                    self.stack[first][1] - 1
                ):
                    # the numbering below is a part's own ("摘要" 一、二、三、): the division
                    # starts the body, beside that part
                    return holder[1]
                return self.stack[first][1]
        numbered = [level for s, level, _ in self.stack if s in NUMBERED_STYLES]
        if numbered:
            return numbered[-1] + 1
        if self.stack and self._holds_numbering(style):
            return self.stack[-1][1] + 1
        # A new numbering under an unnumbered heading: its siblings, not its children.
        return self.stack[-1][1] if self.stack else 1

    def _holds_numbering(self, style: str) -> bool:
        """An unnumbered heading (not the title) holds the numbered run that starts under it
        when the document starts that numbering again elsewhere: a summary's 一、二、三、
        before the body's, an annex's after it. A numbering used once is the body's own."""
        top = self.stack[-1]
        return top[0] == "plain" and top is not self.title and style in self.restarting

    def _plain_level(self) -> int:
        """An unnumbered heading's depth. Directly under a heading that opens a part of the
        document (a numbered one, a format's, "附录"), it is that part's first heading; under
        another unnumbered heading it is that one's sibling: a run of short lines with no text
        between them says nothing about hierarchy (a masthead, a bilingual title, UI strings)."""
        if not self.stack:
            return 1
        above = self.open_heading
        if above is not None:
            if _opens_part(above):
                return self.stack[-1][1] + 1
            return self.stack[-1][1]
        plain = [level for s, level, _ in self.stack if s == "plain"]
        return plain[-1] if plain else self.stack[-1][1] + 1


def _opens_part(item: Item) -> bool:
    """Whether a heading holds the headings right below it: numbered, set by the format, the
    name of a part ("附录", "Annex"), or a question its subsections answer."""
    if item.style not in (None, "plain"):
        return True
    return is_part_name(item.text) or item.text.rstrip().endswith(("?", "？"))


def mark_heading_translations(items: Sequence[Item]) -> None:
    """A heading directly followed by the same heading in the other language ("Principle 1" /
    "准则 1", "引言" / "Introduction"): the second is the first one's translation."""
    previous: Item | None = None
    for item in items:
        if item.kind == "boilerplate":
            continue
        if (
            previous is not None and item.kind == "heading" and previous.kind == "heading"
            and not previous.translation and _translates(previous, item)
        ):
            item.translation = True
        previous = item


def _translates(first: Item, second: Item) -> bool:
    # a "## 背景" over a "### Details" is its subsection, whatever the languages
    marked = {"format", "markdown"}
    if {first.style, second.style} & marked and (
        (first.style, first.level, first.label if first.style == "markdown" else None)
        != (second.style, second.level, second.label if second.style == "markdown" else None)
    ):
        return False
    langs = lang_of(first.text), lang_of(second.text)
    if None in langs or langs[0] == langs[1]:
        return False
    numbers = label_number(first.label), label_number(second.label)
    if None not in numbers and numbers[0] != numbers[1]:
        return False
    zh, en = (first, second) if langs[0] == "zh" else (second, first)
    return plausible_translation(zh.text, en.text)


def assign_levels(items: Sequence[Item], title_index: int | None) -> None:
    """Fill in `level` of headings and `section` (enclosing heading texts) of every item."""
    outline = _Outline(_restarting_styles(items))
    # "before" the first contents list, "in" it, "after" it: only the first one ends the front
    # matter (a later one lists a chapter's figures)
    contents = "before"
    for index, item in enumerate(items):
        if item.contents:
            contents = "in" if contents == "before" else contents
        elif contents == "in" and item.kind != "boilerplate":
            contents = "after"
            outline.restart()
        if item.kind == "heading":
            outline.place(item, index == title_index)
            if not item.translation:
                outline.open_heading = item
            continue
        item.section = tuple(text for _, _, text in outline.stack)
        if item.kind in ("paragraph", "list_item"):
            outline.open_heading = None


def _restarting_styles(items: Sequence[Item]) -> frozenset[str]:
    """Numbering styles whose headings count from 1 more than once."""
    starts: dict[str, int] = {}
    for item in items:
        if item.kind == "heading" and item.style in NUMBERED_STYLES and (
            label_number(item.label) == 1
        ):
            starts[item.style] = starts.get(item.style, 0) + 1
    return frozenset(style for style, count in starts.items() if count > 1)
