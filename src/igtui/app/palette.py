"""Command palette (Ctrl+P): go to a document, go to a section, and the reader's actions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider

from igtui.app.bindings import palette_actions
from igtui.app.screens.reader import ReaderScreen
from igtui.reading.citation import STYLE_IDS, STYLES
from igtui.reading.display import displayable

Entry = tuple[str, Callable[[], object], str]
MAX_DOCS_FOR_ALL_SECTIONS = 50
# hits offered per keystroke: the palette lays out every hit it is given, so each one costs
# the keystroke time (at 100x the seeds, 40 hits: p95 ~130 ms; 15: ~40 ms, bench_app.py)
MAX_HITS = 15
# documents listed before anything is typed (once, as the palette opens)
MAX_LISTED = 40

# (name, action, key) of every reader key the palette offers
ACTIONS: tuple[tuple[str, str, str], ...] = tuple(palette_actions())


class ReaderCommands(Provider):
    """Offers documents, sections and actions while the reader screen is showing."""

    def _entries(self) -> Iterator[Entry]:
        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return
        # every section of every document, unless the corpus is huge (100x the seeds):
        # then the current document's, so each keystroke stays quick
        all_sections = len(screen.corpus.documents) <= MAX_DOCS_FOR_ALL_SECTIONS
        for doc in screen.corpus.documents:
            # first_readable, not the navigation index: that would read every document
            first = doc.first_readable()
            if not first:
                continue
            title = displayable(doc.title)
            yield (f"Go to document: {title}", partial(screen.open_document, doc.id), "")
            if not all_sections and doc.id != screen.doc_id:
                continue
            for n in screen.nav.index(doc.id).headings:
                heading = displayable(doc.paragraphs[n - 1].text.split("\n")[0])
                go = partial(screen.jump, doc.id, n)
                yield (f"Go to section: {heading}", go, title)
        for name, action, key in ACTIONS:
            yield (name, partial(screen.run_action, action), f"key: {key}")
        for style in STYLE_IDS:
            current = "current" if style == screen.citation_style else ""
            name = f"Citation style: {STYLES[style].name}"
            yield (name, partial(screen.choose_citation_style, style), current)
        yield ("Toggle light/dark theme", self.app.action_toggle_dark, "")

    async def discover(self) -> Hits:
        # an empty query lists the documents and actions, not hundreds of documents: the
        # palette draws every hit it is given
        documents = 0
        for name, callback, help_text in self._entries():
            if name.startswith("Go to section"):
                continue
            if name.startswith("Go to document"):
                documents += 1
                if documents > MAX_LISTED:
                    continue
            yield DiscoveryHit(Text(name), callback, text=name, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        scored = [
            (score, name, callback, help_text)
            for name, callback, help_text in self._entries()
            if (score := matcher.match(name)) > 0
        ]
        # the best few: the palette draws (and sorts) every hit, which at 100x the seeds
        # would cost a frame or more per keystroke
        scored.sort(key=lambda hit: -hit[0])
        for score, name, callback, help_text in scored[:MAX_HITS]:
            display = _highlight(matcher, name)
            yield Hit(score, display, callback, text=name, help=help_text or None)


def _highlight(matcher: Matcher, name: str) -> Text:
    """Like Matcher.highlight, but literal: document titles are not markup."""
    text = Text(name)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        text.stylize("bold underline", offset, offset + 1)
    return text
