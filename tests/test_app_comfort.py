"""Pilot tests of reading comfort: where jumps land, the status line, each document's own place,
the measure, zen and the tree's width, next/previous hit, the search history, popups broken like
the pane, the concordance off the UI thread, an empty corpus, and help listing every key."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Input

import igtui.app.screens as screens_package
from igtui.app.app import IgtuiApp
from igtui.app.bindings import HELP_SECTIONS, READER, bindings, key_label
from igtui.app.main import make_app
from igtui.app.screens import concordance as concordance_screen
from igtui.app.screens.concordance import ConcordanceScreen
from igtui.app.screens.footnotes import FootnotesScreen
from igtui.app.screens.help import HelpScreen
from igtui.app.screens.reader import DEFAULT_MEASURE, MEASURE_STEP, ReaderScreen
from igtui.app.screens.search import SearchScreen
from igtui.app.widgets.line_pane import JUMP_CONTEXT
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.reading.concordance import concordance
from igtui.reading.linebreak import CLOSING
from igtui.reading.pane_layout import GUTTER
from igtui.reading.progress import Progress
from support import screen_lines, screen_text

SIZES = [(80, 24), (120, 36), (200, 50)]
# Chinese body text: 44 characters, so a line of it is as wide as the measure allows
FILLER = ("互联网治理应当坚持多边、民主、透明的原则，"
          "各国政府和利益相关方应当充分参与并发挥各自的作用。")


def long_document(doc_id: str, title: str, sections: int = 12, per_section: int = 4) -> Document:
    """Headed sections of labelled paragraphs, each on its own page, and a footnote."""
    paragraphs: list[Paragraph] = []
    label = 0
    for s in range(1, sections + 1):
        section = (f"第{s}节 关于互联网治理的第{s}个问题",)
        paragraphs.append(Paragraph(n=len(paragraphs) + 1, kind="heading", section=section,
                                    label=None, lang="zh", text=section[0], level=1, page=s))
        for _ in range(per_section):
            label += 1
            paragraphs.append(Paragraph(
                n=len(paragraphs) + 1, kind="paragraph", section=section, label=str(label),
                lang="zh", text=f"{label}. {FILLER * 2}", page=s,
            ))
    last = paragraphs[-1]
    paragraphs[-1] = Paragraph(n=last.n, kind=last.kind, section=last.section, label=last.label,
                               lang="zh", text=last.text + "见注¹。", page=last.page)
    note = "¹ " + "脚注说明，" * 40
    paragraphs.append(Paragraph(n=len(paragraphs) + 1, kind="footnote", section=section,
                                label="1", lang="zh", text=note))
    return Document(id=doc_id, title=title, path=Path(f"/x/{doc_id}.txt"),
                    paragraphs=tuple(paragraphs))


def comfort_corpus() -> Corpus:
    short = Document(id="short", title="中华人民共和国国家安全法", path=Path("/x/short.txt"),
                     paragraphs=(Paragraph(n=1, kind="paragraph", section=(), label=None,
                                           lang="zh", text=FILLER),
                                 Paragraph(n=2, kind="paragraph", section=(), label=None,
                                           lang="zh", text=FILLER)))
    return Corpus(documents=(
        long_document("long", "中华人民共和国未成年人保护法（二〇二〇年修订）"),
        short,
        long_document("other", "中华人民共和国网络安全法（二〇一六年）", sections=3),
    ), key="comfort-corpus")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return comfort_corpus()


def app_for(corpus: Corpus, state: Path | None = None) -> IgtuiApp:
    return make_app(corpus=corpus, state_path=state)


def position(app: IgtuiApp) -> tuple[str, int]:
    return app.reader.doc_id, app.reader.n


def rows_above(app: IgtuiApp, n: int) -> int:
    """How many pane rows are above paragraph `n`'s first row."""
    pane = app.reader.pane
    extent = pane.rows.extent(n)
    assert extent is not None
    return extent[0] - round(pane.scroll_y)


def heading(corpus: Corpus, doc_id: str, section: int) -> int:
    return next(p.n for p in corpus.document(doc_id).paragraphs
                if p.kind == "heading" and p.text.startswith(f"第{section}节"))


