"""The search index: candidates from an inverted index, ranking by word coverage (rapidfuzz).

A query is split into Chinese runs (each segmented into words by jieba) and Latin words. Every
word carries variants that count as finding it: its synonyms (exact), English words a typo away,
pinyin readings turned back into the corpus's Chinese words, homophones. A paragraph's score is
mostly how much of the query's words it covers, plus how closely it holds each Chinese run as a
phrase; exact matches sit in higher bands than fuzzy ones, so they always rank first.

Search runs in two stages so that a keystroke stays under a frame on large corpora:
1. candidates: paragraphs holding the query's character bigrams / words (postings lists of
   paragraph ids, counted at C speed by `Counter.update`), best counts first, capped;
2. scoring: the coverage score on those candidates only.
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from igtui.model import Corpus
from igtui.search import tokenize
from igtui.search.normalize import CJK_RUN, LATIN_WORD, QUERY_PIECE, fold, synonyms

FORMAT_VERSION = 1
Progress = Callable[[float], None]

# Particles and function words: they weigh little in coverage and never start a fuzzy word.
PARTICLES = frozenset("的了和与及在是对为之其等以并或也都而被把将于中上")
PARTICLE_WEIGHT = 0.3
LATIN_WEIGHT = 2.0
# credits for a word found through a variant rather than as typed
PINYIN_CREDIT = 0.9
INITIALS_CREDIT = 0.85
HOMOPHONE_CREDIT = 0.9
PREFIX_CREDIT = 0.95
# how many candidates get the full score; more only costs time (see benchmarks/bench_search.py)
MAX_CANDIDATES = 1000
MAX_PINYIN_HITS = 2000
PINYIN_VARIANTS = 5
FUZZY_WORD_CUTOFF = 75.0
MAX_QUERY = 200
CLOSENESS = 2.0
BAND = 20.0 - CLOSENESS


@dataclass(frozen=True, slots=True)
class Hit:
    """One result; `spans` are [start, end) char ranges of `text` that matched (to highlight)."""

    doc: str
    n: int
    score: float
    text: str
    spans: tuple[tuple[int, int], ...] = ()
    title: str = ""
    section: tuple[str, ...] = ()
    label: str | None = None
    kind: str = "paragraph"

    def as_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "n": self.n,
            "score": round(self.score, 3),
            "text": self.text,
            "title": self.title,
            "section": list(self.section),
            "label": self.label,
            "kind": self.kind,
            "spans": [list(s) for s in self.spans],
        }


@dataclass(slots=True)
class _Term:
    text: str
    weight: float
    latin: bool
    # variant -> credit; the term itself is always there with credit 1.0
    variants: dict[str, float] = field(default_factory=dict)
    # compare fuzzily with the text: only words the corpus never uses (typos), since a known
    # word is either in a paragraph or not, and the run's phrase score covers near misses
    fuzzy: bool = False


@dataclass(slots=True)
class _Run:
    """A stretch of the query: a Chinese run (jieba words) or one Latin word."""

    text: str
    terms: list[_Term]
    # whole-run variants (homophones of the run) -> credit
    variants: dict[str, float] = field(default_factory=dict)
    weight: float = 0.0

    def __post_init__(self) -> None:
        self.weight = sum(t.weight for t in self.terms)


@dataclass(slots=True)
class _Plan:
    query: str
    runs: list[_Run]
    units: list[str]
    # the query's English words in order, when there are several: rewards them as a phrase
    latin_phrase: str = ""
    weight: float = 1.0

    def __post_init__(self) -> None:
        self.weight = sum(r.weight for r in self.runs) or 1.0


class SearchIndex:
    """Searchable paragraphs of a corpus (boilerplate left out). Build with `build`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._docs: list[tuple[str, str]] = [tuple(d) for d in data["docs"]]  # type: ignore[misc]
        self._doc_of = array("I")
        self._doc_of.frombytes(data["doc_of"])
        self._n = array("I")
        self._n.frombytes(data["n"])
        self._texts: list[str] = data["texts"]
        self._folded: list[str] = [
            t if f is None else f for t, f in zip(self._texts, data["folded"], strict=True)
        ]
        self._sections: list[tuple[str, ...]] = data["sections"]
        self._labels: list[str | None] = data["labels"]
        self._kinds: list[str] = data["kinds"]
        self._postings: dict[str, bytes] = data["postings"]
        self._initials: str = data["initials"]
        self._starts = array("I")
        self._starts.frombytes(data["starts"])
        self._readings: dict[str, str] = data["readings"]
        self._latin_vocab: list[str] = data["latin_vocab"]
        self._query_freq: dict[str, int] = data["query_freq"]
        self._data = data
        self._doc_index = {doc_id: i for i, (doc_id, _) in enumerate(self._docs)}
        self._syllables = frozenset(
            s for r in self._readings.values() for s in r.split(",") if set(s) & set("aeiouv")
        )
        self._tokenizer: tokenize.QueryTokenizer | None = None
        self._pinyin_memo: dict[tuple[str, tuple[str, ...] | None], Counter[str]] = {}

    # -- building -------------------------------------------------------------------------

    @classmethod
    def build(cls, corpus: Corpus, progress: Progress | None = None) -> SearchIndex:
        """Index every readable paragraph of `corpus`; `progress` gets fractions in [0, 1]."""
        return cls(_Builder(corpus, progress).run())

    def to_data(self) -> dict[str, Any]:
        """Plain containers (str, bytes, list, dict, tuple) for the cache; see `cache.py`."""
        return self._data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SearchIndex:
        if data.get("version") != FORMAT_VERSION:
            raise ValueError("search index format changed")
        return cls(data)

    def __len__(self) -> int:
        return len(self._texts)

    @property
    def document_ids(self) -> tuple[str, ...]:
        return tuple(d for d, _ in self._docs)

    # -- searching ------------------------------------------------------------------------

    def prepare(self) -> None:
        """Load what a first query loads (jieba, the traditional->simplified table, ~0.1 s):
        call it in the background after loading so the first keystroke is as quick as others."""
        self.search("网络 a", limit=1)

    def search(self, query: str, limit: int = 10, doc: str | None = None) -> list[Hit]:
        """The best `limit` paragraphs for `query`, best first; `doc` keeps one document only."""
        plan = self._plan(query)
        if plan is None or limit <= 0:
            return []
        doc_filter = self._doc_index.get(doc, -1) if doc is not None else None
        if doc_filter == -1:
            return []
        candidates = self._candidates(plan, doc_filter)
        scored = ((self._score(pid, plan), pid) for pid in candidates)
        # Rerank a short list by how close together the words sit (and how often): it breaks
        # the ties coverage leaves between paragraphs that all hold every word.
        short = heapq.nlargest(max(limit * 3, 30), scored, key=_rank_key)
        reranked = [(s + _closeness(self._folded[pid], plan), pid) for s, pid in short if s > 0]
        best = heapq.nlargest(limit, reranked, key=_rank_key)
        return [self._hit(pid, score, plan) for score, pid in best]

    def _plan(self, query: str) -> _Plan | None:
        # a pasted page is not a query: past MAX_QUERY chars the phrase scores get costly
        q = " ".join(fold(query[:MAX_QUERY], keep_length=False).split())
        pieces = QUERY_PIECE.findall(q)
        if not pieces:
            return None
        typing_last = not query[-1:].isspace()
        runs: list[_Run] = []
        units: list[str] = []
        for i, piece in enumerate(pieces):
            if CJK_RUN.fullmatch(piece):
                runs.append(self._cjk_run(piece, units))
            else:
                runs.append(self._latin_run(piece, typing_last and i == len(pieces) - 1, units))
        latin = [r.text for r in runs if r.terms[0].latin]
        return _Plan(
            query=q,
            runs=runs,
            units=list(dict.fromkeys(units)),
            latin_phrase=" ".join(latin) if len(latin) > 1 else "",
        )

    def _cjk_run(self, run: str, units: list[str]) -> _Run:
        if self._tokenizer is None:
            self._tokenizer = tokenize.QueryTokenizer(self._query_freq)
        words = tokenize.merge_singles(self._tokenizer.cut(run), PARTICLES)
        terms = []
        for word in words:
            weight = PARTICLE_WEIGHT if word in PARTICLES else float(len(word))
            variants = {word: 1.0}
            for syn in synonyms(word):
                variants[syn] = 1.0
                units.extend(_units(syn))
            fuzzy = len(word) >= 2 and not self._query_freq.get(word)
            terms.append(_Term(word, weight, latin=False, variants=variants, fuzzy=fuzzy))
        units.extend(_units(run))
        found = self._homophones(run)
        for variant in found:
            units.extend(_units(variant))
        return _Run(run, terms, {v: HOMOPHONE_CREDIT for v in found})

    def _latin_run(self, word: str, typing: bool, units: list[str]) -> _Run:
        variants: dict[str, float] = {word: 1.0}
        units.append(word)
        for syn in synonyms(word):
            variants[syn] = 1.0
            units.extend(_units(syn))
        if typing:
            for completion in self._completions(word):
                variants.setdefault(completion, PREFIX_CREDIT)
        if len(word) >= 4 and not word.isdigit():
            for match, ratio, _ in process.extract(
                word, self._latin_vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_CUTOFF,
                limit=5,
            ):
                variants.setdefault(match, ratio / 100)
        if word.isalpha():
            for text, credit in self._pinyin_variants(word).items():
                variants.setdefault(text, credit)
        for variant in variants:
            if variant != word:
                units.extend(_units(variant))
        return _Run(word, [_Term(word, LATIN_WEIGHT, latin=True, variants=variants)])

    def _completions(self, prefix: str, limit: int = 20) -> list[str]:
        vocab = self._latin_vocab
        lo = bisect.bisect_left(vocab, prefix)
        hi = bisect.bisect_left(vocab, prefix + "\uffff")
        words = vocab[lo:hi]
        if len(words) > limit:
            words = heapq.nlargest(limit, words, key=lambda w: len(self._postings.get(w, b"")))
        return [w for w in words if w != prefix]

    # -- pinyin ---------------------------------------------------------------------------

    def _pinyin_variants(self, token: str) -> dict[str, float]:
        """Chinese strings of the corpus that `token` spells in full pinyin or in initials."""
        out: dict[str, float] = {}
        for syllables in tokenize.parse_pinyin(token, self._syllables):
            if len(syllables) < 2:
                continue  # one syllable names hundreds of characters: no signal
            pattern = "".join(s[0] for s in syllables)
            for text, _ in self._scan(pattern, tuple(syllables)).most_common(PINYIN_VARIANTS):
                out.setdefault(text, PINYIN_CREDIT)
        if 2 <= len(token) <= 10:
            for text, _ in self._scan(token, None).most_common(PINYIN_VARIANTS):
                out.setdefault(text, INITIALS_CREDIT)
        return out

    def _homophones(self, run: str) -> list[str]:
        """Corpus strings that sound like `run` (same readings, char by char) when `run` itself
        is not in the corpus: 网络煮权 -> 网络主权."""
        if not 2 <= len(run) <= 12:
            return []
        readings = [tokenize.readings_of(ch, self._readings) for ch in run]
        if not all(readings):
            return []
        pattern = "".join(r[0][0] for r in readings)
        found = self._scan(pattern, None)
        if run in found or sum(found.values()) >= MAX_PINYIN_HITS:
            return []
        sounds = [frozenset(r) for r in readings]
        alike = [
            text for text, _ in found.most_common()
            if all(sounds[i] & set(self._readings.get(ch, "").split(",")) for i, ch in
                   enumerate(text))
        ]
        return alike[:PINYIN_VARIANTS]

    def _scan(self, pattern: str, syllables: tuple[str, ...] | None) -> Counter[str]:
        """Count the corpus strings whose pinyin initials are `pattern` (and whose chars read
        as `syllables`, the last one possibly unfinished, when given)."""
        key = (pattern, syllables)
        memo = self._pinyin_memo.get(key)
        if memo is not None:
            return memo
        out: Counter[str] = Counter()
        initials, starts, folded = self._initials, self._starts, self._folded
        size = len(pattern)
        pos = initials.find(pattern)
        seen = 0
        while pos != -1 and seen < MAX_PINYIN_HITS:
            pid = bisect.bisect_right(starts, pos) - 1
            offset = pos - starts[pid]
            text = folded[pid][offset : offset + size]
            if syllables is None or self._reads_as(text, syllables):
                out[text] += 1
            seen += 1
            pos = initials.find(pattern, pos + 1)
        if len(self._pinyin_memo) > 512:
            self._pinyin_memo.clear()
        self._pinyin_memo[key] = out
        return out

    def _reads_as(self, text: str, syllables: tuple[str, ...]) -> bool:
        last = len(syllables) - 1
        for i, (ch, syl) in enumerate(zip(text, syllables, strict=True)):
            readings = self._readings.get(ch, "").split(",")
            if syl not in readings and not (i == last and any(r.startswith(syl) for r in
                                                              readings)):
                return False
        return True

    # -- stage 1: candidates --------------------------------------------------------------

    def _candidates(self, plan: _Plan, doc_filter: int | None) -> list[int]:
        counts: Counter[int] = Counter()
        for unit in plan.units:
            postings = self._postings.get(unit)
            if postings:
                counts.update(memoryview(postings).cast("I"))
        if doc_filter is not None:
            doc_of = self._doc_of
            counts = Counter({p: c for p, c in counts.items() if doc_of[p] == doc_filter})
        if len(counts) <= MAX_CANDIDATES:
            return list(counts)
        # keep the best counts: find the lowest count that still fits under the cap
        histogram = Counter(counts.values())
        kept, threshold = 0, max(histogram)
        for value in sorted(histogram, reverse=True):
            if kept + histogram[value] > MAX_CANDIDATES and kept:
                break
            kept += histogram[value]
            threshold = value
        chosen = [p for p, c in counts.items() if c >= threshold]
        return chosen[:MAX_CANDIDATES]

    # -- stage 2: scoring -----------------------------------------------------------------

    def _score(self, pid: int, plan: _Plan) -> float:
        text = self._folded[pid]
        covered = 0.0
        all_exact = True
        phrase_sum = phrase_weight = 0.0
        for run in plan.runs:
            run_cover = 0.0
            for term in run.terms:
                credit = _term_credit(term, text)
                if credit < 1.0:
                    all_exact = False
                run_cover += term.weight * credit
            for variant, credit in run.variants.items():
                if variant in text:
                    run_cover = max(run_cover, credit * run.weight)
            covered += run_cover
            if len(run.terms) > 1:
                phrase_sum += _similarity(run.text, text) * len(run.text)
            elif not run.terms[0].latin:  # one word: its phrase score is its own credit
                phrase_sum += run_cover / (run.weight or 1.0) * len(run.text)
            if not run.terms[0].latin:
                phrase_weight += len(run.text)
        if plan.latin_phrase and any(w in text for w in plan.latin_phrase.split()):
            weight = LATIN_WEIGHT * plan.latin_phrase.count(" ")
            phrase_sum += _similarity(plan.latin_phrase, text) * weight
            phrase_weight += weight
        coverage = covered / plan.weight
        phrase = phrase_sum / phrase_weight if phrase_weight else coverage
        quality = 0.7 * coverage + 0.3 * phrase
        # Bands: exact phrase [80, 100), every word exact [60, 80), fuzzy [0, 60); the top
        # CLOSENESS points of each band are left for `_closeness`.
        if plan.query in text:
            return 80.0 + BAND * quality
        if all_exact:
            return 60.0 + BAND * quality
        return (60.0 - CLOSENESS) * quality

    def _hit(self, pid: int, score: float, plan: _Plan) -> Hit:
        doc_id, title = self._docs[self._doc_of[pid]]
        return Hit(
            doc=doc_id,
            n=self._n[pid],
            score=score,
            text=self._texts[pid],
            spans=_spans(self._folded[pid], plan),
            title=title,
            section=tuple(self._sections[pid]),
            label=self._labels[pid],
            kind=self._kinds[pid],
        )


