"""Plain text (and, for now, Markdown read as text): decode, then the parsing pipeline."""

from __future__ import annotations

from pathlib import Path

from igtui.corpus.decoding import read_document_text
from igtui.corpus.model import Document
from igtui.corpus.parsing import parse_document


def read(path: Path, doc_id: str) -> Document:
    """The document in the text file `path`; UnreadableDocument if it is not text."""
    return parse_text(read_document_text(path), doc_id, path)


def parse_text(text: str, doc_id: str, path: Path) -> Document:
    if not text.strip():
        # Nothing to take a title from: the file name is all there is.
        return Document(id=doc_id, title=path.stem, path=path, paragraphs=())
    return parse_document(text, doc_id, path)
