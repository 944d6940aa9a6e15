"""Building the in-memory search index of a corpus from its documents' segments.

`build` indexes every document (`segment.build_segment`) and `assemble` joins segments into one
`IndexData`: postings, pinyin initials, vocabulary. The on-disk index (`store.Store`) is made of
the same segments.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence

from igtui.corpus.model import Corpus
from igtui.search import tokenize
from igtui.search.data import IndexData
from igtui.search.normalize import synonym_words
from igtui.search.segment import Segment, build_segment

Progress = Callable[[float], None]


def build(corpus: Corpus, progress: Progress | None = None) -> IndexData:
    """Index every readable paragraph of `corpus`; `progress` gets fractions in [0, 1]."""
    report = progress or (lambda _f: None)
    report(0.0)
    segments = []
    total = max(1, len(corpus.documents))
    for done, doc in enumerate(corpus.documents, 1):
        segments.append(build_segment(doc.paragraphs))
        report(0.9 * done / total)
    data = assemble([(d.id, d.title) for d in corpus.documents], segments)
    report(1.0)
    return data


def assemble(docs: Sequence[tuple[str, str]], segments: Sequence[Segment]) -> IndexData:
    """One index of the documents `docs` (id, title), whose segments are `segments`."""
    postings: dict[str, list[int]] = {}
    doc_of, numbers, starts = array("I"), array("I"), array("I")
    texts: list[str] = []
    folded: list[str | None] = []
    sections: list[tuple[str, ...]] = []
    labels: list[str | None] = []
    kinds: list[str] = []
    initials: list[str] = []
    offset = 0
    pid = 0
    for di, segment in enumerate(segments):
        for i in range(len(segment)):
            doc_of.append(di)
            numbers.append(segment.ns[i])
            for unit in segment.units[i].split(" "):
                if unit:
                    postings.setdefault(unit, []).append(pid)
            starts.append(offset)
            initials.append(segment.initials[i])
            offset += len(segment.initials[i]) + 1
            pid += 1
        texts.extend(segment.texts)
        folded.extend(segment.folded)
        sections.extend(tuple(s) for s in segment.sections)
        labels.extend(segment.labels)
        kinds.extend(segment.kinds)
    vocabulary = Vocabulary()
    for segment in segments:
        vocabulary.add(segment)
    return IndexData(
        docs=list(docs),
        doc_of=doc_of.tobytes(),
        n=numbers.tobytes(),
        texts=texts,
        folded=folded,
        sections=sections,
        labels=labels,
        kinds=kinds,
        postings={k: array("I", v).tobytes() for k, v in postings.items()},
        initials="\n".join(initials),
        starts=starts.tobytes(),
        readings=vocabulary.readings(),
        latin_vocab=sorted(vocabulary.latin),
        query_freq=vocabulary.query_freq(),
    )


class Vocabulary:
    """What queries are planned with, summed over segments (and taken back out of the sum when
    a document leaves an index, so that the on-disk index updates one document at a time)."""

    def __init__(
        self,
        words: dict[str, list[int]] | None = None,
        latin: dict[str, int] | None = None,
        chars: dict[str, str] | None = None,
    ) -> None:
        # word -> [count, jieba's frequency]
        self.words: dict[str, list[int]] = words if words is not None else {}
        # Latin word -> paragraphs holding it
        self.latin: dict[str, int] = latin if latin is not None else {}
        # CJK char -> its readings (only ever grows: a reading is true of a char anywhere)
        self.chars: dict[str, str] = chars if chars is not None else {}

    def add(self, segment: Segment) -> None:
        # a cold build adds thousands of segments that share most words: no list is made for
        # a word already known (setdefault would build its default every time)
        words = self.words
        for word, freq in segment.word_freq.items():
            if word not in words:
                words[word] = [0, freq]
        for word, count in segment.words.items():
            entry = words.get(word)
            if entry is None:
                entry = words[word] = [0, segment.word_freq.get(word, 0)]
            entry[0] += count
        for word, count in segment.latin.items():
            self.latin[word] = self.latin.get(word, 0) + count
        self.chars.update(segment.readings)

    def remove(self, segment: Segment) -> None:
        for word, count in segment.words.items():
            entry = self.words.get(word)
            if entry is not None:
                # a word at 0 stays: its jieba frequency still splits queries (synonyms)
                entry[0] = max(0, entry[0] - count)
        for word, count in segment.latin.items():
            left = self.latin.get(word, 0) - count
            if left > 0:
                self.latin[word] = left
            else:
                self.latin.pop(word, None)

    def readings(self) -> dict[str, str]:
        # common chars too, so that a mistyped char missing from the corpus still has its
        # pinyin without loading pypinyin (~0.2 s) on a keystroke
        return {**common_readings(), **self.chars}

    def query_freq(self) -> dict[str, int]:
        """The prefix dictionary of the corpus vocabulary (see tokenize.QueryTokenizer)."""
        synonyms = set(synonym_words())
        freq = {
            w: max(jieba_freq, count, 1)
            for w, (count, jieba_freq) in self.words.items()
            if count or w in synonyms
        }
        return tokenize.prefix_dictionary(freq)


_COMMON: dict[str, str] = {}


def common_readings() -> dict[str, str]:
    """Readings of the 6,763 everyday chars (~0.3 s with pypinyin, once per process)."""
    if not _COMMON:
        _COMMON.update(tokenize.char_readings(sorted(tokenize.common_chars())))
    return _COMMON
