"""One document's share of the search index: the costly part of indexing (jieba words, pinyin
initials, postings units), done once per document and cached by the document's content.

A corpus index (in memory, `building.assemble`; on disk, `store.Store`) is put together from
segments without segmenting or romanising anything again, so adding or editing one file costs
that file's segment only.

Plain containers only: a segment is stored with `marshal` (never pickle) behind a CRC-checked
header, and `from_plain` checks its shape, so a damaged file is rebuilt rather than trusted.
"""

from __future__ import annotations

import hashlib
import marshal
import operator
import struct
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from igtui.corpus.model import Document, Paragraph
from igtui.search import tokenize
from igtui.search.normalize import CJK_RUN, LATIN_WORD, fold, synonym_words
from igtui.storage import write_atomic

FORMAT = 2
MAGIC = b"IGTUISG1"
HEADER = struct.Struct("<8sIQ")


@dataclass(frozen=True, slots=True)
class Segment:
    """The searchable (readable, non-blank) paragraphs of one document, indexed."""

    ns: list[int]
    texts: list[str]
    # the folded text, None where folding changed nothing
    folded: list[str | None]
    sections: list[tuple[str, ...]]
    labels: list[str | None]
    kinds: list[str]
    # postings units (CJK chars and bigrams, Latin words) per paragraph, space-separated
    units: list[str]
    # pinyin initials of each paragraph's folded text, one char per char
    initials: list[str]
    # CJK words (2+ chars) jieba found -> how often
    words: dict[str, int]
    # jieba's dictionary frequency of those words and of the synonym table's words
    word_freq: dict[str, int]
    # the Latin words -> in how many paragraphs
    latin: dict[str, int]
    # toneless readings of every CJK char of the document, comma-joined
    readings: dict[str, str]
    # which letter bigrams and trigrams the document's initials hold (`gram_bits`): a pinyin
    # scan skips the documents that cannot hold its pattern
    grams: bytes

    def __len__(self) -> int:
        return len(self.texts)

    def folded_text(self, i: int) -> str:
        folded = self.folded[i]
        return self.texts[i] if folded is None else folded

    def to_plain(self) -> dict[str, Any]:
        return {"format": FORMAT, **{f.name: getattr(self, f.name) for f in fields(self)}}

    @classmethod
    def from_plain(cls, data: Any) -> Segment:
        """ValueError if `data` is not a segment of this format."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a search segment of this format")
        try:
            segment = cls(**{f.name: data[f.name] for f in fields(cls)})
        except KeyError as err:
            raise ValueError(f"search segment lacks {err}") from None
        segment._check()
        return segment

    def _check(self) -> None:
        per_paragraph = ("ns", "texts", "folded", "sections", "labels", "kinds", "units",
                         "initials")
        for name in per_paragraph:
            if not isinstance(getattr(self, name), list):
                raise ValueError(f"search segment field {name} is not a list")
        for name in ("words", "word_freq", "latin", "readings"):
            if not isinstance(getattr(self, name), dict):
                raise ValueError(f"search segment field {name} is not a dict")
        if not isinstance(self.grams, bytes) or len(self.grams) != GRAM_BYTES:
            raise ValueError("search segment grams are not a gram bitmap")
        if {len(getattr(self, name)) for name in per_paragraph} != {len(self.texts)}:
            raise ValueError("search segment fields disagree on the number of paragraphs")
        # the items too (sets of types: C speed), so that a payload that is not what we wrote,
        # behind a valid header, is rebuilt rather than crashing a search later
        only_types(self.ns, int, "ns")
        for name in ("texts", "kinds", "units", "initials"):
            only_types(getattr(self, name), str, name)
        only_types(self.folded, (str, type(None)), "folded")
        only_types(self.labels, (str, type(None)), "labels")
        only_types(self.sections, tuple, "sections")
        only_types((part for section in self.sections for part in section), str, "sections")
        for name in ("words", "word_freq", "latin"):
            only_types(getattr(self, name), str, name)
            only_types(getattr(self, name).values(), int, name)
        only_types(self.readings, str, "readings")
        only_types(self.readings.values(), str, "readings")
        if not all(line.isascii() for line in self.initials):
            raise ValueError("search segment initials are not pinyin initials")
        for i, line in enumerate(self.initials):
            if len(line) != len(self.folded_text(i)):
                raise ValueError("search segment initials do not match its texts")


def only_types(items: Iterable[Any], kinds: type | tuple[type, ...], name: str) -> None:
    """ValueError unless every item of `items` is exactly of one of `kinds`."""
    allowed = kinds if isinstance(kinds, tuple) else (kinds,)
    if not set(map(type, items)) <= set(allowed):
        raise ValueError(f"search field {name} holds items of the wrong type")


def searchable(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    return [p for p in paragraphs if p.readable and p.text.strip()]


# per process: a word's initials do not depend on the document (workers index many)
_INITIALS_MEMO: dict[str, str] = {}


def build_segment(paragraphs: Sequence[Paragraph]) -> Segment:
    """Index one document's paragraphs (jieba, pinyin: ~1 ms a paragraph)."""
    chosen = searchable(paragraphs)
    words: Counter[str] = Counter()
    latin: Counter[str] = Counter()
    chars: set[str] = set()
    folded_out: list[str | None] = []
    units_out: list[str] = []
    initials_out: list[str] = []
    memo = _INITIALS_MEMO
    if len(memo) > 200_000:
        memo.clear()
    # the loop runs once per paragraph of the corpus: C-speed counting, memo lookups inline
    for para in chosen:
        folded = fold(para.text)
        folded_out.append(None if folded == para.text else folded)
        cjk_units, latin_words = _units(folded)
        units_out.append(" ".join([*cjk_units, *latin_words]))
        latin.update(latin_words)
        segmented = tokenize.segment_corpus_text(folded)
        line = "".join([memo.get(w) or tokenize.word_initials(w, memo) for w in segmented])
        if len(line) != len(folded):  # jieba dropped or added chars: fall back to chars
            line = "".join(tokenize.word_initials(ch, memo) for ch in folded)
        initials_out.append(line)
        words.update(segmented)
        chars.update(folded)
    words = Counter({w: c for w, c in words.items() if len(w) > 1 and CJK_RUN.fullmatch(w)})
    return Segment(
        ns=[p.n for p in chosen],
        texts=[p.text for p in chosen],
        folded=folded_out,
        sections=[tuple(p.section) for p in chosen],
        labels=[p.label for p in chosen],
        kinds=[p.kind for p in chosen],
        units=units_out,
        initials=initials_out,
        words=dict(words),
        # the synonyms' too: queries are split with them, and assembling an index must not
        # load jieba's dictionary (~0.5 s) for them
        word_freq={w: tokenize.dictionary_frequency(w) for w in (*words, *_cjk_synonyms())},
        latin=dict(latin),
        readings=tokenize.char_readings(sorted(c for c in chars if CJK_RUN.fullmatch(c))),
        grams=gram_bits(initials_out),
    )


