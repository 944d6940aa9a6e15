"""Bookmarks and notes: one JSON file that is never lost, shared by the app and the CLI.

Design, and why:

- One human-readable JSON file (`notes.json` in `igtui.storage.data_dir()`) with a schema
  version; no database, nothing pickled: users keep, diff and sync this file.
- Every change is a read-modify-write *under a lock*: take the lock, re-read the file, apply
  the one change, write, release. Two instances (two terminals, or the app and the CLI) then
  never lose each other's changes, however stale their in-memory view was, and nothing has to
  be merged field by field.
- The lock is `filelock.FileLock` on `notes.json.lock`: maintained, cross-platform (fcntl
  on POSIX, msvcrt on Windows), and released by the OS when a process dies, so a killed
  instance cannot wedge the others.
- Writes are atomic: a temp file in the same folder, flush + fsync, `os.replace`, fsync of the
  folder. A crash leaves either the old file or the new one, never half of one; a failed write
  (disk full, read-only folder) raises NotesWriteError and leaves the old file as it was. A
  notes.json that is a symlink (into a synced folder) is written through, the link kept.
- Reading is tolerant: the records that can be read load; a file with some bad records is
  copied whole to a dated backup and rewritten with the good ones; a file that cannot be read
  at all (not JSON, absurdly nested or large) is moved aside to a dated backup (never
  overwritten); ids that repeat are made unique. Each of these says so in one line.
- A file written by a newer igtui (a higher format version) is shown read-only: every change
  raises NotesWriteError, and it is never rewritten nor moved.
- A FIFO, device or folder where the file should be is refused with a message, never opened
  for a blocking read (a FIFO would hang the reader).
- One bookmark per paragraph, with one note: adding a note where there is one appends it,
  never replaces it; replacing is `update_note`, on purpose. The note editor saves with
  `save_note`, which merges with, or reports, a change made elsewhere since it opened.
- Readers take no lock: thanks to the atomic replace they always see a whole file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal, TypeVar

import filelock

from igtui import storage
from igtui.corpus.model import Document
from igtui.notes.anchoring import DocIndex, locate, quote_hash
from igtui.notes.merging import append_note, merge_notes
from igtui.notes.records import (
    Bookmark,
    NotesFormatError,
    Parsed,
    document_json,
    now_iso,
    parse_file,
)
from igtui.reading.display import json_text
from igtui.storage import FileTooLarge, read_regular, real_path, size_text, write_atomic

FILE_NAME = "notes.json"
# long enough for a slow disk under another writer, short enough to report a wedged lock
LOCK_TIMEOUT = 15.0
# far beyond a real notes file (30,000 bookmarks with long quotes are ~60 MB); a larger
# file is absurd input, moved aside rather than read into memory
MAX_FILE_BYTES = 256 << 20

T = TypeVar("T")


class NotesWriteError(Exception):
    """Saving failed (disk full, read-only folder, lock held, a newer igtui's file); the saved
    file is unchanged."""


class NoteChanged(Exception):
    """The bookmark's note is not the one the caller saw: it was changed elsewhere."""

    def __init__(self, current: Bookmark) -> None:
        super().__init__(f"the note of bookmark {current.id} was changed elsewhere")
        self.current = current


@dataclass(frozen=True, slots=True)
class Added:
    """What `add_note` did: a new bookmark, or the note appended to the one already there."""

    bookmark: Bookmark
    created: bool
    appended: bool


@dataclass(frozen=True, slots=True)
class Saved:
    """What `save_note` did.

    "saved": the note is now the editor's text; "merged": another program changed the note
    since the editor opened, and both changes were combined without overlap; "conflict":
    both changed the same lines, nothing was written, and `bookmark` holds the stored note.
    """

    outcome: Literal["saved", "merged", "conflict"]
    bookmark: Bookmark


# `toggle_seen`'s `seen` for "a bookmark the caller expects to be there, whatever its id" (one
# it asked for a moment ago, whose id it does not know yet)
ANY = "*"


@dataclass(frozen=True, slots=True)
class Toggled:
    """What `toggle_seen` did.

    "added"/"removed": what the caller asked for; "gone": it wanted to remove a bookmark that
    was removed elsewhere meanwhile; "already": it wanted to add one, and one was made
    elsewhere meanwhile (kept); "ask": the bookmark has a note, so nothing was removed: the
    caller asks, then calls `pop` with that note.
    """

    outcome: Literal["added", "removed", "gone", "already", "ask"]
    bookmark: Bookmark | None


class NotesStore:
    """The notes file. Each call re-reads it, so several stores on one file stay consistent."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else storage.data_dir() / FILE_NAME
        self.lock = filelock.FileLock(f"{self.path}.lock", timeout=LOCK_TIMEOUT)
        # one-line messages for the user (backups made, unreadable files)
        self.warnings: list[str] = []
        # set when the file was written by a newer igtui: shown, never changed
        self.read_only = False

    # reading

    def load(self) -> list[Bookmark]:
        """Every bookmark as stored (positions as saved: see `reanchor`)."""
        try:
            parsed = self._read()
        except NotesFormatError:
            parsed = None
        except OSError as err:
            self._warn(f"cannot read notes file {self.path}: {err.strerror or err}")
            return []
        if parsed is not None and not parsed.needs_repair:
            return parsed.records
        # unreadable, or bad records to set aside: repair under the lock, after checking a
        # writer has not just fixed it
        try:
            with self._locked():
                return self._read_or_repair()
        except NotesWriteError as err:
            self._warn(str(err))
            return parsed.records if parsed is not None else []

    def find(self, doc: Document, n: int) -> Bookmark | None:
        """The bookmark on paragraph `n` of `doc`, wherever it was when it was made."""
        return _find(self.load(), doc, n)

    def stamp(self) -> tuple[int, int, int] | None:
        """The file's change stamp (mtime in ns, size, inode), None if there is none: when it
        differs from an earlier one, another program may have changed the notes."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    # changing

    def add(self, doc: Document, n: int, note: str = "") -> Bookmark:
        """Bookmark paragraph `n` of `doc` (IndexError if there is none); see `add_note`."""
        return self.add_note(doc, n, note).bookmark

    def add_note(self, doc: Document, n: int, note: str = "") -> Added:
        """Bookmark paragraph `n` of `doc` with `note` (IndexError if there is none).

        A paragraph holds one bookmark: if it has one already, that one is returned, refreshed
        to the paragraph's current position, with `note` appended to its note (never
        replacing it; a note it already holds is not added twice).
        """
        paragraph = doc.paragraph(n)

        def change(records: list[Bookmark]) -> tuple[list[Bookmark], Added]:
            old = _find(records, doc, n)
            if old is None:
                new = Bookmark.create(doc, paragraph, note)
                return [*records, new], Added(new, created=True, appended=False)
            fresh = replace(
                old, n=n, section=paragraph.section, label=paragraph.label, detached=False,
                doc_title=doc.title,
            )
            combined = append_note(old.note, note)
            if combined != old.note:
                fresh = replace(fresh, note=combined, updated=now_iso())
            appended = combined != old.note and bool(old.note.strip())
            return _replaced(records, fresh), Added(fresh, created=False, appended=appended)

        return self._modify(change)

    def update_note(self, bookmark_id: str, note: str) -> Bookmark | None:
        """Replace a bookmark's note; None if there is no such bookmark."""

        def change(records: list[Bookmark]) -> tuple[list[Bookmark], Bookmark | None]:
            old = next((b for b in records if b.id == bookmark_id), None)
            if old is None:
                return records, None
            if old.note == note:
                return records, old
            new = replace(old, note=note, updated=now_iso())
            return _replaced(records, new), new

        return self._modify(change)

    def save_note(
        self, note: str, *, base: str, bookmark_id: str | None = None,
        doc: Document | None = None, n: int = 0,
    ) -> Saved:
        """Save the note editor's text `note`, opened on the stored note `base`.

        The bookmark is the one with `bookmark_id` if it still exists, else the one on
        paragraph `n` of `doc` (created if need be; with neither, NotesWriteError). If the
        stored note is no longer `base`, another program changed it meanwhile: the two
        changes are merged when they do not overlap, else nothing is written and the outcome
        is "conflict", so that the editor can ask.
        """

        def change(records: list[Bookmark]) -> tuple[list[Bookmark], Saved]:
            old = next((b for b in records if b.id == bookmark_id), None) if bookmark_id else None
            if old is None and doc is not None:
                old = _find(records, doc, n)
            if old is None:
                if doc is None:
                    raise NotesWriteError(
                        "this bookmark was deleted meanwhile; the note was not saved"
                    )
                new = Bookmark.create(doc, doc.paragraph(n), note)
                return [*records, new], Saved("saved", new)
            outcome: Literal["saved", "merged"] = "saved"
            text = note
            if old.note != base:
                merged = merge_notes(base, note, old.note)
                if merged is None:
                    return records, Saved("conflict", old)
                text, outcome = merged, "merged"
            if text == old.note:
                return records, Saved(outcome, old)
            new = replace(old, note=text, updated=now_iso())
            return _replaced(records, new), Saved(outcome, new)

        return self._modify(change)

    def remove(self, bookmark_id: str) -> bool:
        return self.pop(bookmark_id) is not None

    def pop(self, bookmark_id: str, *, note: str | None = None) -> Bookmark | None:
        """Remove the bookmark with this id and return it as it was (to undo with `restore`);
        None if there is none. With `note`, only if its note is still that text: NoteChanged
        (nothing removed) if it was changed since the caller looked."""

        def change(records: list[Bookmark]) -> tuple[list[Bookmark], Bookmark | None]:
            old = next((b for b in records if b.id == bookmark_id), None)
            if old is None:
                return records, None
            if note is not None and old.note != note:
                raise NoteChanged(old)
            return [b for b in records if b.id != bookmark_id], old

        return self._modify(change)

    def restore(self, record: Bookmark) -> Bookmark:
        """Put back a record that `pop` removed: as it was, unless a bookmark of the same
        paragraph (same document and quote) was made meanwhile, which then gets its note
        appended."""

        def change(records: list[Bookmark]) -> tuple[list[Bookmark], Bookmark]:
            same = next(
                (b for b in records if b.id == record.id
                 or (b.doc == record.doc and b.quote_hash == record.quote_hash)),
                None,
            )
            if same is None:
                back = replace(record, detached=False, absent=False)
                return [*records, back], back
            combined = append_note(same.note, record.note)
            if combined == same.note:
                return records, same
            merged = replace(same, note=combined, updated=now_iso())
            return _replaced(records, merged), merged

        return self._modify(change)

    def toggle_seen(self, doc: Document, n: int, seen: str | None) -> Toggled:
        """`b` on paragraph `n` of `doc`, where the reader showed the bookmark `seen` (its id,
        ANY, or None for none): decided on the file as it is now, never removing what the
        reader did not show, nor a note without asking (see Toggled)."""
        paragraph = doc.paragraph(n)

        def change(records: list[Bookmark]) -> tuple[list[Bookmark], Toggled]:
            fresh = _find(records, doc, n)
            if fresh is None:
                if seen is not None:
                    return records, Toggled("gone", None)
                new = Bookmark.create(doc, paragraph)
                return [*records, new], Toggled("added", new)
            if seen is None or seen not in (ANY, fresh.id):
                return records, Toggled("already", fresh)
            if fresh.note.strip():
                return records, Toggled("ask", fresh)
            return [b for b in records if b.id != fresh.id], Toggled("removed", fresh)

        return self._modify(change)

    def toggle(self, doc: Document, n: int) -> Bookmark | None:
        """Remove the bookmark on paragraph `n`, or add one; the new bookmark or None."""
        paragraph = doc.paragraph(n)

        def change(records: list[Bookmark]) -> tuple[list[Bookmark], Bookmark | None]:
            old = _find(records, doc, n)
            if old is not None:
                return [b for b in records if b.id != old.id], None
            new = Bookmark.create(doc, paragraph)
            return [*records, new], new

        return self._modify(change)

    def import_records(self, records: Iterable[Bookmark]) -> int:
        """Add the records not already present (same id, or same document and quote)."""
        incoming = list(records)

        def change(current: list[Bookmark]) -> tuple[list[Bookmark], int]:
            ids = {b.id for b in current}
            quotes = {(b.doc, b.quote_hash) for b in current}
            added = []
            for record in incoming:
                key = (record.doc, record.quote_hash)
                if record.id in ids or key in quotes:
                    continue
                added.append(replace(record, detached=False, absent=False))
                ids.add(record.id)
                quotes.add(key)
            return [*current, *added], len(added)

        return self._modify(change)

    # internals

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _read(self) -> Parsed:
        """The stored bookmarks; NotesFormatError if the content is unreadable (or absurdly
        large), OSError if the file is (permissions, a FIFO: not a reason to move it)."""
        self.read_only = False
        try:
            raw = read_regular(self.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            return Parsed([])
        except FileTooLarge as err:
            raise NotesFormatError(f"larger than {size_text(MAX_FILE_BYTES)}") from err
        parsed = parse_file(raw)
        if parsed.newer:
            self.read_only = True
            self._warn(
                f"notes file {self.path} was written by a newer igtui (format "
                f"{parsed.version}): its bookmarks are shown read-only and it is never changed"
            )
        return parsed

    def _read_or_repair(self) -> list[Bookmark]:
        """Call with the lock held. An unreadable file is moved aside, one with bad records is
        backed up and rewritten with the good ones (NotesWriteError if that fails, so that
        nothing ever writes over it)."""
        try:
            parsed = self._read()
        except NotesFormatError as err:
            self._quarantine(str(err))
            return []
        if parsed.needs_repair:
            self._repair(parsed)
        return parsed.records

    def _quarantine(self, reason: str) -> None:
        target = real_path(self.path)
        backup = _backup_path(target)
        try:
            os.replace(target, backup)
        except OSError as err:
            raise NotesWriteError(
                f"notes file {self.path} is unreadable ({reason}) and could not be moved "
                f"aside: {err.strerror or err}"
            ) from err
        self._warn(
            f"notes file {self.path} was unreadable ({reason}); moved it to {backup}, "
            "starting with no bookmarks"
        )

    def _repair(self, parsed: Parsed) -> None:
        target = real_path(self.path)
        backup = None
        if parsed.bad:
            # the whole file, bad records in their context: nothing of it is lost
            backup = _backup_path(target)
            try:
                shutil.copyfile(target, backup)
            except OSError as err:
                raise NotesWriteError(
                    f"notes file {self.path} has {parsed.bad} unreadable bookmark records and "
                    f"could not be backed up: {err.strerror or err}"
                ) from err
        self._write(parsed.records)
        if backup is not None:
            why = f": {parsed.reasons[0]}" if parsed.reasons else ""
            self._warn(
                f"notes file {self.path}: set aside {parsed.bad} unreadable bookmark "
                f"record{'s' * (parsed.bad != 1)}{why}; the file as it was is in {backup}, "
                f"{len(parsed.records)} bookmarks loaded"
            )
        if parsed.renamed:
            self._warn(
                f"notes file {self.path}: {parsed.renamed} bookmark"
                f"{'s' * (parsed.renamed != 1)} shared an id with another; given new ids"
            )

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.lock:
                yield
        except filelock.Timeout as err:
            raise NotesWriteError(
                f"notes file {self.path} stayed locked by another program for "
                f"{LOCK_TIMEOUT:.0f} s; nothing was changed"
            ) from err
        except OSError as err:
            raise NotesWriteError(_write_failed(self.path, err)) from err

    def _modify(self, change: Callable[[list[Bookmark]], tuple[list[Bookmark], T]]) -> T:
        """Read-modify-write under the lock: the heart of "never lose each other's changes"."""
        with self._locked():
            records = self._read_or_repair()
            if self.read_only:
                raise NotesWriteError(
                    f"notes file {self.path} was written by a newer igtui: it is read-only "
                    "here; nothing was changed"
                )
            new_records, result = change(records)
            if new_records != records:
                self._write(new_records)
        return result

    def _write(self, records: list[Bookmark]) -> None:
        self._clean_stale_temp_files()
        write_atomic(self.path, _encode(records))

    def _clean_stale_temp_files(self) -> None:
        # temp files are only made under the lock, so any present now belong to a killed writer
        folder = real_path(self.path).parent
        for stale in folder.glob(f".{real_path(self.path).name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


def _backup_path(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    base = path.with_name(f"{path.name}.corrupt-{stamp}")
    candidate, i = base, 1
    # the lock is held, so no other igtui can claim the name between check and rename
    while candidate.exists():
        candidate = base.with_name(f"{base.name}-{i}")
        i += 1
    return candidate


def _encode(records: list[Bookmark]) -> bytes:
    return (json_text(document_json(records), indent=1) + "\n").encode("utf-8")


def _write_failed(path: Path, err: OSError) -> str:
    return f"could not save notes to {path}: {err.strerror or err}; the saved notes are unchanged"


def _replaced(records: list[Bookmark], new: Bookmark) -> list[Bookmark]:
    return [new if b.id == new.id else b for b in records]


def _find(records: list[Bookmark], doc: Document, n: int) -> Bookmark | None:
    """The bookmark that anchors to paragraph `n` of `doc` today.

    Matching by anchor rather than by stored `n` means a bookmark whose paragraph moved is
    still recognised (toggling it off works, adding it again does not duplicate it).
    """
    mine = [b for b in records if b.doc == doc.id]
    here = quote_hash(doc.paragraph(n).text)
    # the common case, and cheap: nothing moved since the bookmark was made
    for b in mine:
        if b.n == n and b.quote_hash == here:
            return b
    moved = [b for b in mine if not _in_place(b, doc)]
    if not moved:
        return None
    index = DocIndex(doc)
    for b in moved:
        match = locate(b.anchor, index, b.n)
        if match is not None and match.n == n:
            return b
    return None


def _in_place(b: Bookmark, doc: Document) -> bool:
    """Whether the bookmark's paragraph still holds its quote (so it cannot have moved to n)."""
    return 1 <= b.n <= len(doc.paragraphs) and quote_hash(doc.paragraph(b.n).text) == b.quote_hash
