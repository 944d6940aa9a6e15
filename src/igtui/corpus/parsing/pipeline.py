"""One document's text as titled, sectioned, labelled and paired paragraphs."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from igtui.corpus.frontmatter import iso_date
from igtui.corpus.model import Document, Metadata, Paragraph
from igtui.corpus.parsing.blocks import Block, assemble, format_blocks, join_lines
from igtui.corpus.parsing.boilerplate import mark_chrome_runs
from igtui.corpus.parsing.classify import classify, signature_line, signed, split_translations
from igtui.corpus.parsing.headings import (
    Item,
    assign_levels,
    choose_title,
    is_part_name,
    is_prose,
    mark_heading_translations,
    title_text,
)
from igtui.corpus.parsing.pages import page_labels, paginate
from igtui.corpus.parsing.pairing import pair_translations
from igtui.corpus.parsing.shapes import (
    ends_sentence,
    inner_sentence_marks,
    label_number,
    lang_of,
    read_label,
    width,
)
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
    metadata = source.metadata
    if source.blocks is not None:
        blocks = format_blocks(source.blocks)
    else:
        lines = paginate(source.lines or [])
        blocks = assemble(lines)
        if not metadata.page_labels:
            # flattened text (pdftotext): cite the numbers printed on its pages
            metadata = replace(metadata, page_labels=page_labels(lines))
    if not any(block.text() for block in blocks):
        # Nothing to take a title from: the file name is all there is.
        title = source.title.strip() or path.stem
        return Document(doc_id, title, path, (), metadata)
    doc = _document(blocks, doc_id, path, source.title.strip(), metadata)
    title = source.title.strip() or doc.title
    return replace(doc, title=title)


def parse_document(text: str, doc_id: str, path: Path) -> Document:
    """Parse `text` (any string: never raises) into the Document `doc_id` read from `path`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return parse_source(Source(lines=[SourceLine(line) for line in text.split("\n")]), doc_id, path)


def _document(
    blocks: list[Block], doc_id: str, path: Path, declared: str = "",
    metadata: Metadata | None = None,
) -> Document:
    _mark_repeated_lead(blocks)
    items = [classify(block) for block in blocks]
    if _uses_blank_lines(blocks):
        _demote_mastheads(items, blocks)
    _demote_stacked_numbers(items, blocks)
    _demote_headings_inside_lists(items)
    items = split_translations(items)
    mark_contents(items)
    mark_chrome_runs(items)
    _hide_trailers(items)
    _demote_signatures(items)
    mark_heading_translations(items)
    title_index = _printed_title(items, declared) if declared else None
    if title_index is None:
        items = _join_wrapped_title(items)
        title_index = choose_title(items)
    metadata = metadata or Metadata()
    if title_index is not None:
        _demote_front_matter(items, title_index)
        _demote_issuer(items, title_index)
        metadata = _cover_facts(items, title_index, metadata)
    assign_levels(items, title_index)
    return Document(
        id=doc_id,
        title=title_text(items, title_index),
        path=path,
        paragraphs=_paragraphs(items),
        metadata=metadata,
    )


# an issuer's name on a cover is one short line
_ISSUER_MAX = 60


def _cover_facts(items: list[Item], title_index: int, metadata: Metadata) -> Metadata:
    """What a cover says under the title before the text starts: the issuing bodies, each on
    a line, then the date ("中国信息通信研究院…" / "奇安信科技集团股份有限公司" / "2022 年 1
    月"). They fill the organization and the date where the format's metadata has none."""
    first_prose = next((i for i, item in enumerate(items) if is_prose(item)), len(items))
    between = [
        i for i in range(title_index + 1, first_prose)
        if items[i].kind in _READABLE and not items[i].translation
    ]
    dated = next((i for i in between if signature_line(items[i].text)), None)
    if dated is None or signed(items[dated].text):
        return metadata
    date = iso_date(items[dated].text.replace(" ", ""))
    issuers = [
        items[i].text for i in between
        if i < dated and items[i].kind == "paragraph" and _issuer_shaped(items[i].text)
    ]
    if date and not metadata.date:
        metadata = replace(metadata, date=date)
    if issuers and not metadata.organization and not metadata.author:
        metadata = replace(metadata, organization="; ".join(issuers))
    return metadata


def _issuer_shaped(text: str) -> bool:
    """A body's name: short, no sentence marks, not a subtitle ("——…", "（…）")."""
    return (
        width(text) <= _ISSUER_MAX and not inner_sentence_marks(text)
        and not ends_sentence(text) and not text.startswith(("—", "-", "(", "（", "《"))
    )


# "责任编辑：王翔", "来源：京报网": a field and a short value (a name), nothing else
_BYLINE = re.compile(r"[^\W\d_]{1,6}\s*[:：]\s*[^\W_]{1,20}(?: [^\W_]{1,20}){0,3}")
_READABLE = ("heading", "paragraph", "list_item")


