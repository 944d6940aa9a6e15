"""`igtui search`: the JSON contract, filters, human output, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEEDS
from igtui.cli.main import main


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("search-cache")


@pytest.fixture(autouse=True)
def _one_cache_for_the_module(shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the seeds are indexed once for this module rather than once per test
    monkeypatch.setenv("IGTUI_CACHE_DIR", str(shared_cache))


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    assert main(["search", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_contract_best_first(capsys: pytest.CaptureFixture[str]) -> None:
    hits = run_json(capsys, "济济一堂")
    assert hits and "济济一堂" in hits[0]["text"]
    for hit in hits:
        assert isinstance(hit["doc"], str) and isinstance(hit["n"], int)
        assert isinstance(hit["score"], float) and isinstance(hit["text"], str)
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert len(hits) <= 10


def test_n_points_at_the_paragraph(capsys: pytest.CaptureFixture[str]) -> None:
    from igtui.corpus.loading import load_corpus

    hit = run_json(capsys, "黑盒子")[0]
    assert load_corpus(None).document(hit["doc"]).paragraph(hit["n"]).text == hit["text"]


def test_no_match_prints_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, "qqqqxxxxzzzz") == []


def test_limit_and_doc(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(run_json(capsys, "互联网", "--limit", "3")) == 3
    doc = run_json(capsys, "因特网")[0]["doc"]
    assert {h["doc"] for h in run_json(capsys, "互联网", "--doc", doc)} == {doc}


def test_explicit_paths(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "note.txt").write_text("区块链\n\n区块链技术的应用前景广阔。\n", encoding="utf-8")
    hits = run_json(capsys, "qukuailian", str(folder))
    assert hits and "区块链" in hits[0]["text"]
    assert run_json(capsys, "区块链", str(SEEDS / "000_3f5ce4a327935987.txt")) == []


def test_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "维尔纽斯", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "[维尔纽斯]" in out
    assert len([line for line in out.splitlines() if not line.startswith("    ")]) == 2


@pytest.mark.parametrize(
    "argv",
    [["search", "x", "--limit", "0"], ["search", "x", "--doc", "nope"],
     ["search", "x", "/no/such/folder"]],
)
def test_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("igtui: ")


def test_hash_label_query_jumps_to_labelled_paragraphs(capsys) -> None:
    from igtui.cli.main import main

    assert main(["search", "#45", "--doc", "000_3f5ce4a327935987", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["doc"], h["label"]) for h in hits] == [("000_3f5ce4a327935987", "45")]
    assert hits[0]["text"].startswith("45.")
    assert main(["search", "第45段", "--json"]) == 0
    assert all(h["label"] == "45" for h in json.loads(capsys.readouterr().out))
