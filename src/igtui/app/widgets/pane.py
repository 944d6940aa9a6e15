"""The paragraph pane: one document as wrapped, labelled paragraphs.

A Line API widget: the document is laid out once per width into plain lines (cheap, no
widgets per paragraph), and `render_line` styles only the rows on screen. Moving the reading
position repaints the old and new paragraphs' rows, so `j` or `G` costs a few lines, not a
re-layout of ~400 paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from igtui.app.messages import GotoParagraph
from igtui.linebreak import printable, wrap
from igtui.model import Document, Paragraph
from igtui.references import find_links

Role = Literal["heading", "body", "footnote", "blank"]

# current-paragraph marker, bookmark mark, label, one space
LABEL_WIDTH = 5
GUTTER = 1 + 1 + LABEL_WIDTH + 1
FOOTNOTE_INDENT = 2
MARKER = "▌"
BOOKMARK = "◆"
LAYOUT_CACHE_SIZE = 8


def displayable(text: str) -> str:
    """`text` on one line with control characters made visible (titles, labels, headings):
    they would move the terminal's cursor or recolour it (ESC is shown as ␛)."""
    return printable(text.replace("\n", " "))


def wrap_paragraph(text: str, width: int) -> list[str]:
    """Wrap each hard line of `text` with the CJK-aware breaker, control characters shown."""
    out: list[str] = []
    for hard_line in text.split("\n"):
        out.extend(wrap(displayable(hard_line), max(2, width)) or [""])
    return out


_DELIMITERS = ".．、)）:："
_BULLET = re.compile(r"[-*•●▪]\s*")


def split_label(paragraph: Paragraph) -> tuple[str, str]:
    """(gutter label, body text): the label moves out of the text into the gutter.

    The parser keeps a paragraph's numbering in its text ("39. 我们…", "- a) 就…"); shown
    twice it is noise, so the pane prints it once, in the gutter: ¶39, a), (iii), [1].
    Headings keep their numbers in the text (they read as part of the title).
    """
    label, text = paragraph.label, paragraph.text
    if paragraph.kind == "heading":
        return "", text
    if not label:
        bullet = _BULLET.match(text) if paragraph.kind == "list_item" else None
        if bullet and text[bullet.end():].strip():
            return "•", text[bullet.end():]
        return "", text
    body, shown = text, label
    bullet = _BULLET.match(text)
    rest = text[bullet.end():] if bullet else text
    opener = rest[:1] if rest[:1] in "(（" else ""
    if rest[len(opener):].startswith(label):
        tail = rest[len(opener) + len(label):]
        if tail[:1] and tail[0] in _DELIMITERS:
            shown, body = opener + label + tail[0], tail[1:].lstrip()
        elif tail[:1].isspace() and not opener:
            body = tail.lstrip()
    if not body.strip():
        body, shown = text, label
    if paragraph.kind == "footnote":
        gutter = f"[{label}]"
    elif paragraph.kind == "paragraph" and label.isdigit():
        gutter = f"¶{label}"
    else:
        gutter = shown.rstrip(".．、:：")
    gutter = displayable(gutter)
    if cell_len(gutter) > LABEL_WIDTH:
        gutter = gutter[: LABEL_WIDTH - 1] + "…"
    return gutter, body


@dataclass(frozen=True, slots=True)
class PaneLine:
    n: int  # the paragraph this row belongs to; 0 for spacing rows
    role: Role
    text: str
    label: str = ""
    first: bool = False  # the paragraph's first row (where its label and marks go)


@dataclass(frozen=True, slots=True)
class PaneLayout:
    width: int
    lines: tuple[PaneLine, ...]
    spans: dict[int, tuple[int, int]]  # paragraph n -> (first row, row after last)

    def paragraph_at(self, row: int) -> int:
        """The paragraph at `row`, or the next one below a spacing row (0 if none)."""
        for index in range(max(0, row), len(self.lines)):
            if self.lines[index].n:
                return self.lines[index].n
        return 0


