"""The paragraph pane: the current document's readable paragraphs, wrapped, one marked current.

The rows come from `igtui.reading.pane_layout` (labels in a gutter, footnotes indented); this
widget draws them with the current-paragraph marker, bookmark marks, underlined references and
the search-match highlight. Layouts are kept per document and width, so `{` `}` and resizes
re-wrap nothing they have seen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.style import Style
from rich.text import Text

from igtui.app.widgets.line_pane import LinePane
from igtui.corpus.model import Document
from igtui.reading.display import displayable
from igtui.reading.note_rows import with_notes
from igtui.reading.pane_layout import GUTTER, LABEL_WIDTH, PaneLayout, Role, layout_document
from igtui.reading.references import find_links
from igtui.reading.textfit import pad_left

MARKER = "▌"
BOOKMARK = "◆"
# a bookmark with a note: told apart from a bare one at a glance
NOTE_MARK = "✎"
LAYOUT_CACHE_SIZE = 8


class ParagraphPane(LinePane[PaneLayout]):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paragraph-pane--label",
        "paragraph-pane--heading",
        "paragraph-pane--footnote",
        "paragraph-pane--current",
        "paragraph-pane--marker",
        "paragraph-pane--bookmark",
        "paragraph-pane--match",
        "paragraph-pane--link",
        "paragraph-pane--strong",
        "paragraph-pane--em",
        "paragraph-pane--code",
        "paragraph-pane--note",
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
        & > .paragraph-pane--strong { text-style: bold; }
        & > .paragraph-pane--em { text-style: italic; }
        & > .paragraph-pane--code { color: $text-accent; }
        & > .paragraph-pane--note { color: $success; text-style: italic; }
    }
    """

    MIN_ROW_WIDTH = GUTTER + 2

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marks: frozenset[int] = frozenset()
        # the notes of the bookmarked paragraphs that have one, by `n`
        self.notes: Mapping[int, str] = {}
        # whether the notes are shown in full under their paragraphs
        self.show_notes = False
        self._layouts: dict[tuple[str, int], PaneLayout] = {}
        self._link_texts: dict[tuple[str, int], tuple[str, ...]] = {}

    def set_marks(self, marks: frozenset[int], notes: Mapping[int, str] | None = None) -> None:
        """The bookmarked paragraphs of the shown document (◆ in the gutter) and the notes of
        those that have one (✎ instead, and the text itself when notes are shown)."""
        notes = {n: text for n, text in (notes or {}).items() if text.strip()}
        changed = (marks ^ self.marks) | {
            n for n in set(notes) | set(self.notes) if notes.get(n) != self.notes.get(n)
        }
        self.marks, old_notes, self.notes = marks, self.notes, notes
        if self.show_notes and notes != old_notes:
            self.relayout()
            return
        for n in changed:  # a mark is drawn in its paragraph's first row only
            self.refresh_paragraph(n, restyle=True)

    def set_show_notes(self, on: bool) -> None:
        """Show (or hide) every note in full under its paragraph."""
        if on != self.show_notes:
            self.show_notes = on
            self.relayout()

    # -- LinePane -------------------------------------------------------------------------

    def max_row_width(self, measure: int) -> int:
        return measure + GUTTER

    def build_rows(self, doc: Document, width: int) -> PaneLayout:
        # going back and forth between documents ({ }) reuses their layouts
        key = (doc.id, width)
        layout = self._layouts.pop(key, None) or layout_document(doc, width)
        self._layouts[key] = layout
        while len(self._layouts) > LAYOUT_CACHE_SIZE:
            del self._layouts[next(iter(self._layouts))]
        if self.show_notes and self.notes:
            return with_notes(layout, self.notes, width)
        return layout

    def empty_rows(self, width: int) -> PaneLayout:
        return PaneLayout(width, (), {})

    def row_text(self, rows: PaneLayout, row: int, current: bool) -> Text:
        line = rows.lines[row]
        base = self.rich_style
        if current:
            base += self.component_style("paragraph-pane--current")
        marker = MARKER if current else " "
        mark = " "
        if line.first and line.n in self.marks:
            mark = NOTE_MARK if line.n in self.notes else BOOKMARK
        body = Text(line.text, base + self._role_style(line.role))
        for start, end, kind in line.styles:  # the document's own emphasis (**bold**, <em>)
            body.stylize(self._emphasis(kind), start, end)
        links = self._links(line.n) if line.role != "note" else ()
        if links:
            body.highlight_words(links, self.component_style("paragraph-pane--link"))
        text = Text.assemble(
            (marker, base + self.component_style("paragraph-pane--marker")),
            (mark, base + self.component_style("paragraph-pane--bookmark")),
            (pad_left(line.label, LABEL_WIDTH) + " ",
             base + self.component_style("paragraph-pane--label")),
            body,
            no_wrap=True,
            end="",
        )
        terms = self.highlight_terms(row)
        if terms:
            style = self.component_style("paragraph-pane--match")
            text.highlight_words(terms, style, case_sensitive=False)
        return text

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

    def _emphasis(self, style: str) -> Style:
        return self.component_style(f"paragraph-pane--{style}")

    def _role_style(self, role: Role) -> Style:
        if role in ("heading", "footnote", "note"):
            return self.component_style(f"paragraph-pane--{role}")
        return Style()
