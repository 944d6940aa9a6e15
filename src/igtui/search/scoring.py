"""Scoring candidates: how much of the query a paragraph covers, how closely it holds each run
as a phrase, and bands so that exact matches always rank above fuzzy ones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz

from igtui.search.query import LATIN_WEIGHT, PARTICLE_WEIGHT, PARTICLES, Plan, Term

CLOSENESS = 2.0
BAND = 20.0 - CLOSENESS


def score(text: str, plan: Plan) -> float:
    """How well the folded `text` answers `plan`, in bands (see BAND)."""
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


def rank_key(scored: tuple[float, int]) -> tuple[float, int]:
    # best score first, then document order (lower paragraph id) for a stable order
    return (scored[0], -scored[1])


def closeness(text: str, plan: Plan) -> float:
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
    out: list[int] = []
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


def _term_credit(term: Term, text: str) -> float:
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


def spans(text: str, plan: Plan) -> tuple[tuple[int, int], ...]:
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