# bigrams then trigrams of the 26 letters
_LETTERS = 26
GRAM_COUNT = _LETTERS**2 + _LETTERS**3
GRAM_BYTES = (GRAM_COUNT + 7) // 8


def gram_ids(text: str) -> set[int] | None:
    """The gram numbers `text` (pinyin initials) holds: its trigrams, or its bigrams if it is
    two letters long; None if it has no letter n-gram to go by (shorter, or not a-z)."""
    if len(text) < 2 or not (text.isascii() and text.isalpha() and text.islower()):
        return None
    size = 2 if len(text) == 2 else 3
    return {_gram_id(text[i : i + size]) for i in range(len(text) - size + 1)}


def _gram_id(gram: str) -> int:
    a = ord(gram[0]) - 97
    b = ord(gram[1]) - 97
    if len(gram) == 2:
        return a * _LETTERS + b
    return _LETTERS**2 + (a * _LETTERS + b) * _LETTERS + ord(gram[2]) - 97


def gram_bits(lines: Sequence[str]) -> bytes:
    """A bitmap of every letter bigram and trigram in `lines` (spaces are not letters)."""
    grams: set[str] = set()
    for line in lines:
        # C-speed slicing into sets; a gram with a space or a non-letter is dropped below
        grams.update(map(operator.add, line, line[1:]))
        grams.update(map("".join, zip(line, line[1:], line[2:], strict=False)))
    bits = bytearray(GRAM_BYTES)
    for gram in grams:
        if gram.isascii() and gram.isalpha() and gram.islower():
            number = _gram_id(gram)
            bits[number >> 3] |= 1 << (number & 7)
    return bytes(bits)


def _cjk_synonyms() -> list[str]:
    return [w for w in synonym_words() if CJK_RUN.fullmatch(w)]


def _units(folded: str) -> tuple[set[str], set[str]]:
    """Postings units of a folded text: its CJK chars and bigrams; its Latin words."""
    cjk: set[str] = set()
    for run in CJK_RUN.findall(folded):
        cjk.update(run)
        cjk.update(map(operator.add, run, run[1:]))  # bigrams
    return cjk, set(LATIN_WORD.findall(folded))


def document_key(doc: Document) -> str:
    """What a document's segment is filed under: its parse-cache key where it has one (no need
    to read it), else a hash of everything a segment copies from it."""
    if doc.content_key is not None:
        return f"k{doc.content_key}"
    h = hashlib.blake2b(digest_size=20)
    for p in doc.paragraphs:
        h.update(
            f"\x1e{p.n}\x1f{p.kind}\x1f{p.label}\x1f{chr(31).join(p.section)}\x1f{p.text}"
            .encode("utf-8", "surrogatepass")
        )
    return f"d{h.hexdigest()}"


# -- the segment files ------------------------------------------------------------------------


def read_segment(path: Path) -> Segment | None:
    """The segment stored at `path`; None if it is missing, damaged or of another format."""
    try:
        return Segment.from_plain(read_blob(path))
    except (ValueError, TypeError):
        return None


def write_segment(path: Path, segment: Segment) -> None:
    """Atomically; a segment that cannot be written is only a cache miss next time."""
    write_blob(path, marshal.dumps(segment.to_plain()))


def write_blob(path: Path, payload: bytes) -> bool:
    """Atomic, not durable: the CRC header turns a damaged file into a rebuild. False (not an
    error) if the cache cannot be written."""
    header = HEADER.pack(MAGIC, zlib.crc32(payload), len(payload))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, header + payload, durable=False)
    except OSError:
        return False
    return True


def read_blob(path: Path) -> Any:
    """What `write_blob` wrote, unmarshalled; None if missing or damaged."""
    try:
        blob = path.read_bytes()
        magic, crc, size = HEADER.unpack_from(blob)
        payload = memoryview(blob)[HEADER.size :]
        if magic != MAGIC or size != len(payload) or zlib.crc32(payload) != crc:
            return None
        return marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        return None