def _rank_key(scored: tuple[float, int]) -> tuple[float, int]:
    # best score first, then document order (lower paragraph id) for a stable order
    return (scored[0], -scored[1])


def _closeness(text: str, plan: _Plan) -> float:
    """Up to CLOSENESS points: the matched words close together, and found more than once."""
    occurrences: list[list[int]] = []
    for run in plan.runs:
        for term in run.terms:
            if term.weight <= PARTICLE_WEIGHT:
                continue
            spots = [
                pos for variant in term.variants for pos in _positions(text, variant, 8)
            ]
            if spots:
                occurrences.append(spots)
    if not occurrences:
        return 0.0
    needed = sum(len(r.text) for r in plan.runs)
    window = _smallest_window(occurrences) + 1
    tight = min(1.0, needed / window) if len(occurrences) > 1 else 1.0
    frequent = min(1.0, sum(len(o) for o in occurrences) / (4 * len(occurrences)))
    return CLOSENESS * (0.75 * tight + 0.25 * frequent)


def _positions(text: str, needle: str, limit: int) -> list[int]:
    out = []
    pos = text.find(needle)
    while pos != -1 and len(out) < limit:
        out.append(pos)
        pos = text.find(needle, pos + 1)
    return out


def _smallest_window(occurrences: list[list[int]]) -> int:
    """Width of the smallest stretch of text holding one position from every list."""
    events = sorted((pos, i) for i, spots in enumerate(occurrences) for pos in spots)
    need = len(occurrences)
    count: Counter[int] = Counter()
    best = events[-1][0] - events[0][0]
    left = 0
    for pos, i in events:
        count[i] += 1
        while len(count) == need:
            lpos, li = events[left]
            best = min(best, pos - lpos)
            count[li] -= 1
            if not count[li]:
                del count[li]
            left += 1
    return best


