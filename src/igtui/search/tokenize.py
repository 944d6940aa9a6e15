"""Word segmentation (jieba) and pinyin (pypinyin) for the index and the query.

The corpus is segmented once, at build time, with jieba's full dictionary; its pinyin is read
word by word so that heteronyms follow their word (银行 -> yin hang). The query is segmented as
jieba would (`QueryTokenizer`) with the corpus's own vocabulary as its dictionary, stored in the
index: it loads in milliseconds, where jieba's 350k-word dictionary takes ~0.5 s, which a warm
`igtui search` cannot afford. Words the corpus lacks come out as single characters, which is
what fuzzy matching wants.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from igtui.search.imports import import_without_pkg_resources
from igtui.search.normalize import CJK_RUN
from igtui.storage import cache_dir

# jieba logs to stderr on first use; the CLI's stderr is for real problems.
_QUIET = 60


def _jieba() -> Any:
    return import_without_pkg_resources("jieba")


@lru_cache(maxsize=1)
def _full_tokenizer() -> Any:
    jieba = _jieba()

    jieba.setLogLevel(_QUIET)
    tokenizer = jieba.Tokenizer()
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(folder)  # jieba's own dictionary cache lives with ours
    except OSError:
        pass  # jieba falls back to the system temp dir
    return tokenizer


def segment_corpus_text(text: str) -> list[str]:
    """jieba words of `text` (full dictionary, HMM on); they concatenate back to `text`.

    Through rjieba (jieba-rs, the same dictionary and algorithm in Rust, ~40x faster: indexing
    is mostly this) where it is installed; it splits Chinese exactly as jieba does (checked on
    the seeds and devdocs) and differs only in keeping "www.un.org" whole, which the index
    treats char by char anyway."""
    cut = _fast_cut()
    if cut is not None:
        words: list[str] = cut(text, True)
        return words
    return list(_full_tokenizer().cut(text, HMM=True))


@lru_cache(maxsize=1)
def _fast_cut() -> Any:
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba.cut


def dictionary_frequency(word: str) -> int:
    """jieba's frequency for `word`, 0 if its dictionary does not hold it."""
    return int(_full_tokenizer().FREQ.get(word, 0))


def prefix_dictionary(freq: dict[str, int]) -> dict[str, int]:
    """A jieba prefix dictionary: `freq` (word -> frequency) with every word's prefixes -> 0.

    Frequencies are jieba's own where it has them, so that the query splits like the corpus did.
    """
    out = dict(freq)
    for word in freq:
        for i in range(1, len(word)):
            out.setdefault(word[:i], 0)
    return out


class QueryTokenizer:
    """Splits a query's Chinese runs into the corpus's words, by jieba's own method without its
    HMM: at each char the dictionary words that start there, and the split whose words have
    the highest total log-frequency (ties: the longer word). It is written out here (a dozen
    lines) rather than run through `jieba.Tokenizer`, because importing jieba loads its HMM
    tables, ~30 ms of a ~0.2 s warm `igtui search`, which a query never uses; a test checks
    that it splits exactly as jieba does with the same dictionary."""

    def __init__(self, freq: dict[str, int]) -> None:
        """`freq`: a prefix dictionary (`prefix_dictionary`)."""
        self._freq = freq
        self._log_total = math.log(max(1, sum(freq.values())))

    def cut(self, run: str) -> list[str]:
        """Words of a run of Chinese characters; text the dictionary lacks stays char by
        char."""
        freq, log_total, n = self._freq, self._log_total, len(run)
        # best[i]: (log-probability of the best split of run[i:], end of its first word)
        best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
        for i in range(n - 1, -1, -1):
            best[i] = max(
                (math.log(freq.get(run[i:end]) or 1) - log_total + best[end][0], end)
                for end in self._word_ends(run, i)
            )
        words, i = [], 0
        while i < n:
            end = best[i][1]
            words.append(run[i:end])
            i = end
        return words

    def _word_ends(self, run: str, start: int) -> list[int]:
        """Where the dictionary's words starting at `start` end (a prefix dictionary holds
        every prefix of a word, so the scan stops at the first fragment it lacks); just past
        `start` if none does."""
        freq, ends, end = self._freq, [], start + 1
        while end <= len(run) and run[start:end] in freq:
            if freq[run[start:end]]:
                ends.append(end)
            end += 1
        return ends or [start + 1]


