"""The on-disk search index: reused when nothing changed, updated one document at a time,
rebuilt (from cached segments) when damaged, and never stale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from igtui.corpus.loading import load_corpus
from igtui.search import cache, load_or_build, load_or_build_paths
from igtui.search.store import DamagedIndex, StoreBackend


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "网络主权\n\n各国应尊重网络主权，并在数据安全领域开展国际合作。\n", encoding="utf-8"
    )
    (folder / "two.txt").write_text(
        "云计算\n\n云计算与物联网的安全问题越来越复杂。\n", encoding="utf-8"
    )
    (folder / "three.txt").write_text(
        "Multistakeholder\n\nThe multistakeholder model of Internet governance works.\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The first paragraph of every document indexed (segments built)."""
    seen: list[str] = []
    real = cache.build_segment

    def counting(paragraphs):
        seen.append(paragraphs[0].text if paragraphs else "")
        return real(paragraphs)

    monkeypatch.setattr(cache, "build_segment", counting)
    return seen


def index_of(folder: Path, cache_dir: Path):
    return load_or_build(load_corpus([folder], cache_dir=cache_dir), cache_dir=cache_dir)


def texts(index, query: str) -> list[str]:
    return [h.text for h in index.search(query)]


def test_a_warm_index_is_opened_not_built(docs: Path, tmp_path: Path, builds: list[str]) -> None:
    first = index_of(docs, tmp_path / "c")
    assert len(builds) == 3
    second = index_of(docs, tmp_path / "c")
    assert len(builds) == 3
    assert isinstance(second.backend, StoreBackend)
    for query in ("网络主权", "yunjisuan", "multistakehlder", "wlzq"):
        assert second.search(query) == first.search(query)
    assert [p.name for p in (tmp_path / "c" / "search").glob("**/*.tmp")] == []


def test_the_default_cache_dir_is_the_user_cache_dir(docs: Path, tmp_path: Path) -> None:
    load_or_build(load_corpus([docs]))
    assert list((tmp_path / "cache" / "search").glob("corpus-*"))  # conftest's IGTUI_CACHE_DIR


def test_an_edited_file_is_the_only_one_reindexed(
    docs: Path, tmp_path: Path, builds: list[str]
) -> None:
    index_of(docs, tmp_path / "c")
    (docs / "two.txt").write_text("区块链\n\n区块链技术的应用前景。\n", encoding="utf-8")
    index = index_of(docs, tmp_path / "c")
    assert builds[3:] == ["区块链"]
    assert any("区块链技术" in t for t in texts(index, "区块链"))
    assert not any("物联网" in t for t in texts(index, "物联网"))
    assert not any("物联网" in t for t in texts(index, "wulianwang"))  # nor its pinyin
    assert texts(index, "网络主权 数据安全")[0].startswith("各国应尊重网络主权")


def test_added_and_removed_files(docs: Path, tmp_path: Path, builds: list[str]) -> None:
    index_of(docs, tmp_path / "c")
    (docs / "one.txt").unlink()
    (docs / "four.txt").write_text("数字鸿沟\n\n数字鸿沟仍在扩大。\n", encoding="utf-8")
    index = index_of(docs, tmp_path / "c")
    assert builds[3:] == ["数字鸿沟"]
    assert index.document_ids == ("four", "three", "two")
    assert texts(index, "数字鸿沟")
    assert not any("网络主权" in t for t in texts(index, "网络主权"))
    hit = index.search("物联网")[0]
    assert (hit.doc, hit.n, hit.title) == ("two", 2, "云计算")