def _units(text: str) -> list[str]:
    """Postings keys for a string: Chinese bigrams (unigram for a lone char), Latin words."""
    out: list[str] = []
    for run in CJK_RUN.findall(text):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    out.extend(LATIN_WORD.findall(text))
    return out


def _term_credit(term: _Term, text: str) -> float:
    best = 0.0
    for variant, credit in term.variants.items():
        if credit > best and _contains(text, variant):
            best = credit
            if best >= 1.0:
                return 1.0
    if term.fuzzy:
        best = max(best, _similarity(term.text, text, cutoff=50.0))
    return best


def _contains(text: str, needle: str) -> bool:
    """`needle` in `text`; an English needle only at the start of a word (ict: not in strict)."""
    pos = text.find(needle)
    if pos == -1 or not needle.isascii():
        return pos != -1
    while pos != -1:
        if pos == 0 or not _is_latin_char(text[pos - 1]):
            return True
        pos = text.find(needle, pos + 1)
    return False


def _is_latin_char(ch: str) -> bool:
    return "a" <= ch <= "z" or "0" <= ch <= "9"


def _similarity(needle: str, text: str, cutoff: float = 0.0) -> float:
    """How well `text` holds `needle` as a contiguous phrase, in [0, 1].

    partial_ratio aligns the shorter string inside the longer: a text shorter than the needle
    (a heading) is compared whole instead, so it cannot score as if it held the whole needle.
    """
    if len(text) >= len(needle):
        return fuzz.partial_ratio(needle, text, score_cutoff=cutoff) / 100
    return fuzz.ratio(needle, text, score_cutoff=cutoff) / 100


