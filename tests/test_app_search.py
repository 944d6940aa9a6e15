"""Pilot tests of the search box on the seeds: live results, arrows, enter, esc, ctrl+d, `#45`,
a query typed while the index builds, the progress bar, and literal text."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType
from textual.widgets import Input

from igtui.app.screens.search import SearchResult, SearchScreen, excerpt
from igtui.app.search_controller import Progress, SearchController, default_builder, resolve_label
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.search.cache import load_or_build
from igtui.search.index import SearchIndex

SIZE = (100, 34)
# a phrase of one seed paragraph, and text found only in that paragraph
PHRASE = "尊重网络主权"
PHRASE_PARAGRAPH = "尊重网络主权。《联合国宪章》"
BROAD = "网络"


@pytest.fixture(scope="module")
def cache_dir(seeds_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index build for the whole module; every controller then loads it from here."""
    path = tmp_path_factory.mktemp("search-cache")
    load_or_build(seeds_corpus, cache_dir=path)
    return path


def find(corpus: Corpus, needle: str) -> tuple[Document, Paragraph]:
    found = [(d, p) for d in corpus.documents for p in d.paragraphs if needle in p.text]
    assert len(found) == 1, f"{needle!r} should be in exactly one paragraph"
    return found[0]


class SearchApp(App[None]):
    """The reader's wiring in small: `/` opens the search over doc `doc_id` at `n`."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("slash", "search", "Search")]

    def __init__(self, controller: SearchController, doc_id: str, n: int) -> None:
        super().__init__()
        self.controller = controller
        self.doc_id, self.n = doc_id, n
        self.results: list[SearchResult | None] = []

    def on_mount(self) -> None:
        # as the reader does: build after the first frame
        self.call_after_refresh(self.controller.start, self)

    def action_search(self) -> None:
        self.push_screen(SearchScreen(self.controller, self.doc_id, self.n), self.results.append)

    @property
    def search(self) -> SearchScreen:
        assert isinstance(self.screen, SearchScreen)
        return self.screen


def make_app(
    corpus: Corpus, cache_dir: Path, doc_id: str | None = None, n: int = 1, **kw: Any
) -> SearchApp:
    controller = SearchController(corpus, cache_dir=cache_dir, **kw)
    return SearchApp(controller, doc_id or corpus.documents[0].id, n)


async def settle(app: SearchApp, pilot: Any) -> None:
    """Let queries finish and their results land (a worker may start another, e.g. when the
    index lands and runs the waiting query)."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def type_query(app: SearchApp, pilot: Any, text: str) -> None:
    await pilot.press(*text)
    await settle(app, pilot)


def shown(app: SearchApp) -> list[SearchResult]:
    return [row.result for row in app.search.rows]


def texts(app: SearchApp, corpus: Corpus) -> list[str]:
    return [corpus.document(r.doc).paragraph(r.n).text for r in shown(app)]


# -- typing, ranking, moving, choosing -----------------------------------------------------


