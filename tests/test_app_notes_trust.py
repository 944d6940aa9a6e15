"""Notes a person can trust, in the reader (issue 12): `b` asks before dropping a note and
acts on what the file holds, `u` undoes, another igtui's notes show up, the editor merges or
asks, ✎ marks a note and `N` shows it, an empty corpus takes `b` and `n`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from igtui.app.app import IgtuiApp
from igtui.app.main import make_app
from igtui.app.screens.bookmarks import BookmarksScreen
from igtui.app.screens.confirm import ConfirmScreen
from igtui.app.screens.export_dialog import ExportScreen
from igtui.app.screens.note_editor import NoteEditorScreen
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus
from igtui.notes.store import NotesStore
from support import pane_text, screen_text

SIZE = (100, 30)
BOOKMARK, NOTE_MARK = "◆", "✎"  # the gutter marks of a bare bookmark and of a note
DOC_TEXT = """治理笔记

第一段：网络空间是人类共同的活动空间，各方应当共同维护。

第二段：各国应当尊重网络主权，推动构建网络空间命运共同体。

第三段：The multistakeholder model brings governments and civil society together.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "memo.txt").write_text(DOC_TEXT, encoding="utf-8")
    return load_corpus([folder])


def n_of(corpus: Corpus, needle: str) -> int:
    return next(p.n for p in corpus.documents[0].paragraphs if needle in p.text)


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def at(app: IgtuiApp, pilot: Pilot[Any], corpus: Corpus, needle: str) -> int:
    n = n_of(corpus, needle)
    app.reader.goto(corpus.documents[0].id, n)
    await settle(pilot)
    return n


def notes() -> list[tuple[int, str]]:
    return [(b.n, b.note) for b in NotesStore().load()]


async def test_b_on_a_note_asks_first_and_u_brings_it_back(corpus: Corpus) -> None:
    doc = corpus.documents[0]
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        n = await at(app, pilot, corpus, "第二段")
        NotesStore().add(doc, n, "一条重要的笔记\nsecond line")
        app.reader.notes.load()
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # used to delete the note at once
        assert "一条重要的笔记" in screen_text(app)
        await pilot.press("n")  # keep
        await settle(pilot)
        assert notes() == [(n, "一条重要的笔记\nsecond line")]
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert notes() == []
        assert n not in app.reader.pane.marks
        await pilot.press("u")
        await settle(pilot)
        assert notes() == [(n, "一条重要的笔记\nsecond line")]
        assert n in app.reader.pane.marks


async def test_b_without_a_note_removes_and_u_undoes(corpus: Corpus) -> None:
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        n = await at(app, pilot, corpus, "第一段")
        await pilot.press("b")
        await settle(pilot)
        [bookmark] = NotesStore().load()
        await pilot.press("b")
        await settle(pilot)
        assert NotesStore().load() == []
        await pilot.press("u")
        await settle(pilot)
        assert NotesStore().load() == [bookmark]  # the same record: id, dates
        assert n in app.reader.pane.marks


async def test_a_note_added_by_the_cli_shows_up_and_b_does_not_delete_it(
    corpus: Corpus,
) -> None:
    doc = corpus.documents[0]
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        n = await at(app, pilot, corpus, "第三段")
        assert n not in app.reader.pane.marks
        # `igtui notes add` in another terminal, while the reader is open
        NotesStore().add(doc, n, "written by the CLI")
        # `b` before the reader noticed: it acts on the file, not its stale view
        await pilot.press("b")
        await settle(pilot)
        assert notes() == [(n, "written by the CLI")]
        assert not isinstance(app.screen, ConfirmScreen)
        assert n in app.reader.pane.marks and n in app.reader.pane.notes
        assert any("Already bookmarked" in t.message for t in app._notifications)


async def test_the_reader_watches_the_notes_file(corpus: Corpus) -> None:
    doc = corpus.documents[0]
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        n = await at(app, pilot, corpus, "第一段")
        NotesStore().add(doc, n, "from elsewhere")
        app.reader.notes.check_file()  # what the once-a-second timer calls
        await settle(pilot)
        assert app.reader.pane.notes == {n: "from elsewhere"}
        assert NOTE_MARK in pane_text(app.reader.pane)


