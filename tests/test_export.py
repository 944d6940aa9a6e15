"""Markdown, JSON and CSV exports with Chinese text and a hostile note."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from igtui.corpus.model import Corpus
from igtui.notes.export import (
    CSV_COLUMNS,
    render,
    to_csv,
    to_json,
    to_markdown,
    write_new_file,
)
from igtui.notes.records import Bookmark, parse_records
from igtui.notes.store import NotesStore
from notes_worker import synthetic_document

NOTE = '注意：[bold]这不是标记[/bold]，"quoted, with commas", 逗号,\n第二行\n\n第四行'
QUOTE = "我们重申，互联网的国际管理必须是多边的、透明和民主的，\n并有各方的充分参与。"


@pytest.fixture
def corpus() -> Corpus:
    wsis = synthetic_document(
        "wsis", ["一、引言", QUOTE, "（已达成一致）"], title="突尼斯议程",
        sections=["第三章", "引言"],
    )
    igf = synthetic_document(
        "igf", ["因特网治理论坛第五次会议", "多方利益攸关方"], title="IGF 摘要"
    )
    return Corpus(documents=(wsis, igf))


@pytest.fixture
def bookmarks(corpus: Corpus) -> list[Bookmark]:
    store = NotesStore()
    wsis, igf = corpus.documents
    store.add(igf, 2, note="IGF")
    store.add(wsis, 2, note=NOTE)
    store.add(wsis, 1)
    return store.load()


def test_markdown_groups_by_title_and_quotes_every_line(bookmarks, corpus) -> None:
    md = to_markdown(bookmarks, corpus)
    assert md.index("## 突尼斯议程") < md.index("## IGF 摘要")  # corpus order
    wsis_part = md[md.index("## 突尼斯议程"):md.index("## IGF 摘要")]
    assert wsis_part.index("一、引言") < wsis_part.index("我们重申")  # reading order
    assert "### 第三章 › 引言 · ¶2" in md
    assert "> 我们重申，互联网的国际管理必须是多边的、透明和民主的，\n> 并有各方的充分参与。" in md
    assert NOTE in md  # verbatim, [bold] included
    assert "*wsis, ¶2*" in md  # one locator, the one the reader shows and the CLI takes
    assert "paragraph 2" not in md
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_markdown_of_a_bookmark_whose_document_is_not_open(bookmarks, corpus) -> None:
    without_igf = Corpus(documents=corpus.documents[:1])
    md = to_markdown(bookmarks, without_igf)
    assert "## IGF 摘要" in md and "> 多方利益攸关方" in md
    assert "*igf, ¶2 — its document is not open now*" in md and "detached" not in md


def test_markdown_of_a_detached_bookmark_shows_its_quote(bookmarks, corpus) -> None:
    wsis, _ = corpus.documents
    edited = synthetic_document(
        "igf", ["因特网治理论坛第五次会议", "完全不同的文字"], title="IGF 摘要"
    )
    md = to_markdown(bookmarks, Corpus(documents=(wsis, edited)))
    assert "> 多方利益攸关方" in md and "detached: this text is no longer in the document" in md


def test_markdown_of_nothing_is_empty(corpus) -> None:
    assert to_markdown([], corpus) == ""


def test_csv_has_a_bom_and_round_trips(bookmarks, corpus) -> None:
    data = render("csv", bookmarks, corpus)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_id = {row[0]: dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert len(by_id) == len(bookmarks)
    for b in bookmarks:
        row = by_id[b.id]
        assert (row["note"], row["quote"], row["doc_title"]) == (b.note, b.quote, b.doc_title)
        assert row["n"] == str(b.n) and row["section"] == " › ".join(b.section)


def test_csv_without_bookmarks_is_just_the_header() -> None:
    assert to_csv([]).splitlines() == [",".join(CSV_COLUMNS)]
    assert CSV_COLUMNS[:12] == (  # columns are only ever added, at the end
        "id", "doc", "doc_title", "section", "label", "n", "quote", "note", "created",
        "updated", "detached", "pair_quote",
    )


def test_json_round_trips_and_imports_without_duplicates(bookmarks, corpus) -> None:
    text = render("json", bookmarks, corpus).decode("utf-8")
    assert "突尼斯议程" in text  # not \u-escaped
    assert parse_records(json.loads(text)) == bookmarks
    assert parse_records(json.loads(to_json(bookmarks))) == bookmarks
    store = NotesStore()
    assert store.import_records(parse_records(json.loads(text))) == 0
    fresh = NotesStore(store.path.with_name("fresh.json"))
    assert fresh.import_records(parse_records(json.loads(text))) == 3
    assert fresh.load() == bookmarks


def test_write_new_file_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    write_new_file(target, "第一版".encode(), force=False)
    with pytest.raises(FileExistsError):
        write_new_file(target, b"second", force=False)
    assert target.read_text(encoding="utf-8") == "第一版"
    write_new_file(target, b"second", force=True)
    assert target.read_bytes() == b"second"
    with pytest.raises(FileNotFoundError):
        write_new_file(tmp_path / "missing" / "x.md", b"x", force=False)
    assert not list(tmp_path.glob(".*.tmp"))


def test_csv_cells_that_start_like_formulas_are_inert(corpus) -> None:
    """A note `=HYPERLINK(...)` must not run in Excel; the JSON export keeps it exact."""
    store = NotesStore()
    notes = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "- a list item",
             "plain"]
    sheet = synthetic_document("sheet", [f"第{i}段" for i in range(1, len(notes) + 1)])
    for n, note in enumerate(notes, 1):
        store.add(sheet, n, note)
    store.add(synthetic_document("=cmd", ["=1+1 quote"]), 1, "\t=tab")
    records = store.load()
    rows = list(csv.DictReader(io.StringIO(
        render("csv", records, corpus).decode("utf-8-sig"), newline=""
    )))
    cells = [value for row in rows for key, value in row.items() if key != "n"]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t")]
    by_note = {row["note"] for row in rows}
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in by_note and "'+1+1" in by_note
    assert "'=cmd" in {row["doc"] for row in rows} and "'=1+1 quote" in {r["quote"] for r in rows}
    data = json.loads(render("json", records, corpus))
    assert {r["note"] for r in data["bookmarks"]} == {*notes, "\t=tab"}  # exact
    assert "plain" in by_note and "'- a list item" in by_note