def layout_document(doc: Document, width: int) -> PaneLayout:
    """Lay out the readable paragraphs of `doc` into rows `width` cells wide."""
    text_width = max(2, width - GUTTER)
    lines: list[PaneLine] = []
    spans: dict[int, tuple[int, int]] = {}
    for paragraph in doc.paragraphs:
        if not paragraph.readable:
            continue
        if lines:
            lines.append(PaneLine(0, "blank", ""))
        role: Role = {"heading": "heading", "footnote": "footnote"}.get(paragraph.kind, "body")
        indent = FOOTNOTE_INDENT if role == "footnote" else 0
        start = len(lines)
        gutter, body = split_label(paragraph)
        rows = wrap_paragraph(body, text_width - indent)
        for i, row in enumerate(rows):
            label = gutter if i == 0 else ""
            lines.append(PaneLine(paragraph.n, role, " " * indent + row, label, first=i == 0))
        spans[paragraph.n] = (start, len(lines))
    return PaneLayout(width=width, lines=tuple(lines), spans=spans)


class ParagraphPane(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one document; `show(doc, n)` sets the document and the current paragraph."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paragraph-pane--label",
        "paragraph-pane--heading",
        "paragraph-pane--footnote",
        "paragraph-pane--current",
        "paragraph-pane--marker",
        "paragraph-pane--bookmark",
        "paragraph-pane--match",
        "paragraph-pane--link",
    }

    DEFAULT_CSS = """
    ParagraphPane {
        overflow-x: hidden;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        & > .paragraph-pane--label { color: $text-muted; }
        & > .paragraph-pane--heading { color: $accent; text-style: bold; }
        & > .paragraph-pane--footnote { color: $text-muted; text-style: italic; }
        & > .paragraph-pane--current { background: $accent 15%; }
        & > .paragraph-pane--marker { color: $accent; }
        & > .paragraph-pane--bookmark { color: $warning; }
        & > .paragraph-pane--match { background: $warning 40%; text-style: bold; }
        & > .paragraph-pane--link { text-style: underline; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.current = 0
        self._layout: PaneLayout | None = None
        self._strips: dict[tuple[int, bool], Strip] = {}
        self._layouts: dict[tuple[str, int], PaneLayout] = {}
        self.marks: frozenset[int] = frozenset()
        self._top_when_sized = False
        self._highlight: tuple[str, int, tuple[str, ...]] = ("", 0, ())
        self._link_texts: dict[tuple[str, int], tuple[str, ...]] = {}

    # -- public API -------------------------------------------------------------------

    def show(self, doc: Document, n: int, *, top: bool = False) -> None:
        """Make `n` of `doc` current and scroll it into view (to the top if `top`)."""
        if doc is not self.document:
            self.document = doc
            self._layout = None
            self._strips.clear()
            # a new layout of the same length at the same scroll would not repaint itself
            self.refresh()
            self.scroll_to(y=0, animate=False, immediate=True)
        previous, self.current = self.current, n
        layout = self.layout
        # shown before the first layout (at start-up): put it at the top once sized
        self._top_when_sized = not layout.width
        if previous != n:
            self._refresh_paragraph(previous)
            self._refresh_paragraph(n)
        self._scroll_into_view(layout, n, top=top)

    def set_highlight(self, doc_id: str, n: int, terms: Sequence[str]) -> None:
        """Highlight `terms` in paragraph `n` of `doc_id` (a search match) until replaced;
        no terms: no highlight. Terms broken across two rows are highlighted row by row."""
        self._highlight = (doc_id, n, tuple(t for t in terms if t.strip()))
        self._strips.clear()
        self.refresh()

    @property
    def highlight(self) -> tuple[str, int, tuple[str, ...]]:
        """(doc id, n, terms) of the current search-match highlight."""
        return self._highlight

    def set_marks(self, marks: frozenset[int]) -> None:
        """The bookmarked paragraphs of the shown document (a mark in the gutter)."""
        changed, self.marks = marks ^ self.marks, marks
        for n in changed:  # a mark is drawn in its paragraph's first row only
            self._refresh_paragraph(n, restyle=True)

    @property
    def layout(self) -> PaneLayout:
        if not self.size.width:
            # not laid out yet: wrapping at a made-up width would be thrown away at once
            return PaneLayout(0, (), {})
        width = max(GUTTER + 2, self.scrollable_content_region.width)
        if self._layout is None or self._layout.width != width:
            self._relayout(width)
        assert self._layout is not None
        return self._layout

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def page_target(self, n: int, direction: int) -> int:
        """The paragraph a page away from `n`: the one at the row a screenful further."""
        layout = self.layout
        start, _ = layout.spans.get(n, (0, 0))
        row = start + direction * max(1, self.page_rows - 1)
        row = max(0, min(row, len(layout.lines) - 1))
        target = layout.paragraph_at(row)
        return target or n

    def is_visible(self, n: int) -> bool:
        start, end = self.layout.spans.get(n, (-1, -1))
        top = round(self.scroll_y)
        return start < top + self.page_rows and end > top

    def first_visible(self) -> int:
        return self.layout.paragraph_at(round(self.scroll_y))

    # -- layout and scrolling -------------------------------------------------------------

    def _relayout(self, width: int) -> None:
        self._strips.clear()
        if self.document is None:
            self._layout = PaneLayout(width, (), {})
        else:
            # going back and forth between documents ({ }) reuses their layouts
            key = (self.document.id, width)
            layout = self._layouts.pop(key, None) or layout_document(self.document, width)
            self._layouts[key] = layout
            while len(self._layouts) > LAYOUT_CACHE_SIZE:
                del self._layouts[next(iter(self._layouts))]
            self._layout = layout
        self.virtual_size = Size(width, len(self._layout.lines))

    def _scroll_into_view(self, layout: PaneLayout, n: int, *, top: bool) -> None:
        if n not in layout.spans:
            return
        start, end = layout.spans[n]
        view_top, rows = round(self.scroll_y), self.page_rows
        if top or end - start > rows or start < view_top:
            target = start
        elif end > view_top + rows:
            target = end - rows
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def _refresh_paragraph(self, n: int, *, restyle: bool = False) -> None:
        """Repaint paragraph `n`'s rows; `restyle`: drop their cached strips first (the
        cache is keyed by row and currentness, so a move alone needs no restyle)."""
        if self._layout is not None and n in self._layout.spans:
            start, end = self._layout.spans[n]
            if restyle:
                for row in range(start, end):
                    self._strips.pop((row, False), None)
                    self._strips.pop((row, True), None)
            self.refresh_lines(start, end - start)

    def on_resize(self, event: events.Resize) -> None:
        if self.document is not None:
            self._scroll_into_view(self.layout, self.current, top=self._top_when_sized)
            self._top_when_sized = False

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # -- rendering --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        layout = self.layout
        row = round(self.scroll_y) + y
        if row >= len(layout.lines):
            return Strip.blank(self.size.width, self.rich_style)
        line = layout.lines[row]
        current = line.n != 0 and line.n == self.current
        key = (row, current)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._render_row(line, current, layout.width)
        return strip

    def _render_row(self, line: PaneLine, current: bool, width: int) -> Strip:
        base = self.rich_style
        if current:
            base += self.get_component_rich_style("paragraph-pane--current")
        text_style = base + self._role_style(line.role)
        marker = MARKER if current else " "
        mark = BOOKMARK if line.first and line.n in self.marks else " "
        body = Text(line.text, text_style)
        links = self._links(line.n)
        if links:
            body.highlight_words(links, self.get_component_rich_style("paragraph-pane--link"))
        text = Text.assemble(
            (marker, base + self.get_component_rich_style("paragraph-pane--marker")),
            (mark, base + self.get_component_rich_style("paragraph-pane--bookmark")),
            (line.label.rjust(LABEL_WIDTH) + " ", base + self._label_style()),
            body,
            no_wrap=True,
            end="",
        )
        doc_id, n, terms = self._highlight
        if terms and line.n == n and self.document is not None and self.document.id == doc_id:
            style = self.get_component_rich_style("paragraph-pane--match")
            text.highlight_words(terms, style, case_sensitive=False)
        strip = Strip(text.render(self.app.console), text.cell_len)
        return strip.extend_cell_length(width, base).crop(0, width)

    def _links(self, n: int) -> tuple[str, ...]:
        """The texts of paragraph `n`'s references, to underline. Bare-number footnote
        markers are left out: underlining every "3" of the paragraph would mislead."""
        if self.document is None or not n:
            return ()
        key = (self.document.id, n)
        found = self._link_texts.get(key)
        if found is None:
            links = find_links(self.document, self.document.paragraph(n))
            found = tuple({displayable(link.text) for link in links
                           if not link.text.strip().isdigit()})
            self._link_texts[key] = found
        return found

    def _role_style(self, role: Role) -> Style:
        if role in ("heading", "footnote"):
            return self.get_component_rich_style(f"paragraph-pane--{role}")
        return Style()

    def _label_style(self) -> Style:
        return self.get_component_rich_style("paragraph-pane--label")

    # -- mouse --------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        if self.document is None:
            return
        row = round(self.scroll_y) + event.y
        layout = self.layout
        if 0 <= row < len(layout.lines) and layout.lines[row].n:
            self.post_message(GotoParagraph(self.document.id, layout.lines[row].n))