async def test_gutter_tells_a_note_from_a_bookmark_and_n_shows_the_note(
    corpus: Corpus,
) -> None:
    doc = corpus.documents[0]
    first, second = n_of(corpus, "第一段"), n_of(corpus, "第二段")
    NotesStore().add(doc, first)
    NotesStore().add(doc, second, "短评：这一段很关键\n第二行笔记")
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        await at(app, pilot, corpus, "第一段")
        lines = pane_text(app.reader.pane).splitlines()
        row = {line[1] for line in lines if "第一段" in line or "第二段" in line}
        assert row == {BOOKMARK, NOTE_MARK}
        assert next(line for line in lines if "第二段" in line)[1] == NOTE_MARK
        assert "第二行笔记" not in pane_text(app.reader.pane)
        await pilot.press("N")
        await pilot.pause()
        text = pane_text(app.reader.pane)
        assert "✎ 短评：这一段很关键" in text and "第二行笔记" in text
        # under its paragraph, before the next one
        assert text.index("第二段") < text.index("第二行笔记") < text.index("第三段")
        await pilot.press("N")
        await pilot.pause()
        assert "第二行笔记" not in pane_text(app.reader.pane)


async def test_editor_merges_text_appended_elsewhere(corpus: Corpus) -> None:
    doc = corpus.documents[0]
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        n = await at(app, pilot, corpus, "第二段")
        NotesStore().add(doc, n, "我的笔记")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        NotesStore().add(doc, n, "CLI 追加的内容")  # appended while the editor is open
        app.screen.text_area.text = "我的笔记（改过）"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert notes() == [(n, "我的笔记（改过）\n\nCLI 追加的内容")]


async def test_editor_asks_when_the_same_note_changed_elsewhere(corpus: Corpus) -> None:
    doc = corpus.documents[0]
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        n = await at(app, pilot, corpus, "第二段")
        b = NotesStore().add(doc, n, "原文")
        await pilot.press("n")
        await settle(pilot)
        NotesStore().update_note(b.id, "别处改写")
        app.screen.text_area.text = "这里改写"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # used to overwrite the other change
        assert notes() == [(n, "别处改写")]
        await pilot.press("y")  # keep both
        await settle(pilot)
        assert notes() == [(n, "别处改写\n\n这里改写")]


async def test_editor_review_reopens_with_both_versions(corpus: Corpus) -> None:
    doc = corpus.documents[0]
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        n = await at(app, pilot, corpus, "第二段")
        b = NotesStore().add(doc, n, "原文")
        await pilot.press("n")
        await settle(pilot)
        NotesStore().update_note(b.id, "别处改写")
        app.screen.text_area.text = "这里改写"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("n")  # review
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert editor.text_area.text == "别处改写\n\n这里改写"
        editor.text_area.text = "合并后的笔记"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert notes() == [(n, "合并后的笔记")]


async def test_an_empty_corpus_takes_b_n_and_u(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    skipped = tmp_path / "skipped"
    skipped.mkdir()
    (skipped / "binary.txt").write_bytes(b"\x00\x01\x02")
    for folder in (empty, skipped):
        app = make_app([folder])
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("b", "n", "u", "B")
            await settle(pilot)
            assert app.is_running  # used to raise KeyError on b and n
            assert NotesStore().load() == []


async def test_bookmarks_list_with_duplicate_ids(corpus: Corpus) -> None:
    doc = corpus.documents[0]
    store = NotesStore()
    one = store.add(doc, n_of(corpus, "第一段"), "one").as_json()
    two = {**store.add(doc, n_of(corpus, "第二段"), "two").as_json(), "id": one["id"]}
    store.path.write_text(json.dumps(
        {"schema": "igtui-notes", "version": 1, "bookmarks": [one, two]}
    ), encoding="utf-8")
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("B")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)  # used to crash on the repeated id
        assert len(screen.shown) == 2
        await pilot.press("down", "d", "y")
        await settle(pilot)
        assert [b.note for b in NotesStore().load()] == ["one"]
        await pilot.press("u")
        await settle(pilot)
        assert sorted(b.note for b in NotesStore().load()) == ["one", "two"]
        assert len(screen.shown) == 2


async def test_export_dialog_keeps_the_typed_path_when_focus_moves(
    corpus: Corpus, tmp_path: Path
) -> None:
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        field = screen.query_one(Input)
        field.value = str(tmp_path / "my-notes")
        field.cursor_position = len(field.value)
        await pilot.press("shift+tab")  # to the formats
        await pilot.press("tab")  # and back
        await pilot.press(*".md")
        assert field.value == str(tmp_path / "my-notes.md")  # was replaced by ".md"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
async def test_export_dialog_refuses_a_fifo(corpus: Corpus, tmp_path: Path) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = str(fifo)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert "not a regular file" in screen_text(app)
        assert not fifo.is_file()
