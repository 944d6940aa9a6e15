"""Pilot tests for the notes screens and the controller the reader calls (issue 5, "In the app")."""

from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from textual import on
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from igtui.app.notes_controller import BookmarksChanged, NotesController
from igtui.app.screens.bookmarks import BookmarksScreen
from igtui.app.screens.confirm import ConfirmScreen
from igtui.app.screens.export_dialog import ExportScreen
from igtui.app.screens.note_editor import NoteEditorScreen
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus, Document
from igtui.notes.store import NotesStore, NotesWriteError
from support import screen_text

DOC_TEXT = """网络治理示例

第一段：网络空间是人类共同的活动空间。

第二段：各国应当尊重网络主权，[bold]不是标记[/bold]。

第三段：The multistakeholder model, with commas, and "quotes".
"""
SIZE = (110, 36)


def make_corpus(folder: Path) -> Corpus:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gov.txt").write_text(DOC_TEXT, encoding="utf-8")
    return load_corpus([folder])


def para(doc: Document, needle: str) -> int:
    """The `n` of the paragraph holding `needle` (numbers change with the parser)."""
    return next(p.n for p in doc.paragraphs if needle in p.text)


class NotesApp(App[None]):
    """A bare app around the controller, recording what the reader would see."""

    def __init__(self, corpus: Corpus, store: NotesStore, export_path: Path | None = None):
        super().__init__()
        self.corpus = corpus
        self.store = store
        self.notes = NotesController(self, corpus, store, export_path=export_path)
        self.changes: list[str | None] = []
        self.notices: list[tuple[str, str]] = []
        self.jumps: list[tuple[str, int]] = []
        self.results: list[Any] = []

    def notify(self, message: str, *, severity: Any = "information", **kwargs: Any) -> None:
        self.notices.append((str(severity), message))
        super().notify(message, severity=severity, **kwargs)

    def on_unmount(self) -> None:
        self.notes.close()

    @on(BookmarksChanged)
    def _changed(self, message: BookmarksChanged) -> None:
        self.changes.append(message.doc_id)

    def show(self, screen: Any) -> None:
        self.push_screen(screen, self.results.append)


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return make_corpus(tmp_path / "docs")


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    return NotesStore(tmp_path / "data" / "notes.json")


async def settle(pilot: Pilot[Any]) -> None:
    """Let queued store jobs finish and the screens they push mount."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


# -- the controller: b, n and the marks ------------------------------------------------------


async def test_toggle_bookmark_marks_and_announces(corpus: Corpus, store: NotesStore) -> None:
    doc = corpus.documents[0]
    n = para(doc, "第一段")
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        app.notes.toggle_bookmark(doc.id, n)
        await settle(pilot)
        assert app.notes.marks(doc.id) == {n}
        assert [b.n for b in store.load()] == [n]
        assert doc.id in app.changes
        app.notes.toggle_bookmark(doc.id, n)
        await settle(pilot)
        assert app.notes.marks(doc.id) == set()
        assert store.load() == []


async def test_marks_load_from_the_file(corpus: Corpus, store: NotesStore) -> None:
    doc = corpus.documents[0]
    n = para(doc, "第三段")
    store.add(doc, n, "written by the CLI")
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.notes.marks(doc.id) == set()  # not read yet: starts the read
        await settle(pilot)
        assert app.notes.marks(doc.id) == {n}
        assert app.notes.all_marks() == {doc.id: {n}}
        assert None in app.changes


class ReaderLike(Screen[None]):
    """Stands in for the reader screen, the controller's `target`."""

    def __init__(self) -> None:
        super().__init__()
        self.changes: list[str | None] = []

    @on(BookmarksChanged)
    def _changed(self, message: BookmarksChanged) -> None:
        self.changes.append(message.doc_id)


