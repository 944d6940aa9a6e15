"""`igtui cat DOC [PATH ...] [--width N]`: a document's clean text, wrapped like the pane."""

from __future__ import annotations

import argparse
import shutil
import sys
import unicodedata
from collections.abc import Iterator

from rich.cells import cell_len

from igtui.cli.common import (
    CliError,
    add_paths_argument,
    find_document,
    load,
)
from igtui.corpus.model import Document, Paragraph
from igtui.corpus.parsing.numerals import article_label
from igtui.reading.display import printable
from igtui.reading.linebreak import wrap

# Footnotes sit this far in, below a short rule, so they read as set apart from the text.
FOOTNOTE_INDENT = 4
# A label gets a hanging indent only if this much of the line is left for the text.
MIN_TEXT_WIDTH = 12
# A list item's text up to its first space hangs in the gutter if it is this short ("- c)").
MAX_MARKER = 6


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "doc", metavar="DOC",
        help="document id, a unique prefix of one, or its 1-based number in the corpus",
    )
    add_paths_argument(parser)
    parser.add_argument(
        "--width", type=int, metavar="N",
        help="line width in cells (default: the terminal's, else 80)",
    )


def run(args: argparse.Namespace) -> int:

    if args.width is not None and args.width < 1:
        raise CliError(f"--width must be at least 1, not {args.width}")
    doc = find_document(load(args.paths), args.doc)
    width = args.width or shutil.get_terminal_size((80, 24)).columns
    sys.stdout.writelines(line + "\n" for line in render(doc, width))
    return 0


def render(doc: Document, width: int) -> Iterator[str]:
    """The document's lines: title, then each readable paragraph, blank lines between."""

    yield from _underlined(wrap(printable(doc.title), width), "=")
    in_footnotes = False
    first = True
    for p in doc.paragraphs:
        if not p.readable:
            continue
        if first and p.kind == "heading" and p.text.split() == doc.title.split():
            continue  # the title again, word for word, as the first heading: printed above
        first = False
        yield ""
        if p.kind == "footnote" and not in_footnotes:
            yield " " * FOOTNOTE_INDENT + "-" * min(12, max(width - FOOTNOTE_INDENT, 1))
        in_footnotes = p.kind == "footnote"
        if p.kind == "heading":
            yield from _underlined(wrap(printable(p.text), width), "=" if p.level <= 1 else "-")
        else:
            indent = FOOTNOTE_INDENT if in_footnotes and width - FOOTNOTE_INDENT >= 20 else 0
            yield from _labelled(p, width, indent)


def _labelled(p: Paragraph, width: int, indent: int) -> list[str]:
    """Wrap with the label hanging in a gutter: a label the text lacks, or a list item's marker.

    A label the text already carries ("39. …", "- c) …") is not repeated.
    """


    text = printable(p.text)
    if p.label and not _carries_label(p.text, p.label):
        label = printable(p.label)
    elif p.kind == "list_item" and " " in text[:MAX_MARKER]:
        label, text = text.split(" ", 1)
    else:
        label = ""
    gutter = cell_len(label) + 1 if label else 0
    if width - indent - gutter < MIN_TEXT_WIDTH:
        # too narrow for a gutter: the label simply leads the text
        text, gutter = (f"{label} {text}" if label else text), 0
        label = ""
    lines = wrap(text, width - indent - gutter)
    pad = " " * indent
    if not label:
        return [pad + line for line in lines]
    first = f"{pad}{label} {lines[0]}" if lines else pad + label
    return [first, *(pad + " " * gutter + line for line in lines[1:])]


def _carries_label(text: str, label: str) -> bool:
    """Whether the text already shows its label near its start ("39. …", "- c) …", "¹ …",
    "第三十七条　…" for 第37条)."""
    head = unicodedata.normalize("NFKC", text[: len(label) + 4])
    if label in head:
        return True
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return article_label(first) == label


def _underlined(lines: list[str], rule: str) -> list[str]:

    if not lines:
        return []
    return [*lines, rule * max(cell_len(line) for line in lines)]
