"""The title heading is the document's own name: the tree, the status line and citations
don't repeat it above every section."""

from __future__ import annotations

from pathlib import Path

from igtui.app.main import make_app
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.reading.citation import cite
from igtui.reading.places import names_title, section_path
from support import screen_lines

TITLE = "中华人民共和国未成年人保护法"


def law() -> Document:
    rows = [
        ("heading", 1, (), TITLE),
        ("paragraph", 0, (TITLE,), "（2020年10月17日修订）"),
        ("heading", 2, (TITLE,), "第五章　网络保护"),
        ("paragraph", 0, (TITLE, "第五章　网络保护"),
         "第六十四条　国家、社会、学校和家庭应当加强未成年人网络素养宣传教育。"),
    ]
    paragraphs = tuple(
        Paragraph(n=n, kind=kind, section=section, label=None, lang="zh", text=text, level=level)  # type: ignore[arg-type]
        for n, (kind, level, section, text) in enumerate(rows, 1)
    )
    return Document(id="law", title=TITLE, path=Path("/x/law.md"), paragraphs=paragraphs)


def test_a_heading_names_the_title_despite_spacing_and_halves() -> None:
    doc = law()
    assert names_title(doc, "中华人民共和国 未成年人保护法")
    assert not names_title(doc, "第五章　网络保护")
    bilingual = Document(id="b", title="携手构建网络空间命运共同体 / Jointly Build a Community",
                         path=Path("/x/b.txt"), paragraphs=())
    assert names_title(bilingual, "携手构建网络空间命运共同体") is False  # half is too short
    assert section_path(doc, doc.paragraph(4)) == ("第五章　网络保护",)


def test_a_citation_names_the_title_once() -> None:
    doc = law()
    quoted = cite(doc, doc.paragraph(4))
    assert quoted.count(TITLE) == 1


async def test_the_tree_and_status_line_name_the_title_once() -> None:
    corpus = Corpus(documents=(law(),), key="places")
    app = make_app(corpus=corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        app.reader.goto("law", 4)
        await pilot.pause()
        lines = screen_lines(app)
        tree = [line.split("▕")[0] for line in lines if "▕" in line]
        assert sum(TITLE in row or "未成年" in row for row in tree) == 1
        assert any("第五章" in row for row in tree)
        status = lines[-2]
        assert status.count("未成年人保护法") == 1 and "第五章" in status
