"""The corpus data model shared by every layer (no Textual imports)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Kind = Literal["heading", "paragraph", "list_item", "footnote", "boilerplate"]
Lang = Literal["zh", "en"]

KINDS: tuple[Kind, ...] = ("heading", "paragraph", "list_item", "footnote", "boilerplate")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One unit of reading text; `n` is 1-based over all kinds in its document."""

    n: int
    kind: Kind
    section: tuple[str, ...]
    label: str | None
    lang: Lang
    text: str
    # heading depth (1 = top) for headings, 0 otherwise
    level: int = 0
    # `n` of the paragraph holding this one's translation, if the document pairs them
    pair: int | None = None

    @property
    def readable(self) -> bool:
        return self.kind != "boilerplate"

    def as_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "kind": self.kind,
            "section": list(self.section),
            "label": self.label,
            "lang": self.lang,
            "text": self.text,
            "level": self.level,
            "pair": self.pair,
        }


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    path: Path
    paragraphs: tuple[Paragraph, ...]

    def paragraph(self, n: int) -> Paragraph:
        """The paragraph numbered `n` (1-based); IndexError if there is none."""
        if not 1 <= n <= len(self.paragraphs):
            raise IndexError(f"{self.id} has no paragraph {n}")
        return self.paragraphs[n - 1]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "path": str(self.path),
            "paragraphs": [p.as_json() for p in self.paragraphs],
        }


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: tuple[Document, ...]
    # one line per file that could not be read (binary, undecodable, unreadable)
    errors: tuple[str, ...] = ()
    # stable identity of the corpus (its resolved roots), used to key state and caches
    key: str = ""
    _by_id: dict[str, Document] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({d.id: d for d in self.documents})

    def document(self, doc_id: str) -> Document:
        """The document with this id; KeyError if there is none."""
        return self._by_id[doc_id]

    def as_json(self) -> dict[str, Any]:
        return {"documents": [d.as_json() for d in self.documents]}
