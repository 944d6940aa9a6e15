"""One document's text as titled, sectioned, labelled and paired paragraphs."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from igtui.corpus.model import Document, Paragraph
from igtui.corpus.parsing.blocks import Block, assemble, format_blocks, join_lines
from igtui.corpus.parsing.boilerplate import mark_chrome_runs
from igtui.corpus.parsing.classify import classify, signature_line, split_translations
from igtui.corpus.parsing.headings import (
    Item,
    assign_levels,
    choose_title,
    is_part_name,
    title_text,
)
from igtui.corpus.parsing.pages import paginate
from igtui.corpus.parsing.pairing import pair_translations
from igtui.corpus.parsing.shapes import lang_of, read_label, width
from igtui.corpus.parsing.source import Source, SourceLine
from igtui.corpus.parsing.toc import mark_contents

# A scraped page repeats its summary; this many characters make a repeat certain.
_REPEAT_PROBE = 30
_LEAD_BLOCKS = 3
_LEAD_MIN = 120
# A document that separates paragraphs with blank lines; its runs of bare lines are mastheads.
_BLANK_LINE_SHARE = 0.1
_MASTHEAD_LINES = 3
# a title over two lines is still no longer than this (cells)
_TITLE_MAX = 90


def parse_source(source: Source, doc_id: str, path: Path) -> Document:
    """Any format reader's `Source` as a Document (never raises on odd input)."""
    if source.blocks is not None:
        blocks = format_blocks(source.blocks)
    else:
        blocks = assemble(paginate(source.lines or []))
    if not any(block.text() for block in blocks):
        # Nothing to take a title from: the file name is all there is.
        title = source.title.strip() or path.stem
        return Document(doc_id, title, path, (), source.metadata)
    doc = _document(blocks, doc_id, path)
    title = source.title.strip() or doc.title
    return replace(doc, title=title, metadata=source.metadata)


def parse_document(text: str, doc_id: str, path: Path) -> Document:
    """Parse `text` (any string: never raises) into the Document `doc_id` read from `path`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return parse_source(Source(lines=[SourceLine(line) for line in text.split("\n")]), doc_id, path)


def _document(blocks: list[Block], doc_id: str, path: Path) -> Document:
    _mark_repeated_lead(blocks)
    items = [classify(block) for block in blocks]
    if _uses_blank_lines(blocks):
        _demote_mastheads(items, blocks)
    _demote_stacked_numbers(items, blocks)
    items = split_translations(items)
    mark_contents(items)
    mark_chrome_runs(items)
    _demote_signatures(items)
    items = _join_wrapped_title(items)
    title_index = choose_title(items)
    if title_index is not None:
        _demote_front_matter(items, title_index)
    assign_levels(items, title_index)
    return Document(
        id=doc_id,
        title=title_text(items, title_index),
        path=path,
        paragraphs=_paragraphs(items),
    )


def _mark_repeated_lead(blocks: list[Block]) -> None:
    """A web page's summary at the top, repeated in the body below: boilerplate."""
    body = [b for b in blocks if b.source == "body"][:_LEAD_BLOCKS]
    for block in body:
        text = block.text()
        if len(text) < _LEAD_MIN:
            continue
        rest = "\n".join(b.text() for b in blocks if b.start > block.start)
        if text[:_REPEAT_PROBE] in rest or text[-_REPEAT_PROBE:] in rest:
            block.source = "boilerplate"


def _join_wrapped_title(items: list[Item]) -> list[Item]:
    """A title printed over two lines ("关于加强网络安全和" / "信息化工作的意见"): the widest
    plain heading at the top, the next line right under it also a plain heading, the two
    together still a title's length. One item again."""
    index = choose_title(items)
    if index is None or index + 1 >= len(items):
        return items
    first, second = items[index], items[index + 1]
    if (
        first.style != "plain" or second.kind != "heading" or second.style != "plain"
        or second.gap != "none" or is_part_name(second.text) or first.styles or second.styles
        or width(first.text) < width(second.text) or width(first.text + second.text) > _TITLE_MAX
    ):
        return items
    first.text = join_lines([first.text, second.text])
    return items[: index + 1] + items[index + 2 :]


def _demote_signatures(items: list[Item]) -> None:
    """"常驻代表" above "达柳斯·采库奥利斯(签名)", an office above a date: a signature."""
    for index, item in enumerate(items):
        if item.kind != "paragraph" or not signature_line(item.text):
            continue
        before = index - 1
        if before >= 0 and items[before].kind == "heading" and items[before].style == "plain":
            items[before].kind, items[before].style = "paragraph", None


def _demote_front_matter(items: list[Item], title_index: int) -> None:
    """Lines above the title (issuing body, series name) introduce it: not headings."""
    for item in items[:title_index]:
        if item.kind == "heading" and item.style == "plain":
            item.kind, item.style = "paragraph", None


def _uses_blank_lines(blocks: list[Block]) -> bool:
    gapped = sum(1 for block in blocks if block.gap != "none")
    return gapped >= len(blocks) * _BLANK_LINE_SHARE


def _demote_mastheads(items: list[Item], blocks: list[Block]) -> None:
    """Three or more short lines stacked without blank lines: a letterhead, not headings."""
    run: list[int] = []
    for index, (item, block) in enumerate(zip(items, blocks, strict=True)):
        stacked = item.kind == "heading" and item.style == "plain" and block.gap == "none"
        if stacked and run and run[-1] == index - 1:
            run.append(index)
            continue
        _demote_run(items, run)
        run = [index] if item.kind == "heading" and item.style == "plain" else []
    _demote_run(items, run)


def _demote_stacked_numbers(items: list[Item], blocks: list[Block]) -> None:
    """"1. 第一项" directly above "2. 第二项": a numbered list, not a run of headings."""
    for index, item in enumerate(items):
        if item.kind != "heading" or item.style in (None, "plain", "markdown"):
            continue
        above = (
            index > 0
            and blocks[index].gap == "none"
            and _label_style(items[index - 1].text) == item.style
        )
        below = (
            index + 1 < len(items)
            and blocks[index + 1].gap == "none"
            and _label_style(items[index + 1].text) == item.style
        )
        if above or below:
            item.kind, item.style = "list_item", None


def _label_style(text: str) -> str | None:
    label = read_label(text)
    return None if label is None else label.style


def _demote_run(items: list[Item], run: list[int]) -> None:
    if len(run) >= _MASTHEAD_LINES:
        for index in run:
            items[index].kind, items[index].style = "paragraph", None


def _paragraphs(items: list[Item]) -> tuple[Paragraph, ...]:
    langs = [lang_of(item.text) for item in items]
    default = Counter(lang for lang in langs if lang).most_common(1)
    fallback = default[0][0] if default else "zh"
    resolved = [lang or fallback for lang in langs]
    pairs = pair_translations(items, resolved)
    return tuple(
        Paragraph(
            n=index + 1,
            kind=item.kind,  # type: ignore[arg-type]
            section=item.section,
            label=item.label,
            lang=lang,  # type: ignore[arg-type]
            text=item.text,
            level=item.level if item.kind == "heading" else 0,
            pair=None if index not in pairs else pairs[index] + 1,
            page=item.page,
            styles=item.styles,
        )
        for index, (item, lang) in enumerate(zip(items, resolved, strict=True))
    )
