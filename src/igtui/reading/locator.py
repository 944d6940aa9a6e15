"""One name for a paragraph, everywhere: the locator (no Textual imports).

The number a reader sees in the pane's gutter is the number they type in the CLI, and what
exports, citations, `notes list`, `search` and `concord` print (`--json` adds it as `locator`
beside the position `n`):

- the document's own label, where it has one that names one paragraph: `¶51` (a numbered
  paragraph), `第37条` (a law article, also one set as a heading), `一`, `a)` (a list item),
  `[3]` (footnote 3);
- a list item whose letter repeats: with its numbered paragraph, `¶45 a)`; a numbered
  paragraph whose number repeats (a law numbers them afresh in every article): with its
  article, `第5条 ¶1` (and its items `第5条 ¶1 a)`);
- otherwise the position in file order, `@57` (what `--json` calls `n`); a label that names
  several paragraphs is shown with the position: `¶3 (@57)`, and so is the article an
  unnumbered paragraph of a law belongs to: `第75条 (@174)`.

What a user may type (`parse`): `¶51` or `第51段` is the paragraph labelled 51 (body text
before headings and footnotes); `51` or `#51` is article 51 in a document that has one (a law:
as `#51` in the search box), else the paragraph labelled 51; `第51条` / `第五十一条` is the
article; `@57` is the 57th paragraph in file order, always; `[3]` or `note 3` is footnote 3;
`a)` or `(a)` a list item; `¶45 a)` item a) of ¶45; any other label as shown. A printed
locator can be pasted back as it is. A label that names several paragraphs is an error that
lists them, never a guess.

Only readable paragraphs carry labels here (boilerplate is hidden from the reader), so a table
can be built from a Document or from the search index's per-paragraph data alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from igtui.corpus.model import Document
from igtui.corpus.parsing.numerals import article_label

# which kinds a bare label means first: body text, then headings, then footnotes (as `#45`)
_KIND_RANK = {"paragraph": 0, "list_item": 0, "heading": 1, "footnote": 2}
_POSITION = re.compile(r"@\s*(\d+)")
_PARAGRAPH = re.compile(r"(?:¶\s*(\S+)|第\s*(\S+?)\s*段)")
_HASHED = re.compile(r"#?\s*(\S+)")
_FOOTNOTE = re.compile(r"(?:\[\s*(\S+?)\s*\]|note\s+(\S+))", re.IGNORECASE)
_ITEM = re.compile(r"\(?\s*([^\s()]+?)\s*\)")
# "¶45 a)", "第5条 ¶1", "第5条 ¶1 a)": the last part is named inside the rest
_QUALIFIED = re.compile(r"(.+\S)\s+(\(?[^\s()]+\)|¶\s*\d+)")
_TRAILING = ".．、:："


class LocatorError(ValueError):
    """A locator that names no paragraph, or several; the message says which exist."""


@dataclass(frozen=True, slots=True)
class Entry:
    """What a locator needs of a paragraph: its position, kind and label."""

    n: int
    kind: str
    label: str | None


def _clean(label: str | None) -> str:
    return unicodedata.normalize("NFKC", label or "").strip()


def _shown(entry: Entry) -> str:
    """How the entry's own label is written: ¶51, [3], a), 第37条; "" without one.

    A heading is located by its label only when it is a law article's ("第 5 条 原则");
    other headings keep their number in their text."""
    label = _clean(entry.label)
    if label and _is_article(label):
        return label
    if not label or entry.kind not in ("paragraph", "list_item", "footnote"):
        return ""
    if entry.kind == "footnote":
        return f"[{label}]"
    if entry.kind == "list_item":
        return f"{label})"
    return f"¶{label}" if label.isdigit() else label


def _is_article(label: str) -> bool:
    return label.startswith("第") and "条" in label


@dataclass(frozen=True, slots=True)
class _Wanted:
    """A parsed locator: a position, or a label with the kinds it may name."""

    position: int | None = None
    label: str = ""
    kinds: frozenset[str] | None = None  # None: rank them as the search box does
    parent: str | None = None  # `¶45 a)`: the locator of the item's paragraph
    # a bare number: the article of that number where the document has one
    article_first: bool = False


_PARAGRAPH_KINDS = frozenset({"paragraph", "list_item"})


def _parse(text: str) -> _Wanted:
    text = unicodedata.normalize("NFKC", text).strip()
    position = _POSITION.search(text)
    if position is not None:
        return _Wanted(position=int(position.group(1)))
    if (m := _FOOTNOTE.fullmatch(text)) is not None:
        return _Wanted(label=(m.group(1) or m.group(2)), kinds=frozenset({"footnote"}))
    if (article := article_label(text)) is not None:
        return _Wanted(label=article)
    if (m := _PARAGRAPH.fullmatch(text)) is not None:
        return _Wanted(label=(m.group(1) or m.group(2)).rstrip(_TRAILING))
    if (m := _QUALIFIED.fullmatch(text)) is not None:
        inner = m.group(2)
        if inner.startswith("¶"):
            return _Wanted(label=inner[1:].strip(), kinds=_PARAGRAPH_KINDS, parent=m.group(1))
        item = _ITEM.fullmatch(inner)
        if item is not None:
            return _Wanted(label=item.group(1), kinds=frozenset({"list_item"}),
                           parent=m.group(1))
    if (m := _ITEM.fullmatch(text)) is not None:
        return _Wanted(label=m.group(1), kinds=frozenset({"list_item"}))
    hashed = _HASHED.fullmatch(text)
    label = (hashed.group(1) if hashed else text).rstrip(_TRAILING) or text
    return _Wanted(label=label, article_first=label.isdigit())


class Locators:
    """The locators of one document's paragraphs, both ways: `of(n)` and `find(text)`."""

    def __init__(self, doc_id: str, count: int, entries: Iterable[Entry]) -> None:
        """`count`: how many paragraphs the document has; `entries`: its readable ones, in
        order."""
        self.doc_id = doc_id
        self.count = count
        self.entries = {e.n: e for e in entries}
        self._order = sorted(self.entries)
        self._index = {n: i for i, n in enumerate(self._order)}
        self._by_label: dict[str, list[Entry]] = {}
        for n in self._order:
            entry = self.entries[n]
            label = _clean(entry.label)
            if label:
                self._by_label.setdefault(label, []).append(entry)
        self._shown: dict[int, str] = {}
        # paragraph -> the article above it (`_article`), made on first need
        self._articles: dict[int, Entry | None] | None = None

    @classmethod
    def of_document(cls, doc: Document) -> Locators:
        return cls(
            doc.id,
            len(doc.paragraphs),
            (Entry(p.n, p.kind, p.label) for p in doc.paragraphs if p.readable),
        )

    # -- paragraph to locator -----------------------------------------------------------

    def of(self, n: int) -> str:
        """The locator of paragraph `n`: its label where that names it alone, else with (or
        as) its position."""
        found = self._shown.get(n)
        if found is None:
            found = self._shown[n] = self._locator(n)
        return found

    def label_of(self, n: int) -> str:
        """Paragraph `n`'s own label as shown (¶51, [3], a)), "" if it has none (a heading:
        the pane shows its number in its text)."""
        entry = self.entries.get(n)
        return _shown(entry) if entry is not None and entry.kind != "heading" else ""

    def _locator(self, n: int) -> str:
        entry = self.entries.get(n)
        shown = _shown(entry) if entry is not None else ""
        if not shown:
            # a law's unnumbered paragraph (an article's second 款) is cited by its article
            article = self._article(entry) if entry is not None else None
            if article is not None and entry is not None and entry.kind != "heading":
                # the article's label, never its own locator: that may carry a position
                return f"{_shown(article)} (@{n})"
            return f"@{n}"
        if self._names_only(shown, n):
            return shown
        if entry is not None and entry.kind == "list_item":
            parent = self._parent(entry)
        elif entry is not None and shown.startswith("¶"):
            parent = self._article(entry)
        else:
            parent = None
        if parent is not None:
            qualified = f"{self.of(parent.n)} {shown}"
            if "@" not in qualified and self._names_only(qualified, n):
                return qualified
        return f"{shown} (@{n})"

    def _names_only(self, text: str, n: int) -> bool:
        try:
            return self._matches(_parse(text)) == [n]
        except LocatorError:
            return False

    def _parent(self, item: Entry) -> Entry | None:
        """The numbered paragraph that introduces the list `item` belongs to."""
        for i in range(self._index[item.n] - 1, -1, -1):
            n = self._order[i]
            entry = self.entries[n]
            if entry.kind != "list_item":
                return entry if entry.kind == "paragraph" and _clean(entry.label) else None
        return None

    def _article(self, entry: Entry) -> Entry | None:
        """The law article a paragraph belongs to: the nearest article above it, with no
        other heading (a chapter, a section) in between."""
        if self._articles is None:
            # one pass for the whole document (asked of every paragraph of a long one)
            self._articles, current = {}, None
            for n in self._order:
                above = self.entries[n]
                self._articles[n] = current
                if _is_article(_clean(above.label)):
                    current = above
                elif above.kind == "heading":
                    current = None
        return self._articles.get(entry.n)

    # -- locator to paragraph -----------------------------------------------------------

    def find(self, text: str) -> int:
        """The `n` that `text` names; LocatorError (with the choices) if none or several."""
        if not text.strip():
            raise LocatorError("a paragraph locator must not be empty")
        found = self._matches(_parse(text))
        if len(found) == 1:
            return found[0]
        if not found:
            raise LocatorError(self._none_message(text))
        choices = ", ".join(self.of(n) for n in found[:8])
        more = f" and {len(found) - 8} more" if len(found) > 8 else ""
        raise LocatorError(
            f"{text!r} names {len(found)} paragraphs of {self.doc_id}: {choices}{more}"
        )

    def _none_message(self, text: str) -> str:
        wanted = _parse(text)
        hint = ""
        if wanted.position is None and wanted.label.isdigit() and (
            1 <= int(wanted.label) <= self.count
        ):
            hint = f" (@{wanted.label} is its paragraph {wanted.label} in file order)"
        return f"{self.doc_id} has no paragraph {text!r}{hint}"

    def _matches(self, wanted: _Wanted) -> list[int]:
        if wanted.position is not None:
            if not 1 <= wanted.position <= self.count:
                raise LocatorError(
                    f"{self.doc_id} has no paragraph @{wanted.position} (it has @1 to "
                    f"@{self.count})"
                )
            return [wanted.position]
        if wanted.article_first:
            articles = self._by_label.get(f"第{int(wanted.label)}条", [])
            if articles:
                return [e.n for e in articles]
        candidates = self._by_label.get(_clean(wanted.label), [])
        if wanted.parent is not None:
            if wanted.kinds == _PARAGRAPH_KINDS:
                return self._paragraphs_of(wanted.parent, candidates)
            return self._items_of(wanted.parent, candidates)
        if wanted.kinds is not None:
            return [e.n for e in candidates if e.kind in wanted.kinds]
        if not candidates:
            return []
        best = min(_KIND_RANK.get(e.kind, 1) for e in candidates)
        return [e.n for e in candidates if _KIND_RANK.get(e.kind, 1) == best]

    def _paragraphs_of(self, article_text: str, paragraphs: Sequence[Entry]) -> list[int]:
        articles = set(self._matches(_parse(article_text)))
        return [
            e.n for e in paragraphs
            if e.kind in _PARAGRAPH_KINDS and (a := self._article(e)) is not None
            and a.n in articles
        ]

    def _items_of(self, parent_text: str, items: Sequence[Entry]) -> list[int]:
        parents = [n for n in self._matches(_parse(parent_text))
                   if self.entries[n].kind in _PARAGRAPH_KINDS]
        return [
            e.n for e in items
            if e.kind == "list_item" and (p := self._parent(e)) is not None and p.n in parents
        ]


class _DocKey:
    """Hashes a Document by identity: hashing its fields would hash all its text each call."""

    __slots__ = ("doc",)

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def __hash__(self) -> int:
        return id(self.doc)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _DocKey) and other.doc is self.doc


@lru_cache(maxsize=32)
def _cached(key: _DocKey) -> Locators:
    return Locators.of_document(key.doc)


def locators(doc: Document) -> Locators:
    """The locator table of `doc`, cached for the documents used most recently."""
    return _cached(_DocKey(doc))


def locator(doc: Document, n: int) -> str:
    """The locator of paragraph `n` of `doc` (see the module's docstring)."""
    return locators(doc).of(n)


def find(doc: Document, text: str) -> int:
    """The `n` of the paragraph of `doc` that `text` names; LocatorError if none or several."""
    return locators(doc).find(text)
