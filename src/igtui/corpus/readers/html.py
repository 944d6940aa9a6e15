"""HTML: the article, not the site (selectolax's lexbor parser, rules of our own).

Why not trafilatura: measured on devdocs 06 and 08 it took the site name for 08's title, kept
06's tag and category lines, dropped 06's 作者簡介 section, and needed 1.5 s for a 1 MB page;
lexbor parses that page in about 10 ms and forgives broken markup, and the rules below get
both pages right (see tests/test_formats_devdocs.py).

The rules: drop what is never text (scripts, styles, forms, nav, aside, footer, share and tag
widgets by class name); score containers by the paragraph text they hold, discounted by link
text (readability's idea); the winner, with the title and byline boxes just before it, is the
article. Its h1-h6, p, li, blockquote, pre and table rows become blocks with inline
strong/em/code spans. Metadata comes from <meta> (og:, article:, name=author …), the
article's h1 or title box, byline boxes and the <title>.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from igtui.corpus.decoding import UnreadableDocument, decode_bytes
from igtui.corpus.model import Metadata, Style, StyleSpan
from igtui.corpus.parsing.source import BlockRole, Source, SourceBlock

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

MAX_HTML_BYTES = 10 * 1024 * 1024
_SNIFF_BYTES = 4096

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# GB2312 and GBK pages often use characters only their superset GB18030 decodes.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs",
              "iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}

_SKIP = frozenset({
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button",
    "select", "textarea", "input", "nav", "aside", "footer", "title", "head", "meta", "link",
    "object", "embed", "video", "audio", "map", "dialog", "menu",
})
# Class/id words of site furniture (split at -, _ and camelCase, lowercased).
_JUNK_WORDS = frozenset({
    "share", "sharing", "social", "addthis", "bshare", "jiathis", "tags", "tag", "tagcloud",
    "comment", "comments", "related", "recommend", "breadcrumb", "breadcrumbs", "crumbs",
    "totop", "backtop", "gotop", "nav", "navbar", "navigation", "menu", "sidebar", "footer",
    "copyright", "advert", "advertisement", "ads", "banner", "pagination", "pager", "toolbar",
    "print", "qrcode", "login", "signin", "search", "subscribe", "newsletter", "popup", "modal",
    "cookie", "widget", "fenxiang",
})
# Boxes just before the article that belong to it: its title and byline.
_LEAD_WORDS = frozenset({
    "title", "headline", "heading", "info", "meta", "byline", "author", "date",
    "time", "source", "subtitle", "summary", "lead", "articleinfo", "attr",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "figure", "figcaption", "ul", "ol",
    "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "center", "address", "details",
    "summary", "hgroup", "fieldset", "caption", "body", "html",
})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_STYLE_TAGS: dict[str, Style] = {
    "strong": "strong", "b": "strong", "em": "em", "i": "em", "cite": "em", "code": "code",
    "kbd": "code", "samp": "code", "tt": "code",
}
_SCORED = frozenset({"p", "pre", "td", "blockquote"})
_MIN_PARAGRAPH = 25
_MIN_ARTICLE = 140
_LINK_HEAVY = 0.5
_LINK_HEAVY_MAX_CHARS = 200
_URL_TEXT = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
_CJK_CHAR = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_CJK_SPACE = re.compile(rf"(?<={_CJK_CHAR})\n[ \t\r\n]*(?={_CJK_CHAR})")
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
_TITLE_SEPARATORS = re.compile(r"\s+[-|–—_·•]\s+|\s*[|｜_]\s*")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_AUTHOR_PREFIX = re.compile(r"^\s*(?:作者是|作者[:：]|作者|撰文[:：]?|文\s*/|记者|by)\s*", re.I)
_BYLINE_AUTHOR = re.compile(r"^\s*作\s*者\s*[:：]\s*(\S.{0,40})$")
_BYLINE_BLOCKS = 8
_BYLINE_MAX_CHARS = 120
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+")


def read(path: Path) -> Source:
    """The saved web page `path`'s article; UnreadableDocument for what cannot be a page."""
    try:
        size = path.stat().st_size
        if size > MAX_HTML_BYTES:
            raise UnreadableDocument(
                _message(path, f"HTML page too large ({size / 2**20:.1f} MB; "
                               f"igtui reads pages up to {MAX_HTML_BYTES // 2**20} MB)")
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(_message(path, exc.strerror or type(exc).__name__)) from exc
    if data.startswith((b"%PDF-", b"PK\x03\x04")):
        raise UnreadableDocument(_message(path, "not an HTML page (a PDF or Word file?)"))
    return page_source(decode_html(data, path))


def decode_html(data: bytes, path: Path) -> str:
    """The page's text: by its BOM, else its declared charset, else as any text file."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, path)
    declared = _declared_charset(data[:_SNIFF_BYTES])
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # a page that lies about its charset: detect it like any text
    return decode_bytes(data, path)


def _declared_charset(head: bytes) -> str | None:
    match = _CHARSET.search(head) or _XML_ENCODING.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def page_source(html: str) -> Source:
    """A whole page's article as blocks, with its title and metadata."""
    from selectolax.lexbor import LexborHTMLParser  # lazily: parsing HTML is not start-up work

    tree = LexborHTMLParser(html)
    meta = _meta_tags(tree)
    body = tree.body
    if body is None:
        return Source(blocks=[], title=meta.get("og:title", ""))
    nodes = _article(body)
    walker = _Walker()
    for node in nodes:
        walker.walk(node)
    blocks = walker.blocks
    title = _title(tree, meta, nodes, walker)
    _mark_title(blocks, title)
    return Source(blocks=blocks, title=title, metadata=_metadata(tree, meta, nodes, blocks, html))


def blocks_from_html(text: str) -> list[SourceBlock]:
    """HTML inside another document (Markdown's raw HTML): every block of the fragment, the
    text of its comments as boilerplate; scripts, styles and widgets dropped."""
    from selectolax.lexbor import LexborHTMLParser  # lazily: parsing HTML is not start-up work

    body = LexborHTMLParser(text).body
    if body is None:
        return []
    walker = _Walker(keep_comments=True)
    walker.walk(body)
    return walker.blocks


# --- the article -----------------------------------------------------------------------------


def _words(node: LexborNode) -> set[str]:
    attrs = node.attributes
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if names == " ":  # most elements have neither: skip the regexes
        return set()
    return {w.lower() for w in _WORD_SPLIT.split(_CAMEL.sub(" ", names)) if w}


def _is_junk(node: LexborNode) -> bool:
    if node.tag in _SKIP:
        return True
    attrs = node.attributes
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return bool(_words(node) & _JUNK_WORDS) and node.tag not in ("body", "html", "article", "main")


def _article(body: LexborNode) -> list[LexborNode]:
    """The container that holds the most paragraph text (less its links), with the title and
    byline boxes right before it; the whole body when nothing stands out."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for node in _elements(body):
        if node.tag not in _SCORED and not (node.tag == "div" and _own_text_len(node)):
            continue
        length = len(_text(node)) if node.tag in _SCORED else _own_text_len(node)
        if length < _MIN_PARAGRAPH:
            continue
        parent = node.parent
        for share in (1.0, 0.5):
            if parent is None or parent.tag in ("html",):
                break
            key = parent.mem_id
            nodes[key] = parent
            scores[key] = scores.get(key, 0.0) + length * share
            parent = parent.parent
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)[:5]
    best: LexborNode | None = None
    best_score = 0.0
    for key in ranked:
        score = scores[key] * (1 - _link_density(nodes[key]))
        if score > best_score:
            best, best_score = nodes[key], score
    if best is None or best_score < _MIN_ARTICLE or best.tag == "body":
        # a short article: the page may still say which element it is
        marked = body.css_first("article, main, [role=main], [itemprop=articleBody]")
        return [*_lead_boxes(marked), marked] if marked is not None else [body]
    return [*_lead_boxes(best), best]


def _lead_boxes(article: LexborNode) -> list[LexborNode]:
    """The title/byline boxes (or an h1) just before the article, nearest last."""
    found: list[LexborNode] = []
    node = article.prev
    while node is not None:
        if node.tag in ("-text", "-comment") or node.tag in _SKIP:
            node = node.prev
            continue
        # a <header> is the article's when it holds its heading, the site's (logo, menu) if not
        heads = node.tag == "header" and node.css_first("h1, h2") is not None
        is_lead = node.tag in ("h1", "h2") or heads or bool(_words(node) & _LEAD_WORDS)
        if not is_lead or _is_junk(node):
            break
        found.insert(0, node)
        node = node.prev
    return found


def _elements(root: LexborNode) -> Iterator[LexborNode]:
    """Element descendants in document order, junk subtrees skipped (no recursion: pages
    nest deep)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        children = []
        child = node.child
        while child is not None:
            if child.is_element_node and not _is_junk(child):
                children.append(child)
            child = child.next
        stack.extend(reversed(children))


def _own_text_len(node: LexborNode) -> int:
    length = 0
    child = node.child
    while child is not None:
        if child.tag == "-text":
            length += len((child.text_content or "").strip())
        child = child.next
    return length


def _text(node: LexborNode) -> str:
    return node.text(deep=True, separator="", strip=False) or ""


def _link_density(node: LexborNode) -> float:
    total = len(_SPACE.sub("", _text(node)))
    if not total:
        return 0.0
    linked = sum(len(_SPACE.sub("", _text(a))) for a in node.css("a"))
    return min(1.0, linked / total)


# --- blocks ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Buffer:
    parts: list[str] = field(default_factory=list)
    spans: list[StyleSpan] = field(default_factory=list)
    length: int = 0
    linked: int = 0
    url_links: int = 0


@dataclass(slots=True)
class _Context:
    role: BlockRole = "text"
    level: int = 0
    depth: int = 0
    lists: int = 0
    quotes: int = 0
    pre: bool = False


class _Walker:
    """Turns an element tree into SourceBlocks, flushing text at block boundaries."""

    def __init__(self, keep_comments: bool = False) -> None:
        self.blocks: list[SourceBlock] = []
        # nodes whose text became the block at the same index (for the title box)
        self.origins: list[int] = []
        self.keep_comments = keep_comments
        self._buffer = _Buffer()
        self._context = _Context()
        self._origin = 0
        self._styles: list[tuple[Style, int]] = []
        self._link_start: int | None = None
        # per list the walk is in: how an <ol> numbers its items (None: a <ul>)
        self._numbers: list[_Numbering | None] = []
        # the number the next text of the current <li> starts with ("3. ")
        self._marker = ""
        # comments met since the last block (`_comment`)
        self._comments: list[str] = []

    def walk(self, root: LexborNode) -> None:
        self._visit(root)
        self._flush()

    def _visit(self, root: LexborNode) -> None:
        # (node, context to restore, style to close) on an explicit stack: pages nest deep
        stack: list[tuple[LexborNode | None, Any]] = [(root, None)]
        while stack:
            node, after = stack.pop()
            if node is None:
                self._leave(after)
                continue
            leave = self._enter(node)
            if leave is None:
                continue
            stack.append((None, leave))
            children = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend((c, None) for c in reversed(children))

    def _enter(self, node: LexborNode) -> Any:
        tag = node.tag
        if tag == "-text":
            self._add_text(node.text_content or "")
            return None
        if tag == "-comment":
            if self.keep_comments:
                self._comment(node)
            return None
        if not node.is_element_node or _is_junk(node):
            return None
        if tag == "br":
            self._flush()
            return None
        if tag in ("img", "hr", "wbr"):
            return None
        # what to restore when the element ends: the block it sits in
        saved = (self._context, self._origin)
        if tag in _STYLE_TAGS:
            self._styles.append((_STYLE_TAGS[tag], self._buffer.length))
            return ("style", saved)
        if tag == "a":
            self._link_start = self._buffer.length
            return ("link", saved, node.attributes.get("href") or "")
        if tag in ("td", "th"):
            if self._buffer.length:
                self._add_text(" | ")
            return ("cell", saved)
        if tag in _BLOCK_TAGS or tag in _HEADINGS or tag in ("li", "blockquote", "pre", "tr"):
            self._flush()
            self._origin = node.mem_id
            self._context = self._inner_context(node, self._context)
            if tag in ("ul", "ol"):
                self._numbers.append(_Numbering.of(node) if tag == "ol" else None)
                return ("list", saved)
            if tag == "li":
                numbering = self._numbers[-1] if self._numbers else None
                if numbering is not None:
                    # an ordered list's item reads with its number, as in Markdown: "2. …"
                    self._marker = numbering.next(node) + ". "
                return ("item", saved)
            return ("block", saved)
        return ("inline", saved)

    def _inner_context(self, node: LexborNode, outer: _Context) -> _Context:
        tag = node.tag
        ctx = _Context(outer.role, outer.level, outer.depth, outer.lists, outer.quotes, outer.pre)
        if tag in _HEADINGS:
            ctx.role, ctx.level = "heading", _HEADINGS[tag]
        elif tag in ("ul", "ol"):
            ctx.lists += 1
        elif tag == "li":
            ctx.role, ctx.depth = "list_item", max(0, ctx.lists - 1)
        elif tag == "blockquote":
            ctx.quotes += 1
            ctx.role, ctx.depth = "quote", ctx.quotes - 1
        elif tag == "pre":
            ctx.role, ctx.pre = "code", True
        elif tag == "tr":
            ctx.role = "table_row"
        elif tag in ("figcaption", "caption") or any("caption" in w for w in _words(node)):
            ctx.role = "caption"
        return ctx

    def _leave(self, leave: Any) -> None:
        kind, (context, origin) = leave[0], leave[1]
        if kind == "style":
            style, start = self._styles.pop()
            if self._buffer.length > start:
                self._buffer.spans.append((start, self._buffer.length, style))
        elif kind == "link":
            self._end_link(leave[2])
        elif kind in ("block", "list", "item"):
            self._flush()
            self._context, self._origin = context, origin
            if kind == "list":
                self._numbers.pop()
            if kind != "block":  # an item that held no text leaves no number behind
                self._marker = ""

    def _end_link(self, href: str) -> None:
        start, self._link_start = self._link_start, None
        if start is None:
            return
        text = "".join(self._buffer.parts)[start:]
        if _URL_TEXT.match(text) or (href and text.strip() == href.strip()):
            self._buffer.url_links += len(text)
        self._buffer.linked += self._buffer.length - start

    def _add_text(self, raw: str) -> None:
        if self._context.pre:
            text = raw
        else:
            # a line break between two Chinese characters is no space (browsers agree)
            text = _SPACE.sub(" ", _CJK_SPACE.sub("", raw) if "\n" in raw else raw)
            if not self._buffer.length or self._buffer.parts[-1].endswith(" "):
                text = text.lstrip(" ")
        if text:
            self._buffer.parts.append(text)
            self._buffer.length += len(text)

    def _comment(self, node: LexborNode) -> None:
        # kept, hidden, after the block it sits in: a comment inside a paragraph or a table
        # row does not cut it in two
        text = " ".join((node.comment_content or "").split())
        if text:
            self._comments.append(text)

    def _flush(self) -> None:
        buffer, self._buffer = self._buffer, _Buffer()
        # styles still open continue into the next block
        self._styles = [(style, 0) for style, _ in self._styles]
        joined = "".join(buffer.parts)
        text = joined if self._context.pre else joined.strip()
        if text.strip():
            self._add_block(buffer, joined, text)
        for comment in self._comments:
            self.blocks.append(SourceBlock(comment, role="boilerplate"))
            self.origins.append(0)
        self._comments.clear()

    def _add_block(self, buffer: _Buffer, joined: str, text: str) -> None:
        role: BlockRole = self._context.role
        if role in ("text", "list_item") and _link_heavy(buffer, text):
            role = "boilerplate"
        lead = len(joined) - len(joined.lstrip()) if not self._context.pre else 0
        marker, self._marker = self._marker, ""
        if marker and not _numbered_already(text, marker):
            text, lead = marker + text, lead - len(marker)
        spans = tuple(
            (max(0, s - lead), min(len(text), e - lead), style)
            for s, e, style in buffer.spans
            if min(len(text), e - lead) > max(0, s - lead)
        )
        self.blocks.append(
            SourceBlock(
                text=text, role=role, level=self._context.level if role == "heading" else 0,
                styles=spans, depth=self._context.depth,
            )
        )
        self.origins.append(self._origin)


@dataclass(slots=True)
class _Numbering:
    """How an <ol> numbers its items, as a browser does: from `start` (the item count when
    `reversed`), counting down if reversed, in the `type` style (1, a, A, i, I); an item's
    `value` sets its number."""

    number: int
    step: int
    style: str

    @classmethod
    def of(cls, node: LexborNode) -> _Numbering:
        attrs = node.attributes
        backwards = "reversed" in attrs
        items = sum(1 for child in node.iter() if child.tag == "li")
        start = _plain_int(attrs.get("start"))
        style = attrs.get("type") or "1"
        return cls(
            start if start is not None else (items if backwards else 1),
            -1 if backwards else 1,
            style if style in ("a", "A", "i", "I") else "1",
        )

    def next(self, item: LexborNode) -> str:
        value = _plain_int(item.attributes.get("value"))
        number = value if value is not None else self.number
        self.number = number + self.step
        return _numeral(number, self.style)


def _plain_int(raw: str | None) -> int | None:
    """An attribute's whole number ("3", "-2"), None if it is none or absurd."""
    text = (raw or "").strip()
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > _MAX_DIGITS:
        return None
    return int(text)


def _numeral(number: int, style: str) -> str:
    """`number` written as an <ol> of `type` `style` writes it (1, a, A, i, I); letters and
    roman numerals only for 1 and up, as browsers fall back to digits."""
    if number < 1 or style == "1":
        return str(number)
    if style in ("a", "A"):
        letters = ""
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if style == "a" else letters.upper()
    roman = ""
    for value, numeral in _ROMAN:
        count, number = divmod(number, value)
        roman += numeral * count
    return roman.lower() if style == "i" else roman


_MAX_DIGITS = 6
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _numbered_already(text: str, marker: str) -> bool:
    """Whether an item's own text starts with the number its list gives it ("1. 1. …")."""
    label = marker.removesuffix(". ")
    return re.match(rf"[(（]?{re.escape(label)}\s*[.．、)）]", text, re.IGNORECASE) is not None


def _link_heavy(buffer: _Buffer, text: str) -> bool:
    """A line that is mostly link text (not bare URLs): a menu, tag list or "next" link."""
    words = len(text.replace(" ", ""))
    linked = buffer.linked - buffer.url_links
    return len(text) <= _LINK_HEAVY_MAX_CHARS and words > 0 and linked / words > _LINK_HEAVY


# --- title and metadata -----------------------------------------------------------------------


def _meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        value = " ".join((attrs.get("content") or "").split())
        if key and value and key not in out:
            out[key] = value
    return out


def _title(
    tree: LexborHTMLParser, meta: dict[str, str], nodes: list[LexborNode], walker: _Walker
) -> str:
    site = _site_name(tree, meta)
    for key in ("og:title", "twitter:title"):
        if meta.get(key) and meta[key] != site:
            return meta[key]
    for block in walker.blocks:
        if block.role == "heading" and block.level == 1:
            return block.text
    inside = _title_box_ids(nodes[:-1])
    for block, origin in zip(walker.blocks, walker.origins, strict=True):
        if origin in inside:
            return block.text
    if meta.get("title"):
        return meta["title"]
    return _page_title(tree)[0]


def _title_box_ids(leads: list[LexborNode]) -> set[int]:
    """Every element inside a title box before the article ("div.DetailsTitle")."""
    inside: set[int] = set()
    for lead in leads:
        boxes = lead.css("[class*=itle], [id*=itle]")
        if _words(lead) & {"title", "headline", "heading"}:
            boxes.insert(0, lead)
        for box in boxes:
            inside |= {node.mem_id for node in _elements(box)}
    return inside


def _page_title(tree: LexborHTMLParser) -> tuple[str, str]:
    """The <title> split into (page, site): "文章 - 站名" -> ("文章", "站名")."""
    head = tree.head
    node = head.css_first("title") if head is not None else None
    text = " ".join((node.text() if node is not None else "").split())
    parts = [p for p in _TITLE_SEPARATORS.split(text) if p.strip()]
    if len(parts) >= 2:
        return parts[0].strip(), parts[-1].strip()
    return text, ""


def _site_name(tree: LexborHTMLParser, meta: dict[str, str]) -> str:
    return meta.get("og:site_name") or meta.get("application-name") or _page_title(tree)[1]


def _mark_title(blocks: list[SourceBlock], title: str) -> None:
    """The title's block is the document's top heading, however the page styled it."""
    for block in blocks[:20]:
        if block.text == title:
            block.role, block.level = "heading", 1
            return


def _metadata(
    tree: LexborHTMLParser,
    meta: dict[str, str],
    nodes: list[LexborNode],
    blocks: list[SourceBlock],
    html: str,
) -> Metadata:
    page = _page_title(tree)[0]
    title = next((b.text for b in blocks if b.role == "heading" and b.level == 1), "")
    publisher = _site_name(tree, meta) or (page if page and page != title else "")
    lead = [b.text for b in blocks[:_BYLINE_BLOCKS]]
    return Metadata(
        author=_author(meta, nodes, lead),
        date=_date(meta, nodes, lead),
        publisher=publisher,
        url=_url(tree, meta, html),
        kind="webpage",
    )


def _author(meta: dict[str, str], nodes: list[LexborNode], lead: list[str]) -> str:
    for key in ("author", "article:author", "dc.creator", "byl"):
        if meta.get(key) and not meta[key].startswith("http"):
            return _AUTHOR_PREFIX.sub("", meta[key]).strip()
    for node in nodes:
        for found in node.css("[class*=author], [itemprop=author], [rel=author]"):
            name = _AUTHOR_PREFIX.sub("", " ".join(_text(found).split())).strip()
            if 0 < len(name) <= 60:
                return name
    for line in lead:
        match = _BYLINE_AUTHOR.match(line)
        if match:
            return match.group(1).strip()
    return ""


def _date(meta: dict[str, str], nodes: list[LexborNode], lead: list[str]) -> str:
    for key in ("article:published_time", "og:published_time", "pubdate", "publishdate",
                "date", "dc.date", "dc.date.issued", "datepublished", "publish_date"):
        found = _iso_date(meta.get(key, ""))
        if found:
            return found
    for node in nodes:
        for time in node.css("time[datetime]"):
            found = _iso_date(time.attributes.get("datetime") or "")
            if found:
                return found
    for line in lead:
        found = _iso_date(line) if len(line) <= _BYLINE_MAX_CHARS else ""
        if found:
            return found
    return ""


def _iso_date(text: str) -> str:
    match = _DATE.search(text)
    if match is None:
        return ""
    year, month, day = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return ""
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _url(tree: LexborHTMLParser, meta: dict[str, str], html: str) -> str:
    canonical = tree.css_first("link[rel=canonical]")
    href = canonical.attributes.get("href") if canonical is not None else None
    if href and href.startswith("http"):
        return href
    if meta.get("og:url", "").startswith("http"):
        return meta["og:url"]
    saved = _SAVED_FROM.search(html[:_SNIFF_BYTES])
    return saved.group(1) if saved else ""


def _message(path: Path, reason: str) -> str:
    return f"skipped {path}: {reason}"
