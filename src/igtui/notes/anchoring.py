"""Finding a quoted paragraph again after its document was edited or re-segmented.

A bookmark remembers its paragraph's text (the quote), a little text on either side (the
context) and its old position `n`. Positions drift whenever a document gains paragraphs or the
parser splits it differently, so the quote is the anchor and `n` only breaks ties:

1. exact: a paragraph whose normalised text equals the quote;
2. fuzzy: rapidfuzz's `ratio` (normalised Indel similarity) of at least FUZZY_CUTOFF, which
   survives typo fixes and small rewordings but not a different paragraph on the same topic;
3. confirmed by context: `ratio` of at least CONTEXT_QUOTE_CUTOFF where the text around the
   paragraph still matches (CONTEXT_CUTOFF): one changed character in a five-character
   paragraph is a big relative change, but its neighbours vouch for it;
4. re-segmented: for quotes long enough to be distinctive, `partial_ratio` of at least
   PARTIAL_CUTOFF when one text holds most of the other (a paragraph merged with its neighbour,
   or split in two).

Among several candidates the better score wins, then the better context match, then the one
nearest the old `n`. No Textual imports: used by the store, the exporter and the CLI.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from igtui.corpus.model import Document

CONTEXT_CHARS = 40
FUZZY_CUTOFF = 85.0
PARTIAL_CUTOFF = 90.0
CONTEXT_QUOTE_CUTOFF = 60.0
CONTEXT_CUTOFF = 90.0
# partial matching on short quotes ("1. 引言") would latch onto any paragraph containing them
PARTIAL_MIN_CHARS = 20
# the shorter text must be at least this share of the longer one for a partial match
PARTIAL_MIN_SHARE = 0.3

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Anchor:
    """What a bookmark needs to find its paragraph again."""

    quote: str
    context_before: str
    context_after: str
    quote_hash: str


@dataclass(frozen=True, slots=True)
class Match:
    n: int
    # 100 for an exact match, the rapidfuzz score otherwise
    score: float


def normalize(text: str) -> str:
    """Fold the differences a re-parse introduces: Unicode width/compatibility and whitespace."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def quote_hash(text: str) -> str:
    return _hash_normalized(normalize(text))


class DocIndex:
    """A document's paragraphs, normalised once for any number of `locate` calls."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.texts = [normalize(p.text) for p in doc.paragraphs]
        self.by_hash: dict[str, list[int]] = {}
        for i, text in enumerate(self.texts, 1):
            self.by_hash.setdefault(_hash_normalized(text), []).append(i)


def _hash_normalized(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _context(doc: Document, n: int) -> tuple[str, str]:
    paras = doc.paragraphs
    before = paras[n - 2].text[-CONTEXT_CHARS:] if n >= 2 else ""
    after = paras[n].text[:CONTEXT_CHARS] if n < len(paras) else ""
    return before, after


def anchor_for(doc: Document, n: int) -> Anchor:
    """The anchor of paragraph `n` of `doc` (IndexError if there is none)."""
    text = doc.paragraph(n).text
    before, after = _context(doc, n)
    return Anchor(text, before, after, quote_hash(text))


def _context_score(anchor: Anchor, doc: Document, n: int) -> float:
    before, after = _context(doc, n)
    scores = [
        fuzz.ratio(normalize(old), normalize(new))
        for old, new in ((anchor.context_before, before), (anchor.context_after, after))
        if old or new
    ]
    return sum(scores) / len(scores) if scores else 0.0


def _best(anchor: Anchor, doc: Document, old_n: int, scored: dict[int, float]) -> Match | None:
    if not scored:
        return None

    def rank(n: int) -> tuple[int, int, int]:
        # whole points of score, then tens of points of context: noise must not beat proximity
        context = round(_context_score(anchor, doc, n) / 10) if len(scored) > 1 else 0
        return (round(scored[n]), context, -abs(n - old_n))

    n = max(scored, key=rank)
    return Match(n, scored[n])


def locate(anchor: Anchor, index: DocIndex, old_n: int) -> Match | None:
    """Where `anchor` sits in the indexed document now; None if its text is gone."""
    doc = index.doc
    quote = normalize(anchor.quote)
    exact = {n: 100.0 for n in index.by_hash.get(_hash_normalized(quote), [])}
    if exact or not quote:
        return _best(anchor, doc, old_n, exact)
    fuzzy = {
        i + 1: score
        for _, score, i in process.extract(
            quote, index.texts, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
        )
    }
    if fuzzy:
        return _best(anchor, doc, old_n, fuzzy)
    vouched = {
        i + 1: score
        for _, score, i in process.extract(
            quote, index.texts, scorer=fuzz.ratio, score_cutoff=CONTEXT_QUOTE_CUTOFF, limit=None
        )
        if _context_score(anchor, doc, i + 1) >= CONTEXT_CUTOFF
    }
    if vouched:
        return _best(anchor, doc, old_n, vouched)
    return _best(anchor, doc, old_n, _partial_matches(quote, index.texts))


def _partial_matches(quote: str, texts: list[str]) -> dict[int, float]:
    if len(quote) < PARTIAL_MIN_CHARS:
        return {}
    found: dict[int, float] = {}
    for i, text in enumerate(texts):
        shorter, longer = sorted((len(quote), len(text)))
        if longer == 0 or shorter / longer < PARTIAL_MIN_SHARE:
            continue
        score = fuzz.partial_ratio(quote, text, score_cutoff=PARTIAL_CUTOFF)
        if score:
            found[i + 1] = score
    return found
