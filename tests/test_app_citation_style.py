"""The citation style: chosen in the palette or the export dialog, used by `y` and the export,
kept in the reading state."""

from __future__ import annotations

from pathlib import Path

import pytest

from igtui.app.main import make_app
from igtui.app.screens.export_dialog import ExportScreen
from igtui.app.search_controller import SearchController
from igtui.corpus.model import Corpus
from igtui.reading.citation import reference
from igtui.storage import StateStore

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def _no_search_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchController, "start", lambda self, app: None)


async def test_palette_switches_y_to_chicago_and_remembers_it(
    corpus: Corpus, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    doc = corpus.documents[0]
    app = make_app(corpus=corpus, state_path=state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"citation style chicago")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.citation_style == "chicago"
        app.reader.goto(doc.id, app.reader.n)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard.splitlines()[-1] == reference(doc, "chicago")
        app.save_state()
    assert StateStore(state).load().citation_style == "chicago"
    # the next start reads it back (and hands it to the reader screen it builds)
    again = make_app(corpus=corpus, state_path=state)
    assert again.get_default_screen().citation_style == "chicago"


async def test_export_dialog_style_choice_reaches_the_file_and_the_reader(
    corpus: Corpus, tmp_path: Path
) -> None:
    doc = corpus.documents[0]
    app = make_app(corpus=corpus, state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        app.reader.goto(doc.id, app.reader.n)
        await pilot.press("b")  # something to export
        await pilot.pause(0.2)
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen) and screen.style == "gb7714"
        await pilot.click("#style-chicago")
        await pilot.pause()
        assert screen.style == "chicago" and app.reader.citation_style == "chicago"
        target = tmp_path / "notes.md"
        screen.path_input.value = str(target)
        screen.path_input.focus()
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.05)
            if target.exists():
                break
    text = target.read_text(encoding="utf-8")
    assert text.startswith("---\n") and 'citation-style: "Chicago' in text
    assert reference(doc, "chicago") in text
