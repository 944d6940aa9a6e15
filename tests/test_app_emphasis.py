"""Pilot test: a document's own emphasis is drawn in the paragraph pane, never as `**`."""

from __future__ import annotations

from igtui.app.main import make_app
from igtui.corpus.model import Corpus

# seed 000 types `**我们赞赏**` into a .txt file (its ¶42)
STRONG = "我们赞赏"


async def test_strong_span_is_drawn_bold_without_its_stars(seeds_corpus: Corpus) -> None:
    wsis = next(doc for doc in seeds_corpus.documents if doc.id.startswith("000"))
    app = make_app(corpus=Corpus(documents=(wsis,)))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        pane = app.reader.pane
        rows = [list(pane.render_line(y)) for y in range(pane.size.height)]
        (row,) = [r for r in rows if STRONG in "".join(s.text for s in r)]
        line = "".join(s.text for s in row)
        assert "**" not in line
        strong = [s for s in row if s.text and s.text in STRONG]
        assert "".join(s.text for s in strong) == STRONG
        assert all(s.style is not None and s.style.bold for s in strong)
        # the rest of the sentence is not bold
        rest = [s for s in row if "主席" in s.text or "WGIG" in s.text]
        assert rest and not any(s.style is not None and s.style.bold for s in rest)
