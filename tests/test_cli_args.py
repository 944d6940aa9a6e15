"""The command line as the README writes it: options and PATH in any order, one-line usage
errors with exit code 2, and a corpus with nothing to read said so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from igtui.cli.main import main
from support import SEEDS

DOC = "000_3f5ce4a327935987"


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seed in a folder of its own: quick to load and index."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(SEEDS / f"{DOC}.txt", folder)
    return folder


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith("igtui: ")
    return captured.err


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "多边", "--limit", "1", "--json", "{path}"],
        ["search", "--json", "多边", "{path}", "--limit", "1"],
        ["search", "--limit", "1", "多边", "{path}", "--json"],
    ],
)
def test_search_takes_options_and_path_in_any_order(
    capsys: pytest.CaptureFixture[str], small_corpus: Path, argv: list[str]
) -> None:
    args = [str(small_corpus) if part == "{path}" else part for part in argv]
    assert main(args) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 1 and hits[0]["doc"] == DOC


def test_notes_add_as_the_readme_writes_it(
    capsys: pytest.CaptureFixture[str], small_corpus: Path
) -> None:
    assert main(["notes", "add", DOC, "@12", "--note", "x", str(small_corpus)]) == 0
    bookmark_id = capsys.readouterr().out.strip()
    assert main(["notes", "list", "--json", str(small_corpus)]) == 0
    [saved] = json.loads(capsys.readouterr().out)
    assert (saved["id"], saved["doc"], saved["n"], saved["note"]) == (bookmark_id, DOC, 12, "x")
    assert main(["notes", "list", str(small_corpus), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == bookmark_id


def test_cat_outline_and_concord_take_path_before_or_after_options(
    capsys: pytest.CaptureFixture[str], small_corpus: Path
) -> None:
    path = str(small_corpus)
    assert main(["cat", DOC, "--width", "30", path]) == 0
    after = capsys.readouterr().out
    assert main(["cat", "--width", "30", DOC, path]) == 0
    assert capsys.readouterr().out == after
    assert max(len(line) for line in after.splitlines()) <= 30
    assert main(["concord", "多边", "--json", path, "--width", "4"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] > 0
    assert main(["outline", "--json", path]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)["documents"]] == [DOC]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["search"], "required: QUERY"),
        (["search", "x", "--limit"], "--limit: expected one argument"),
        (["search", "x", "--limit", "many"], "invalid int value"),
        (["cat", "1", "--bogus"], "unrecognized arguments: --bogus"),
        (["notes"], "required: ACTION"),
        (["notes", "add", "d"], "required: LOCATOR"),
        (["notes", "frob"], "invalid choice"),
        (["export", "--format", "pdf"], "invalid choice"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    assert main(argv) == 2
    error = one_line_error(capsys)
    assert says in error and "--help" in error


def test_an_empty_folder_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for command in (["outline"], ["search", "x"], ["cat", "1"], ["concord", "x"]):
        assert main([*command, str(tmp_path)]) == 2, command
        assert "no documents to read in" in one_line_error(capsys)


def test_a_folder_of_only_binary_files_exits_2_with_its_messages(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "b.md").write_bytes(b"\x00\x01\x02 binary")
    assert main(["outline", str(tmp_path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3
    assert all(line.startswith("igtui: ") for line in lines)
    assert "a.txt" in lines[0] and "b.md" in lines[1]
    assert "no documents to read" in lines[2] and "2 skipped" in lines[2]


def test_help_still_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["search", "--help"], ["notes", "add", "--help"], ["notes", "-h"]):
        with pytest.raises(SystemExit) as done:
            main(argv)
        assert done.value.code == 0
        assert "usage: igtui" in capsys.readouterr().out