def _spans(text: str, plan: _Plan) -> tuple[tuple[int, int], ...]:
    found: list[tuple[int, int]] = []
    for run in plan.runs:
        needles = [v for t in run.terms for v in t.variants] + list(run.variants)
        matched = False
        for needle in needles:
            if needle in PARTICLES or not needle:
                continue
            start = text.find(needle)
            while start != -1:
                matched = True
                found.append((start, start + len(needle)))
                start = text.find(needle, start + len(needle))
        if not matched and len(run.text) >= 2 and len(text) >= len(run.text):
            # cutoff above 50: half of a two-char word is a coincidence, not a match to show
            align = fuzz.partial_ratio_alignment(run.text, text, score_cutoff=60)
            if align is not None and align.dest_end > align.dest_start:
                found.append((align.dest_start, align.dest_end))
    return _merge(found)


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


class _Builder:
    def __init__(self, corpus: Corpus, progress: Progress | None) -> None:
        self.corpus = corpus
        self.progress = progress or (lambda _f: None)

    def run(self) -> dict[str, Any]:
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
        texts, folded_out, sections, labels, kinds = [], [], [], [], []
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
        data = {
            "version": FORMAT_VERSION,
            "docs": [(d.id, d.title) for d in self.corpus.documents],
            "doc_of": doc_of.tobytes(),
            "n": numbers.tobytes(),
            "texts": texts,
            "folded": folded_out,
            "sections": sections,
            "labels": labels,
            "kinds": kinds,
            "postings": {k: array("I", v).tobytes() for k, v in postings.items()},
            "initials": "\n".join(initials),
            "starts": starts.tobytes(),
            # common chars too, so that a mistyped char missing from the corpus still has its
            # pinyin without loading pypinyin (~0.2 s) on a keystroke
            "readings": tokenize.char_readings(sorted(cjk_chars | tokenize.common_chars())),
            "latin_vocab": sorted(k for k in postings if k.isascii()),
            "query_freq": tokenize.query_dictionary(
                vocabulary, extra=[w for w in _synonym_words() if CJK_RUN.fullmatch(w)]
            ),
        }
        self.progress(1.0)
        return data


def _paragraph_units(folded: str) -> set[str]:
    units: set[str] = set()
    for run in CJK_RUN.findall(folded):
        units.update(run)
        units.update(run[i : i + 2] for i in range(len(run) - 1))
    units.update(LATIN_WORD.findall(folded))
    return units


def _synonym_words() -> tuple[str, ...]:
    from igtui.search.normalize import synonym_words

    return synonym_words()
