"""Recognise "go to paragraph" queries: `#45`, `第45段` (also full-width digits, `第 45 段`),
law articles `第37条` / `第三十七条` / `第 37 条`, and `@12`, the 12th paragraph in file order
(the position `igtui.reading.locator` prints for a paragraph without a label of its own).

Law articles have labels of their own ("第37条"), apart from numbered paragraphs ("37"): a law
(or a translated regulation) numbers its paragraphs afresh inside every article, so `1．` occurs
once per article while `第1条` names one place. `第37条` always means the article. `#37` means
article 37 in a document that has one (in a law, the article number is the number a reader
has in mind), and the paragraph labelled 37 everywhere else; `第37段` is always a paragraph.

`jump_targets` answers such a query across a corpus: the reader's document first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.corpus.parsing.numerals import article_label, cn_number

_JUMP = re.compile(r"#\s*(\S+)|第\s*(\S+?)\s*段|(第\s*\S+?\s*[条條](?:之\S+)?)|(@\s*\d+)")


def parse_jump(query: str) -> str | None:
    """The paragraph label a jump query names ("45", "第37条", "@12"), or None if `query` is
    a plain search."""
    text = unicodedata.normalize("NFKC", query).strip()
    match = _JUMP.fullmatch(text)
    if match is None:
        return None
    hashed, paragraph, article, position = match.groups()
    if position:
        return position.replace(" ", "")
    if article:
        return article_label(article)
    if hashed:
        return hashed
    number = cn_number(paragraph)
    return paragraph if number is None else str(number)


# which kinds a "#45" means first: numbered body text, then headings, then footnotes
_KIND_RANK = {"paragraph": 0, "list_item": 0, "heading": 1, "footnote": 2}


def resolve_jump(doc: Document, label: str, current_n: int | None = None) -> int | None:
    """`n` of the paragraph labelled `label` in `doc`, or None if there is none.

    Labels may restart in each section (1. 2. 3. under every heading): then the paragraph in the
    reader's current section wins, else the one nearest to the current paragraph. Body text wins
    over a heading or a footnote with the same label: "#1" means ¶1, not footnote ¹. A bare
    number names the law article of that number where the document has one.
    """
    if label.startswith("@") and label[1:].isdigit():
        n = int(label[1:])
        return n if 1 <= n <= len(doc.paragraphs) else None
    matches: list[Paragraph] = []
    if label.isdigit():
        article = f"第{int(label)}条"
        matches = [p for p in doc.paragraphs if p.label == article and p.readable]
    if not matches:
        matches = [p for p in doc.paragraphs if p.label == label and p.readable]
    if not matches:
        return None
    best_kind = min(_KIND_RANK.get(p.kind, 1) for p in matches)
    matches = [p for p in matches if _KIND_RANK.get(p.kind, 1) == best_kind]
    if current_n is None or not 1 <= current_n <= len(doc.paragraphs):
        return matches[0].n
    here = doc.paragraph(current_n).section

    def closeness(p: Paragraph) -> tuple[int, int]:
        shared = 0
        for mine, theirs in zip(here, p.section, strict=False):
            if mine != theirs:
                break
            shared += 1
        return (-shared, abs(p.n - current_n))

    return min(matches, key=closeness).n


def jump_targets(
    corpus: Corpus,
    label: str,
    here: tuple[str, int] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[Document, int]]:
    """(document, n) of the paragraph `label` names in each document that has one: the
    reader's document (`here` = (doc id, n)) first, then the others in corpus order. Stops
    early once `cancelled()` (a newer query replaced this one). A position (`@12`) is the
    reader's document's only: every document has a 12th paragraph."""
    first = None
    if here is not None and here[0]:
        first = corpus.document(here[0])
        n = resolve_jump(first, label, here[1])
        if n is not None:
            yield first, n
        if label.startswith("@"):
            return
    for doc in corpus.documents:
        if cancelled():
            return
        if doc is not first:
            n = resolve_jump(doc, label)
            if n is not None:
                yield doc, n
