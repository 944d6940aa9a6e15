"""Fuzzy search over a corpus: `load_or_build(corpus)` then `index.search(query)`.

No Textual here: the CLI, the app and tests share this API.
"""

from __future__ import annotations

from igtui.search.cache import load_or_build, load_or_build_paths
from igtui.search.index import Hit, SearchIndex
from igtui.search.jump import parse_jump, resolve_jump

__all__ = [
    "Hit",
    "SearchIndex",
    "load_or_build",
    "load_or_build_paths",
    "parse_jump",
    "resolve_jump",
]
