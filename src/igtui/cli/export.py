"""`igtui export [--format md|json|csv] [-o FILE] [--force] [PATH ...]` (default: Markdown
to stdout)."""

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
from igtui.notes.export import render, write_new_file
from igtui.notes.store import NotesStore


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("md", "json", "csv"), default="md")
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, help="write to FILE")
    parser.add_argument("--force", action="store_true", help="overwrite an existing FILE")
    add_paths_argument(parser)


def run(args: argparse.Namespace) -> int:

    store = NotesStore()
    bookmarks = store.load()
    for message in store.warnings:
        warn(message)
    data = render(args.format, bookmarks, load(args.paths))
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
