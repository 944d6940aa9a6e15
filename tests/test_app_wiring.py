"""The real app, end to end: search, bookmarks, notes and export keys on the reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from igtui.app.main import make_app
from igtui.app.screens.bookmarks import BookmarksScreen
from igtui.app.screens.export_dialog import ExportScreen
from igtui.app.screens.note_editor import NoteEditorScreen
from igtui.app.screens.search import SearchScreen
from igtui.corpus.loading import load_corpus
from igtui.storage import data_dir

SIZE = (100, 30)


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # one index build for the whole module instead of one per test
    return tmp_path_factory.mktemp("search-cache")


@pytest.fixture(autouse=True)
def _cache(shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IGTUI_CACHE_DIR", str(shared_cache))


def position(app) -> tuple[str, int]:
    return app.reader.doc_id, app.reader.n


def n_of(doc_id: str, needle: str) -> int:
    doc = load_corpus().document(doc_id)
    return next(p.n for p in doc.paragraphs if needle in p.text)


async def wait_for_index(app, pilot) -> None:
    for _ in range(200):
        if app.reader.search.ready:
            return
        await pilot.pause(0.05)
    raise AssertionError("search index never became ready")


async def search_for(app, pilot, query: str) -> None:
    await wait_for_index(app, pilot)
    await pilot.press("slash")
    await pilot.pause()
    assert isinstance(app.screen, SearchScreen)
    await pilot.press(*query)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_search_enter_jumps_and_highlights_the_match() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await search_for(app, pilot, "根服务器")
        await pilot.press("enter")
        await pilot.pause()
        doc = "000_3f5ce4a327935987"
        assert position(app) == (doc, n_of(doc, "根服务器系统"))
        assert "根服务器" in app.reader.pane.highlight[2]


async def test_search_escape_returns_to_where_you_were() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        before = position(app)
        await search_for(app, pilot, "wlzq")
        await pilot.press("escape")
        await pilot.pause()
        assert position(app) == before
        assert not isinstance(app.screen, SearchScreen)


async def test_hash_label_jumps_in_the_current_document() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await search_for(app, pilot, "#45")
        await pilot.press("enter")
        await pilot.pause()
        doc = load_corpus().document(app.reader.doc_id)
        assert doc.paragraph(app.reader.n).label == "45"


async def test_b_toggles_a_bookmark_with_a_gutter_mark_and_saves_it() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        doc_id, n = position(app)
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert n in app.reader.pane.marks
        saved = json.loads((data_dir() / "notes.json").read_text(encoding="utf-8"))
        assert [(b["doc"], b["n"]) for b in saved["bookmarks"]] == [(doc_id, n)]
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert n not in app.reader.pane.marks


async def test_n_writes_a_note_that_the_bookmarks_list_shows_and_jumps_to() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        target = position(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        app.screen.query_one(TextArea).insert("根服务器 [bold]note[/]")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("g")
        assert position(app) != target
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == target
        saved = json.loads((data_dir() / "notes.json").read_text(encoding="utf-8"))
        assert saved["bookmarks"][0]["note"] == "根服务器 [bold]note[/]"


async def test_e_opens_the_export_dialog(tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        field = app.screen.query_one(Input)
        field.value = str(tmp_path / "out.md")
        field.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = (tmp_path / "out.md").read_text(encoding="utf-8")
        # front matter with the cited documents, then the notes under their titles
        assert written.startswith("---\n") and "\n## " in written


async def test_the_screen_is_painted_whole_once_a_toast_has_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual repaints only the cells a closing toast covered, and a wide character cut by
    its edge was lost from the terminal: after the toast, the screen is painted again."""
    from igtui.app.app import IgtuiApp

    painted: list[float] = []
    monkeypatch.setattr(IgtuiApp, "_repaint_screen", lambda self: painted.append(1.0))
    monkeypatch.setattr(IgtuiApp, "NOTIFICATION_TIMEOUT", 0.1)
    app = make_app(corpus=load_corpus())
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify("已加书签")
        await pilot.pause(0.3)
        assert not painted, "not while the toast shows"
        await pilot.pause(0.8)
        assert painted
