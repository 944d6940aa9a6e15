"""`igtui export [--format md|json|csv|bib|csl-json] [--style gb7714|chicago] [-o FILE]
[--force] [PATH ...]` (default: Markdown to stdout; references in GB/T 7714-2015)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from igtui.cli.common import (
    CliError,
    add_paths_argument,
    load,
    warn,
)
from igtui.notes.export import CSV_ENCODING, FORMATS, Format, render, write_new_file
from igtui.notes.store import NotesStore
from igtui.reading.citation import DEFAULT_STYLE, STYLE_IDS, STYLES
from igtui.reading.display import printable


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default="md",
        help="md (with front matter), json (re-importable), csv (Excel), "
        "bib (BibTeX) or csl-json (Zotero): the last two list the documents the notes cite",
    )
    parser.add_argument(
        "--style", choices=STYLE_IDS, default=DEFAULT_STYLE,
        help="citation style of the references: "
        + ", ".join(f"{key} = {style.name}" for key, style in STYLES.items()),
    )
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE")
    parser.add_argument("--force", action="store_true", help="overwrite an existing FILE")
    add_paths_argument(parser)


def run(args: argparse.Namespace) -> int:

    store = NotesStore()
    bookmarks = store.load()
    for message in store.warnings:
        warn(message)
    data = render(args.format, bookmarks, load(args.paths), args.style)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(_for_terminal(args.format, data))
        sys.stdout.buffer.flush()
        return 0
    try:
        write_new_file(args.output, data, force=args.force)
    except FileExistsError as err:
        raise CliError(f"{args.output} exists; use --force to overwrite it") from err
    except OSError as err:
        # a device or FIFO too: `-o /dev/sda --force` must never replace it
        raise CliError(f"cannot write {args.output}: {err.strerror or err}") from err
    warn(f"wrote {len(bookmarks)} bookmarks to {args.output}")
    return 0


def _for_terminal(fmt: Format, data: bytes) -> bytes:
    """Stdout may be a terminal: what documents and notes hold is shown, never obeyed (JSON
    escapes it already; a file written with -o keeps the text exact)."""
    if fmt in ("json", "csl-json"):
        return data
    encoding = CSV_ENCODING if fmt == "csv" else "utf-8"
    # CSV ends its rows with CRLF: a terminal (and any CSV reader) takes LF as well
    text = printable(data.decode(encoding).replace("\r\n", "\n"))
    # the BOM tells Excel the CSV is UTF-8 (`> notes.csv`); a terminal has no use for it
    return text.encode("utf-8" if sys.stdout.isatty() else encoding)
