"""One key table: the bindings, the footer, the palette and README all come from it."""

from __future__ import annotations

from igtui.app.bindings import (
    BOOKMARKS,
    CONCORDANCE,
    READER,
    SEARCH,
    bindings,
    readme_rows,
)
from igtui.app.main import make_app
from igtui.app.palette import ACTIONS
from igtui.app.screens.bookmarks import BookmarksScreen
from igtui.app.screens.concordance import ConcordanceScreen
from igtui.app.screens.reader import ReaderScreen
from igtui.app.screens.search import SearchScreen
from igtui.corpus.model import Corpus
from support import REPO, screen_lines


def test_readme_lists_every_key_as_the_table_does() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    rows = readme_rows()
    start = readme.index(rows[0])
    assert readme[start:start + len(rows)] == rows


def test_each_screen_binds_exactly_its_table() -> None:
    for screen, table in ((ReaderScreen, READER), (SearchScreen, SEARCH),
                          (BookmarksScreen, BOOKMARKS), (ConcordanceScreen, CONCORDANCE)):
        assert bindings(table) == screen.BINDINGS, screen


def test_the_palette_offers_the_reader_keys_marked_for_it() -> None:
    offered = {action for _name, action, _key in ACTIONS}
    assert offered == {key.action for key in READER if key.palette}
    assert "next_paragraph" not in offered and "search" in offered


# in the footer only while there are matches to step through (test_app_comfort shows them)
AFTER_A_SEARCH = {"next_hit", "prev_hit"}


async def test_the_footer_shows_the_keys_marked_for_it(corpus: Corpus) -> None:
    app = make_app(corpus=corpus)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        footer = screen_lines(app)[-1]
        for key in READER:
            shown = key.footer and key.action not in AFTER_A_SEARCH
            assert (key.label in footer) == shown, key