@pytest.mark.parametrize("name", ["meta", "records", "folded", "pids"])
def test_a_damaged_index_is_rebuilt_from_its_segments(
    docs: Path, tmp_path: Path, builds: list[str], name: str
) -> None:
    before = texts(index_of(docs, tmp_path / "c"), "网络主权")
    (path,) = (tmp_path / "c" / "search").glob(f"corpus-*/**/{name}")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + bytes(x ^ 0xA5 for x in data[len(data) // 2 :]))
    try:
        damaged = texts(index_of(docs, tmp_path / "c"), "网络主权")
    except DamagedIndex:
        damaged = None  # found out while searching: the next load rebuilds
    assert damaged in (before, None)
    assert texts(index_of(docs, tmp_path / "c"), "网络主权") == before
    assert len(builds) == 3, "the segments were reused"


def test_a_damaged_segment_is_rebuilt(docs: Path, tmp_path: Path, builds: list[str]) -> None:
    index_of(docs, tmp_path / "c")
    for segment in (tmp_path / "c" / "search" / "segments").glob("*/*.seg"):
        segment.write_bytes(segment.read_bytes()[:40])
    for store in (tmp_path / "c" / "search").glob("corpus-*"):
        (store / "meta").unlink()
    index = index_of(docs, tmp_path / "c")
    assert len(builds) == 6
    assert texts(index, "网络主权")


def test_an_unwritable_cache_still_searches(docs: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    assert texts(index_of(docs, blocker), "网络主权")


def test_an_index_built_in_memory_can_be_stopped(docs: Path, tmp_path: Path) -> None:
    """The slow path (no cache to write) reports progress a document at a time, so the reader
    closing stops it at the next document rather than waiting for the whole corpus."""
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    corpus = load_corpus([docs], cache_dir=tmp_path / "c")
    heard: list[float] = []

    class Stop(Exception):
        pass

    def progress(fraction: float) -> None:
        heard.append(fraction)
        if 0 < fraction < 1:
            raise Stop

    with pytest.raises(Stop):
        load_or_build(corpus, cache_dir=blocker, progress=progress)
    assert heard[-1] < 1


def test_many_documents_are_indexed_by_workers_alike(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(cache.POOL_MIN + 2):
        (folder / f"d{i:02}.txt").write_text(f"文件{i}\n\n第{i}份文件谈网络主权与数据安全。\n",
                                             encoding="utf-8")
    corpus = load_corpus([folder], cache_dir=tmp_path / "c")
    index = load_or_build(corpus, cache_dir=tmp_path / "c")
    assert len(list((tmp_path / "c" / "search" / "segments").glob("*/*.seg"))) == cache.POOL_MIN + 2
    hits = index.search("第7份文件", limit=3)
    assert hits[0].doc == "d07"


def test_paths_fast_path_and_old_stores_are_pruned(
    docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "KEEP_CORPORA", 1)

    def load(roots):
        return load_corpus(list(roots), cache_dir=tmp_path / "c")

    assert load_or_build_paths([docs], load, cache_dir=tmp_path / "c").search("云计算")
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("区块链\n\n区块链技术。\n", encoding="utf-8")
    old = os.path.getmtime(tmp_path / "c" / "search")
    os.utime(next((tmp_path / "c" / "search").glob("corpus-*")), (old - 100, old - 100))
    assert load_or_build_paths([other], load, cache_dir=tmp_path / "c").search("区块链")
    assert len(list((tmp_path / "c" / "search").glob("corpus-*"))) == 1


def _rewritten(path: Path, change) -> bool:
    """Rewrite a cache file with its payload changed behind a header valid for it; whether the
    change changed anything (an empty field may stay as it was)."""
    import marshal

    from igtui.search.segment import read_blob, write_blob

    plain = read_blob(path)
    before = marshal.dumps(plain)
    change(plain)
    assert write_blob(path, marshal.dumps(plain))
    return marshal.dumps(plain) != before


BAD_SEGMENTS = {
    "texts are not text": lambda s: s.__setitem__("texts", [1] * len(s["texts"])),
    "sections are not tuples": lambda s: s.__setitem__("sections", [5] * len(s["sections"])),
    "word counts are not ints": lambda s: s.__setitem__("words", dict.fromkeys(s["words"], "x")),
    "readings are not text": lambda s: s.__setitem__("readings", dict.fromkeys(s["readings"], 3)),
    "initials too short": lambda s: s.__setitem__("initials", [i[:-1] for i in s["initials"]]),
    "grams cut short": lambda s: s.__setitem__("grams", s["grams"][:10]),
}
BAD_METAS = {
    "documents not rows": lambda m: m.__setitem__("docs", [1, 2, 3]),
    "paragraphs past the end": lambda m: m.__setitem__(
        "docs", [(*d[:4], 10**6, d[5]) for d in m["docs"]]),
    "word entries not pairs": lambda m: m.__setitem__("words", {w: [1] for w in m["words"]}),
    "latin counts not ints": lambda m: m.__setitem__("latin", dict.fromkeys(m["latin"], "x")),
    "readings not text": lambda m: m.__setitem__("chars", dict.fromkeys(m["chars"], 1)),
}


@pytest.mark.parametrize("change", list(BAD_SEGMENTS.values()), ids=list(BAD_SEGMENTS))
def test_a_bad_segment_behind_a_valid_header_is_rebuilt(
    docs: Path, tmp_path: Path, builds: list[str], change
) -> None:
    index_of(docs, tmp_path / "c")
    damaged = sum(
        _rewritten(segment, change)
        for segment in (tmp_path / "c" / "search" / "segments").glob("*/*.seg")
    )
    assert damaged
    for store in (tmp_path / "c" / "search").glob("corpus-*"):
        (store / "meta").unlink()  # the index must be made again: from those segments
    index = index_of(docs, tmp_path / "c")
    assert len(builds) == 3 + damaged, "every damaged segment was refused and built again"
    for query in ("网络主权", "wlzq", "internet", "govern", "云"):
        index.search(query)
    assert texts(index, "网络主权")


@pytest.mark.parametrize("change", list(BAD_METAS.values()), ids=list(BAD_METAS))
def test_a_bad_index_behind_a_valid_header_is_rebuilt(
    docs: Path, tmp_path: Path, builds: list[str], change
) -> None:
    index_of(docs, tmp_path / "c")
    (meta,) = (tmp_path / "c" / "search").glob("corpus-*/meta")
    _rewritten(meta, change)
    index = index_of(docs, tmp_path / "c")
    assert len(builds) == 3, "rebuilt from the segments"
    for query in ("网络主权", "wlzq", "internet", "govern", "云"):
        index.search(query)
    assert texts(index, "网络主权")