def merge_singles(words: list[str], keep: frozenset[str]) -> list[str]:
    """Join runs of single characters (other than `keep`, e.g. particles) into one word.

    A mistyped word (冶理 for 治理) is unknown to the dictionary and falls apart into single
    characters; as one word it can still be matched fuzzily against the right one.
    """
    out: list[str] = []
    pending = ""
    for word in words:
        if len(word) == 1 and word not in keep:
            pending += word
            continue
        if pending:
            out.append(pending)
            pending = ""
        out.append(word)
    if pending:
        out.append(pending)
    return out


def _pinyin_module() -> Any:
    import pypinyin

    return pypinyin


def word_initials(word: str, memo: dict[str, str]) -> str:
    """First pinyin letter of every char of a jieba word, ' ' for non-Chinese chars."""
    cached = memo.get(word)
    if cached is not None:
        return cached
    if not CJK_RUN.fullmatch(word):
        result = "".join(_char_initial(ch) for ch in word)
    else:
        syllables = _pinyin_module().lazy_pinyin(word)
        if len(syllables) == len(word):
            result = "".join(_initial_of(s) for s in syllables)
        else:
            result = "".join(_char_initial(ch) for ch in word)
    memo[word] = result
    return result


def _initial_of(syllable: str) -> str:
    first = syllable[:1]
    return first if first.isascii() and first.isalpha() else " "


@lru_cache(maxsize=65536)
def _char_initial(ch: str) -> str:
    if not CJK_RUN.fullmatch(ch):
        return " "
    return _initial_of(_pinyin_module().lazy_pinyin(ch)[0])


def char_readings(chars: Iterable[str]) -> dict[str, str]:
    """Every toneless reading of each Chinese char, comma-joined (heteronyms included)."""
    out: dict[str, str] = {}
    for ch in chars:
        readings = _char_reading(ch)
        if readings:
            out[ch] = readings
    return out


@lru_cache(maxsize=65536)
def _char_reading(ch: str) -> str:
    # cached per process: a worker indexing many documents meets the same chars again
    pypinyin = _pinyin_module()
    readings = pypinyin.pinyin(ch, style=pypinyin.Style.NORMAL, heteronym=True)[0]
    return ",".join(r for r in dict.fromkeys(readings) if r.isascii() and r.isalpha())


def common_chars() -> set[str]:
    """The 6,763 chars of GB 2312, the everyday simplified set."""
    out = set()
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


def readings_of(ch: str, table: dict[str, str]) -> tuple[str, ...]:
    """Readings of a query char: from the index's table, else from pypinyin (loaded lazily)."""
    known = table.get(ch)
    if known is None:
        known = char_readings([ch]).get(ch, "")
    return tuple(known.split(",")) if known else ()


def parse_pinyin(token: str, syllables: frozenset[str], limit: int = 4) -> list[list[str]]:
    """Ways to read `token` as pinyin syllables, fewest syllables first.

    The last piece may be an unfinished syllable (a prefix), since results follow each keystroke.
    """
    prefixes = _prefixes(syllables)
    n = len(token)
    # reach[i]: the text from i on can be read as syllables (computed backwards, so the walk
    # below never explores a dead end: no exponential blow-up on long non-pinyin words)
    reach = [False] * (n + 1)
    reach[n] = True
    for i in range(n - 1, -1, -1):
        reach[i] = any(
            reach[j] and (token[i:j] in syllables or (j == n and token[i:j] in prefixes))
            for j in range(i + 1, min(n, i + 6) + 1)
        )
    if not reach[0]:
        return []
    results: list[list[str]] = []
    stack: list[tuple[int, list[str]]] = [(0, [])]
    while stack and len(results) < limit * 4:
        pos, acc = stack.pop()
        if pos == n:
            results.append(acc)
            continue
        for end in range(pos + 1, min(n, pos + 6) + 1):
            piece = token[pos:end]
            if reach[end] and (piece in syllables or (end == n and piece in prefixes)):
                stack.append((end, [*acc, piece]))
    results.sort(key=len)
    return results[:limit]


@lru_cache(maxsize=4)
def _prefixes(syllables: frozenset[str]) -> frozenset[str]:
    return frozenset(s[:i] for s in syllables for i in range(1, len(s)))
