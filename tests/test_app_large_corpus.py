"""A corpus opened from the parse cache: the reader reads only the documents it shows, and the
tree adds a document's sections when it is expanded (bookmark marks included)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from igtui.app.main import make_app
from igtui.app.widgets.doctree import Target
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus, LazyDocument

SIZE = (100, 30)
DOCS = 40


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(DOCS):
        path = folder / f"d{i:02}.md"
        path.write_text(
            f"# 文件{i}\n\n## 第一节\n\n正文{i}。\n\n## 第二节\n\n结尾{i}。\n", encoding="utf-8"
        )
        # a minute old: a file written in the last seconds is always read again
        os.utime(path, (time.time() - 60, time.time() - 60))
    load_corpus([folder], cache_dir=tmp_path / "c")  # parsed once: the next load is warm
    warm = load_corpus([folder], cache_dir=tmp_path / "c")
    assert all(isinstance(d, LazyDocument) for d in warm.documents)
    return warm


def loaded(corpus: Corpus) -> list[str]:
    return [d.id for d in corpus.documents if isinstance(d, LazyDocument) and d.loaded]


async def test_the_reader_reads_only_what_it_shows(corpus: Corpus, tmp_path: Path) -> None:
    app = make_app(corpus=corpus, state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.reader.doc_tree
        assert len(tree.root.children) == DOCS
        assert loaded(corpus) == ["d00"]
        far = tree.document_node("d30")
        assert far is not None and far.allow_expand and not far.children
        app.reader.refresh_marks()  # every document's marks: still nothing read
        await pilot.press("right_curly_bracket")  # next document
        assert loaded(corpus) == ["d00", "d01"]


async def test_expanding_a_document_adds_its_sections_with_their_marks(
    corpus: Corpus, tmp_path: Path
) -> None:
    app = make_app(corpus=corpus, state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        doc = corpus.document("d05")
        assert isinstance(doc, LazyDocument)
        second_section = next(p.n for p in doc.paragraphs if "第二节" in p.text)
        doc.unload()
        reader.marks_for = lambda doc: frozenset({second_section}) if doc == "d05" else frozenset()
        reader.refresh_marks()
        tree = reader.doc_tree
        node = tree.document_node("d05")
        assert node is not None and tree.has_mark(node)
        tree.focus()
        tree.move_cursor(node)
        await pilot.press("space")  # expand
        await pilot.pause()
        assert "d05" in loaded(corpus)
        sections = node.children[0].children
        labels = [str(child.label) for child in sections]
        assert len(labels) == 2 and "第一节" in labels[0] and "第二节" in labels[1]
        # the marks set before the sections existed are on them now
        assert tree.has_mark(sections[1]) and not tree.has_mark(sections[0])
        node.children[0].expand()
        await pilot.pause()
        tree.move_cursor(node.children[0].children[1])
        await pilot.press("enter")
        await pilot.pause()
        assert tree.cursor_node is not None
        assert tree.cursor_node.data == Target("d05", second_section)
        assert (reader.doc_id, reader.n) == ("d05", second_section)
