"""Markdown read as Markdown (markdown-it-py, which Rich already brings): blocks with roles.

- front matter (YAML between `---` lines, TOML between `+++` lines, also after leading blank
  lines) is metadata: title, author, date, source; its text is kept as a boilerplate block;
- `#` headings keep their level; emphasis becomes `styles` (the `**` never reaches the text);
  links read as their text; an image is a short placeholder; list items keep their marker;
  blockquotes, tables and code are readable blocks;
- raw HTML goes through the HTML reader's `blocks_from_html`; HTML comments, `:::` fences and
  link reference definitions are hidden (boilerplate: kept, never shown);
- a paragraph's last line that stands on its own and reads as a heading ("…的段落" /
  "Right to Privacy (Art. 17)", "…如下：" / "ARTICLE 17": no blank line before it) is a block
  of its own; an unmatched backtick starting a paragraph ("`69. Para. 164…") is no code and
  not shown;
- a fenced block before the text that holds only links (and a "源自：" line) is where the
  note came from: metadata (its first link is the URL), not body;
- an image's placeholder right before its own caption ("图片：…", "Figure 2: …"), or with no
  description (no alt text, or a bare label such as "Connect"), is hidden:
  the caption says it better.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from igtui.corpus.decoding import read_document_text
from igtui.corpus.frontmatter import FrontMatter, split_front_matter
from igtui.corpus.model import Style, StyleSpan
from igtui.corpus.parsing.blocks import heading_shaped
from igtui.corpus.parsing.shapes import CJK, ends_sentence, is_wide, lang_of, title_case
from igtui.corpus.parsing.source import BlockRole, Source, SourceBlock

_FENCE_LINE = re.compile(r"\s*:::.*")
_CJK_TEXT = re.compile(f"[{CJK}]")
# an HTML comment that starts the text, its inside captured
_LEADING_COMMENT = re.compile(r"\s*<!--(.*?)-->", re.DOTALL)
# a paragraph that is a row of links and little else: a menu or a share bar
_NAV_LINKS = 3
_NAV_SHARE = 0.8
_TAGS = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"\s*<[!/a-zA-Z][^>]*>")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)

_STYLE_OF: dict[str, Style] = {"strong": "strong", "em": "em"}


def read(path: Path) -> Source:
    """The Markdown file `path` as blocks; UnreadableDocument if it is not text."""
    return parse_markdown(read_document_text(path))


def parse_markdown(text: str) -> Source:
    """Markdown text as a Source (never raises)."""
    front, body_start = split_front_matter(text)
    lines = text.split("\n")
    hidden = {i for i, line in enumerate(lines) if _FENCE_LINE.fullmatch(line)}
    body = "\n".join(
        "" if i < body_start or i in hidden else line for i, line in enumerate(lines)
    )
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    tokens = parser.parse(body)
    walker = _Walker()
    walker.walk(tokens)
    covered = walker.covered
    placed: list[tuple[int, SourceBlock]] = list(walker.blocks)
    if front is not None:
        placed.append((0, SourceBlock(front.raw, role="boilerplate")))
    # Lines no block shows (link reference definitions, ::: fences): kept, hidden.
    for i, line in enumerate(lines):
        if i >= body_start and line.strip() and i not in covered:
            placed.append((i, SourceBlock(line.strip(), role="boilerplate")))
    placed.sort(key=lambda entry: entry[0])
    blocks = [block for _, block in placed]
    _hide_image_placeholders(blocks)
    meta = front or FrontMatter()
    metadata = meta.metadata
    if walker.source_urls and not metadata.url:
        metadata = replace(metadata, url=walker.source_urls[0])
    return Source(blocks=blocks, title=meta.title, metadata=metadata)


# a caption under a picture: "图片：…", "图 2 …", "Figure 2: …", "Photo: …", "▲…"
_CAPTION = re.compile(
    r"(?:图片|圖片|照片|图|圖|Figure|Fig\.|Photo|Image|Picture)\s*\d*\s*[：:.．]|▲", re.IGNORECASE
)
_PLACEHOLDER = re.compile(r"\[(?:image|图片)(?:[:：]\s*([^\]]*))?\]")


def _hide_image_placeholders(blocks: list[SourceBlock]) -> None:
    """An image's placeholder standing alone is hidden where it tells a reader nothing: its
    caption follows it, or it has no description (no alt text, or one ASCII word: the
    image's reference label or file name, "Connect", "IMG_2033")."""
    readable = [b for b in blocks if b.role != "boilerplate"]
    for block, after in itertools.zip_longest(readable, readable[1:]):
        placeholder = _PLACEHOLDER.fullmatch(block.text.strip())
        if placeholder is None:
            continue
        alt = placeholder.group(1) or ""
        captioned = after is not None and _CAPTION.match(after.text.strip())
        if captioned or (alt.isascii() and len(alt.split()) <= 1):
            block.role = "boilerplate"


@dataclass(slots=True)
class _Inline:
    """Text being built from inline tokens, with its style spans and link count."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    styles: list[StyleSpan] = field(default_factory=list)
    open: dict[str, int] = field(default_factory=dict)
    links: int = 0
    link_chars: int = 0
    link_start: int = -1
    # (start, end) of each link's text
    link_spans: list[tuple[int, int]] = field(default_factory=list)
    # where each line after a soft break starts in the text
    breaks: list[int] = field(default_factory=list)

    def link_line_before(self, cut: int) -> bool:
        """Whether the line that ends where the line at `cut` starts is one link and nothing
        else (a citation on a line of its own)."""
        start = max((b for b in self.breaks if b < cut), default=0)
        line = self.text()[start:cut]
        begin = start + len(line) - len(line.lstrip())
        end = start + len(line.rstrip())
        return end > begin and any(a <= begin and end <= b for a, b in self.link_spans)

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def soft_break(self, next_text: str) -> None:
        # a wrapped line: no space between two CJK characters, one space elsewhere
        last = self.parts[-1][-1:] if self.parts and self.parts[-1] else ""
        if last and next_text and is_wide(last) and is_wide(next_text[0]):
            self.breaks.append(self.length)
            return
        if last and not last.isspace():
            self.add(" ")
        self.breaks.append(self.length)

    def text(self) -> str:
        return "".join(self.parts)


class _Walker:
    """Block tokens to (source line, SourceBlock) pairs."""

    def __init__(self) -> None:
        self.blocks: list[tuple[int, SourceBlock]] = []
        self.covered: set[int] = set()
        self.quote = 0
        self.lists: list[str] = []
        self.item_marker: str | None = None
        self.row: list[str] = []
        self.row_line = 0
        # the tag of the block an inline token belongs to: "p", "h2", "td"…
        self.parent = "p"
        # the links of a fenced "source" block before the text
        self.source_urls: list[str] = []

    def walk(self, tokens: list[Token]) -> None:
        for token in tokens:
            if token.map and token.level == 0:
                self.covered.update(range(token.map[0], token.map[1]))
            self._token(token)

    def _token(self, token: Token) -> None:
        kind = token.type
        if token.nesting == 1 and token.tag:
            self.parent = token.tag
        if kind == "blockquote_open":
            self.quote += 1
        elif kind == "blockquote_close":
            self.quote -= 1
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append(kind)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            ordered = self.lists and self.lists[-1] == "ordered_list_open"
            self.item_marker = f"{token.info}{token.markup}" if ordered else token.markup
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close":
            self._emit(self.row_line, " | ".join(self.row), "table_row", ())
        elif kind in ("fence", "code_block"):
            self._code(token)
        elif kind == "html_block":
            self._html(token)
        elif kind == "inline":
            self._inline(token)

    def _line(self, token: Token) -> int:
        return token.map[0] if token.map else (self.blocks[-1][0] if self.blocks else 0)

    def _inline(self, token: Token) -> None:
        built = _render(token.children or [])
        raw = built.text()
        # an unmatched backtick is no code span: markdown-it left it as text
        lead = len(raw) - len(raw.lstrip().lstrip("`").lstrip())
        text = raw[lead:].rstrip()
        styles = tuple(
            (max(0, start - lead), end - lead, style)
            for start, end, style in built.styles
            if end - lead > 0 and start - lead < len(text)
        )
        parent = self.parent
        line = self._line(token)
        if parent == "p" and not self.lists and not self.quote and built.breaks:
            cut = built.breaks[-1] - lead
            if _heading_line(text, cut, cited=built.link_line_before(built.breaks[-1])):
                head, tail = text[:cut].rstrip(), text[cut:].strip()
                self._emit(line, head, "text", tuple(x for x in styles if x[1] <= cut))
                shift = len(text) - len(text[cut:].lstrip())
                self._emit(
                    line, tail, "text",
                    tuple((a - shift, b - shift, st) for a, b, st in styles if a >= shift),
                )
                return
        if parent == "th" or parent == "td":
            self.row.append(text)
            self.row_line = line
            return
        if not text:
            return
        if parent.startswith("h") and parent[1:].isdigit():
            self._emit(line, text, "heading", styles, level=int(parent[1:]))
            return
        role: BlockRole = "quote" if self.quote else "text"
        if self.item_marker is not None:
            marker, self.item_marker = self.item_marker, None
            role = "list_item"
            text, styles = _prefixed(f"{marker} ", text, styles)
        elif self.lists:
            role = "list_item"
        if _navigation(built, text):
            role = "boilerplate"
        self._emit(line, text, role, styles, depth=max(0, len(self.lists) - 1) or self.quote)

    def _emit(
        self, line: int, text: str, role: BlockRole, styles: tuple[StyleSpan, ...],
        *, level: int = 0, depth: int = 0,
    ) -> None:
        if text.strip():
            block = SourceBlock(text, role=role, level=level, styles=styles, depth=depth)
            self.blocks.append((line, block))

    def _code(self, token: Token) -> None:
        text = token.content.rstrip("\n")
        if _MARKUP.match(text) and token.type == "code_block":
            # indented HTML in a copied page is the page's markup, not a code sample
            self._html(token)
        elif (urls := _source_links(text)) and not any(
            b.role != "boilerplate" for _, b in self.blocks
        ):
            # "源自：" and the links the note was taken from, before its text: metadata
            self.source_urls.extend(urls)
            self._emit(self._line(token), text, "boilerplate", ())
        elif text.strip():
            self._emit(self._line(token), text, "code", ())

    def _html(self, token: Token) -> None:
        line = self._line(token)
        for block in _html_blocks(token.content):
            self.blocks.append((line, block))


_LINK_LINE = re.compile(r"(?:https?://|www\.)\S+")
# "源自：", "Source:", "来源:": the label over a list of links
_LINK_LABEL = re.compile(r"[^\s:：]{1,12}\s*[:：]")


def _source_links(text: str) -> list[str]:
    """The links of a block that holds nothing else (and at most a label line)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    links = [line for line in lines if _LINK_LINE.fullmatch(line)]
    others = [line for line in lines if not _LINK_LINE.fullmatch(line)]
    if not links or len(others) > 1 or any(not _LINK_LABEL.fullmatch(o) for o in others):
        return []
    return links


def _heading_line(text: str, cut: int, cited: bool = False) -> bool:
    """Whether the paragraph's last line (from `cut`) stands on its own as a heading: short,
    no sentence in it, in title case if English (any case after a line that is one link, a
    citation: "CCPR/C/USA/CO/4" then "National Security Agency surveillance"), after a line
    that ends its sentence (or its clause: "如下：") or is in the other language."""
    head, tail = text[:cut].rstrip(), text[cut:].strip()
    if not head or not tail or not heading_shaped(tail) or not any(c.isalpha() for c in tail):
        return False
    if lang_of(tail) == "en" and not title_case(tail) and not cited:
        return False
    return ends_sentence(head) or lang_of(head) != lang_of(tail)


def _html_blocks(html: str) -> Iterator[SourceBlock]:
    """Raw HTML, through the HTML reader, whose walk keeps each comment in its place (hidden);
    comments before the first element are taken here, or the parser would set them outside
    the page's body and lose them."""
    from igtui.corpus.readers.html import blocks_from_html  # lazily: a big parser

    rest = html
    while (comment := _LEADING_COMMENT.match(rest)) is not None:
        text = " ".join(comment.group(1).split())
        if text:
            yield SourceBlock(text, role="boilerplate")
        rest = rest[comment.end():]
    if rest.strip():
        yield from blocks_from_html(rest)


def _render(children: list[Token]) -> _Inline:
    out = _Inline()
    for k, child in enumerate(children):
        kind = child.type
        if kind == "text":
            out.add(child.content)
        elif kind == "code_inline":
            start = out.length
            out.add(child.content)
            out.styles.append((start, out.length, "code"))
        elif kind == "softbreak":
            out.soft_break(_next_text(children, k + 1))
        elif kind == "hardbreak" or (
            kind == "html_inline" and _BREAK_TAG.fullmatch(child.content.strip())
        ):
            # a line break within a paragraph joins as a wrapped line does
            out.soft_break(_next_text(children, k + 1))
        elif kind.endswith("_open") and kind[:-5] in _STYLE_OF:
            out.open[kind[:-5]] = out.length
        elif kind.endswith("_close") and kind[:-6] in _STYLE_OF:
            name = kind[:-6]
            start = out.open.pop(name, out.length)
            if out.length > start:
                out.styles.append((start, out.length, _STYLE_OF[name]))
        elif kind == "link_open":
            out.links += 1
            out.link_start = out.length
        elif kind == "link_close" and out.link_start >= 0:
            out.link_chars += out.length - out.link_start
            out.link_spans.append((out.link_start, out.length))
            out.link_start = -1
        elif kind == "image":
            out.add(_image(child))
        # any other inline HTML tag is markup: it reads as nothing
    out.styles.sort()
    return out


def _next_text(children: list[Token], start: int) -> str:
    for child in children[start:]:
        if child.content:
            return child.content
    return ""


def _image(token: Token) -> str:
    alt = "".join(child.content for child in token.children or []) or token.content
    alt = " ".join(alt.split())
    if _CJK_TEXT.search(alt):
        return f"[图片：{alt}]"
    return f"[image: {alt}]" if alt else "[image]"


def _prefixed(
    prefix: str, text: str, styles: tuple[StyleSpan, ...]
) -> tuple[str, tuple[StyleSpan, ...]]:
    shift = len(prefix)
    return prefix + text, tuple((a + shift, b + shift, s) for a, b, s in styles)


def _navigation(built: _Inline, text: str) -> bool:
    visible = len(text.replace(" ", "").replace("|", ""))
    return built.links >= _NAV_LINKS and built.link_chars >= visible * _NAV_SHARE
