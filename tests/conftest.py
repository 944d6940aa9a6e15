"""Shared fixtures. Every test runs with its own data and cache dirs: no test touches a real
home. Helpers (screen text, paths) are in support.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus
from support import SEEDS


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IGTUI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("IGTUI_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def seeds_corpus() -> Corpus:
    """The bundled documents, parsed once for the whole run (a Corpus is immutable)."""
    return load_corpus([SEEDS])


@pytest.fixture
def corpus(seeds_corpus: Corpus) -> Corpus:
    """The corpus a test reads: the seeds, unless a module defines its own."""
    return seeds_corpus
