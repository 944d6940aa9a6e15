"""What a format reader hands to the parsing pipeline: the contract between readers/ and parsing/.

A reader turns its file into a `Source`; the pipeline (`parse_source`) turns any `Source` into
the same `Document`. Two shapes of evidence, because formats differ in what they keep:

- `lines`: flattened, printed text (a .txt file, a PDF page's text lines). Paragraphs, page
  furniture (running headers, page numbers), footnotes and headings are still to be found, from
  the text and from whatever each line carries besides it (its page, position, font size).
- `blocks`: a format that already knows its paragraphs (Markdown, HTML, Word). Each block has a
  role the format gave it (a `<h2>`, a Word heading style, a list item), which the pipeline
  trusts over guessing, while still reading what the text says (law articles, numbering,
  translations, chrome).

A reader fills in what it knows and leaves the rest at the defaults: None / 0 / "" mean
"the format does not say", never "no".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from igtui.corpus.model import Metadata, StyleSpan

# what a format says a block is: "text" is an ordinary paragraph (which the pipeline may still
# read as a heading by its shape: a Markdown author's bold line); "paragraph" is one the format
# knows is no heading (a UI string or a link label in a localization file)
BlockRole = Literal[
    "text", "heading", "list_item", "quote", "table_row", "footnote", "caption", "code",
    "boilerplate", "paragraph",
]
# what a format (a PDF's geometry) says a line is, where it can tell
LineRole = Literal["header", "footer", "page_number", "footnote", "heading"]


@dataclass(slots=True)
class SourceLine:
    """One printed line."""

    text: str
    # 1-based physical page; None when the source has no pages (or a form feed will say)
    page: int | None = None
    # left edge of the line, in points from the page's left margin (PDF)
    x: float | None = None
    # top of the line, in points from the top of the page (PDF)
    y: float | None = None
    # font size in points of most of the line's characters (PDF)
    size: float | None = None
    # the reader's verdict where the format makes it certain (PDF position + repetition)
    role: LineRole | None = None


@dataclass(slots=True)
class SourceBlock:
    """One paragraph-like unit of a structured format."""

    text: str
    role: BlockRole = "text"
    # heading depth from the format (h2 -> 2, "Heading 1" -> 1); 0 when not a heading
    level: int = 0
    page: int | None = None
    # inline emphasis over `text` (the markup itself already removed from `text`)
    styles: tuple[StyleSpan, ...] = ()
    # nesting depth of a list item or quote (0 = top)
    depth: int = 0


@dataclass(slots=True)
class Source:
    """A document as a format reader found it; exactly one of `lines` / `blocks` is set."""

    lines: list[SourceLine] | None = None
    blocks: list[SourceBlock] | None = None
    # the title the format declares (front matter, og:title, PDF Title), if meaningful
    title: str = ""
    metadata: Metadata = field(default_factory=Metadata)