async def test_results_follow_every_keystroke(corpus: Corpus, cache_dir: Path) -> None:
    app = make_app(corpus, cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        assert not app.search.progress_bar.display  # the cached index loaded already
        await type_query(app, pilot, PHRASE[:2])
        first = shown(app)
        assert first
        await type_query(app, pilot, PHRASE[2:])
        assert shown(app) != first
        assert PHRASE_PARAGRAPH in texts(app, corpus)[0]
        top = shown(app)[0]
        paragraph = corpus.document(top.doc).paragraph(top.n)
        highlighted = "".join(paragraph.text[s:e] for s, e in top.spans)
        assert "网络主权" in highlighted
        assert top.query == PHRASE


async def test_a_row_shows_title_place_and_highlighted_text(
    corpus: Corpus, cache_dir: Path
) -> None:
    doc, paragraph = find(corpus, PHRASE_PARAGRAPH)
    app = make_app(corpus, cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_query(app, pilot, PHRASE)
        prompt = app.search.results.get_option_at_index(0).prompt
        assert isinstance(prompt, Text)
        lines = prompt.plain.split("\n")
        assert lines[0].startswith(doc.title[:20])
        assert paragraph.section[-1] in lines[0]
        assert 2 <= len(lines) <= 4  # a header and a few lines of text
        match = app.search.get_component_rich_style("search-screen--match")
        marked = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == match]
        assert any("网络主权" in m for m in marked)


async def test_arrows_move_and_enter_returns_the_selection(
    corpus: Corpus, cache_dir: Path
) -> None:
    app = make_app(corpus, cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_query(app, pilot, BROAD)
        assert len(shown(app)) >= 3
        listing = app.search.results
        assert listing.highlighted == 0
        await pilot.press("down", "down")
        assert listing.highlighted == 2
        await pilot.press("up")
        assert listing.highlighted == 1
        assert isinstance(app.focused, Input)  # the arrows never took focus from the box
        assert app.focused.value == BROAD
        expected = shown(app)[1]
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [expected]
        assert not isinstance(app.screen, SearchScreen)
        assert expected.spans  # the pane gets the spans to keep the match highlighted


async def test_esc_returns_none(corpus: Corpus, cache_dir: Path) -> None:
    app = make_app(corpus, cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_query(app, pilot, BROAD)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
        assert not isinstance(app.screen, SearchScreen)


async def test_no_matches_says_so_and_enter_stays(corpus: Corpus, cache_dir: Path) -> None:
    app = make_app(corpus, cache_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_query(app, pilot, "zzqqxxj")
        assert shown(app) == []
        assert "no matches" in app.search.results.get_option_at_index(0).prompt.plain
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == []
        assert isinstance(app.screen, SearchScreen)


async def test_ctrl_d_restricts_to_the_current_document(corpus: Corpus, cache_dir: Path) -> None:
    doc, _ = find(corpus, PHRASE_PARAGRAPH)
    app = make_app(corpus, cache_dir, doc.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_query(app, pilot, BROAD)
        assert len({r.doc for r in shown(app)}) > 1
        box = app.search.query_one("#search-box")
        assert "all documents" in str(box.border_title)
        await pilot.press("ctrl+d")
        await settle(app, pilot)
        assert shown(app)
        assert {r.doc for r in shown(app)} == {doc.id}
        assert "this document only" in str(box.border_title)
        assert app.search.input.value == BROAD  # not the input's own ctrl+d (delete right)
        await pilot.press("ctrl+d")
        await settle(app, pilot)
        assert len({r.doc for r in shown(app)}) > 1


# -- jumping to a label -----------------------------------------------------------------------


def labelled(corpus: Corpus, label: str) -> tuple[Document, Paragraph]:
    return next(
        (d, p) for d in corpus.documents for p in d.paragraphs
        if p.label == label and p.kind == "paragraph"
    )


def labelled_everywhere(corpus: Corpus, label: str) -> list[tuple[str, int]]:
    """(doc id, n) of the body paragraph labelled `label` in each document that has one."""
    return [
        (d.id, p.n) for d in corpus.documents
        for p in (next((p for p in d.paragraphs if p.label == label and p.kind == "paragraph"),
                       None),)
        if p is not None
    ]


@pytest.mark.parametrize("query", ["#45", "第45段"])
async def test_a_label_query_jumps_here_first_then_lists_the_other_documents(
    corpus: Corpus, cache_dir: Path, query: str
) -> None:
    everywhere = labelled_everywhere(corpus, "45")
    assert len(everywhere) == 2, "two seeds number a paragraph 45"
    here = everywhere[1]  # the later document: it must still come first
    app = make_app(corpus, cache_dir, here[0], n=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_query(app, pilot, query)
        assert [(r.doc, r.n) for r in shown(app)] == [here, everywhere[0]]
        assert "45" in app.search.results.get_option_at_index(0).prompt.plain
        status = str(app.search.query_one("#search-status").render())
        assert "this document first, then 1 other document" in status
        await pilot.press("down", "enter")  # the other document's ¶45
        await pilot.pause()
        assert [(r.doc, r.n) for r in app.results if r] == [everywhere[0]]


async def test_a_label_missing_here_offers_the_other_documents(
    corpus: Corpus, cache_dir: Path
) -> None:
    doc = next(d for d in corpus.documents if all(p.label != "45" for p in d.paragraphs))
    app = make_app(corpus, cache_dir, doc.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_query(app, pilot, "#45")
        assert [(r.doc, r.n) for r in shown(app)] == labelled_everywhere(corpus, "45")
        status = app.search.query_one("#search-status").render()
        assert "No paragraph ¶ 45 in this document; it is in 2 other documents" in str(status)
        await pilot.press(*["backspace"] * 2, *"9999")
        await settle(app, pilot)
        assert shown(app) == []
        status = str(app.search.query_one("#search-status").render())
        assert "No paragraph ¶ 9999 in any document (@9999 counts paragraphs" in status


def test_resolve_label_prefers_the_current_section_when_labels_restart(corpus: Corpus) -> None:
    cases = 0
    for doc in corpus.documents:
        by_label: dict[str, list[Paragraph]] = {}
        for p in doc.paragraphs:
            if p.label and p.kind == "paragraph" and p.section:
                by_label.setdefault(p.label, []).append(p)
        for label, found in by_label.items():
            tops = {p.section[0] for p in found}
            if len(found) != 2 or len(tops) != 2:
                continue
            first, second = found
            # stand at the end of the first's top section: the second may be nearer in n
            near = max(p.n for p in doc.paragraphs if p.section[:1] == first.section[:1])
            assert resolve_label(doc, label, near) == first.n
            assert resolve_label(doc, label, second.n) == second.n
            cases += 1
    assert cases >= 3, "the seeds have sections whose labels restart"
    assert resolve_label(corpus.documents[0], "no-such-label", 1) is None


# -- while the index builds -------------------------------------------------------------------


def gated_builder(gate: threading.Event) -> Callable[[Corpus, Path | None, Progress], SearchIndex]:
    def build(corpus: Corpus, cache_dir: Path | None, progress: Progress) -> SearchIndex:
        progress(0.5)
        gate.wait(timeout=20)
        return default_builder(corpus, cache_dir, progress)

    return build


async def test_a_query_typed_before_the_index_is_ready_runs_when_it_is(
    corpus: Corpus, cache_dir: Path
) -> None:
    gate = threading.Event()
    app = make_app(corpus, cache_dir, builder=gated_builder(gate))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash")
            bar = app.search.progress_bar
            for _ in range(50):
                if bar.progress == 0.5:
                    break
                await pilot.pause(0.02)
            assert bar.display
            assert bar.progress == 0.5
            await pilot.press(*PHRASE)
            await pilot.pause()
            assert not app.controller.ready
            assert shown(app) == []
            assert app.search.input.value == PHRASE  # typing went on while it built
            gate.set()
            await settle(app, pilot)
            assert app.controller.ready
            assert not bar.display
            assert PHRASE_PARAGRAPH in texts(app, corpus)[0]
    finally:
        gate.set()


async def test_a_failed_build_leaves_jumps_working(corpus: Corpus, cache_dir: Path) -> None:
    def broken(corpus: Corpus, cache_dir: Path | None, progress: Progress) -> SearchIndex:
        raise OSError("disk on fire")

    doc, target = labelled(corpus, "45")
    app = make_app(corpus, cache_dir, doc.id, builder=broken)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await type_query(app, pilot, BROAD)
        assert "disk on fire" in str(app.search.query_one("#search-status").render())
        assert not app.search.progress_bar.display
        await pilot.press(*["backspace"] * len(BROAD), *"#45")
        await settle(app, pilot)
        assert next((r.doc, r.n) for r in shown(app)) == (doc.id, target.n)


# -- literal text and excerpts ----------------------------------------------------------------


async def test_document_text_is_shown_literally(tmp_path: Path) -> None:
    text = "治理 [bold]不是标记[/bold] 网络 [link=x]y[/link]"
    paragraph = Paragraph(n=1, kind="paragraph", section=("[i]节[/i]",), label="1", lang="zh",
                          text=text)
    doc = Document(id="d", title="[red]标题[/red]", path=tmp_path / "d.txt",
                   paragraphs=(paragraph,))
    corpus = Corpus(documents=(doc,), key="literal")
    app = make_app(corpus, tmp_path, "d")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        await type_query(app, pilot, "治理")
        plain = app.search.results.get_option_at_index(0).prompt.plain
        assert "[red]标题[/red]" in plain
        assert "[i]节[/i]" in plain
        assert "[bold]不是标记[/bold]" in plain


def test_excerpt_starts_near_a_late_match_and_keeps_to_a_few_lines() -> None:
    text = "前言" * 200 + "网络主权" + "后记" * 200
    start = text.index("网络主权")
    style = Style(bold=True)
    out = excerpt(text, ((start, start + 4),), 30, style, lines=3)
    lines = out.plain.split("\n")
    assert len(lines) == 3
    assert lines[0].startswith("…")
    assert lines[-1].endswith("…")
    assert all(Text(line).cell_len <= 30 for line in lines)
    marked = [out.plain[s.start : s.end] for s in out.spans if s.style == style]
    assert marked == ["网络主权"]


def test_excerpt_of_a_short_text_is_whole() -> None:
    out = excerpt("Internet governance", ((0, 8),), 40, Style(bold=True))
    assert out.plain == "Internet governance"