async def test_changes_are_posted_to_the_target(corpus: Corpus, store: NotesStore) -> None:
    doc = corpus.documents[0]
    n = para(doc, "第二段")
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        reader = ReaderLike()
        await app.push_screen(reader)
        app.notes.target = reader
        app.notes.toggle_bookmark(doc.id, n)
        await settle(pilot)
        assert reader.changes == [doc.id]


async def test_writes_queued_at_quit_still_land(corpus: Corpus, store: NotesStore) -> None:
    doc = corpus.documents[0]
    first, third = para(doc, "第一段"), para(doc, "第三段")
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE):
        app.notes.toggle_bookmark(doc.id, first)
        app.notes.toggle_bookmark(doc.id, third)
        app.notes.toggle_bookmark(doc.id, first)
        app.exit()
    assert [b.n for b in store.load()] == [third]


async def test_note_editor_ctrl_s_saves_and_bookmarks(corpus: Corpus, store: NotesStore) -> None:
    doc = corpus.documents[0]
    n = para(doc, "第二段")
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        app.notes.edit_note(doc.id, n)
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert "第二段" in screen_text(app)
        await pilot.press(*"ok ")
        editor.text_area.insert("主权\n第二行 ✓")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditorScreen)
        saved = store.find(doc, n)
        assert saved is not None and saved.note == "ok 主权\n第二行 ✓"
        assert app.notes.marks(doc.id) == {n}
        # reopening shows the saved note, and clearing it keeps the bookmark with no note
        app.notes.edit_note(doc.id, n)
        await settle(pilot)
        assert app.screen.text_area.text == "ok 主权\n第二行 ✓"
        app.screen.text_area.clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = store.find(doc, n)
        assert saved is not None and saved.note == ""


async def test_editor_escape_asks_before_discarding(corpus: Corpus, store: NotesStore) -> None:
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        app.show(NoteEditorScreen("quote", "old note"))
        await pilot.pause()
        await pilot.press("escape")  # unchanged: closes at once
        await pilot.pause()
        assert app.results == [None]

        app.show(NoteEditorScreen("quote", "old note"))
        await pilot.pause()
        await pilot.press("x", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.text_area.text == "old notex"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert app.results == [None, None]
        assert not isinstance(app.screen, NoteEditorScreen | ConfirmScreen)


async def test_editor_shows_brackets_literally(corpus: Corpus, store: NotesStore) -> None:
    doc = corpus.documents[0]
    paragraph = doc.paragraph(para(doc, "第二段"))
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        app.show(NoteEditorScreen(paragraph.text, "[bold]my note[/bold]", heading="[i]h[/i]"))
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]不是标记[/bold]" in text
        assert "[bold]my note[/bold]" in text
        assert "[i]h[/i]" in text


class FailingStore(NotesStore):
    def save_note(self, note: str, **kwargs: Any) -> Any:
        raise NotesWriteError(f"could not save notes to {self.path}: No space left on device")


async def test_failed_save_keeps_the_typed_note(corpus: Corpus, tmp_path: Path) -> None:
    doc = corpus.documents[0]
    n = para(doc, "第一段")
    store = FailingStore(tmp_path / "data" / "notes.json")
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        app.notes.edit_note(doc.id, n)
        await settle(pilot)
        app.screen.text_area.insert("不要丢失")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert ("error", f"could not save notes to {store.path}: No space left on device") in (
            app.notices
        )
        # the editor is back with the text, and says why
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert editor.text_area.text == "不要丢失"
        assert "No space left" in screen_text(app)
        assert store.load() == []


# -- the bookmarks list ----------------------------------------------------------------------


async def open_list(app: NotesApp, pilot: Pilot[Any]) -> BookmarksScreen:
    app.notes.open_bookmarks(lambda doc_id, n: app.jumps.append((doc_id, n)))
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, BookmarksScreen)
    return screen


