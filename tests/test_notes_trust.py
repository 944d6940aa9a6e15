"""Notes a person can trust (issue 12): nothing lost by a second `notes add`, a bad record, a
newer igtui's file, absurd input, duplicate ids, a symlinked or non-regular notes.json."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from igtui.cli.main import main
from igtui.notes import records as notes_records
from igtui.notes import store as notes_store
from igtui.notes.merging import append_note, merge_notes
from igtui.notes.records import parse_file
from igtui.notes.store import ANY, NoteChanged, NotesStore, NotesWriteError
from notes_worker import synthetic_document

TEXTS = ["一、引言", "我们重申互联网治理应当多边、透明和民主。", "（已达成一致）", "我们确认……"]


@pytest.fixture
def doc():
    return synthetic_document("wsis", TEXTS, title="信息社会世界峰会")


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    return NotesStore(tmp_path / "notes.json")


def file_json(records: list[dict], version: int = 1) -> bytes:
    return json.dumps({"schema": "igtui-notes", "version": version, "bookmarks": records},
                      ensure_ascii=False).encode()


def backups(store: NotesStore) -> list[Path]:
    return sorted(store.path.parent.glob("notes.json.corrupt-*"))


# -- one bookmark, one note per paragraph ----------------------------------------------------


def test_adding_a_note_where_there_is_one_appends_it(store: NotesStore, doc) -> None:
    first = store.add_note(doc, 2, "第一条笔记")
    assert first.created and not first.appended
    second = store.add_note(doc, 2, "second note")
    assert second.appended and second.bookmark.id == first.bookmark.id
    assert second.bookmark.note == "第一条笔记\n\nsecond note"  # the first text is kept
    again = store.add_note(doc, 2, "second note")  # a script run twice does not repeat it
    assert not again.appended and again.bookmark.note == "第一条笔记\n\nsecond note"
    assert len(store.load()) == 1


def test_update_note_replaces_on_purpose(store: NotesStore, doc) -> None:
    b = store.add(doc, 2, "old")
    assert store.update_note(b.id, "new").note == "new"


def test_save_note_merges_a_change_made_elsewhere(store: NotesStore, doc) -> None:
    b = store.add(doc, 2, "line one\nline two\nline three\nline four")
    other = NotesStore(store.path)
    other.update_note(b.id, "line one\nline two\nline three\nline four, edited elsewhere")
    saved = store.save_note("line one, edited here\nline two\nline three\nline four",
                            base=b.note, bookmark_id=b.id)
    assert saved.outcome == "merged"
    assert store.load()[0].note == (
        "line one, edited here\nline two\nline three\nline four, edited elsewhere"
    )


def test_save_note_keeps_text_appended_elsewhere(store: NotesStore, doc) -> None:
    b = store.add(doc, 2, "mine")
    store.add(doc, 2, "appended by the CLI")
    saved = store.save_note("mine, edited", base="mine", bookmark_id=b.id)
    assert saved.outcome == "merged"
    assert store.load()[0].note == "mine, edited\n\nappended by the CLI"


def test_save_note_reports_a_conflict_and_writes_nothing(store: NotesStore, doc) -> None:
    b = store.add(doc, 2, "one line")
    store.update_note(b.id, "changed elsewhere")
    saved = store.save_note("changed here", base="one line", bookmark_id=b.id)
    assert saved.outcome == "conflict" and saved.bookmark.note == "changed elsewhere"
    assert store.load()[0].note == "changed elsewhere"


def test_merge_rules() -> None:
    assert merge_notes("a", "a", "b") == "b"
    assert merge_notes("a", "b", "a") == "b"
    assert merge_notes("", "mine", "theirs") == "theirs\n\nmine"
    assert merge_notes("a", "x", "y") is None
    assert append_note("", "x") == "x" and append_note("x", "") == "x"


def test_pop_only_removes_the_note_that_was_seen_and_restore_brings_it_back(
    store: NotesStore, doc
) -> None:
    b = store.add(doc, 2, "seen note")
    store.update_note(b.id, "changed meanwhile")
    with pytest.raises(NoteChanged):
        store.pop(b.id, note="seen note")
    assert len(store.load()) == 1
    removed = store.pop(b.id, note="changed meanwhile")
    assert removed is not None and store.load() == []
    back = store.restore(removed)
    assert store.load() == [back] and back.id == b.id and back.note == "changed meanwhile"


def test_toggle_seen_acts_on_what_was_shown(store: NotesStore, doc) -> None:
    # shown nothing, but another igtui bookmarked it meanwhile: kept, not removed
    made_elsewhere = NotesStore(store.path).add(doc, 2)
    assert store.toggle_seen(doc, 2, None).outcome == "already"
    assert len(store.load()) == 1
    # shown, without a note: removed
    assert store.toggle_seen(doc, 2, made_elsewhere.id).outcome == "removed"
    assert store.load() == []
    # shown, but removed elsewhere meanwhile: nothing to do
    assert store.toggle_seen(doc, 2, made_elsewhere.id).outcome == "gone"
    # with a note: never removed without asking
    noted = store.add(doc, 3, "a note")
    assert store.toggle_seen(doc, 3, noted.id).outcome == "ask"
    assert store.toggle_seen(doc, 3, ANY).outcome == "ask"
    assert len(store.load()) == 1
    assert store.toggle_seen(doc, 1, None).outcome == "added"


# -- tolerant loading ------------------------------------------------------------------------


@pytest.mark.parametrize("field, value", [("n", "5"), ("note", None), ("quote", 3)])
def test_a_bad_record_costs_only_itself(store: NotesStore, doc, field, value) -> None:
    good = [store.add(doc, 1, "keep me").as_json(), store.add(doc, 2, "and me").as_json()]
    bad = {**good[0], "id": "bad", field: value}
    raw = file_json([good[0], bad, good[1]])
    store.path.write_bytes(raw)
    loaded = NotesStore(store.path)
    assert [b.note for b in loaded.load()] == ["keep me", "and me"]
    [backup] = backups(store)
    assert backup.read_bytes() == raw  # the whole file as it was: nothing of it is lost
    [warning] = loaded.warnings
    assert "1 unreadable" in warning and str(backup) in warning and "\n" not in warning
    # the file now holds the good records; reading it again warns no more
    again = NotesStore(store.path)
    assert len(again.load()) == 2 and again.warnings == []


def test_a_newer_igtuis_file_is_read_only_and_never_rewritten(store: NotesStore, doc) -> None:
    record = store.add(doc, 1, "from the future").as_json()
    raw = file_json([{**record, "colour": "blue"}, {"id": 1}], version=2)
    store.path.write_bytes(raw)
    newer = NotesStore(store.path)
    assert [b.note for b in newer.load()] == ["from the future"]
    assert newer.read_only and "newer igtui" in newer.warnings[0]
    with pytest.raises(NotesWriteError, match="newer"):
        newer.add(doc, 2, "x")
    with pytest.raises(NotesWriteError):
        newer.remove(record["id"])
    assert store.path.read_bytes() == raw and backups(store) == []


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000 + b"]" * 100_000,  # RecursionError in the JSON reader
        b'{"schema": "igtui-notes", "version": 1, "bookmarks": [' + b"1" * 100_000 + b"]}",
    ],
    ids=["deeply-nested", "million-digit-int"],
)
def test_absurd_input_is_moved_aside_not_a_crash(store: NotesStore, doc, raw: bytes) -> None:
    store.path.write_bytes(raw)
    assert store.load() == []
    [backup] = backups(store)
    assert backup.read_bytes() == raw and not store.path.exists()
    assert store.add(doc, 1).n == 1


def test_memory_error_while_reading_moves_the_file_aside(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.path.write_bytes(file_json([]))

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(notes_records.json, "loads", exhausted)
    assert store.load() == []
    monkeypatch.undo()
    assert len(backups(store)) == 1


def test_a_huge_file_is_not_read_into_memory(
    store: NotesStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes_store, "MAX_FILE_BYTES", 1000)
    store.path.write_bytes(file_json([]) + b" " * 2000)
    assert store.load() == [] and "larger than" in store.warnings[0]
    assert len(backups(store)) == 1


def test_duplicate_ids_are_made_unique(store: NotesStore, doc, capsys) -> None:
    one = store.add(doc, 1, "one").as_json()
    two = {**store.add(doc, 2, "two").as_json(), "id": one["id"]}
    store.path.write_bytes(file_json([one, two]))
    loaded = NotesStore(store.path).load()
    assert len({b.id for b in loaded}) == 2 and [b.note for b in loaded] == ["one", "two"]
    assert parse_file(file_json([one, two])).renamed == 1
    # the new ids stay (written back), and each can be removed on its own
    assert [b.id for b in NotesStore(store.path).load()] == [b.id for b in loaded]
    assert NotesStore(store.path).remove(loaded[1].id)
    assert [b.note for b in NotesStore(store.path).load()] == ["one"]


def test_writes_go_through_a_symlink(tmp_path: Path, doc) -> None:
    synced = tmp_path / "Dropbox" / "notes.json"
    synced.parent.mkdir()
    link = tmp_path / "data" / "notes.json"
    link.parent.mkdir()
    link.symlink_to(synced)
    store = NotesStore(link)
    store.add(doc, 1, "through the link")
    assert link.is_symlink() and os.readlink(link) == str(synced)
    assert "through the link" in synced.read_text(encoding="utf-8")
    synced.write_text("{garbage", encoding="utf-8")
    assert NotesStore(link).load() == []
    assert link.is_symlink() and list(synced.parent.glob("notes.json.corrupt-*"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_not_waited_on(store: NotesStore, doc) -> None:
    os.mkfifo(store.path)
    result: list[object] = []
    reader = threading.Thread(target=lambda: result.append(store.load()), daemon=True)
    reader.start()
    reader.join(5)
    assert result == [[]], "reading a FIFO notes.json hung"
    assert "not a regular file" in store.warnings[0]
    with pytest.raises(NotesWriteError):
        store.add(doc, 1)
    assert not store.path.is_file()  # never replaced by a plain file


# -- the CLI -----------------------------------------------------------------------------------


@pytest.fixture
def seed(seeds_corpus) -> tuple[str, str]:
    """(doc id, the locator of ¶51) of the bundled WSIS text."""
    return "000_3f5ce4a327935987", "51"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_notes_add_appends_and_says_so(capsys, seed) -> None:
    doc, where = seed
    code, out, _ = run(capsys, "notes", "add", doc, where, "--note", "第一条")
    bookmark_id = out.strip()
    code, out, err = run(capsys, "notes", "add", doc, where, "--note", "second")
    assert code == 0 and out.strip() == bookmark_id
    assert "already had a note" in err and "added this one after it" in err
    [b] = NotesStore().load()
    assert b.note == "第一条\n\nsecond"
    assert run(capsys, "notes", "edit", bookmark_id[:6], "--note", "replaced")[0] == 0
    assert NotesStore().load()[0].note == "replaced"


def test_cli_notes_rm_says_what_it_removed(capsys, seed) -> None:
    doc, where = seed
    bookmark_id = run(capsys, "notes", "add", doc, where, "--note", "重要的笔记\n第二行")[1].strip()
    code, out, _ = run(capsys, "notes", "rm", bookmark_id)
    assert code == 0 and bookmark_id in out and "¶51" in out
    assert "重要的笔记" in out and "第二行" in out  # the note is in the output: nothing unseen
    assert NotesStore().load() == []


def test_cli_import_of_a_huge_file_is_bounded(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes_store, "MAX_FILE_BYTES", 1000)
    huge = tmp_path / "huge.json"
    huge.write_bytes(file_json([]) + b" " * 5000)
    code, _, err = run(capsys, "notes", "import", str(huge))
    assert code == 2 and "larger than" in err and err.count("\n") == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_cli_import_refuses_a_fifo(capsys, tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "notes", "import", str(fifo))
    assert code == 2 and "not a regular file" in err


def test_cli_import_keeps_the_good_records(capsys, tmp_path: Path, doc, store) -> None:
    good = store.add(doc, 1, "good").as_json()
    exported = tmp_path / "export.json"
    exported.write_bytes(file_json([good, {**good, "id": "x", "n": "1"}]))
    code, out, err = run(capsys, "notes", "import", str(exported))
    assert code == 0 and "imported 1 of 1" in out and "skipped 1 unreadable" in err


def test_cli_commands_survive_a_bad_notes_file(capsys, seed) -> None:
    path = NotesStore().path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"[" * 100_000)
    code, _, err = run(capsys, "notes", "list")
    assert code == 0 and "moved it to" in err


# -- files that are not files ----------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_export_never_replaces_a_device(capsys, seed) -> None:
    doc, where = seed
    run(capsys, "notes", "add", doc, where)
    for force in ([], ["--force"]):
        code, _, err = run(capsys, "export", "-o", "/dev/null", *force)
        assert code == 2 and "not a regular file" in err
    assert Path("/dev/null").is_char_device()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_export_never_replaces_a_fifo(capsys, seed, tmp_path: Path) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "export", "-o", str(fifo), "--force")
    assert code == 2 and "not a regular file" in err and not fifo.is_file()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("command", ["outline", "search", "concord"])
def test_a_device_or_fifo_as_path_is_an_error_not_a_hang(
    capsys, tmp_path: Path, command: str
) -> None:
    fifo = tmp_path / "doc.txt"
    os.mkfifo(fifo)
    args = {"outline": [], "search": ["网络"], "concord": ["网络"]}[command]
    for path in ("/dev/zero", str(fifo)):
        code, out, err = run(capsys, command, *args, path)
        assert code == 2 and "not a regular file or folder" in err and out == ""


def test_an_oversized_document_is_skipped_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from igtui.corpus import decoding
    from igtui.corpus.loading import load_corpus

    monkeypatch.setattr(decoding, "MAX_DOCUMENT_BYTES", 100)
    (tmp_path / "big.txt").write_text("网络主权" * 100, encoding="utf-8")
    (tmp_path / "small.txt").write_text("网络主权", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["small"]
    [message] = corpus.errors
    assert "big.txt" in message and "larger than 100 bytes" in message
