"""Bookmarks follow their paragraph through edits and re-segmentation, or detach; never vanish."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from igtui.cli.main import main
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus, Document
from igtui.notes.anchoring import DocIndex, anchor_for, locate
from igtui.notes.export import to_markdown
from igtui.notes.records import reanchor
from igtui.notes.store import NotesStore
from notes_worker import synthetic_document

TARGET = "我们确认，互联网这一信息社会基础设施的核心组成部分，已从研究和纯理论性的设施发展而来。"
EDITED = TARGET.replace("核心", "关键")  # one character changed
PARAS = [
    "第三章：互联网治理",
    "我们重申日内瓦阶段会议阐述的原则，即互联网已发展成为面向公众的全球性设施。",
    TARGET,
    "我们认识到，互联网治理工作是建设以人为本的信息社会所必不可少的组成部分。",
]


def write_doc(path: Path, paragraphs: list[str]) -> None:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def paragraph_with(doc: Document, text: str) -> int:
    """The n of the paragraph containing `text` (parsers number paragraphs differently)."""
    found = [p.n for p in doc.paragraphs if text in p.text]
    assert len(found) == 1, f"{text!r} found in paragraphs {found}"
    return found[0]


@pytest.fixture
def doc_file(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / "wsis.txt"
    write_doc(path, PARAS)
    return path


def only_doc(corpus: Corpus) -> Document:
    assert len(corpus.documents) == 1
    return corpus.documents[0]


def test_bookmark_follows_inserted_paragraphs_and_a_changed_character(doc_file: Path) -> None:
    doc = only_doc(load_corpus([doc_file]))
    store = NotesStore()
    b = store.add(doc, paragraph_with(doc, "基础设施"), note="关键段落")

    inserted = [f"新增段落{i}：关于数字包容的讨论，与原文无关。" for i in range(3)]
    write_doc(doc_file, [*inserted, PARAS[0], PARAS[1], EDITED, PARAS[3]])
    edited = load_corpus([doc_file])
    new_doc = only_doc(edited)
    assert new_doc.id == doc.id, "document ids must survive an edit for bookmarks to follow"
    [moved] = reanchor(store.load(), edited)
    assert not moved.detached
    assert moved.n == paragraph_with(new_doc, "关键组成部分") != b.n
    assert moved.id == b.id and moved.quote == b.quote and moved.note == "关键段落"


def test_deleted_paragraph_detaches_but_is_listed_and_exported(
    doc_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = only_doc(load_corpus([doc_file]))
    NotesStore().add(doc, paragraph_with(doc, "基础设施"), note="will detach")
    write_doc(doc_file, [PARAS[0], PARAS[1], PARAS[3]])
    corpus = load_corpus([doc_file])

    [b] = reanchor(NotesStore().load(), corpus)
    assert b.detached and b.quote == TARGET
    assert main(["notes", "list", "--json", str(doc_file)]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["detached"] is True and listed["quote"] == TARGET
    assert main(["notes", "list", str(doc_file)]) == 0
    assert "[detached]" in capsys.readouterr().out
    markdown = to_markdown(NotesStore().load(), corpus)
    assert f"> {TARGET}" in markdown and "will detach" in markdown and "detached" in markdown
    assert main(["export", str(doc_file)]) == 0
    assert f"> {TARGET}" in capsys.readouterr().out
    assert len(NotesStore().load()) == 1  # reanchoring never writes, never drops


def test_bookmarks_of_a_document_not_open_are_absent_not_detached() -> None:
    doc = synthetic_document("gone", PARAS)
    store = NotesStore()
    store.add(doc, 3)
    [b] = reanchor(store.load(), Corpus(documents=()))
    # another folder's document: nothing is known of its text, so it is not "detached"
    assert b.absent and not b.detached and b.n == 3
    [back] = reanchor([b], Corpus(documents=(doc,)))
    assert not back.absent and not back.detached


def locate_in(old: Document, n: int, new: Document) -> int | None:
    match = locate(anchor_for(old, n), DocIndex(new), n)
    return None if match is None else match.n


def test_exact_duplicates_resolve_by_context_then_proximity() -> None:
    texts = ["甲段内容", "（已达成一致）", "乙段内容", "（已达成一致）", "丙段内容"]
    old = synthetic_document("d", texts)
    assert locate_in(old, 4, old) == 4 and locate_in(old, 2, old) == 2
    shifted = synthetic_document("d", ["前言", "前言二", *texts])
    assert locate_in(old, 4, shifted) == 6
    assert locate_in(old, 2, shifted) == 4


def test_whitespace_and_width_changes_are_still_exact() -> None:
    old = synthetic_document("d", ["互联网治理 (IG)\n应当透明。"])
    new = synthetic_document("d", ["其他", "互联网治理 （ＩＧ）  应当透明。"])
    assert locate(anchor_for(old, 1), DocIndex(new), 1).score == 100  # type: ignore[union-attr]


def test_merged_paragraph_is_found_but_short_quotes_do_not_latch_on() -> None:
    old = synthetic_document("d", ["无关的开头。", TARGET, PARAS[3]])
    merged = synthetic_document("d", ["无关的开头。", TARGET + PARAS[3]])
    assert locate_in(old, 2, merged) == 2
    short = synthetic_document("d", ["一、引言", "正文"])
    longer = synthetic_document("d", ["正文", "一、引言之外的另一段很长的文字内容，讨论别的事情。"])
    assert locate_in(short, 1, longer) is None


def test_rewritten_paragraph_detaches() -> None:
    old = synthetic_document("d", PARAS)
    other = "完全不同的一段话，讨论的是频谱管理和卫星轨道。"
    new = synthetic_document("d", [PARAS[0], other, PARAS[3]])
    assert locate_in(old, 3, new) is None


def test_short_edited_paragraph_is_vouched_for_by_its_neighbours() -> None:
    old = synthetic_document("d", [PARAS[1], "的范畴。", PARAS[3]])
    new = synthetic_document("d", ["插入", PARAS[1], "之范畴。", PARAS[3]])
    assert locate_in(old, 2, new) == 3
    moved_away = synthetic_document("d", [PARAS[1], PARAS[3], "之范畴。"])
    assert locate_in(old, 2, moved_away) is None