def bells(app: IgtuiApp, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    rung: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rung.append(1))
    return rung


# -- jumps land near the top --------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_jumps_land_near_the_top_with_context_above(
    corpus: Corpus, size: tuple[int, int]
) -> None:
    app = app_for(corpus)
    async with app.run_test(size=size) as pilot:
        reader = app.reader
        # the tree: enter on a late section
        late = heading(corpus, "long", 8)
        await pilot.press("tab")
        reader.doc_tree.move_cursor(reader.doc_tree.node_for("long", late))
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == ("long", late)
        assert rows_above(app, late) == JUMP_CONTEXT
        # ] (next section), then ctrl+o back to where that started
        await pilot.press("tab", "right_square_bracket")
        following = heading(corpus, "long", 9)
        assert position(app) == ("long", following)
        assert rows_above(app, following) == JUMP_CONTEXT
        await pilot.press("j", "j", "j", "ctrl+o")
        assert position(app) == ("long", late)
        assert rows_above(app, late) == JUMP_CONTEXT
        # what search results, bookmarks, links and #45 call
        target = late + 2
        reader.jump("long", target)
        await pilot.pause()
        assert rows_above(app, target) == JUMP_CONTEXT
        # the row above the target is the previous paragraph's last line, not a blank
        pane = reader.pane
        line_above = pane.rows.lines[pane.rows.extent(target)[0] - JUMP_CONTEXT]
        assert line_above.n == target - 1


