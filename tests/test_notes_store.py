"""The notes store: records, the file format, corruption and failed writes."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from igtui.notes import store as notes
from igtui.notes.records import Bookmark, parse_records
from igtui.notes.store import NotesStore, NotesWriteError
from notes_worker import synthetic_document

TEXTS = ["一、引言", "我们重申互联网治理应当多边、透明和民主。", "（已达成一致）", "我们确认……"]
NOTE = '多行笔记：\n[bold]不是标记[/bold], "引号", 逗号,\n\tend ✓'


@pytest.fixture
def doc():
    return synthetic_document("wsis", TEXTS, title="信息社会世界峰会", sections=["第三章", "引言"])


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    return NotesStore(tmp_path / "notes.json")


def test_default_path_is_in_the_data_dir(tmp_path: Path) -> None:
    assert NotesStore().path == tmp_path / "data" / "notes.json"


def test_add_captures_the_anchor_and_round_trips(store: NotesStore, doc) -> None:
    b = store.add(doc, 2, note=NOTE)
    assert (b.doc, b.n, b.quote, b.note) == ("wsis", 2, TEXTS[1], NOTE)
    assert b.context_before == TEXTS[0] and b.context_after == TEXTS[2]
    assert (b.section, b.label, b.doc_title) == (("第三章", "引言"), "2", "信息社会世界峰会")
    assert b.created == b.updated and b.created.endswith("+00:00")
    assert store.load() == [b]
    raw = json.loads(store.path.read_text(encoding="utf-8"))
    assert (raw["schema"], raw["version"]) == ("igtui-notes", 1)
    assert "多行笔记" in store.path.read_text(encoding="utf-8")  # readable, not \u-escaped


def test_adding_the_same_paragraph_again_does_not_duplicate(store: NotesStore, doc) -> None:
    first = store.add(doc, 2)
    assert store.add(doc, 2) == first
    again = store.add(doc, 2, note="now with a note")
    assert again.id == first.id and again.note == "now with a note"
    assert store.add(doc, 2).note == "now with a note"  # an empty note keeps the old one
    assert len(store.load()) == 1


def test_update_remove_toggle_find(store: NotesStore, doc) -> None:
    b = store.add(doc, 1)
    updated = store.update_note(b.id, NOTE)
    assert updated is not None and updated.note == NOTE and store.load()[0].note == NOTE
    assert store.update_note("nope", "x") is None
    assert store.find(doc, 1) == updated and store.find(doc, 2) is None
    toggled = store.toggle(doc, 3)
    assert toggled is not None and store.find(doc, 3) == toggled
    assert store.toggle(doc, 3) is None and store.find(doc, 3) is None
    assert store.remove(b.id) is True and store.remove(b.id) is False
    assert store.load() == []


def test_bookmark_on_a_moved_paragraph_is_recognised(store: NotesStore, doc) -> None:
    b = store.add(doc, 2)
    moved = synthetic_document("wsis", ["新插入的段落", *TEXTS])
    assert store.find(moved, 3) == b
    assert store.add(moved, 3).id == b.id and store.load()[0].n == 3
    assert store.toggle(moved, 3) is None and store.load() == []


def test_paired_translation_is_quoted(store: NotesStore) -> None:
    from igtui.corpus.model import Document, Paragraph

    paras = (
        Paragraph(1, "paragraph", (), "1", "zh", "互联网治理", pair=2),
        Paragraph(2, "paragraph", (), "1", "en", "Internet governance", pair=1),
    )
    doc = Document("bi", "Bilingual", Path("bi.txt"), paras)
    assert store.add(doc, 1).pair_quote == "Internet governance"


def test_import_skips_records_already_present(store: NotesStore, doc, tmp_path: Path) -> None:
    mine = store.add(doc, 1)
    other = NotesStore(tmp_path / "other.json")
    same_quote = other.add(doc, 1, note="another id, same paragraph")
    new = other.add(doc, 2)
    records = other.load()
    assert same_quote.id != mine.id
    assert store.import_records([*records, mine]) == 1
    assert store.import_records(records) == 0
    assert [b.id for b in store.load()] == [mine.id, new.id]


def test_garbage_file_is_moved_aside_and_the_store_carries_on(store: NotesStore, doc) -> None:
    store.path.write_bytes(b"\x00{not json")
    assert store.load() == []
    backups = list(store.path.parent.glob("notes.json.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == b"\x00{not json"
    assert len(store.warnings) == 1 and str(backups[0]) in store.warnings[0]
    assert "\n" not in store.warnings[0]
    store.add(doc, 1)
    assert len(NotesStore(store.path).load()) == 1


def test_backups_are_never_overwritten(store: NotesStore, doc) -> None:
    for garbage in (b"[1, 2", b'{"schema": "igtui-notes", "version": 0, "bookmarks": []}'):
        store.path.write_bytes(garbage)
        store.add(doc, 1)  # a write quarantines too, instead of overwriting
    backups = sorted(p.read_bytes() for p in store.path.parent.glob("notes.json.corrupt-*"))
    assert len(backups) == 2 and backups[0].startswith(b"[1")


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failed_write_raises_and_keeps_the_saved_file(
    store: NotesStore, doc, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    store.add(doc, 1, note="saved")
    before = store.path.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(notes.os, failing, disk_full)
    with pytest.raises(NotesWriteError) as info:
        store.add(doc, 2, note="lost")
    monkeypatch.undo()
    assert "\n" not in str(info.value) and "No space left" in str(info.value)
    assert store.path.read_bytes() == before
    assert not list(store.path.parent.glob(".notes.json.*"))


def test_unwritable_folder_raises_notes_write_error(tmp_path: Path, doc) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(NotesWriteError):
        NotesStore(blocker / "notes.json").add(doc, 1)


def test_new_file_gets_ordinary_permissions(store: NotesStore, doc) -> None:
    store.add(doc, 1)
    mask = os.umask(0)
    os.umask(mask)
    assert store.path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_parse_records_accepts_a_bare_list_and_rejects_other_schemas(store, doc) -> None:
    b = store.add(doc, 1)
    assert parse_records([b.as_json()]) == [b]
    with pytest.raises(ValueError):
        parse_records({"schema": "something-else", "bookmarks": []})


@given(
    note=st.text(), quote=st.text(min_size=1), label=st.none() | st.text(),
    section=st.lists(st.text(), max_size=3), n=st.integers(1, 10**6),
)
def test_records_round_trip_through_json(note, quote, label, section, n) -> None:
    b = Bookmark(
        id="abc", doc="d", n=n, quote=quote, context_before="", context_after="x",
        quote_hash="h", note=note, created="t", updated="u", section=tuple(section),
        label=label, doc_title="T", pair_quote=None, detached=True,
    )
    assert Bookmark.from_json(json.loads(json.dumps(b.as_json()))) == b


def test_an_unreadable_file_is_reported_not_moved(store: NotesStore, doc) -> None:
    store.path.mkdir()  # reading a folder fails like a permission problem does
    assert store.load() == [] and "cannot read" in store.warnings[0]
    with pytest.raises(NotesWriteError):
        store.add(doc, 1)
    assert store.path.is_dir() and not list(store.path.parent.glob("notes.json.corrupt-*"))


def test_a_lock_held_elsewhere_times_out_with_a_message(
    tmp_path: Path, doc, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notes.json"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import filelock, sys, time\n"
         f"lock = filelock.FileLock({str(path)!r} + '.lock'); lock.acquire()\n"
         "print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(notes, "LOCK_TIMEOUT", 0.2)
        with pytest.raises(NotesWriteError, match="locked"):
            NotesStore(path).add(doc, 1)
    finally:
        holder.kill()
        holder.wait()
    assert not path.exists()
    assert NotesStore(path).add(doc, 1).n == 1  # the OS released the dead holder's lock
