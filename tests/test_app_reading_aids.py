"""Pilot tests of the reading aids on the real seeds: y, ctrl+o/ctrl+i, enter, f, c, t."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Input, OptionList, Static

from igtui.app.app import IgtuiApp
from igtui.app.main import make_app
from igtui.app.palette import ACTIONS
from igtui.app.screens.concordance import ConcordanceScreen
from igtui.app.screens.footnotes import FootnotesScreen
from igtui.app.screens.links import LinksScreen
from igtui.app.screens.reader import ReaderScreen
from igtui.app.screens.search import SearchResult, SearchScreen
from igtui.app.search_controller import SearchController
from igtui.app.widgets.wrapped import Wrapped
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.reading.citation import DEFAULT_STYLE, cite
from igtui.reading.concordance import concordance
from igtui.reading.history import JumpHistory
from igtui.reading.parallel_layout import ParallelRow, pair_rows
from igtui.reading.references import find_links, footnotes_of
from support import screen_lines

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def _no_search_index(monkeypatch: pytest.MonkeyPatch) -> None:
    # these tests never type into search: building its index would only cost time
    monkeypatch.setattr(SearchController, "start", lambda self, app: None)


def paragraph_with(corpus: Corpus, fragment: str) -> tuple[Document, Paragraph]:
    for doc in corpus.documents:
        for p in doc.paragraphs:
            if p.readable and fragment in p.text:
                return doc, p
    raise LookupError(fragment)


def paired_document(corpus: Corpus) -> Document:
    return next(d for d in corpus.documents if any(p.pair for p in d.paragraphs))


def unpaired_document(corpus: Corpus) -> Document:
    return next(d for d in corpus.documents if not any(p.pair for p in d.paragraphs))


def position(app: IgtuiApp) -> tuple[str, int]:
    return app.reader.doc_id, app.reader.n


def notifications(app: IgtuiApp) -> list[str]:
    return [n.message for n in app._notifications]


# -- y: citation ----------------------------------------------------------------------------


async def test_y_copies_the_paragraph_with_its_citation(corpus: Corpus) -> None:
    doc, p = paragraph_with(corpus, "第45段")
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.goto(doc.id, p.n)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == cite(doc, p, style=DEFAULT_STYLE)
        assert "第45段" in app.clipboard and doc.id in app.clipboard
        # the last line is the reference: GB/T 7714 marks a report [R]
        assert "[R]" in app.clipboard.splitlines()[-1]
        assert any(m.startswith("Copied") for m in notifications(app))


async def test_y_on_a_translated_paragraph_copies_both_texts(corpus: Corpus) -> None:
    doc = paired_document(corpus)
    zh = next(p for p in doc.paragraphs if p.pair and p.readable and p.lang == "zh")
    en = doc.paragraph(zh.pair)
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.goto(doc.id, zh.n)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == cite(doc, zh, en, style=DEFAULT_STYLE)
        assert zh.text.strip()[:10] in app.clipboard and en.text.strip()[:10] in app.clipboard


# -- jump history -----------------------------------------------------------------------------


def test_history_back_and_forward_like_vim() -> None:
    history = JumpHistory(limit=3)
    assert history.back(("a", 1)) is None
    history.record(("a", 1))
    history.record(("a", 5))
    assert history.back(("b", 2)) == ("a", 5)
    assert history.back(("a", 5)) == ("a", 1)
    assert history.back(("a", 1)) is None
    assert history.forward(("a", 1)) == ("a", 5)
    assert history.forward(("a", 5)) == ("b", 2)
    assert history.forward(("b", 2)) is None
    # a new jump forgets what was ahead; the oldest entries go past the limit
    history.back(("b", 2))
    history.record(("a", 5))
    assert not history.can_go_forward
    for n in range(10, 15):
        history.record(("c", n))
    assert len(history._back) == 3


async def test_ctrl_o_returns_from_G_and_ctrl_i_goes_forward_again(corpus: Corpus) -> None:
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        await pilot.press("j", "j")  # reading moves are not jumps
        before = position(app)
        await pilot.press("G")
        end = position(app)
        assert end != before
        await pilot.press("ctrl+o")
        assert position(app) == before
        await pilot.press("ctrl+o")  # nothing further back: stays
        assert position(app) == before
        await pilot.press("ctrl+i")
        assert position(app) == end
        await pilot.press("ctrl+o", "ctrl+n")  # ctrl+n: forward where ctrl+i is Tab
        assert position(app) == end
        # tab still switches focus rather than going forward
        await pilot.press("tab")
        assert app.focused is reader.doc_tree and position(app) == end


async def test_ctrl_o_returns_across_documents(corpus: Corpus) -> None:
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        start = position(app)
        await pilot.press("right_curly_bracket")
        assert app.reader.doc_id != start[0]
        await pilot.press("ctrl+o")
        assert position(app) == start


async def test_a_search_jump_is_recorded_and_remembered_for_the_concordance(
    corpus: Corpus,
) -> None:
    doc, p = paragraph_with(corpus, "多利益相关方")
    start = p.text.index("多利益相关方")
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        before = position(app)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        app.screen.dismiss(SearchResult(doc.id, p.n, "多利益相关方", ((start, start + 6),)))
        await pilot.pause()
        assert position(app) == (doc.id, p.n)
        assert app.reader.last_query == "多利益相关方"
        await pilot.press("ctrl+o")
        assert position(app) == before
        await pilot.press("ctrl+i")
        assert position(app) == (doc.id, p.n)


# -- enter: references, f: footnotes ----------------------------------------------------------


async def test_enter_offers_the_links_and_follows_one(corpus: Corpus) -> None:
    doc, p = paragraph_with(corpus, "第45段")
    target = next(q for q in doc.paragraphs if q.kind == "paragraph" and q.label == "45")
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.goto(doc.id, p.n)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        options = app.screen.query_one(OptionList)
        shown = options.get_option_at_index(0).prompt
        assert isinstance(shown, Wrapped)  # broken into lines as the pane breaks them
        prompt = shown.text.plain
        assert prompt.startswith("第45段 → ") and target.text[:8] in prompt
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert position(app) == (doc.id, target.n)
        await pilot.press("ctrl+o")
        assert position(app) == (doc.id, p.n)


def underlined_texts(text: Text) -> list[str]:
    return [
        text.plain[span.start:span.end]
        for span in text.spans
        if not isinstance(span.style, str) and span.style.underline
    ]


async def test_the_pane_underlines_references_but_not_bare_numbers(corpus: Corpus) -> None:
    doc, p = paragraph_with(corpus, "第45段")
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.reader.pane
        app.reader.goto(doc.id, p.n)
        await pilot.pause()
        start, end = pane.rows.spans[p.n]
        underlined = [
            span_text
            for row in range(start, end)
            for span_text in underlined_texts(pane.row_text(pane.rows, row, True))
        ]
        assert underlined == ["第45段"]
        # a bare-number footnote marker ("…机构1。") stays plain
        d, q, link = next((d, q, link) for d in corpus.documents for q in d.paragraphs
                          for link in find_links(d, q) if link.text.isdigit())
        app.reader.goto(d.id, q.n)
        await pilot.pause()
        assert pane.document is d and link.text not in pane._links(q.n)


async def test_enter_without_links_and_esc_on_the_chooser_stay_put(corpus: Corpus) -> None:
    doc, p = paragraph_with(corpus, "第45段")
    plain = next(q for q in doc.paragraphs if q.readable and not find_links(doc, q))
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.goto(doc.id, plain.n)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and position(app) == (doc.id, plain.n)
        app.reader.goto(doc.id, p.n)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and position(app) == (doc.id, p.n)


async def test_f_shows_the_footnotes_literally_and_keeps_the_place(corpus: Corpus) -> None:
    doc, p = paragraph_with(corpus, "全球机制¹")
    notes = footnotes_of(doc, p)
    assert notes
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.goto(doc.id, p.n)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FootnotesScreen)
        statics = app.screen.query(".footnote").results(Static)
        shown = [s.content.text.plain for s in statics if isinstance(s.content, Wrapped)]
        assert shown == [note.text for note in notes]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and position(app) == (doc.id, p.n)
        app.reader.goto(doc.id, doc.paragraphs[0].n)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert "No footnotes in this paragraph." in notifications(app)


# -- c: concordance ---------------------------------------------------------------------------


async def test_c_lists_every_occurrence_by_document_and_enter_jumps(corpus: Corpus) -> None:
    expected = concordance(corpus, "多边")
    assert len(expected.groups) >= 2
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        start = position(app)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen)
        await pilot.press(*"多边")
        await app.workers.wait_for_complete()  # the scan runs in a worker
        await pilot.pause()
        options = [screen.results.get_option_at_index(i)
                   for i in range(screen.results.option_count)]
        headers = [str(option.prompt) for option in options if option.disabled]
        assert len(headers) == len(expected.groups)
        for header, group in zip(headers, expected.groups, strict=True):
            # a title too long for the row is cut in its middle; the count always shows
            assert header == f"{group.title} ({group.count})" or (
                "…" in header and header.endswith(f"({group.count})")
                and header[:8] == group.title[:8]
            )
        assert len(options) == len(expected.groups) + expected.total
        # aligned: the term starts at the same cell on every line
        lines = [str(option.prompt) for option in options if not option.disabled]
        assert len({cell_len(text[: text.index("│")]) for text in lines}) == 1
        await pilot.press("down", "enter")
        await pilot.pause()
        second = expected.groups[0].lines[1]
        assert isinstance(app.screen, ReaderScreen)
        assert position(app) == (second.doc, second.n)
        assert app.reader.pane.highlight == (second.doc, second.n, (second.match,))
        await pilot.press("ctrl+o")
        assert position(app) == start


@pytest.mark.parametrize("width", [61, 80, 121])
async def test_each_concordance_line_is_one_row_with_its_right_context(
    corpus: Corpus, width: int
) -> None:
    """A line as wide as the list would wrap at its last space: the Chinese right context
    moved to a row of its own and the line showed nothing after the term."""
    app = make_app(corpus=corpus)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen)
        # pasted: the rows are made while the list has no scrollbar yet, which they bring
        screen.input.value = "治理"
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = [screen.results.render_line(y).text for y in range(screen.results.size.height)]
        hits = [row for row in rows if "│治理│" in row]
        assert len(hits) >= 10
        assert all(row.split("│治理│")[1].strip() for row in hits[2:]), hits
        # no row holds only the continuation of a wrapped line
        assert all("│" in row or not row.strip() or row.rstrip().endswith(")") for row in rows)


async def test_c_starts_from_the_last_search_and_esc_closes(corpus: Corpus) -> None:
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.last_query = "多利益相关方"
        start = position(app)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one(Input).value == "多利益相关方"
        assert app.screen.result is not None and app.screen.result.total > 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and position(app) == start
    assert any(action == "concordance" and key == "c" for _name, action, key in ACTIONS)


async def test_c_caps_the_rows_drawn_but_keeps_the_counts(corpus: Corpus) -> None:
    from igtui.app.screens.concordance import MAX_ROWS

    expected = concordance(corpus, "的")
    assert expected.total > MAX_ROWS
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "的")
        screen = app.screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = [screen.results.get_option_at_index(i)
                   for i in range(screen.results.option_count)]
        assert len(options) == MAX_ROWS
        shown = sum(1 for option in options if not option.disabled)
        status = str(screen.query_one("#concordance-status").render())
        assert f"{expected.total} occurrences" in status and f"first {shown}" in status


# -- t: parallel translations -----------------------------------------------------------------


def test_rows_pair_chinese_left_and_english_right(corpus: Corpus) -> None:
    doc = paired_document(corpus)
    rows = pair_rows(doc)
    paired = [row for row in rows if row.right]
    assert paired
    for row in paired:
        assert doc.paragraph(row.left).pair == row.right
        assert doc.paragraph(row.left).lang == "zh" and doc.paragraph(row.right).lang == "en"
    # every readable paragraph is in exactly one row
    shown = [n for row in rows for n in row.ns]
    assert sorted(shown) == [p.n for p in doc.paragraphs if p.readable]


async def test_t_shows_pairs_side_by_side_and_j_moves_by_pair(corpus: Corpus) -> None:
    doc = paired_document(corpus)
    rows = pair_rows(doc)
    first = next(i for i, row in enumerate(rows) if row.right and i + 1 < len(rows))
    zh, en = doc.paragraph(rows[first].left), doc.paragraph(rows[first].right)
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        reader.goto(doc.id, en.n)  # a hit on the English text lands on the pair
        await pilot.press("t")
        await pilot.pause()
        assert reader.parallel_on and not reader.pane.display
        assert reader.parallel.current_row() == ParallelRow(zh.n, en.n)
        # the first rows of both texts share one screen line: Chinese left, English right
        lines = screen_lines(app)
        assert any(
            zh.text[:6] in line and en.text[:10] in line
            and line.index(zh.text[:6]) < line.index("│") < line.index(en.text[:10])
            for line in lines
        )
        await pilot.press("j")
        assert reader.n == rows[first + 1].left
        await pilot.press("k")
        assert reader.n == zh.n
        # a search hit on the English text is marked in the pair's row
        reader.goto(doc.id, en.n, highlight=[en.text.split()[0]])
        await pilot.pause()
        assert reader.parallel.highlight == (doc.id, en.n, (en.text.split()[0],))
        assert reader.parallel.current_row() == ParallelRow(zh.n, en.n)
        await pilot.press("t")
        await pilot.pause()
        assert not reader.parallel_on and reader.pane.display and reader.n == en.n
        assert app.focused is reader.pane


async def test_parallel_view_ends_in_a_document_without_translations(corpus: Corpus) -> None:
    doc = paired_document(corpus)
    other = unpaired_document(corpus)
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        reader.goto(doc.id, next(p.n for p in doc.paragraphs if p.pair))
        await pilot.press("t")
        assert reader.parallel_on
        reader.jump(other.id, other.paragraphs[-1].n)
        await pilot.pause()
        assert not reader.parallel_on and reader.pane.display
        await pilot.press("ctrl+o")  # back in the paired document: plain view, as left
        assert reader.doc_id == doc.id and not reader.parallel_on


async def test_t_in_a_document_without_translations_says_so(corpus: Corpus) -> None:
    doc = unpaired_document(corpus)
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.goto(doc.id, doc.paragraphs[-1].n)
        await pilot.press("t")
        await pilot.pause()
        assert not app.reader.parallel_on
        assert "No translations to pair in this document." in notifications(app)
