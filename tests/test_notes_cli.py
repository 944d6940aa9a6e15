"""`igtui notes ...` and `igtui export ...` against the bundled documents."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from igtui.cli.main import main
from igtui.corpus.loading import load_corpus
from igtui.notes.store import NotesStore

NOTE = '第一行 [bold]x[/bold], "引号"\n第二行'


def locate_seed(text: str) -> tuple[str, int]:
    """(doc id, n) of the bundled paragraph containing `text`; numbering depends on the parser."""
    found = [(d.id, p.n) for d in load_corpus().documents for p in d.paragraphs if text in p.text]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def seed_paragraph() -> tuple[str, int]:
    return locate_seed("信息社会基础设施的核心组成部分")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_then_list_json(capsys, seed_paragraph) -> None:
    doc, n = seed_paragraph
    code, out, _ = run(capsys, "notes", "add", doc, f"@{n}", "--note", NOTE)
    assert code == 0
    bookmark_id = out.strip()
    code, out, _ = run(capsys, "notes", "list", "--json")
    [record] = json.loads(out)
    assert {"id", "doc", "n", "note", "quote", "created"} <= record.keys()
    assert (record["id"], record["doc"], record["n"], record["note"]) == (bookmark_id, doc, n, NOTE)
    assert "信息社会基础设施的核心组成部分" in record["quote"]
    # adding it again (by a prefix of the id) does not duplicate it
    assert run(capsys, "notes", "add", doc[:3], f"@{n}")[1].strip() == bookmark_id
    code, out, _ = run(capsys, "notes", "list")
    assert code == 0 and out.count("\n") == 1 and bookmark_id in out


@pytest.mark.parametrize(
    "doc_arg, n_arg", [("no-such-doc", None), (None, "@99999"), (None, "@0"), (None, "99999")]
)
def test_unknown_doc_or_paragraph_is_exit_2_and_writes_nothing(
    capsys, seed_paragraph, doc_arg, n_arg
) -> None:
    doc, n = seed_paragraph
    code, out, err = run(capsys, "notes", "add", doc_arg or doc, n_arg or f"@{n}")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("igtui: ")
    assert not NotesStore().path.exists()


def test_rm(capsys, seed_paragraph) -> None:
    doc, n = seed_paragraph
    bookmark_id = run(capsys, "notes", "add", doc, f"@{n}")[1].strip()
    assert run(capsys, "notes", "rm", "zzzz")[0] == 2
    code, out, _ = run(capsys, "notes", "rm", bookmark_id)
    assert code == 0 and bookmark_id in out
    assert NotesStore().load() == []


def test_corrupted_notes_file_is_backed_up_and_commands_work(capsys, seed_paragraph) -> None:
    path = NotesStore().path
    path.parent.mkdir(parents=True)
    path.write_text("{garbage", encoding="utf-8")
    code, out, err = run(capsys, "notes", "list")
    assert code == 0 and out == ""
    [backup] = path.parent.glob("notes.json.corrupt-*")
    assert err.count("\n") == 1 and str(backup) in err
    assert backup.read_text(encoding="utf-8") == "{garbage"
    doc, n = seed_paragraph
    assert run(capsys, "notes", "add", doc, f"@{n}")[0] == 0
    path.write_text("[]]", encoding="utf-8")
    code, out, err = run(capsys, "export")
    assert code == 0 and "corrupt-" in err


def test_export_formats_to_stdout_and_files(capsys, seed_paragraph, tmp_path: Path) -> None:
    doc, n = seed_paragraph
    run(capsys, "notes", "add", doc, f"@{n}", "--note", NOTE)
    code, out, _ = run(capsys, "export")
    assert code == 0 and out.startswith("---\n") and "\n## " in out and NOTE in out
    assert "> " in out

    target = tmp_path / "notes.csv"
    assert run(capsys, "export", "--format", "csv", "-o", str(target))[0] == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r["note"] for r in rows] == [NOTE]

    code, _, err = run(capsys, "export", "--format", "md", "-o", str(target))
    assert code == 2 and "--force" in err and target.read_bytes() == data
    assert run(capsys, "export", "--format", "md", "-o", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("---\n")


def test_json_export_imports_back_without_duplicates(capsys, seed_paragraph, tmp_path) -> None:
    doc, n = seed_paragraph
    other_doc, other_n = locate_seed("横跨所有利益攸关方群体")
    run(capsys, "notes", "add", doc, f"@{n}", "--note", NOTE)
    run(capsys, "notes", "add", other_doc, f"@{other_n}")
    exported = tmp_path / "notes.json"
    assert run(capsys, "export", "--format", "json", "-o", str(exported))[0] == 0
    before = NotesStore().load()

    code, out, _ = run(capsys, "notes", "import", str(exported))
    assert code == 0 and "imported 0 of 2" in out
    NotesStore().path.unlink()
    assert "imported 2 of 2" in run(capsys, "notes", "import", str(exported))[1]
    assert NotesStore().load() == before


def test_import_of_a_bad_file_is_exit_2(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    assert run(capsys, "notes", "import", str(bad))[0] == 2
    assert run(capsys, "notes", "import", str(tmp_path / "missing.json"))[0] == 2


def test_note_from_stdin(capsys, seed_paragraph, monkeypatch: pytest.MonkeyPatch) -> None:
    doc, n = seed_paragraph
    monkeypatch.setattr("sys.stdin", io.StringIO(NOTE))
    assert run(capsys, "notes", "add", doc, f"@{n}", "--note", "-")[0] == 0
    assert [b.note for b in NotesStore().load()] == [NOTE]
