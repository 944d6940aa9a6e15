"""Building the search index of a corpus: postings, pinyin initials, vocabulary."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable

from igtui.corpus.model import Corpus
from igtui.search import tokenize
from igtui.search.data import IndexData
from igtui.search.normalize import CJK_RUN, LATIN_WORD, fold, synonym_words

Progress = Callable[[float], None]


def build(corpus: Corpus, progress: Progress | None = None) -> IndexData:
    """Index every readable paragraph of `corpus`; `progress` gets fractions in [0, 1]."""
    return _Builder(corpus, progress).run()


class _Builder:
    """One pass over the corpus's readable paragraphs."""

    def __init__(self, corpus: Corpus, progress: Progress | None) -> None:
        self.corpus = corpus
        self.progress = progress or (lambda _f: None)

    def run(self) -> IndexData:
        entries = [
            (di, p)
            for di, doc in enumerate(self.corpus.documents)
            for p in doc.paragraphs
            if p.readable and p.text.strip()
        ]
        postings: dict[str, list[int]] = {}
        vocabulary: Counter[str] = Counter()
        initials_memo: dict[str, str] = {}
        doc_of, numbers, starts = array("I"), array("I"), array("I")
        texts: list[str] = []
        folded_out: list[str | None] = []
        sections: list[tuple[str, ...]] = []
        labels: list[str | None] = []
        kinds: list[str] = []
        initials: list[str] = []
        offset = 0
        chars: set[str] = set()
        step = max(1, len(entries) // 100)
        self.progress(0.0)
        for pid, (di, para) in enumerate(entries):
            folded = fold(para.text)
            doc_of.append(di)
            numbers.append(para.n)
            texts.append(para.text)
            folded_out.append(None if folded == para.text else folded)
            sections.append(tuple(para.section))
            labels.append(para.label)
            kinds.append(para.kind)
            for unit in _paragraph_units(folded):
                postings.setdefault(unit, []).append(pid)
            words = tokenize.segment_corpus_text(folded)
            line = "".join(tokenize.word_initials(w, initials_memo) for w in words)
            if len(line) != len(folded):  # jieba dropped or added chars: fall back to chars
                line = "".join(tokenize.word_initials(ch, initials_memo) for ch in folded)
            vocabulary.update(w for w in words if len(w) > 1 and CJK_RUN.fullmatch(w))
            chars.update(CJK_RUN.findall(folded))
            starts.append(offset)
            initials.append(line)
            offset += len(line) + 1
            if pid % step == 0:
                self.progress(0.9 * pid / max(1, len(entries)))
        cjk_chars = {ch for run in chars for ch in run}
        data = IndexData(
            docs=[(d.id, d.title) for d in self.corpus.documents],
            doc_of=doc_of.tobytes(),
            n=numbers.tobytes(),
            texts=texts,
            folded=folded_out,
            sections=sections,
            labels=labels,
            kinds=kinds,
            postings={k: array("I", v).tobytes() for k, v in postings.items()},
            initials="\n".join(initials),
            starts=starts.tobytes(),
            # common chars too, so that a mistyped char missing from the corpus still has its
            # pinyin without loading pypinyin (~0.2 s) on a keystroke
            readings=tokenize.char_readings(sorted(cjk_chars | tokenize.common_chars())),
            latin_vocab=sorted(k for k in postings if k.isascii()),
            query_freq=tokenize.query_dictionary(
                vocabulary, extra=[w for w in synonym_words() if CJK_RUN.fullmatch(w)]
            ),
        )
        self.progress(1.0)
        return data


def _paragraph_units(folded: str) -> set[str]:
    units: set[str] = set()
    for run in CJK_RUN.findall(folded):
        units.update(run)
        units.update(run[i : i + 2] for i in range(len(run) - 1))
    units.update(LATIN_WORD.findall(folded))
    return units
