"""Drag-select then ctrl+c copies what the reading panes show (plain view and parallel view)."""

from __future__ import annotations

from textual.geometry import Offset

from igtui.app.main import make_app
from igtui.corpus.model import Corpus

SIZE = (100, 30)


def seed_with_pairs(corpus: Corpus) -> tuple[str, int]:
    """A seed document with translations, and its first paired paragraph."""
    for doc in corpus.documents:
        paired = [p for p in doc.paragraphs if p.pair and p.readable and p.lang == "zh"]
        if paired:
            return doc.id, paired[0].n
    raise AssertionError("no bilingual seed")


async def drag_and_copy(app, pilot, widget, start: Offset, end: Offset) -> str | None:  # type: ignore[no-untyped-def]
    await pilot.mouse_down(widget, offset=start)
    await pilot.hover(widget, offset=end)
    await pilot.mouse_up(widget, offset=end)
    await pilot.pause()
    await pilot.press("ctrl+c")
    await pilot.pause()
    return app.clipboard


async def test_drag_select_and_copy_in_the_parallel_view(corpus: Corpus) -> None:
    doc_id, n = seed_with_pairs(corpus)
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.goto(doc_id, n)
        await pilot.press("t")
        await pilot.pause()
        parallel = app.reader.parallel
        assert app.reader.parallel_on and parallel.display
        rows = parallel.rows
        first = round(parallel.scroll_y)
        # the whole first two visible rows, from the left edge to the right one
        copied = await drag_and_copy(app, pilot, parallel, Offset(0, 0), Offset(rows.width - 1, 1))
        assert app.is_running and copied
        expected = [parallel.row_plain(rows, row).rstrip() for row in (first, first + 1)]
        assert copied.splitlines() == [line.rstrip() for line in expected]
        # the Chinese of the current pair is in it, as text
        left = rows.lines[first].left.strip()
        assert left and left in copied


async def test_drag_select_and_copy_in_the_paragraph_pane(corpus: Corpus) -> None:
    doc = corpus.documents[0]
    app = make_app(corpus=corpus)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.reader.pane
        rows = pane.rows
        first = round(pane.scroll_y)
        copied = await drag_and_copy(app, pilot, pane, Offset(0, 0), Offset(rows.width - 1, 2))
        assert copied
        shown = [pane.row_plain(rows, row).rstrip() for row in range(first, first + 3)]
        assert copied.splitlines() == shown
        assert any(line.text.strip() and line.text.strip() in copied for line in rows.lines[:3])
        assert app.reader.doc_id == doc.id
