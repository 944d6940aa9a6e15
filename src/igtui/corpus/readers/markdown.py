"""Markdown read as Markdown (markdown-it-py, which Rich already brings): blocks with roles.

- front matter (YAML between `---` lines, TOML between `+++` lines, also after leading blank
  lines) is metadata: title, author, date, source; its text is kept as a boilerplate block;
- `#` headings keep their level; emphasis becomes `styles` (the `**` never reaches the text);
  links read as their text; an image is a short placeholder; list items keep their marker;
  blockquotes, tables and code are readable blocks;
- raw HTML goes through the HTML reader's `blocks_from_html`; HTML comments, `:::` fences and
  link reference definitions are hidden (boilerplate: kept, never shown).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from igtui.corpus.decoding import read_document_text
from igtui.corpus.frontmatter import FrontMatter, split_front_matter
from igtui.corpus.model import Style, StyleSpan
from igtui.corpus.parsing.shapes import CJK, is_wide
from igtui.corpus.parsing.source import BlockRole, Source, SourceBlock

_FENCE_LINE = re.compile(r"\s*:::.*")
_CJK_TEXT = re.compile(f"[{CJK}]")
_COMMENT = re.compile(r"\s*<!--.*?-->\s*", re.DOTALL)
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
    meta = front or FrontMatter()
    return Source(blocks=blocks, title=meta.title, metadata=meta.metadata)


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

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def soft_break(self, next_text: str) -> None:
        # a wrapped line: no space between two CJK characters, one space elsewhere
        last = self.parts[-1][-1:] if self.parts and self.parts[-1] else ""
        if last and next_text and is_wide(last) and is_wide(next_text[0]):
            return
        if last and not last.isspace():
            self.add(" ")

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
        text = built.text().strip()
        lead = len(built.text()) - len(built.text().lstrip())
        styles = tuple(
            (start - lead, end - lead, style)
            for start, end, style in built.styles
            if end - lead > 0 and start - lead < len(text)
        )
        parent = self.parent
        line = self._line(token)
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
        elif text.strip():
            self._emit(self._line(token), text, "code", ())

    def _html(self, token: Token) -> None:
        line = self._line(token)
        for block in _html_blocks(token.content):
            self.blocks.append((line, block))


def _html_blocks(html: str) -> Iterator[SourceBlock]:
    """Raw HTML: comments are hidden; the rest goes through the HTML reader."""
    from igtui.corpus.readers.html import blocks_from_html  # lazily: a big parser

    for comment in re.findall(r"<!--.*?-->", html, re.DOTALL):
        inner = comment[4:-3].strip()
        if inner:
            yield SourceBlock(inner, role="boilerplate")
    rest = _COMMENT.sub(" ", html)
    if _TAGS.sub("", rest).strip():
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
        elif kind == "hardbreak":
            out.add(" ")
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
            out.link_start = -1
        elif kind == "image":
            out.add(_image(child))
        elif kind == "html_inline":
            out.add(_inline_html(child.content))
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


def _inline_html(html: str) -> str:
    """An inline tag is markup: `<br>` reads as a space, any other tag as nothing."""
    return " " if _BREAK_TAG.fullmatch(html.strip()) else ""


def _prefixed(
    prefix: str, text: str, styles: tuple[StyleSpan, ...]
) -> tuple[str, tuple[StyleSpan, ...]]:
    shift = len(prefix)
    return prefix + text, tuple((a + shift, b + shift, s) for a, b, s in styles)


def _navigation(built: _Inline, text: str) -> bool:
    visible = len(text.replace(" ", "").replace("|", ""))
    return built.links >= _NAV_LINKS and built.link_chars >= visible * _NAV_SHARE
