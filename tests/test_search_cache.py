"""The index cache: reused when nothing changed, rebuilt when a file changed or is corrupted."""

from __future__ import annotations

from pathlib import Path

import pytest

from igtui.corpus.loading import load_corpus
from igtui.search import SearchIndex, cache, load_or_build, load_or_build_paths


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
    return folder


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts calls to SearchIndex.build."""
    calls: list[int] = []
    real = SearchIndex.build.__func__  # type: ignore[attr-defined]

    def counting(cls, corpus, progress=None):
        calls.append(1)
        return real(cls, corpus, progress)

    monkeypatch.setattr(SearchIndex, "build", classmethod(counting))
    return calls


def entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "search").glob("*"))


def test_a_warm_cache_is_reused(docs: Path, tmp_path: Path, builds: list[int]) -> None:
    first = load_or_build(load_corpus([docs]), cache_dir=tmp_path / "c")
    second = load_or_build(load_corpus([docs]), cache_dir=tmp_path / "c")
    assert len(builds) == 1
    assert second.search("网络主权") == first.search("网络主权")
    assert [p.suffix for p in entries(tmp_path / "c")] == [".idx"]  # no temp file left


def test_default_cache_dir_is_the_user_cache_dir(docs: Path, tmp_path: Path) -> None:
    load_or_build(load_corpus([docs]))
    assert entries(tmp_path / "cache")  # conftest points IGTUI_CACHE_DIR here


def test_a_changed_file_is_reindexed(docs: Path, tmp_path: Path, builds: list[int]) -> None:
    load_or_build(load_corpus([docs]), cache_dir=tmp_path / "c")
    (docs / "two.txt").write_text("区块链\n\n区块链技术的应用前景。\n", encoding="utf-8")
    index = load_or_build(load_corpus([docs]), cache_dir=tmp_path / "c")
    assert len(builds) == 2
    assert any("区块链技术" in h.text for h in index.search("区块链"))
    assert not any("物联网" in h.text for h in index.search("物联网"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:40] + bytes(x ^ 0xFF for x in b[40:80]) + b[80:],  # bits flipped
        lambda b: b"",  # empty
        lambda b: b"not an index at all",
    ],
    ids=["truncated", "flipped", "empty", "garbage"],
)
def test_a_corrupted_cache_is_rebuilt(
    docs: Path, tmp_path: Path, builds: list[int], damage
) -> None:
    load_or_build(load_corpus([docs]), cache_dir=tmp_path / "c")
    (entry,) = entries(tmp_path / "c")
    entry.write_bytes(damage(entry.read_bytes()))
    index = load_or_build(load_corpus([docs]), cache_dir=tmp_path / "c")
    assert len(builds) == 2
    assert index.search("网络主权")
    load_or_build(load_corpus([docs]), cache_dir=tmp_path / "c")
    assert len(builds) == 2, "the rebuilt entry was written back"


def test_an_unwritable_cache_is_not_fatal(docs: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    assert load_or_build(load_corpus([docs]), cache_dir=blocker).search("网络主权")


def test_paths_fast_path_skips_parsing_when_warm(docs: Path, tmp_path: Path) -> None:
    loads: list[int] = []

    def load(roots):
        loads.append(1)
        return load_corpus(list(roots))

    first = load_or_build_paths([docs], load, cache_dir=tmp_path / "c")
    second = load_or_build_paths([docs], load, cache_dir=tmp_path / "c")
    assert loads == [1]
    assert second.search("云计算") == first.search("云计算")
    (docs / "one.txt").write_text("新内容\n\n完全不同的新内容。\n", encoding="utf-8")
    third = load_or_build_paths([docs], load, cache_dir=tmp_path / "c")
    assert loads == [1, 1]
    assert third.search("完全不同")


def test_the_key_follows_names_and_bytes(docs: Path) -> None:
    files = sorted(docs.iterdir())
    key = cache.files_key(files)
    assert cache.files_key(list(reversed(files))) == key
    files[0].write_bytes(files[0].read_bytes() + b" ")
    assert cache.files_key(files) != key


def _entry_with(entry: Path, change) -> None:
    """Rewrite a cache entry with its payload changed and a header that is valid for it."""
    import copy
    import marshal
    import zlib

    plain = marshal.loads(entry.read_bytes()[cache.HEADER.size:])
    changed = copy.deepcopy(plain)
    change(changed["index"])
    payload = marshal.dumps(changed)
    entry.write_bytes(cache.HEADER.pack(cache.MAGIC, zlib.crc32(payload), len(payload)) + payload)


def _ids(*values: int) -> bytes:
    from array import array

    return array("I", values).tobytes()


BAD_PAYLOADS = {
    "texts are not text": lambda i: i.__setitem__("texts", [1] * len(i["texts"])),
    "folded is not text": lambda i: i.__setitem__("folded", [3] * len(i["folded"])),
    "sections are not tuples": lambda i: i.__setitem__("sections", [5] * len(i["sections"])),
    "postings are not bytes": lambda i: i.__setitem__(
        "postings", dict.fromkeys(i["postings"], "x")
    ),
    "postings of odd length": lambda i: i.__setitem__("postings",
                                                       dict.fromkeys(i["postings"], b"abc")),
    "postings past the end": lambda i: i.__setitem__("postings",
                                                      dict.fromkeys(i["postings"], _ids(0, 10**6))),
    "doc_of past the end": lambda i: i.__setitem__("doc_of", _ids(*[99] * len(i["texts"]))),
    "query_freq not ints": lambda i: i.__setitem__(
        "query_freq", dict.fromkeys(i["query_freq"], "x")
    ),
    "readings not text": lambda i: i.__setitem__("readings", dict.fromkeys(i["readings"], 3)),
    "latin_vocab not text": lambda i: i.__setitem__("latin_vocab", [1, 2]),
}


@pytest.mark.parametrize("change", list(BAD_PAYLOADS.values()), ids=list(BAD_PAYLOADS))
def test_a_bad_payload_behind_a_valid_header_is_rebuilt(
    docs: Path, tmp_path: Path, builds: list[int], change
) -> None:
    (docs / "two.txt").write_text(
        "云计算\n\n云计算与物联网的安全问题越来越复杂。Internet governance matters.\n",
        encoding="utf-8",
    )
    roots = [docs]
    load_or_build_paths(roots, load_corpus, cache_dir=tmp_path / "c")
    (entry,) = entries(tmp_path / "c")
    _entry_with(entry, change)
    index = load_or_build_paths(roots, load_corpus, cache_dir=tmp_path / "c")
    assert len(builds) == 2
    for query in ("网络主权", "wlzq", "internet", "govern", "云"):
        index.search(query)  # used to raise TypeError / IndexError / AttributeError here
    assert index.search("网络主权")
