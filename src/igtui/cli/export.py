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
from igtui.notes.export import FORMATS, render, write_new_file
from igtui.notes.store import NotesStore
from igtui.reading.citation import DEFAULT_STYLE, STYLE_IDS, STYLES


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
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        write_new_file(args.output, data, force=args.force)
    except FileExistsError as err:
        raise CliError(f"{args.output} exists; use --force to overwrite it") from err
    except OSError as err:
        raise CliError(f"cannot write {args.output}: {err.strerror or err}") from err
    print(f"wrote {len(bookmarks)} bookmarks to {args.output}", file=sys.stderr)
    return 0
