"""The parsing pipeline: a document's text to titled, sectioned, labelled, paired paragraphs.

`pipeline.parse_document` runs the stages: `blocks` (lines to blocks: hard wraps, page breaks,
footnotes), `boilerplate` (site chrome), `classify` (heading, list item, paragraph; labels;
bilingual lines split), `headings` (title and heading levels), `pairing` (translations).
`shapes` holds the character-level facts they share. `source` is the contract with the format
readers: what a reader hands over (`Source`), parsed by `parse_source`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from igtui.corpus.parsing.pipeline import parse_document, parse_source

__all__ = ["parse_document", "parse_source"]


def __getattr__(name: str) -> Any:
    # PEP 562, for start-up speed: a reader importing `parsing.source` must not load the
    # whole pipeline (~0.1 s), which a launch from the parse cache never runs
    if name in __all__:
        return getattr(importlib.import_module("igtui.corpus.parsing.pipeline"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