def options(screen: BookmarksScreen) -> list[str]:
    listing = screen.query_one(OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


@pytest.fixture
def two_notes(corpus: Corpus, store: NotesStore) -> tuple[int, int]:
    doc = corpus.documents[0]
    first, third = para(doc, "第一段"), para(doc, "第三段")
    store.add(doc, first, "[bold]注意[/bold] 这是笔记\n第二行")
    store.add(doc, third, "about stakeholders")
    return first, third


async def test_bookmarks_list_shows_entries_and_jumps(
    corpus: Corpus, store: NotesStore, two_notes: tuple[int, int]
) -> None:
    doc = corpus.documents[0]
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_list(app, pilot)
        rows = options(screen)
        assert len(rows) == 2
        assert (
            doc.title in rows[0] and "第一段" in rows[0] and "[bold]注意[/bold] 这是笔记" in rows[0]
        )
        assert "第二行" not in rows[0]  # only the note's first line
        assert "[bold]注意[/bold]" in screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.jumps == [(doc.id, two_notes[1])]
        assert not isinstance(app.screen, BookmarksScreen)


async def test_bookmarks_delete_after_confirmation(
    corpus: Corpus, store: NotesStore, two_notes: tuple[int, int]
) -> None:
    doc = corpus.documents[0]
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_list(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert len(store.load()) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert [b.n for b in store.load()] == [two_notes[1]]
        assert app.screen is screen and len(options(screen)) == 1
        assert app.notes.marks(doc.id) == {two_notes[1]}
        assert doc.id in app.changes


class GatedStore(NotesStore):
    """Holds `remove` until the test opens the gate, like a lock held by another program."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.gate = threading.Event()

    def remove(self, bookmark_id: str) -> bool:
        assert self.gate.wait(10)
        return super().remove(bookmark_id)


async def test_bookmarks_closed_before_the_delete_lands(
    corpus: Corpus, two_notes: tuple[int, int], tmp_path: Path
) -> None:
    store = GatedStore(tmp_path / "data" / "notes.json")
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        await open_list(app, pilot)
        await pilot.press("d", "y", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)  # the UI did not wait
        store.gate.set()
        await settle(pilot)
        assert len(store.load()) == 1
        assert not isinstance(app.screen, BookmarksScreen)


async def test_bookmarks_filter_as_you_type(
    corpus: Corpus, store: NotesStore, two_notes: tuple[int, int]
) -> None:
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_list(app, pilot)
        await pilot.press("slash")
        assert isinstance(screen.focused, Input)
        await pilot.press(*"stakeholder")  # in the third paragraph's note and quote
        await pilot.pause()
        assert len(options(screen)) == 1 and "第三段" in options(screen)[0]
        screen.query_one(Input).value = "这是笔记"  # in the first one's note only
        await pilot.pause()
        assert len(options(screen)) == 1 and "第一段" in options(screen)[0]
        screen.query_one(Input).value = "nothing like this"
        await pilot.pause()
        assert options(screen) == []
        await pilot.press("escape")  # leaves the filter, then closes
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)


async def test_bookmarks_n_edits_the_note(
    corpus: Corpus, store: NotesStore, two_notes: tuple[int, int]
) -> None:
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_list(app, pilot)
        await pilot.press("down", "n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert editor.text_area.text == "about stakeholders"
        editor.text_area.text = "重写的笔记"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        notes = {b.n: b.note for b in store.load()}
        assert notes[two_notes[1]] == "重写的笔记"
        assert "重写的笔记" in options(screen)[1]


async def test_detached_bookmark_is_listed_with_its_quote(
    tmp_path: Path, store: NotesStore
) -> None:
    folder = tmp_path / "docs"
    corpus = make_corpus(folder)
    doc = corpus.documents[0]
    store.add(doc, para(doc, "第三段"), "kept")
    (folder / "gov.txt").write_text(DOC_TEXT.split("第三段")[0], encoding="utf-8")
    app = NotesApp(load_corpus([folder]), store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_list(app, pilot)
        [row] = options(screen)
        assert "detached" in row and "第三段" in row and "kept" in row
        assert app.notes.marks(doc.id) == set()


# -- export ----------------------------------------------------------------------------------


async def export_to(app: NotesApp, pilot: Pilot[Any], fmt: str) -> ExportScreen:
    app.notes.open_export()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    if fmt != "md":
        await pilot.click(f"#format-{fmt}")
        await pilot.pause()
    screen.path_input.focus()
    await pilot.press("enter")
    await settle(pilot)
    return screen


@pytest.mark.parametrize("fmt", ["md", "json", "csv"])
async def test_export_writes_each_format(
    corpus: Corpus, store: NotesStore, two_notes: tuple[int, int], tmp_path: Path, fmt: str
) -> None:
    app = NotesApp(corpus, store, export_path=tmp_path / "out" / "notes.md")
    (tmp_path / "out").mkdir()
    async with app.run_test(size=SIZE) as pilot:
        await export_to(app, pilot, fmt)
        assert not isinstance(app.screen, ExportScreen)
        written = tmp_path / "out" / f"notes.{fmt}"
        assert [p.name for p in (tmp_path / "out").iterdir()] == [written.name]
        data = written.read_bytes()
        if fmt == "md":
            text = data.decode("utf-8")
            assert "> 第一段" in text and "[bold]注意[/bold] 这是笔记" in text
        elif fmt == "json":
            records = json.loads(data)["bookmarks"]
            assert {r["note"] for r in records} == {
                "[bold]注意[/bold] 这是笔记\n第二行",
                "about stakeholders",
            }
        else:
            assert data.startswith(b"\xef\xbb\xbf")
            rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
            assert len(rows) == 2 and '"quotes"' in rows[1]["quote"]
        assert any(str(written) in message for _, message in app.notices)


async def test_export_refuses_to_overwrite_without_confirmation(
    corpus: Corpus, store: NotesStore, two_notes: tuple[int, int], tmp_path: Path
) -> None:
    target = tmp_path / "existing.md"
    target.write_text("keep me", encoding="utf-8")
    app = NotesApp(corpus, store, export_path=target)
    async with app.run_test(size=SIZE) as pilot:
        screen = await export_to(app, pilot, "md")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert target.read_text(encoding="utf-8") == "keep me"
        assert "exists" in str(screen.query_one("#export-error", Static).visual)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "第一段" in target.read_text(encoding="utf-8")
        assert not isinstance(app.screen, ExportScreen | ConfirmScreen)


async def test_export_reports_a_missing_folder(
    corpus: Corpus, store: NotesStore, tmp_path: Path
) -> None:
    app = NotesApp(corpus, store, export_path=tmp_path / "no" / "such" / "out.md")
    async with app.run_test(size=SIZE) as pilot:
        screen = await export_to(app, pilot, "md")
        assert app.screen is screen
        assert "Could not write" in str(screen.query_one("#export-error", Static).visual)


# -- a corrupted notes file ------------------------------------------------------------------


async def test_corrupted_file_is_backed_up_and_the_app_carries_on(
    corpus: Corpus, store: NotesStore
) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{not json", encoding="utf-8")
    doc = corpus.documents[0]
    n = para(doc, "第一段")
    app = NotesApp(corpus, store)
    async with app.run_test(size=SIZE) as pilot:
        app.notes.load()
        await settle(pilot)
        warnings = [m for severity, m in app.notices if severity == "warning"]
        [backup] = store.path.parent.glob("notes.json.corrupt-*")
        assert len(warnings) == 1 and str(backup) in warnings[0]
        assert backup.read_text(encoding="utf-8") == "{not json"
        app.notes.toggle_bookmark(doc.id, n)
        await settle(pilot)
        assert app.notes.marks(doc.id) == {n}
        # shown once, not on every later read
        assert len([m for severity, m in app.notices if severity == "warning"]) == 1