def _hide_trailers(items: list[Item]) -> None:
    """What a copied page keeps after its text ends: a promotion ("海量资讯、精准解读，尽在
    新浪财经APP") and the editor's byline. After the last sentence of the text, a short line
    that is no sentence is chrome when the page's chrome has begun before it (a hidden
    widget, an ad), or when it is the very last line and shaped as a byline. Dates and
    signatures (a letter's end), and the names of parts ("附件"), stay."""
    prose = [i for i, item in enumerate(items) if is_prose(item)]
    if not prose:
        return
    after = range(prose[-1] + 1, len(items))
    readable = [i for i in after if items[i].kind in _READABLE]
    chrome_seen = False
    for index in after:
        item = items[index]
        if item.kind == "boilerplate":
            chrome_seen = chrome_seen or not item.contents
            continue
        if item.kind not in _READABLE or signature_line(item.text) or is_part_name(item.text):
            continue
        byline = index == readable[-1] and _BYLINE.fullmatch(item.text) is not None
        if chrome_seen or byline:
            item.kind, item.style, item.label = "boilerplate", None, None


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
        or second.gap != "none" or second.translation or is_part_name(second.text)
        or first.styles or second.styles
        or width(first.text) < width(second.text) or width(first.text + second.text) > _TITLE_MAX
    ):
        return items
    first.text = join_lines([first.text, second.text])
    return items[: index + 1] + items[index + 2 :]


def _demote_signatures(items: list[Item]) -> None:
    """"常驻代表" above "达柳斯·采库奥利斯(签名)", an office above a date: a signature (also
    an issuing body printed over two lines right above its date). A date before the text
    starts dates the document: the title above it stays."""
    first_prose = next((i for i, item in enumerate(items) if is_prose(item)), len(items))
    for index, item in enumerate(items):
        if item.kind != "paragraph" or not signature_line(item.text):
            continue
        if index < first_prose and not signed(item.text):
            continue
        before, gap = index - 1, item.gap
        while before >= 0 and items[before].kind == "heading" and items[before].style == "plain":
            items[before].kind, items[before].style = "paragraph", None
            if gap != "none":
                break
            before, gap = before - 1, items[before].gap


def _demote_issuer(items: list[Item], title_index: int) -> None:
    """A cover: the title, the issuing body (on a line or two), the date. The lines between
    the title and a date printed before the text starts are the issuer, not headings."""
    first_prose = next((i for i, item in enumerate(items) if is_prose(item)), len(items))
    for index in range(title_index + 1, first_prose):
        item = items[index]
        if item.kind != "paragraph" or not signature_line(item.text) or signed(item.text):
            continue
        before = index - 1
        while before > title_index and items[before].kind == "heading" and (
            items[before].style == "plain" and not items[before].translation
        ):
            items[before].kind, items[before].style = "paragraph", None
            before -= 1


# how far into a document its printed title may sit (covers, mastheads)
_TITLE_SEARCH = 30


def _printed_title(items: list[Item], declared: str) -> int | None:
    """Where the text prints the title its format declares (a PDF's Title, an HTML page's
    title): that line is the title heading, joined with its second line when it wraps."""
    target = _title_key(declared)
    readable = [i for i, item in enumerate(items) if item.kind not in ("boilerplate", "footnote")]
    readable = readable[:_TITLE_SEARCH]
    for k, index in enumerate(readable):
        item = items[index]
        key = _title_key(item.text)
        if not key or width(item.text) > _TITLE_MAX or not target.startswith(key):
            continue
        if key != target and k + 1 < len(readable):
            following = items[readable[k + 1]]
            if key + _title_key(following.text) == target:
                item.text = join_lines([item.text, following.text])
                del items[readable[k + 1]]
                key = target
        if len(key) * 2 < len(target):
            continue
        if item.kind != "heading" or item.style not in ("plain", "format", "markdown"):
            item.kind, item.style, item.label = "heading", "plain", None
        return index
    return None


def _title_key(text: str) -> str:
    return "".join(text.lstrip("#").split())


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


def _demote_headings_inside_lists(items: list[Item]) -> None:
    """"(j) …；" / "以及" / "(k) …": a short line between two items whose numbers run on is
    part of the list (a connective, a lost item's rest), not a heading that starts a section."""
    readable = [i for i, item in enumerate(items) if item.kind not in ("boilerplate", "footnote")]
    for before, index, after in zip(readable, readable[1:], readable[2:], strict=False):
        item = items[index]
        if item.kind != "heading" or item.style != "plain":
            continue
        if items[before].kind != "list_item" or items[after].kind != "list_item":
            continue  # numbered paragraphs may run on across a section's heading (UN texts)
        first, second = read_label(items[before].text), read_label(items[after].text)
        if first is None or second is None or first.style != second.style:
            continue
        numbers = label_number(first.label), label_number(second.label)
        if numbers[0] is not None and numbers[1] == numbers[0] + 1:
            item.kind, item.style = "paragraph", None


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
