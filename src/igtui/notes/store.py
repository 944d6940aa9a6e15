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
  (disk full, read-only folder) raises NotesWriteError and leaves the old file as it was.
- A file that cannot be read is moved aside to a dated backup (never overwritten) and the store
  carries on empty, with a one-line warning saying where the backup went.
- Readers take no lock: thanks to the atomic replace they always see a whole file.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

import filelock

from igtui import storage
from igtui.corpus.model import Document
from igtui.notes.anchoring import DocIndex, locate, quote_hash
from igtui.notes.records import (
    Bookmark,
    NotesFormatError,
    document_json,
    now_iso,
    parse_json,
)
from igtui.storage import write_atomic

FILE_NAME = "notes.json"
# long enough for a slow disk under another writer, short enough to report a wedged lock
LOCK_TIMEOUT = 15.0

T = TypeVar("T")


class NotesWriteError(Exception):
    """Saving failed (disk full, read-only folder, lock held); the saved file is unchanged."""


class NotesStore:
    """The notes file. Each call re-reads it, so several stores on one file stay consistent."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else storage.data_dir() / FILE_NAME
        self.lock = filelock.FileLock(f"{self.path}.lock", timeout=LOCK_TIMEOUT)
        # one-line messages for the user (backups made, unreadable files)
        self.warnings: list[str] = []

    # reading

    def load(self) -> list[Bookmark]:
        """Every bookmark as stored (positions as saved: see `reanchor`)."""
        try:
            return self._read()
        except NotesFormatError:
            pass
        except OSError as err:
            self._warn(f"cannot read notes file {self.path}: {err.strerror or err}")
            return []
        # unreadable: quarantine under the lock, after checking a writer has not just fixed it
        try:
            with self._locked():
                return self._read_or_quarantine()
        except NotesWriteError as err:
            self._warn(str(err))
            return []

    def find(self, doc: Document, n: int) -> Bookmark | None:
        """The bookmark on paragraph `n` of `doc`, wherever it was when it was made."""
        return _find(self.load(), doc, n)

    # changing

    def add(self, doc: Document, n: int, note: str = "") -> Bookmark:
        """Bookmark paragraph `n` of `doc` (IndexError if there is none).

        If the paragraph is already bookmarked, that bookmark is returned, refreshed to the
        paragraph's current position, with its note replaced when `note` is not empty.
        """
        paragraph = doc.paragraph(n)

        def change(records: list[Bookmark]) -> tuple[list[Bookmark], Bookmark]:
            old = _find(records, doc, n)
            if old is None:
                new = Bookmark.create(doc, paragraph, note)
                return [*records, new], new
            fresh = replace(
                old, n=n, section=paragraph.section, label=paragraph.label, detached=False,
                doc_title=doc.title,
            )
            if note and note != old.note:
                fresh = replace(fresh, note=note, updated=now_iso())
            return _replaced(records, fresh), fresh

        return self._modify(change)

    def update_note(self, bookmark_id: str, note: str) -> Bookmark | None:
        """Set a bookmark's note; None if there is no such bookmark."""

        def change(records: list[Bookmark]) -> tuple[list[Bookmark], Bookmark | None]:
            old = next((b for b in records if b.id == bookmark_id), None)
            if old is None:
                return records, None
            new = replace(old, note=note, updated=now_iso())
            return _replaced(records, new), new

        return self._modify(change)

    def remove(self, bookmark_id: str) -> bool:
        def change(records: list[Bookmark]) -> tuple[list[Bookmark], bool]:
            kept = [b for b in records if b.id != bookmark_id]
            return kept, len(kept) != len(records)

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
                added.append(replace(record, detached=False))
                ids.add(record.id)
                quotes.add(key)
            return [*current, *added], len(added)

        return self._modify(change)

    # internals

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _read(self) -> list[Bookmark]:
        """The stored bookmarks; NotesFormatError if the content is unreadable, OSError if the
        file is (permissions: not a reason to move it aside)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        return parse_json(raw)

    def _read_or_quarantine(self) -> list[Bookmark]:
        """Call with the lock held. An unreadable file is moved aside; NotesWriteError if it
        cannot be, so that nothing ever writes over it."""
        try:
            return self._read()
        except NotesFormatError as err:
            reason = str(err)
        backup = self._backup_path()
        try:
            os.replace(self.path, backup)
        except OSError as err:
            raise NotesWriteError(
                f"notes file {self.path} is unreadable ({reason}) and could not be moved "
                f"aside: {err.strerror or err}"
            ) from err
        self._warn(
            f"notes file {self.path} was unreadable ({reason}); moved it to {backup}, "
            "starting with no bookmarks"
        )
        return []

    def _backup_path(self) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        base = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        candidate, i = base, 1
        # the lock is held, so no other igtui can claim the name between check and rename
        while candidate.exists():
            candidate = base.with_name(f"{base.name}-{i}")
            i += 1
        return candidate

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
            records = self._read_or_quarantine()
            new_records, result = change(records)
            if new_records != records:
                self._clean_stale_temp_files()
                write_atomic(self.path, _encode(new_records))
        return result

    def _clean_stale_temp_files(self) -> None:
        # temp files are only made under the lock, so any present now belong to a killed writer
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


def _encode(records: list[Bookmark]) -> bytes:
    text = json.dumps(document_json(records), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


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
