"""Search quality on the seeds: half-remembered queries must find their paragraph first.

The queries (tests/search_queries.json) were written by reading the seed documents, one kind
of vague memory at a time; each names its paragraph by a phrase of its text, never by number.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from igtui.corpus.loading import load_corpus
from igtui.search import SearchIndex

QUERIES = json.loads((Path(__file__).parent / "search_queries.json").read_text("utf-8"))["queries"]
KINDS = ("exact", "typo", "keywords", "long", "english", "pinyin", "traditional", "synonym")
MIN_TOP1 = 0.9


@pytest.fixture(scope="module")
def corpus_and_index(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IGTUI_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        corpus = load_corpus(None)
        return corpus, SearchIndex.build(corpus)


def test_the_set_covers_every_kind_and_every_document(corpus_and_index) -> None:
    corpus, _ = corpus_and_index
    kinds = Counter(q["kind"] for q in QUERIES)
    assert len(QUERIES) >= 40
    assert set(kinds) == set(KINDS)
    assert min(kinds.values()) >= 4, kinds
    docs = {
        d.id for q in QUERIES for d in corpus.documents
        if any(q["find"] in p.text for p in d.paragraphs if p.readable)
    }
    assert docs == {d.id for d in corpus.documents}


@pytest.mark.parametrize("case", QUERIES, ids=lambda q: f"{q['kind']}:{q['query']}")
def test_every_target_is_a_searchable_paragraph(corpus_and_index, case) -> None:
    corpus, _ = corpus_and_index
    assert any(
        case["find"] in p.text for d in corpus.documents for p in d.paragraphs if p.readable
    ), f"no readable paragraph holds {case['find']!r}"


def test_hit_rates(corpus_and_index) -> None:
    _, index = corpus_and_index
    top1 = top5 = 0
    misses: list[str] = []
    by_kind: Counter[str] = Counter()
    for case in QUERIES:
        hits = index.search(case["query"], limit=5)
        ranks = [i for i, hit in enumerate(hits) if case["find"] in hit.text]
        if ranks and ranks[0] == 0:
            top1 += 1
            by_kind[case["kind"]] += 1
        else:
            misses.append(f"{case['kind']}: {case['query']} -> rank {ranks[:1] or 'none'}")
        top5 += bool(ranks)
    total = len(QUERIES)
    print(f"\nsearch quality: top-1 {top1}/{total} = {top1 / total:.0%}, "
          f"top-5 {top5}/{total} = {top5 / total:.0%}")
    for kind in KINDS:
        print(f"  {kind:12} top-1 {by_kind[kind]}/{sum(q['kind'] == kind for q in QUERIES)}")
    for miss in misses:
        print("  miss", miss)
    assert top1 / total >= MIN_TOP1, misses


def test_the_on_disk_index_ranks_exactly_as_the_in_memory_one(
    corpus_and_index, tmp_path: Path
) -> None:
    """The reader and the CLI search the on-disk index (tantivy candidates, mapped texts):
    same hits, same order, same scores as the index the quality rates are measured on."""
    from igtui.search import load_or_build
    from igtui.search.store import StoreBackend

    corpus, in_memory = corpus_and_index
    on_disk = load_or_build(corpus, cache_dir=tmp_path)
    assert isinstance(on_disk.backend, StoreBackend)
    for case in QUERIES:
        assert on_disk.search(case["query"], limit=5) == in_memory.search(case["query"], limit=5)
    doc = corpus.documents[1].id
    assert on_disk.search("互联网", doc=doc) == in_memory.search("互联网", doc=doc)
