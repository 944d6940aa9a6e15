"""`igtui notes add DOC LOCATOR [--note TEXT] [PATH ...]`, `notes edit ID --note TEXT`,
`notes list [--json]`, `notes rm ID`, `notes import FILE`.

LOCATOR names a paragraph as the reader shows it (`igtui.reading.locator`): 51 or ¶51 for the
paragraph labelled 51, 第37条, ¶45 a), @12 for the 12th paragraph in file order.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from igtui.cli.common import (
    CliError,
    add_paths_argument,
    find_document,
    load,
    print_json,
    say,
    warn,
)
from igtui.corpus.model import Corpus, Document
from igtui.notes import store as notes_store
from igtui.notes.export import bookmark_locator, status_note, stored_locator
from igtui.notes.records import Bookmark, NotesFormatError, parse_file, reanchor
from igtui.notes.store import NotesStore, NotesWriteError
from igtui.reading.locator import LocatorError, locators
from igtui.storage import read_regular

T = TypeVar("T")
# a list line shows the start of a note or quote
EXCERPT = 60


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, (help_text, configure_action) in ACTIONS.items():
        configure_action(sub.add_parser(name, help=help_text, description=help_text))


def _configure_add(add: argparse.ArgumentParser) -> None:
    add.add_argument("doc", metavar="DOC", help="document id (or a unique prefix of one)")
    add.add_argument(
        "locator", metavar="LOCATOR",
        help="the paragraph as the reader shows it: 51 or ¶51 (labelled 51), 第37条, ¶45 a); "
        "@12 is the 12th paragraph in file order",
    )
    add.add_argument(
        "--note", default="", metavar="TEXT", help="note text (multi-line welcome; - reads stdin)"
    )
    add_paths_argument(add)


def _configure_edit(edit: argparse.ArgumentParser) -> None:
    edit.add_argument("id", metavar="ID", help="bookmark id (or a unique prefix of one)")
    edit.add_argument(
        "--note", required=True, metavar="TEXT", help="the new note (- reads stdin; '' clears)"
    )


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
    "add": ("bookmark a paragraph of document DOC; a note is added after any note already "
            "there", _configure_add),
    "edit": ("replace the note of bookmark ID", _configure_edit),
    "list": ("list bookmarks, re-attached to the documents", _configure_list),
    "rm": ("remove the bookmark with this id (and its note)", _configure_rm),
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
    try:
        n = locators(doc).find(args.locator)
    except LocatorError as err:
        raise CliError(str(err)) from err
    note = _note_text(args.note)
    added = _saving(lambda: store.add_note(doc, n, note))
    # stdout is the id alone, for scripts; what happened goes to stderr
    say(added.bookmark.id)
    where = f"{doc.id} {locators(doc).of(n)}"
    if added.appended:
        warn(f"{where} already had a note: added this one after it (bookmark "
             f"{added.bookmark.id}; `igtui notes edit` replaces a note)")
    elif not added.created:
        warn(f"{where} was already bookmarked (bookmark {added.bookmark.id})")
    return 0


def _edit(args: argparse.Namespace, store: NotesStore) -> int:

    bookmark = _one_bookmark(store, args.id)
    saved = _saving(lambda: store.update_note(bookmark.id, _note_text(args.note)))
    if saved is None:
        raise CliError(f"no bookmark with id {args.id!r} (removed meanwhile?)")
    say(f"replaced the note of {saved.id}")
    return 0


def _note_text(value: str) -> str:
    return sys.stdin.read() if value == "-" else value


def _list(args: argparse.Namespace, store: NotesStore) -> int:

    corpus = load(args.paths)
    bookmarks = reanchor(store.load(), corpus)
    if args.json:
        print_json([_json_record(b, corpus) for b in bookmarks])
        return 0
    for b in bookmarks:
        say(_summary(b, _document(corpus, b.doc)))
    return 0


def _json_record(b: Bookmark, corpus: Corpus) -> dict[str, Any]:
    # keys are only ever added: `locator` is what the reader shows; `absent` says the
    # document is not among those open (so `detached` says nothing about it)
    return {**b.as_json(), "locator": bookmark_locator(b, _document(corpus, b.doc)),
            "absent": b.absent}


def _document(corpus: Corpus, doc_id: str) -> Document | None:
    try:
        return corpus.document(doc_id)
    except KeyError:
        return None


def _summary(b: Bookmark, doc: Document | None) -> str:
    status = status_note(b)
    flag = f"  [{'not open' if b.absent else 'detached'}]" if status else ""
    first = (b.note.strip() or b.quote.strip()).splitlines()
    text = first[0][:EXCERPT] if first else ""
    return f"{b.id}  {b.doc}  {bookmark_locator(b, doc)}{flag}  {text}"


def _rm(args: argparse.Namespace, store: NotesStore) -> int:

    bookmark = _one_bookmark(store, args.id)
    removed = _saving(lambda: store.pop(bookmark.id))
    if removed is None:
        raise CliError(f"no bookmark with id {args.id!r} (removed meanwhile?)")
    # say exactly what went, so that nothing goes unnoticed (the note is in the output)
    where = f"{removed.doc} {stored_locator(removed)}"
    quote = removed.quote.strip().splitlines()
    say(f"removed {removed.id} ({where}): “{quote[0][:EXCERPT] if quote else ''}”")
    if removed.note.strip():
        say("with its note:")
        say("\n".join(f"  {line}" for line in removed.note.strip("\n").splitlines()))
    return 0


def _one_bookmark(store: NotesStore, prefix: str) -> Bookmark:
    matches = [b for b in store.load() if b.id.startswith(prefix)]
    exact = [b for b in matches if b.id == prefix]
    if exact:
        return exact[0]
    if len(matches) != 1:
        problem = "no bookmark" if not matches else "several bookmarks"
        raise CliError(f"{problem} with id {prefix!r} (see igtui notes list)")
    return matches[0]


def _import(args: argparse.Namespace, store: NotesStore) -> int:

    try:
        # bounded: a huge or endless file (a FIFO, /dev/zero) is refused, not read
        parsed = parse_file(read_regular(args.file, notes_store.MAX_FILE_BYTES))
    except OSError as err:
        raise CliError(f"cannot read {args.file}: {err.strerror or err}") from err
    except NotesFormatError as err:
        raise CliError(f"{args.file} is not an igtui notes export: {err}") from err
    records = parsed.records
    added = _saving(lambda: store.import_records(records))
    say(f"imported {added} of {len(records)} bookmarks ({len(records) - added} already present)")
    if parsed.bad:
        warn(f"skipped {parsed.bad} unreadable record{'s' * (parsed.bad != 1)} of {args.file}"
             + (f": {parsed.reasons[0]}" if parsed.reasons else ""))
    return 0


def _saving(action: Callable[[], T]) -> T:
    """Run a store change, turning a failed save into a one-line CLI error."""

    try:
        return action()
    except NotesWriteError as err:
        raise CliError(str(err)) from err


_RUN = {"add": _add, "edit": _edit, "list": _list, "rm": _rm, "import": _import}
