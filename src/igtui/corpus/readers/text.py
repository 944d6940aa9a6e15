"""Plain text (and, for now, Markdown read as text): decoded, then handed over line by line."""

from __future__ import annotations

from pathlib import Path

from igtui.corpus.decoding import read_document_text
from igtui.corpus.parsing.source import Source, SourceLine


def read(path: Path) -> Source:
    """The text file `path` as printed lines; UnreadableDocument if it is not text."""
    return Source(lines=[SourceLine(line) for line in read_document_text(path).split("\n")])
