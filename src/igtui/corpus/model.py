"""The corpus data model shared by every layer (no Textual imports)."""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, Literal, get_args

Kind = Literal["heading", "paragraph", "list_item", "footnote", "boilerplate"]
Lang = Literal["zh", "en"]

KINDS: tuple[Kind, ...] = ("heading", "paragraph", "list_item", "footnote", "boilerplate")
LANGS: tuple[Lang, ...] = get_args(Lang)
# inline styles a format may carry (Markdown **strong** / *em* / `code`, HTML, Word runs)
Style = Literal["strong", "em", "code"]
STYLES: tuple[Style, ...] = get_args(Style)
# [start, end) of `Paragraph.text` drawn in a style
StyleSpan = tuple[int, int, Style]


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
    # the (1-based, physical) page the paragraph starts on, where the source has pages
    page: int | None = None
    # inline emphasis, as spans of `text` (the markup itself is never in `text`)
    styles: tuple[StyleSpan, ...] = ()

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
            "page": self.page,
            "styles": [list(span) for span in self.styles],
        }

    @classmethod
    def from_json(cls, data: Any) -> Paragraph:
        """The paragraph `as_json` gave; ValueError if `data` is not one (caches validate)."""
        obj = _mapping(data, "paragraph")
        return cls(
            n=_int(obj, "n"),
            kind=_choice(obj, "kind", KINDS),
            section=tuple(_str_list(obj, "section")),
            label=_opt(obj, "label", str),
            lang=_choice(obj, "lang", LANGS),
            text=_typed(obj, "text", str),
            level=_int(obj, "level"),
            pair=_opt(obj, "pair", int),
            page=_opt(obj, "page", int),
            styles=tuple(_style(span) for span in _typed(obj, "styles", list)),
        )


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a citation needs beyond the title; empty strings where the source does not say.

    Filled from the source's own metadata (front matter, HTML meta, PDF info, Word core
    properties), from a sidecar file the user writes, or from the bundled seeds' curation.
    """

    # people, as the source names them ("鄭國威"); several joined by "; "
    author: str = ""
    # the issuing body ("中国信息通信研究院", "ICANN") when it, not a person, is the author;
    # several joined by "; "
    organization: str = ""
    # as precise as known, ISO-like: "2022", "2022-01", "2024-04-28"
    date: str = ""
    # who published it: a site, journal, publisher or gazette
    publisher: str = ""
    url: str = ""
    # what it is, for citation styles: "report", "law", "webpage", "article", "book", ""
    kind: str = ""
    # (physical page, the number printed on it) where they differ: "p. 6" of a report is
    # its 11th PDF page; citations use the printed one
    page_labels: tuple[tuple[int, str], ...] = ()

    def page_label(self, page: int) -> str:
        """What a citation calls physical page `page`: the number printed on it, unless
        another page prints (or, unnumbered, would be called) the same number.

        The longest run of printed numbers is the body: its pages keep their numbers. A page
        before the body whose number is taken (a cover, a preface, a contents page numbered
        on its own, as "1" again) is front matter, numbered in lower-case roman from the
        first page ("iii"), as books number theirs; a taken number after the body (an annex
        counting from 1 again) is cited by its place in the file ("PDF p. 75")."""
        labels = _unambiguous_labels(self.page_labels)
        if page in labels or not labels:
            return labels.get(page, str(page))
        taken = str(page) in dict(self.page_labels).values()
        return f"PDF p. {page}" if taken else str(page)

    def as_json(self) -> dict[str, Any]:
        return {
            "author": self.author,
            "organization": self.organization,
            "date": self.date,
            "publisher": self.publisher,
            "url": self.url,
            "kind": self.kind,
            "page_labels": {str(page): label for page, label in self.page_labels},
        }

    @classmethod
    def from_json(cls, data: Any) -> Metadata:
        """The metadata `as_json` gave; ValueError if `data` is not that."""
        obj = _mapping(data, "metadata")
        values: dict[str, Any] = {
            name: _typed(obj, name, str) for name in _METADATA_FIELDS if name != "page_labels"
        }
        values["page_labels"] = _page_labels(_typed(obj, "page_labels", dict))
        # most documents say nothing: they share one instance (50,000 files open lighter)
        return NO_METADATA if not any(values.values()) else cls(**values)


@lru_cache(maxsize=64)
def _unambiguous_labels(labels: tuple[tuple[int, str], ...]) -> dict[int, str]:
    """Physical page -> its citation label, for pages up to the last labelled one (see
    page_label); a later page is called by its place unless that number is taken."""
    printed = dict(labels)
    if not printed:
        return {}
    body = _main_run(labels)
    start, end = (body[0], body[-1]) if body else (0, -1)
    body_labels = {printed[p] for p in body}
    called = {page: printed.get(page, str(page)) for page in range(1, max(printed) + 1)}
    uses = Counter(called.values())
    out: dict[int, str] = {}
    for page, label in called.items():
        if start <= page <= end or (label not in body_labels and uses[label] == 1):
            out[page] = label
        elif page < start:
            out[page] = _roman(page)
        else:
            out[page] = f"PDF p. {page}"
    return out


def _main_run(labels: tuple[tuple[int, str], ...]) -> list[int]:
    """The pages of the longest run of printed numbers counting up one a page."""
    best: list[int] = []
    run: list[int] = []
    previous: tuple[int, int] | None = None
    for page, label in labels:
        number = int(label) if label.isdigit() else None
        if number is None:
            run, previous = [], None
            continue
        if previous is not None and page == previous[0] + 1 and number == previous[1] + 1:
            run.append(page)
        else:
            run = [page]
        previous = (page, number)
        if len(run) > len(best):
            best = list(run)
    return best


def _roman(number: int) -> str:
    out = []
    for value, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
        (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    path: Path
    paragraphs: tuple[Paragraph, ...]
    metadata: Metadata = Metadata()

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
            "metadata": self.metadata.as_json(),
            "paragraphs": [p.as_json() for p in self.paragraphs],
        }

    @classmethod
    def from_json(cls, data: Any) -> Document:
        """The document `as_json` gave; ValueError if `data` is not one (a cache entry that was
        damaged or written by another version must be re-parsed, never trusted)."""
        obj = _mapping(data, "document")
        paragraphs = tuple(Paragraph.from_json(p) for p in _typed(obj, "paragraphs", list))
        if any(p.n != i for i, p in enumerate(paragraphs, 1)):
            raise ValueError("paragraphs are not numbered 1, 2, 3 …")
        return cls(paragraphs=paragraphs, **head_fields(obj))

    @property
    def content_key(self) -> str | None:
        """A key of this document's parsed content, where a cache knows one (else None): equal
        keys mean equal documents but for the id."""
        return None

    def renamed(self, doc_id: str) -> Document:
        """This document under another id."""
        return replace(self, id=doc_id)

    def plain(self) -> Document:
        """This document as a plain Document, its paragraphs read (`dataclasses.replace`
        works on it)."""
        return self

    def first_readable(self) -> int:
        """`n` of the first paragraph that is not boilerplate; 0 if there is none."""
        return next((p.n for p in self.paragraphs if p.readable), 0)

    def has_headings(self) -> bool:
        return any(p.kind == "heading" for p in self.paragraphs)


def head_fields(obj: dict[str, Any], path: Path | None = None) -> dict[str, Any]:
    """Every field of a Document but its paragraphs, from `Document.as_json` (validated);
    `path`, when given, is used instead of the one in `obj`."""
    return {
        "id": _typed(obj, "id", str),
        "title": _typed(obj, "title", str),
        "path": Path(_typed(obj, "path", str)) if path is None else path,
        "metadata": Metadata.from_json(obj.get("metadata")),
    }


# Loads a lazy document's paragraphs (from a cache, or by parsing the file again).
ParagraphLoader = Callable[[], tuple[Paragraph, ...]]


class LazyDocument(Document):
    """A Document whose paragraphs are read on first use; everything else is known at once.

    A corpus of 5,000 documents opens from the parse cache with only titles and what the tree
    needs (`first_readable`, `has_headings`); a document's paragraphs load when something reads
    them. At most MAX_LOADED lazy documents hold their paragraphs at once: the least recently
    loaded drop theirs (read again on next use), so reading through a large corpus (search,
    concordance) stays in bounded memory. Equal to the Document it stands for, field by field.
    """

    MAX_LOADED: ClassVar[int] = 256
    _recent: ClassVar[OrderedDict[int, LazyDocument]] = OrderedDict()
    _recent_lock: ClassVar[threading.Lock] = threading.Lock()
    # a document loads under one of these (picked by its id()), not a lock of its own: 50,000
    # documents would hold 50,000 locks; with 256, a load waits behind another document's
    # (a PDF parsed again, ~0.5 s) once in 256
    _load_locks: ClassVar[tuple[threading.RLock, ...]] = tuple(
        threading.RLock() for _ in range(256)
    )

    __slots__ = ("_first", "_headings", "_key", "_load", "_loaded", "_path")
    _key: str
    _first: int
    _headings: bool
    _load: ParagraphLoader
    _path: str

    def __init__(
        self,
        head: dict[str, Any],
        load: ParagraphLoader,
        *,
        first_readable: int,
        has_headings: bool,
        content_key: str,
        loaded: tuple[Paragraph, ...] | None = None,
    ) -> None:
        """`head`: every field but the paragraphs (`head_fields`); `loaded`: the paragraphs,
        when they are at hand already (a document just parsed)."""
        super().__init__(paragraphs=(), **head)
        object.__setattr__(self, "_key", content_key)
        object.__setattr__(self, "_load", load)
        object.__setattr__(self, "_first", first_readable)
        object.__setattr__(self, "_headings", has_headings)
        if loaded is not None:
            object.__setattr__(self, "_loaded", loaded)
            self._remember()

    # `paragraphs` is a property here, over the `_loaded` slot (None until loaded): readers of
    # `doc.paragraphs` cannot tell a lazy document from another.
    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        loaded: tuple[Paragraph, ...] | None = _loaded_slot(self)
        if loaded is None:
            # id()s are multiples of 16: the bits above them pick the lock
            with self._load_locks[(id(self) >> 4) % len(self._load_locks)]:
                loaded = _loaded_slot(self)
                if loaded is None:
                    loaded = self._load()
                    object.__setattr__(self, "_loaded", loaded)
                    self._remember()
        return loaded

    @paragraphs.setter
    def paragraphs(self, value: tuple[Paragraph, ...]) -> None:
        # only Document.__init__ sets it: the head's paragraphs, i.e. none yet
        object.__setattr__(self, "_loaded", value or None)

    # `path` is kept as a string and made a Path on use: a Path is five objects, ~300 bytes
    # (a quarter of what 50,000 open documents hold)
    @property
    def path(self) -> Path:
        return Path(self._path)

    @path.setter
    def path(self, value: Path) -> None:
        # only Document.__init__ sets it
        object.__setattr__(self, "_path", str(value))

    def _remember(self) -> None:
        with LazyDocument._recent_lock:
            recent = LazyDocument._recent
            recent[id(self)] = self
            recent.move_to_end(id(self))
            while len(recent) > self.MAX_LOADED:
                _, oldest = recent.popitem(last=False)
                oldest.unload()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _DOCUMENT_FIELDS)

    __hash__ = Document.__hash__

    @property
    def loaded(self) -> bool:
        return _loaded_slot(self) is not None

    @property
    def loader(self) -> ParagraphLoader:
        """What loads the paragraphs (a worker process may call it instead of being sent them:
        the parse cache's loaders are picklable)."""
        return self._load

    def unload(self) -> None:
        """Forget the paragraphs (they load again on next use)."""
        object.__setattr__(self, "_loaded", None)

    def plain(self) -> Document:
        return Document(**{name: getattr(self, name) for name in _DOCUMENT_FIELDS})

    def renamed(self, doc_id: str) -> Document:
        head = {name: getattr(self, name) for name in _DOCUMENT_FIELDS if name != "paragraphs"}
        return LazyDocument({**head, "id": doc_id}, self._load, first_readable=self._first,
                            has_headings=self._headings, content_key=self._key)

    @property
    def content_key(self) -> str | None:
        return self._key

    def first_readable(self) -> int:
        return self._first

    def has_headings(self) -> bool:
        return self._headings


# dataclasses.fields() costs microseconds a call: 5,000 documents open with these instead
_DOCUMENT_FIELDS = tuple(f.name for f in fields(Document))
_METADATA_FIELDS = tuple(f.name for f in fields(Metadata))
# what a document that says nothing of itself has (one instance: 50,000 such share it)
NO_METADATA = Metadata()


def _loaded_slot(doc: LazyDocument) -> tuple[Paragraph, ...] | None:
    try:
        value: tuple[Paragraph, ...] | None = object.__getattribute__(doc, "_loaded")
    except AttributeError:
        return None
    return value


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


# -- validation helpers for from_json ---------------------------------------------------------


def _mapping(data: Any, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValueError(f"{what} is not an object")
    return data


def _typed(obj: dict[str, Any], key: str, kind: type[Any]) -> Any:
    value = obj.get(key)
    # bool is an int to Python, never to this model
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{key} is not a {kind.__name__}")
    return value


def _int(obj: dict[str, Any], key: str) -> int:
    value: int = _typed(obj, key, int)
    return value


def _opt(obj: dict[str, Any], key: str, kind: type[Any]) -> Any:
    return None if obj.get(key) is None else _typed(obj, key, kind)


def _choice(obj: dict[str, Any], key: str, allowed: tuple[str, ...]) -> Any:
    value = obj.get(key)
    if value not in allowed:
        raise ValueError(f"{key} is not one of {', '.join(allowed)}")
    return value


def _str_list(obj: dict[str, Any], key: str) -> list[str]:
    value = _typed(obj, key, list)
    if not all(isinstance(item, str) for item in value):
        raise ValueError(f"{key} holds something other than text")
    return list(value)


def _page_labels(labels: dict[str, Any]) -> tuple[tuple[int, str], ...]:
    out = []
    for page, label in labels.items():
        if not page.isdigit() or not isinstance(label, str):
            raise ValueError("page_labels is not {page: label}")
        out.append((int(page), label))
    return tuple(out)


def _style(span: Any) -> StyleSpan:
    if not isinstance(span, list | tuple) or len(span) != 3:
        raise ValueError("a style span is not [start, end, style]")
    start, end, style = span
    ints = all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end))
    if not ints or not 0 <= start <= end or style not in STYLES:
        raise ValueError("a style span is not [start, end, style]")
    return (start, end, style)
