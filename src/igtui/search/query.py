"""Query planning: a typed query becomes runs of words, each with the variants that count as
finding it (synonyms, typo-near English words, pinyin and initials turned back into the
corpus's Chinese, homophones), and the postings units that pick candidates."""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from rapidfuzz import fuzz, process

from igtui.search import tokenize
from igtui.search.normalize import CJK_RUN, LATIN_WORD, QUERY_PIECE, fold, synonyms

# Particles and function words: they weigh little in coverage and never start a fuzzy word.
PARTICLES = frozenset("的了和与及在是对为之其等以并或也都而被把将于中上")
PARTICLE_WEIGHT = 0.3
LATIN_WEIGHT = 2.0
# credits for a word found through a variant rather than as typed
PINYIN_CREDIT = 0.9
INITIALS_CREDIT = 0.85
HOMOPHONE_CREDIT = 0.9
PREFIX_CREDIT = 0.95
MAX_PINYIN_HITS = 2000
# a Latin word read as pinyin initials ("wlzq") is a guess made at every keystroke of every
# English word: its most common readings show within the first few hundred sightings
MAX_INITIALS_HITS = 500
PINYIN_VARIANTS = 5
FUZZY_WORD_CUTOFF = 75.0
MAX_QUERY = 200
K = TypeVar("K")
# corpus scans remembered per planner (typing a query repeats its prefixes' scans)
MEMO_SIZE = 512


@dataclass(slots=True)
class Term:
    text: str
    weight: float
    latin: bool
    # variant -> credit; the term itself is always there with credit 1.0
    variants: dict[str, float] = field(default_factory=dict)
    # compare fuzzily with the text: only words the corpus never uses (typos), since a known
    # word is either in a paragraph or not, and the run's phrase score covers near misses
    fuzzy: bool = False


@dataclass(slots=True)
class Run:
    """A stretch of the query: a Chinese run (jieba words) or one Latin word."""

    text: str
    terms: list[Term]
    # whole-run variants (homophones of the run) -> credit
    variants: dict[str, float] = field(default_factory=dict)
    weight: float = 0.0

    def __post_init__(self) -> None:
        self.weight = sum(t.weight for t in self.terms)


@dataclass(slots=True)
class Plan:
    query: str
    runs: list[Run]
    units: list[str]
    # the query's English words in order, when there are several: rewards them as a phrase
    latin_phrase: str = ""
    weight: float = 1.0

    def __post_init__(self) -> None:
        self.weight = sum(r.weight for r in self.runs) or 1.0


# (initials pattern, at most this many) -> the corpus's folded strings at each place where
# the pinyin initials of the corpus read `pattern`, in corpus order
Occurrences = Callable[[str, int], Iterator[str]]


