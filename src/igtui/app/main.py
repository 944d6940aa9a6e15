"""Building and running the reader: one factory for the CLI, the tests and the screenshots."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from igtui.app.app import IgtuiApp
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus
from igtui.storage import StateStore


def make_app(
    corpus_paths: Sequence[Path] | None = None,
    *,
    corpus: Corpus | None = None,
    state_path: Path | None = None,
    app_class: type[IgtuiApp] = IgtuiApp,
    progress: Callable[[float], None] | None = None,
) -> IgtuiApp:
    """The reader on `corpus` if given, else on the documents at `corpus_paths`
    (None or empty: the bundled ones). The state file defaults to `data_dir()/state.json`;
    `app_class` lets benchmarks and tests hook into a subclass; `progress` hears how far the
    parsing of documents new to the parse cache has got (before the app starts)."""
    if corpus is None:
        corpus = load_corpus(list(corpus_paths) if corpus_paths else None, progress=progress)
    store = StateStore(state_path)
    return app_class(corpus, store, store.load())


def run_app(paths: list[Path], progress: Callable[[float], None] | None = None) -> int:
    """Run the reader; exit code 2 if there was nothing to read (it said so on screen).
    `progress` hears how far the parsing of documents new to the parse cache has got."""
    app = make_app(paths, progress=progress)
    app.run()
    return app.return_code or (0 if app.corpus.documents else 2)