async def test_the_palette_jumps_to_a_section_near_the_top(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to section: 第7节")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        seventh = heading(corpus, "long", 7)
        assert position(app) == ("long", seventh)
        assert rows_above(app, seventh) == JUMP_CONTEXT


async def test_a_click_on_a_shown_paragraph_does_not_scroll(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.reader.pane
        before = round(pane.scroll_y)
        row = next(i for i in range(12, 20) if pane.rows.lines[i].n)
        n = pane.rows.lines[row].n
        await pilot.click("#pane", offset=(pane.indent + 12, row - before))
        await pilot.pause()
        assert position(app) == ("long", n)
        assert round(pane.scroll_y) == before


# -- the status line ----------------------------------------------------------------------------


async def test_the_status_line_says_where_you_are(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = app.reader
        status = reader.status
        assert status.plain.startswith("中华人民共和国未成年人保护法")
        third = heading(corpus, "long", 3)
        reader.jump("long", third + 1)
        await pilot.pause()
        paragraph = reader.paragraph
        assert paragraph.label == "9"
        assert "› 第3节 关于互联网治理的第3个问题" in status.plain
        percent = Progress.of(corpus.document("long")).percent(third + 1)
        assert 0 < percent < 50
        assert status.plain.endswith(f"¶9 · 第3页 · {percent}%")  # the page, as cited
        await pilot.press("G")
        assert status.plain.endswith("[1] · 100%")  # the footnote has no page
        await pilot.press("right_curly_bracket")
        assert status.plain.endswith("@1 · 50%")  # no label: its position (the locator)
        # what the screen shows is the same line
        assert screen_lines(app)[-2].rstrip().endswith("@1 · 50%")


async def test_the_status_line_keeps_its_right_side_in_a_narrow_terminal(
    corpus: Corpus,
) -> None:
    app = app_for(corpus)
    async with app.run_test(size=(40, 12)) as pilot:
        app.reader.jump("long", heading(corpus, "long", 3) + 1)
        await pilot.pause()
        line = screen_lines(app)[-2]
        assert line.rstrip().endswith("¶9 · 第3页 · 18%")
        assert "…" in line  # the title gave way


# -- each document's own place ------------------------------------------------------------------


async def test_each_document_remembers_its_place_across_documents_and_restarts(
    corpus: Corpus, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    app = app_for(corpus, state)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.reader
        place = heading(corpus, "long", 5) + 2
        reader.jump("long", place)
        await pilot.press("right_curly_bracket", "j")
        assert position(app) == ("short", 2)
        await pilot.press("left_curly_bracket")
        assert position(app) == ("long", place)
        assert rows_above(app, place) == JUMP_CONTEXT
        # the tree's document node opens a document where it was left
        tree = reader.doc_tree
        await pilot.press("tab")
        tree.move_cursor(tree.document_node("short"))
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == ("short", 2)
        # ... and the current document's node its start
        tree.move_cursor(tree.document_node("short"))
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == ("short", 1)
        await pilot.press("tab", "j")
        app.save_state()
    saved = json.loads(state.read_text(encoding="utf-8"))
    assert saved["documents"]["comfort-corpus"] == {"long": place, "short": 2}

    again = app_for(corpus, state)
    async with again.run_test(size=(100, 30)) as pilot:
        assert position(again) == ("short", 2)
        await pilot.press("left_curly_bracket")
        assert position(again) == ("long", place)


# -- the measure --------------------------------------------------------------------------------


async def test_the_measure_caps_lines_and_centres_them_in_a_wide_terminal(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state.json"
    app = app_for(corpus, state)
    async with app.run_test(size=(200, 50)) as pilot:
        pane = app.reader.pane
        available = pane.scrollable_content_region.width
        assert pane.rows.width == DEFAULT_MEASURE + GUTTER
        assert pane.indent == (available - pane.rows.width) // 2 > 20
        texts = [line.text for line in pane.rows.lines if line.role == "body"]
        assert max(len(text) for text in texts) == DEFAULT_MEASURE // 2  # 40 characters
        strip = pane.render_line(JUMP_CONTEXT)
        assert strip.cell_length == available
        assert strip.text[: pane.indent].strip() == ""  # the margin
        await pilot.press("minus")
        assert pane.rows.width == DEFAULT_MEASURE - MEASURE_STEP + GUTTER
        assert app.reader.state.measure == DEFAULT_MEASURE - MEASURE_STEP
        await pilot.press("plus", "equals_sign")
        assert pane.rows.width == DEFAULT_MEASURE + MEASURE_STEP + GUTTER
        app.save_state()
    assert json.loads(state.read_text(encoding="utf-8"))["measure"] == DEFAULT_MEASURE + 8

    again = app_for(corpus, state)
    async with again.run_test(size=(80, 24)) as pilot:
        pane = again.reader.pane
        # narrower than the measure: the pane's width, no margin
        assert pane.rows.width == pane.scrollable_content_region.width and pane.indent == 0
        rung = bells(again, monkeypatch)
        await pilot.press("plus")
        assert rung and again.reader.state.measure == DEFAULT_MEASURE + 8


async def test_the_palette_offers_the_measure_and_zen(corpus: Corpus) -> None:
    from igtui.app.palette import ACTIONS

    offered = {action for _name, action, _key in ACTIONS}
    assert {"narrower", "wider", "toggle_tree", "tree_wider", "tree_narrower"} <= offered


# -- zen and the tree ---------------------------------------------------------------------------


async def test_zen_hides_the_tree_and_tab_brings_it_back(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=(120, 36)) as pilot:
        reader = app.reader
        width = reader.pane.size.width
        await pilot.press("z")
        assert not reader.doc_tree.display or reader.doc_tree.size.width == 0
        assert reader.pane.size.width > width
        assert app.focused is reader.pane
        await pilot.press("z")
        assert reader.doc_tree.size.width > 0
        await pilot.press("z", "tab")
        assert reader.doc_tree.size.width > 0 and app.focused is reader.doc_tree


async def test_the_tree_width_changes_and_long_titles_stay_apart(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state.json"
    app = app_for(corpus, state)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.reader
        tree = reader.doc_tree
        rows = [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]
        titles = [row for row in rows if "中华人民共和" in row]
        # cut at the end they would read alike; cut in the middle each keeps its own end
        assert len(titles) == 3 and len(set(titles)) == 3
        assert all("…" in row for row in titles)
        assert titles[1].endswith("国家安全法") and titles[2].endswith("一六年）")
        # a bookmark mark after a long section name shows
        marked = heading(corpus, "long", 1) + 1
        reader.marks_for = lambda doc_id: frozenset({marked}) if doc_id == "long" else frozenset()
        reader.refresh_marks()
        await pilot.pause()
        rows = [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]
        section_row = next(row for row in rows if "第1节" in row)
        assert section_row.endswith("◆") and "…" in section_row
        before = tree.outer_size.width
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert tree.outer_size.width == before + 4
        assert reader.state.tree_width == before + 4
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert tree.outer_size.width == before - 4
        rung = bells(app, monkeypatch)
        for _ in range(10):
            await pilot.press("less_than_sign")
        assert rung and tree.outer_size.width >= 12
        app.save_state()
    assert json.loads(state.read_text(encoding="utf-8"))["tree_width"] == 12


# -- next and previous hit ----------------------------------------------------------------------


async def test_next_and_previous_hit_after_a_concordance_choice(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = concordance(corpus, "利益相关方")
    app = app_for(corpus)
    async with app.run_test(size=(80, 30)) as pilot:
        footer = screen_lines(app)[-1]
        assert "Next hit" not in footer  # nothing to step through yet
        await pilot.press("c", *"利益相关方")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        lines = [line for group in expected.groups for line in group.lines]
        assert position(app) == (lines[0].doc, lines[0].n)
        footer = screen_lines(app)[-1]
        assert "Next hit" in footer and "Quit" in footer  # even at 80 columns
        await pilot.press("full_stop")
        assert position(app) == (lines[1].doc, lines[1].n)
        assert app.reader.pane.highlight == (lines[1].doc, lines[1].n, ("利益相关方",))
        assert f"match 2/{len(lines)}" in app.reader.status.plain
        await pilot.press("comma", "comma")
        assert position(app) == (lines[0].doc, lines[0].n)
        rung = bells(app, monkeypatch)
        await pilot.press("comma")  # the first: stays, says so
        assert rung and position(app) == (lines[0].doc, lines[0].n)


@pytest.fixture(scope="module")
def search_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("search-cache")


async def wait_for_index(app: IgtuiApp, pilot: Any) -> None:
    for _ in range(400):
        if app.reader.search.ready:
            return
        await pilot.pause(0.05)
    raise AssertionError("search index never became ready")


async def search(app: IgtuiApp, pilot: Any, keys: list[str]) -> SearchScreen:
    await pilot.press("slash")
    await pilot.pause()
    assert isinstance(app.screen, SearchScreen)
    await pilot.press(*keys)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


async def test_next_hit_and_the_search_history_on_the_seeds(
    seeds_corpus: Corpus, search_cache: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IGTUI_CACHE_DIR", str(search_cache))
    state = tmp_path / "state.json"
    app = app_for(seeds_corpus, state)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_index(app, pilot)
        screen = await search(app, pilot, list("数字鸿沟"))
        listed = screen.listed
        assert len(listed) >= 3
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == (listed[0].doc, listed[0].n)
        await pilot.press("full_stop")
        second = listed[1]
        assert position(app) == (second.doc, second.n)
        text = seeds_corpus.document(second.doc).paragraph(second.n).text
        assert app.reader.pane.highlight == (
            second.doc, second.n, tuple(text[s:e] for s, e in second.spans))
        assert rows_above(app, second.n) <= JUMP_CONTEXT
        await pilot.press("comma")
        assert position(app) == (listed[0].doc, listed[0].n)

        # the box remembers: ↑ on an empty box recalls the last query, ctrl+p/n walk them
        screen = await search(app, pilot, list("多边"))
        await pilot.press("escape")
        screen = await search(app, pilot, [])
        assert screen.input.value == ""
        await pilot.press("up")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.input.value == "多边" and screen.listed
        await pilot.press("down", "down")  # the arrows move the results again
        assert screen.results.highlighted == 2 and screen.input.value == "多边"
        await pilot.press("up", "up")  # back at the first result, ↑ goes further back
        assert screen.results.highlighted == 0 and screen.input.value == "多边"
        await pilot.press("up")
        assert screen.input.value == "数字鸿沟"
        await pilot.press("ctrl+p")
        assert screen.input.value == "数字鸿沟"  # the oldest: stays
        await pilot.press("ctrl+n")
        assert screen.input.value == "多边"
        await pilot.press("ctrl+n")
        assert screen.input.value == ""  # back to what was typed
        await pilot.press("escape")
        await pilot.pause()
        app.save_state()
    assert json.loads(state.read_text(encoding="utf-8"))["search_history"] == ["数字鸿沟", "多边"]


# -- popups break lines like the pane -----------------------------------------------------------


async def test_the_footnotes_popup_breaks_lines_like_the_pane(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=(60, 24)) as pilot:
        doc = corpus.document("long")
        app.reader.goto("long", doc.paragraphs[-2].n)  # it points to the footnote: ¹
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FootnotesScreen)
        body = app.screen.query_one("#footnotes-body")
        region = body.content_region
        rows = screen_lines(app)[region.y:region.bottom]
        texts = [row[region.x:region.right].strip() for row in rows]
        texts = [t for t in texts if t]
        assert len(texts) > 2
        assert all(t[:1] not in CLOSING for t in texts), texts


# -- the concordance runs in a worker -----------------------------------------------------------


async def test_the_concordance_scans_off_the_ui_thread_and_typing_never_waits(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    threads: list[str] = []
    real = concordance_screen.concordance

    def slow(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        gate.wait(timeout=10)
        return real(*args, **kwargs)

    monkeypatch.setattr(concordance_screen, "concordance", slow)
    app = app_for(corpus)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("c", *"多边")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ConcordanceScreen)
            # the scans wait on the gate, yet every key reached the box
            assert screen.query_one(Input).value == "多边"
            assert screen.result is None
            # enter before the scan is in: chosen as soon as it is
            await pilot.press("enter")
            assert app.screen is screen
            gate.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.result is not None and screen.result.term == "多边"
            assert threads and threading.main_thread().name not in threads
            first = screen.result.groups[0].lines[0]
            assert isinstance(app.screen, ReaderScreen)
            assert position(app) == (first.doc, first.n)
    finally:
        gate.set()


# -- an empty corpus ----------------------------------------------------------------------------


async def test_a_folder_of_only_binary_files_opens_a_clear_screen(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 4)
    app = make_app([tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "z", "full_stop", "minus")
        text = screen_text(app)
        assert "No documents to read." in text
        assert "a.txt" in text and "binary" in text
        assert position(app) == ("", 0)


# -- help lists every key of every screen -------------------------------------------------------


def test_every_screen_with_keys_has_its_table_in_help() -> None:
    tables = [bindings(keys) for _title, keys in HELP_SECTIONS]
    screens: list[type[Screen[Any]]] = []
    for info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{info.name}")
        screens += [
            cls for cls in vars(module).values()
            if inspect.isclass(cls) and issubclass(cls, Screen)
            and cls.__module__ == module.__name__
        ]
    assert len(screens) >= 10
    for screen in screens:
        assert screen.BINDINGS in tables, screen


async def test_help_shows_the_new_keys(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=(100, 200)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for key in READER:
            if key.action in {"next_hit", "prev_hit", "narrower", "wider", "toggle_tree"}:
                assert key.does[:30] in text and key_label(key) in text
        for title in ("Search box (/)", "Bookmarks list (B)", "Footnotes (f)", "Help (?)"):
            assert title in text
        assert "Ctrl+P" in text and "the previous search" in text
    assert bindings(READER) == ReaderScreen.BINDINGS


async def test_the_palette_offers_a_few_best_hits_of_a_large_corpus() -> None:
    from igtui.app.palette import MAX_HITS, MAX_LISTED, ReaderCommands

    many = Corpus(documents=tuple(
        long_document(f"d{i:03d}", f"互联网治理报告第{i}号", sections=1, per_section=1)
        for i in range(MAX_LISTED + 20)
    ), key="many")
    app = app_for(many)
    async with app.run_test(size=(100, 30)):
        provider = ReaderCommands(app.screen)
        hits = [hit async for hit in provider.search("报告")]
        assert len(hits) == MAX_HITS
        scores = [hit.score for hit in hits]
        assert scores == sorted(scores, reverse=True)
        found = [hit async for hit in provider.discover()]
        assert sum(1 for hit in found if str(hit.text).startswith("Go to document")) == MAX_LISTED
        assert any(str(hit.text).startswith("Narrower") for hit in found)  # actions still there
