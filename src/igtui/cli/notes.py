"""`igtui notes add DOC N [--note TEXT] [PATH ...]`, `notes list [--json]`, `notes rm ID`,
`notes import FILE`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from igtui.cli.common import (
    CliError,
    add_paths_argument,
    find_document,
    load,
    print_json,
    warn,
)
from igtui.notes.records import Bookmark, NotesFormatError, parse_json, reanchor
from igtui.notes.store import NotesStore, NotesWriteError

T = TypeVar("T")


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, (help_text, configure_action) in ACTIONS.items():
        configure_action(sub.add_parser(name, help=help_text, description=help_text))


def _configure_add(add: argparse.ArgumentParser) -> None:
    add.add_argument("doc", metavar="DOC", help="document id (or a unique prefix of one)")
    add.add_argument("n", metavar="N", type=int, help="paragraph number")
    add.add_argument(
        "--note", default="", metavar="TEXT", help="note text (multi-line welcome; - reads stdin)"
    )
    add_paths_argument(add)


def _configure_list(show: argparse.ArgumentParser) -> None:
    show.add_argument("--json", action="store_true", help="the full records, as JSON")
    add_paths_argument(show)


def _configure_rm(rm: argparse.ArgumentParser) -> None:
    rm.add_argument("id", metavar="ID", help="bookmark id (or a unique prefix of one)")


def _configure_import(imp: argparse.ArgumentParser) -> None:
    imp.add_argument("file", metavar="FILE", type=Path)


# each action's help and arguments: `igtui notes ACTION ...` parses with the action's own
# parser, so its options and PATHs may come in any order
ACTIONS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "add": ("bookmark paragraph N of document DOC", _configure_add),
    "list": ("list bookmarks, re-attached to the documents", _configure_list),
    "rm": ("remove the bookmark with this id", _configure_rm),
    "import": ("add the bookmarks of an `igtui export --format json`", _configure_import),
}


def run(args: argparse.Namespace) -> int:

    store = NotesStore()
    try:
        return _RUN[args.action](args, store)
    finally:
        # e.g. where an unreadable notes file was moved
        for message in store.warnings:
            warn(message)


def _add(args: argparse.Namespace, store: NotesStore) -> int:

    doc = find_document(load(args.paths), args.doc)
    if not 1 <= args.n <= len(doc.paragraphs):
        raise CliError(f"{doc.id} has no paragraph {args.n} (it has 1 to {len(doc.paragraphs)})")
    note = sys.stdin.read() if args.note == "-" else args.note
    bookmark = _saving(lambda: store.add(doc, args.n, note))
    print(bookmark.id)
    return 0


def _list(args: argparse.Namespace, store: NotesStore) -> int:

    bookmarks = reanchor(store.load(), load(args.paths))
    if args.json:
        print_json([b.as_json() for b in bookmarks])
        return 0
    for b in bookmarks:
        print(_summary(b))
    return 0


def _summary(b: Bookmark) -> str:
    where = f"¶ {b.label}" if b.label else f"#{b.n}"
    flag = "  [detached]" if b.detached else ""
    first = (b.note.strip() or b.quote.strip()).splitlines()
    return f"{b.id}  {b.doc}  {where}{flag}  {first[0][:60] if first else ''}"


def _rm(args: argparse.Namespace, store: NotesStore) -> int:

    matches = [b.id for b in store.load() if b.id.startswith(args.id)]
    if len(matches) != 1:
        problem = "no bookmark" if not matches else "several bookmarks"
        raise CliError(f"{problem} with id {args.id!r} (see igtui notes list)")
    if not _saving(lambda: store.remove(matches[0])):
        raise CliError(f"no bookmark with id {args.id!r} (removed meanwhile?)")
    print(f"removed {matches[0]}")
    return 0


def _import(args: argparse.Namespace, store: NotesStore) -> int:

    try:
        records = parse_json(args.file.read_bytes())
    except OSError as err:
        raise CliError(f"cannot read {args.file}: {err.strerror or err}") from err
    except NotesFormatError as err:
        raise CliError(f"{args.file} is not an igtui notes export: {err}") from err
    added = _saving(lambda: store.import_records(records))
    print(f"imported {added} of {len(records)} bookmarks ({len(records) - added} already present)")
    return 0


def _saving(action: Callable[[], T]) -> T:
    """Run a store change, turning a failed save into a one-line CLI error."""

    try:
        return action()
    except NotesWriteError as err:
        raise CliError(str(err)) from err


_RUN = {"add": _add, "list": _list, "rm": _rm, "import": _import}