class QueryPlanner:
    """Plans queries against one index's vocabulary, readings and pinyin initials."""

    def __init__(
        self,
        *,
        query_freq: dict[str, int],
        latin_vocab: list[str],
        frequency: Callable[[str], int],
        readings: dict[str, str],
        occurrences: Occurrences,
    ) -> None:
        self._query_freq = query_freq
        self._latin_vocab = latin_vocab
        # in how many paragraphs a Latin word occurs (ranks prefix completions)
        self._frequency = frequency
        self._readings = readings
        self._occurrences = occurrences
        self._syllables: frozenset[str] | None = None  # made on the first Latin word
        self._tokenizer: tokenize.QueryTokenizer | None = None
        self._pinyin_memo: dict[tuple[str, tuple[str, ...] | None], Counter[str]] = {}
        # (initials, run) -> what sounds like the run; empty when nothing is to be guessed
        self._homophone_memo: dict[tuple[str, str], Counter[str]] = {}

    def plan(self, query: str) -> Plan | None:
        # a pasted page is not a query: past MAX_QUERY chars the phrase scores get costly
        q = " ".join(fold(query[:MAX_QUERY], keep_length=False).split())
        pieces = QUERY_PIECE.findall(q)
        if not pieces:
            return None
        typing_last = not query[-1:].isspace()
        runs: list[Run] = []
        units: list[str] = []
        for i, piece in enumerate(pieces):
            if CJK_RUN.fullmatch(piece):
                runs.append(self._cjk_run(piece, units))
            else:
                runs.append(self._latin_run(piece, typing_last and i == len(pieces) - 1, units))
        latin = [r.text for r in runs if r.terms[0].latin]
        return Plan(
            query=q,
            runs=runs,
            units=list(dict.fromkeys(units)),
            latin_phrase=" ".join(latin) if len(latin) > 1 else "",
        )

    def _cjk_run(self, run: str, units: list[str]) -> Run:
        if self._tokenizer is None:
            self._tokenizer = tokenize.QueryTokenizer(self._query_freq)
        words = tokenize.merge_singles(self._tokenizer.cut(run), PARTICLES)
        terms = []
        for word in words:
            weight = PARTICLE_WEIGHT if word in PARTICLES else float(len(word))
            variants = {word: 1.0}
            for syn in synonyms(word):
                variants[syn] = 1.0
                units.extend(postings_units(syn))
            fuzzy = len(word) >= 2 and not self._query_freq.get(word)
            terms.append(Term(word, weight, latin=False, variants=variants, fuzzy=fuzzy))
        units.extend(postings_units(run))
        found = self._homophones(run)
        for variant in found:
            units.extend(postings_units(variant))
        return Run(run, terms, {v: HOMOPHONE_CREDIT for v in found})

    def _latin_run(self, word: str, typing: bool, units: list[str]) -> Run:
        variants: dict[str, float] = {word: 1.0}
        units.append(word)
        for syn in synonyms(word):
            variants[syn] = 1.0
            units.extend(postings_units(syn))
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
                units.extend(postings_units(variant))
        return Run(word, [Term(word, LATIN_WEIGHT, latin=True, variants=variants)])

    def _completions(self, prefix: str, limit: int = 20) -> list[str]:
        vocab = self._latin_vocab
        lo = bisect.bisect_left(vocab, prefix)
        hi = bisect.bisect_left(vocab, prefix + "\uffff")
        words = vocab[lo:hi]
        if len(words) > limit:
            words = heapq.nlargest(limit, words, key=self._frequency)
        return [w for w in words if w != prefix]

    def _pinyin_variants(self, token: str) -> dict[str, float]:
        """Chinese strings of the corpus that `token` spells in full pinyin or in initials."""
        out: dict[str, float] = {}
        for syllables in tokenize.parse_pinyin(token, self._known_syllables()):
            if len(syllables) < 2:
                continue  # one syllable names hundreds of characters: no signal
            pattern = "".join(s[0] for s in syllables)
            for text, _ in self._scan(pattern, tuple(syllables)).most_common(PINYIN_VARIANTS):
                out.setdefault(text, PINYIN_CREDIT)
        if 2 <= len(token) <= 10:
            for text, _ in self._scan(token, None, MAX_INITIALS_HITS).most_common(
                PINYIN_VARIANTS
            ):
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
        found = self._sounds_alike(pattern, run)
        if found is None:
            return []
        sounds = [frozenset(r) for r in readings]
        alike = [
            text for text, _ in found.most_common()
            if all(sounds[i] & set(self._readings.get(ch, "").split(",")) for i, ch in
                   enumerate(text))
        ]
        return alike[:PINYIN_VARIANTS]

    def _sounds_alike(self, pattern: str, run: str) -> Counter[str] | None:
        """The corpus strings whose initials are `pattern`, or None when `run` itself is
        among them or they are too many to choose from. The scan stops at the first sight of
        `run`: typing a phrase the corpus holds costs one hit, not thousands."""
        memo = self._homophone_memo.get((pattern, run))
        if memo is not None:
            return memo or None
        out: Counter[str] = Counter()
        for text in self._occurrences(pattern, MAX_PINYIN_HITS):
            if text == run:
                out.clear()
                break
            out[text] += 1
        if sum(out.values()) >= MAX_PINYIN_HITS:
            out.clear()
        _remember(self._homophone_memo, (pattern, run), out)
        return out or None

    def _known_syllables(self) -> frozenset[str]:
        """Every pinyin syllable the corpus's characters read as (a Chinese-only query never
        needs them: 8,000 readings split on the first Latin word, not at start-up)."""
        if self._syllables is None:
            self._syllables = frozenset(
                s for r in self._readings.values() for s in r.split(",")
                if set(s) & set("aeiouv")
            )
        return self._syllables

    def _scan(
        self, pattern: str, syllables: tuple[str, ...] | None, limit: int = MAX_PINYIN_HITS
    ) -> Counter[str]:
        """Count the corpus strings whose pinyin initials are `pattern` (and whose chars read
        as `syllables`, the last one possibly unfinished, when given)."""
        key = (pattern, syllables)
        memo = self._pinyin_memo.get(key)
        if memo is not None:
            return memo
        out: Counter[str] = Counter()
        for text in self._occurrences(pattern, limit):
            if syllables is None or self._reads_as(text, syllables):
                out[text] += 1
        _remember(self._pinyin_memo, key, out)
        return out

    def _reads_as(self, text: str, syllables: tuple[str, ...]) -> bool:
        last = len(syllables) - 1
        for i, (ch, syl) in enumerate(zip(text, syllables, strict=True)):
            readings = self._readings.get(ch, "").split(",")
            if syl not in readings and not (i == last and any(r.startswith(syl) for r in
                                                              readings)):
                return False
        return True


def _remember(memo: dict[K, Counter[str]], key: K, found: Counter[str]) -> None:
    if len(memo) > MEMO_SIZE:
        memo.clear()
    memo[key] = found


def scan_initials(
    initials: str, starts: Sequence[int], folded: Sequence[str]
) -> Occurrences:
    """`Occurrences` over initials held in memory: one line per paragraph, `starts[pid]` the
    offset of paragraph `pid`'s line, `folded[pid]` its folded text."""

    def occurrences(pattern: str, limit: int) -> Iterator[str]:
        size = len(pattern)
        pos = initials.find(pattern)
        seen = 0
        while pos != -1 and seen < limit:
            pid = bisect.bisect_right(starts, pos) - 1
            offset = pos - starts[pid]
            yield folded[pid][offset : offset + size]
            seen += 1
            pos = initials.find(pattern, pos + 1)

    return occurrences


def postings_units(text: str) -> list[str]:
    """Postings keys for a string: Chinese bigrams (unigram for a lone char), Latin words."""
    out: list[str] = []
    for run in CJK_RUN.findall(text):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    out.extend(LATIN_WORD.findall(text))
    return out
