"""Fuzzy search over a corpus: `load_or_build(corpus)` then `index.search(query)`.

No Textual here: the CLI, the app and tests share this API. The index and its cache are loaded
on first use (PEP 562): the app imports `igtui.search.jump` and `.normalize` at start-up, and
those must not pull in the index and rapidfuzz before the first frame.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from igtui.search.jump import parse_jump, resolve_jump

if TYPE_CHECKING:
    from igtui.search.cache import load_or_build, load_or_build_paths
    from igtui.search.index import Hit, SearchIndex

_LAZY = {
    "Hit": "igtui.search.index",
    "SearchIndex": "igtui.search.index",
    "load_or_build": "igtui.search.cache",
    "load_or_build_paths": "igtui.search.cache",
}

__all__ = [
    "Hit",
    "SearchIndex",
    "load_or_build",
    "load_or_build_paths",
    "parse_jump",
    "resolve_jump",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
