"""The parse cache: a document is parsed once, reopened from the cache while its file and the
parser are unchanged, and parsed again whenever either changed or the cache is damaged."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections import OrderedDict
from pathlib import Path

import pytest

from igtui.corpus import cache as parse_cache
from igtui.corpus import readers
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import LazyDocument, Paragraph

ONE = "网络主权\n\n各国应尊重网络主权，并在数据安全领域开展国际合作。\n"
TWO = "# 云计算\n\n云计算与物联网的安全问题越来越复杂。\n\n## 小结\n\n结论。\n"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text(ONE, encoding="utf-8")
    (folder / "two.md").write_text(TWO, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    settle(folder)
    return folder


def settle(folder: Path) -> None:
    """Date the files a minute back, as files are that were not just written (a file changed
    within the last seconds is always hashed, never trusted by its stat)."""
    for file in folder.iterdir():
        st = file.stat()
        os.utime(file, ns=(st.st_atime_ns, st.st_mtime_ns - 60 * 10**9))


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read by a format reader (the first step of parsing)."""
    seen: list[str] = []
    real = readers.reader_for

    def counting(path: Path):
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(readers, "reader_for", counting)
    return seen


def as_json(folder: Path, cache: Path) -> dict:
    return load_corpus([folder], cache_dir=cache).as_json()


def test_a_warm_load_reads_no_document_and_gives_the_same_corpus(
    docs: Path, tmp_path: Path, parses: list[str]
) -> None:
    cold = load_corpus([docs], cache_dir=tmp_path / "c")
    assert sorted(parses) == ["binary.txt", "one.txt", "two.md"]
    warm = load_corpus([docs], cache_dir=tmp_path / "c")
    assert len(parses) == 3, "nothing parsed again"
    assert all(isinstance(d, LazyDocument) and not d.loaded for d in warm.documents)
    assert [d.title for d in warm.documents] == [d.title for d in cold.documents]
    assert warm.errors == cold.errors and len(warm.errors) == 1  # the binary file, again
    assert [d.first_readable() for d in warm.documents] == [1, 1]
    assert [d.has_headings() for d in warm.documents] == [
        d.has_headings() for d in cold.documents
    ]
    assert warm.as_json() == cold.as_json()
    assert warm.documents == cold.documents


def test_an_edited_file_is_parsed_again(docs: Path, tmp_path: Path, parses: list[str]) -> None:
    load_corpus([docs], cache_dir=tmp_path / "c")
    (docs / "one.txt").write_text("区块链\n\n区块链技术的应用前景。\n", encoding="utf-8")
    corpus = load_corpus([docs], cache_dir=tmp_path / "c")
    assert parses.count("one.txt") == 2 and parses.count("two.md") == 1
    assert corpus.document("one").paragraph(2).text == "区块链技术的应用前景。"


def test_an_edit_that_keeps_size_and_timestamp_is_still_seen_when_recent(
    docs: Path, tmp_path: Path, parses: list[str]
) -> None:
    """A file written twice within its timestamp's resolution: its stat says nothing."""
    target = docs / "one.txt"
    target.write_text(ONE, encoding="utf-8")  # just written: the cache must not trust its stat
    load_corpus([docs], cache_dir=tmp_path / "c")
    st = target.stat()
    target.write_text(ONE.replace("网络主权，", "数字主权，"), encoding="utf-8")
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert target.stat().st_size == st.st_size
    corpus = load_corpus([docs], cache_dir=tmp_path / "c")
    assert "数字主权" in corpus.document("one").paragraph(2).text


def test_a_touched_file_is_hashed_not_parsed(docs: Path, tmp_path: Path, parses: list[str]) -> None:
    load_corpus([docs], cache_dir=tmp_path / "c")
    os.utime(docs / "two.md")
    settle(docs)
    load_corpus([docs], cache_dir=tmp_path / "c")
    assert parses.count("two.md") == 1


def test_a_new_parser_parses_everything_again(
    docs: Path, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_corpus([docs], cache_dir=tmp_path / "c")
    monkeypatch.setattr(parse_cache, "parser_fingerprint", lambda: "another parser")
    load_corpus([docs], cache_dir=tmp_path / "c")
    assert len(parses) == 6


@pytest.mark.parametrize(
    "damage",
    [lambda b: b[: len(b) // 2], lambda b: b"", lambda b: b"[1, 2]",
     lambda b: b.replace(b'"kind": "paragraph"', b'"kind": "chapter"')],
    ids=["truncated", "empty", "foreign", "invalid"],
)
def test_a_damaged_entry_is_parsed_again(
    docs: Path, tmp_path: Path, parses: list[str], damage
) -> None:
    cold = as_json(docs, tmp_path / "c")
    for entry in (tmp_path / "c" / "parse" / "docs").glob("*/*.json"):
        entry.write_bytes(damage(entry.read_bytes()))
    assert as_json(docs, tmp_path / "c") == cold
    assert len(parses) == 3 + 2, "each document parsed again on first use"


def test_a_damaged_manifest_is_ignored(docs: Path, tmp_path: Path, parses: list[str]) -> None:
    cold = as_json(docs, tmp_path / "c")
    (manifest,) = (tmp_path / "c" / "parse").glob("corpus-*.json")
    data = json.loads(manifest.read_bytes())
    for row in data["files"]:
        row[1] = "no stat"  # the file's size
    manifest.write_text(json.dumps(data))
    assert as_json(docs, tmp_path / "c") == cold
    # the documents were hashed and found in the cache; the unreadable file's verdict lived in
    # the manifest only, so it was read again
    assert sorted(parses[3:]) == ["binary.txt"]


def test_an_unwritable_cache_is_not_an_error(docs: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    corpus = load_corpus([docs], cache_dir=blocker)
    assert [d.id for d in corpus.documents] == ["one", "two"]


def test_old_corpora_and_their_entries_are_pruned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse_cache, "KEEP_CORPORA", 2)
    cache = tmp_path / "c"
    folders = []
    for i in range(3):
        folder = tmp_path / f"corpus{i}"
        folder.mkdir()
        (folder / "a.txt").write_text(f"文件{i}\n\n第{i}个语料库的内容。\n", encoding="utf-8")
        os.utime(folder / "a.txt", (1_000_000 + i, 1_000_000 + i))
        folders.append(folder)
        load_corpus([folder], cache_dir=cache)
        for n, manifest in enumerate(sorted((cache / "parse").glob("corpus-*.json"))):
            os.utime(manifest, (2_000_000 + n, 2_000_000 + n))  # older than the next one
    assert len(list((cache / "parse").glob("corpus-*.json"))) == 2
    assert len(list((cache / "parse" / "docs").glob("*/*.json"))) == 2
    # the dropped corpus still opens: it is parsed again
    assert load_corpus([folders[0]], cache_dir=cache).documents[0].paragraph(2).text


def test_duplicate_names_in_two_folders_keep_distinct_ids(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "same.txt").write_text(f"{name}\n\n正文{name}。\n", encoding="utf-8")
    for _ in range(2):  # cold, then warm
        corpus = load_corpus([tmp_path / "a", tmp_path / "b"], cache_dir=tmp_path / "c")
        assert [d.id for d in corpus.documents] == ["same", "same-2"]
        assert corpus.document("same-2").paragraph(2).text == "正文b。"


def test_many_new_files_are_parsed_by_workers_alike(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(parse_cache.POOL_MIN + 4):
        (folder / f"d{i:02}.txt").write_text(f"标题{i}\n\n第{i}段正文。\n", encoding="utf-8")
    settle(folder)
    seen: list[float] = []
    cold = load_corpus([folder], cache_dir=tmp_path / "c", progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    entries = list((tmp_path / "c" / "parse" / "docs").glob("*/*.json"))
    assert len(entries) == parse_cache.POOL_MIN + 4, "each worker filed its documents"
    warm = load_corpus([folder], cache_dir=tmp_path / "c")
    assert all(isinstance(d, LazyDocument) and not d.loaded for d in warm.documents)
    assert warm.as_json() == cold.as_json()
    assert warm.document("d07").paragraph(2).text == "第7段正文。"


def chrome_folder(folder: Path, count: int) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(count):
        (folder / f"page{i}.txt").write_text(
            f"首页导航\n\n第{i}篇文章的正文讲述网络治理的问题，各方应当共同参与并承担责任。\n\n"
            "版权所有 某网站\n",
            encoding="utf-8",
        )
    settle(folder)
    return folder


def test_the_corpus_level_pass_is_kept_and_redone_when_the_folder_changes(
    tmp_path: Path, parses: list[str]
) -> None:
    folder = chrome_folder(tmp_path / "site", 3)
    cold = load_corpus([folder], cache_dir=tmp_path / "c")
    kinds = [p.kind for p in cold.documents[0].paragraphs]
    assert kinds[0] == kinds[-1] == "boilerplate", "the site's shared lines are hidden"
    warm = load_corpus([folder], cache_dir=tmp_path / "c")
    assert all(isinstance(d, LazyDocument) and not d.loaded for d in warm.documents)
    assert warm.as_json() == cold.as_json()
    assert len(parses) == 3
    (folder / "page1.txt").unlink()  # two pages left: their lines are no longer shared
    fewer = load_corpus([folder], cache_dir=tmp_path / "c")
    assert len(parses) == 3, "nothing parsed again: entries read, the pass redone"
    assert fewer.documents[0].paragraphs[0].kind != "boilerplate"


def test_a_changed_corpus_is_not_held_in_memory_for_the_folder_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each document is filed as it is read and the folder-wide pass works from summaries: when
    the pass runs, no more than MAX_LOADED documents hold their paragraphs (50,000 files)."""
    from igtui.corpus.parsing import crossdoc

    folder = chrome_folder(tmp_path / "site", 8)
    expected = load_corpus([folder], cache_dir=tmp_path / "roomy").as_json()
    monkeypatch.setattr(LazyDocument, "MAX_LOADED", 2)
    monkeypatch.setattr(LazyDocument, "_recent", OrderedDict())
    real = crossdoc.shared_positions

    def paragraphs_alive() -> int:
        gc.collect()
        return sum(isinstance(o, Paragraph) for o in gc.get_objects())

    def counting(summaries: list[crossdoc.LineSummary]) -> list[set[int]]:
        alive.append(paragraphs_alive() - before)
        return real(summaries)

    monkeypatch.setattr(crossdoc, "shared_positions", counting)
    alive: list[int] = []
    before = paragraphs_alive()  # held elsewhere (the roomy load's documents)
    corpus = load_corpus([folder], cache_dir=tmp_path / "tight")
    assert alive and alive[0] <= 2 * 3, "two documents of three paragraphs, not eight"
    assert sum(isinstance(d, LazyDocument) and d.loaded for d in corpus.documents) <= 2
    assert corpus.as_json() == expected, "the pass saw every document: chrome hidden in all"
    assert {d.paragraphs[0].kind for d in corpus.documents} == {"boilerplate"}


def test_a_new_sidecar_is_seen(docs: Path, tmp_path: Path) -> None:
    load_corpus([docs], cache_dir=tmp_path / "c")
    (docs / "one.txt.toml").write_text('title = "网络主权白皮书"\nauthor = "某研究院"\n',
                                        encoding="utf-8")
    settle(docs)
    corpus = load_corpus([docs], cache_dir=tmp_path / "c")
    assert corpus.document("one").title == "网络主权白皮书"
    assert corpus.document("one").metadata.author == "某研究院"
    again = load_corpus([docs], cache_dir=tmp_path / "c")
    assert isinstance(again.document("one"), LazyDocument)
    assert again.document("one").title == "网络主权白皮书"


def test_the_sidecar_suffix_is_the_one_front_matter_reads() -> None:
    from igtui.corpus import frontmatter, loading

    assert loading.SIDECAR_SUFFIX == frontmatter.SIDECAR_SUFFIX


def test_worker_processes_start_while_stderr_is_captured() -> None:
    """Inside the reader, Textual's stand-in for sys.stderr has no file descriptor (-1):
    multiprocessing could not start its helper process then, and the reader's first index
    build fell back to one thread that quitting could not stop."""
    code = (
        "import io, sys\n"
        "from igtui.corpus.cache import process_pool\n"
        "class Capture(io.StringIO):\n"
        "    def fileno(self): return -1\n"
        "sys.stderr = Capture()\n"
        "with process_pool() as pool:\n"
        "    print(pool.submit(pow, 2, 5).result())\n"
        "    pool.submit(os.write, 2, b'worker noise').result()\n"
    )
    done = subprocess.run([sys.executable, "-c", "import os\n" + code], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "32"
    assert "worker noise" not in done.stderr, "a worker's stderr would land on the reader"
