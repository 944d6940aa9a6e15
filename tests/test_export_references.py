"""Exports with references: Markdown front matter, pages in locators, CSV page/reference
columns, BibTeX and CSL-JSON of the cited documents; `igtui export --format/--style`."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest

from igtui.cli.main import main
from igtui.corpus.model import Corpus, Document, Metadata, Paragraph
from igtui.notes.bibtex import to_bibtex
from igtui.notes.export import cited_items, render, to_markdown
from igtui.notes.records import Bookmark
from igtui.notes.store import NotesStore
from igtui.reading.citation import csl_item, reference


def _doc(doc_id: str, title: str, meta: Metadata, pages: bool) -> Document:
    texts = ["一、总则", "数据出境安全评估是维护国家数据安全的重要制度。", "第二页的内容。"]
    paragraphs = tuple(
        Paragraph(
            n=n, kind="heading" if n == 1 else "paragraph", section=("一、总则",), label=None,
            lang="zh", text=text, page=(n + 1 if pages else None),
        )
        for n, text in enumerate(texts, 1)
    )
    return Document(doc_id, title, Path(f"{doc_id}.pdf"), paragraphs, meta)


@pytest.fixture
def corpus() -> Corpus:
    report = _doc(
        "report", "数据治理 {研究} 报告 & 50%",
        Metadata(organization="某研究院", date="2022-01-19", page_labels=((3, "1"),)), pages=True,
    )
    page = _doc(
        "page", "北京推出数据跨境便利化服务举措",
        Metadata(author="京报网", date="2024-04-28", publisher="开放北京",
                 url="https://open.beijing.gov.cn/x?a=1&b={2}", kind="webpage"),
        pages=False,
    )
    unused = _doc("unused", "没有笔记的文档", Metadata(), pages=False)
    return Corpus(documents=(report, page, unused))


@pytest.fixture
def bookmarks(corpus: Corpus) -> list[Bookmark]:
    store = NotesStore()
    report, page, _ = corpus.documents
    store.add(page, 2, note="网页")
    store.add(report, 2, note="报告")
    return store.load()


def test_markdown_front_matter_lists_cited_documents(bookmarks, corpus) -> None:
    md = to_markdown(bookmarks, corpus, "gb7714")
    front, body = md.split("\n---\n", 1)
    assert front.startswith("---\ntags: [igtui]\ncitation-style: \"GB/T 7714-2015\"")
    assert '  - id: "report"' in front and '  - id: "page"' in front and "unused" not in front
    assert '    organization: "某研究院"' in front and '    date: "2022-01-19"' in front
    expected = json.dumps(reference(corpus.documents[0], "gb7714"), ensure_ascii=False)
    assert f"    reference: {expected}" in front
    # the page a paragraph is on, as printed, in the entry's locator
    assert "*report, @2, 第1页*" in body and "*page, @2*" in body


def test_csv_gains_page_and_reference_columns(bookmarks, corpus) -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv", bookmarks, corpus).decode("utf-8-sig"))))
    by_doc = {row["doc"]: row for row in rows}
    assert by_doc["report"]["page"] == "第1页" and by_doc["page"]["page"] == ""
    assert by_doc["report"]["reference"].endswith("[R]. 2022.")


def test_csl_json_of_the_cited_documents_in_corpus_order(bookmarks, corpus) -> None:
    items = json.loads(render("csl-json", bookmarks, corpus))
    assert [item["id"] for item in items] == ["report", "page"]
    report, page = items
    assert report["type"] == "report" and report["author"] == [{"literal": "某研究院"}]
    assert report["issued"] == {"date-parts": [[2022, 1, 19]]}
    assert page["type"] == "webpage" and page["container-title"] == "开放北京"
    assert page["URL"] == "https://open.beijing.gov.cn/x?a=1&b={2}" and "accessed" in page


def test_a_document_gone_from_the_corpus_keeps_its_title(bookmarks, corpus) -> None:
    smaller = Corpus(documents=corpus.documents[1:])
    items = cited_items(bookmarks, smaller)
    assert {"id": "report", "type": "report", "title": "数据治理 {研究} 报告 & 50%"} in items


def test_bibtex_escapes_and_braces_names(corpus) -> None:
    accessed = datetime.date(2026, 1, 2)
    bib = to_bibtex([csl_item(d, accessed=accessed) for d in corpus.documents[:2]])
    report, page = bib.strip().split("\n\n")
    assert report.startswith("@techreport{report,\n")
    assert r"title = {{数据治理 \{研究\} 报告 \& 50\%}}" in report
    assert "author = {{某研究院}}" in report and "year = {2022}" in report
    assert "month = {jan}" in report and report.endswith("\n}")
    assert page.startswith("@misc{page,") and "howpublished = {开放北京}" in page
    assert "url = {https://open.beijing.gov.cn/x?a=1&b=%7B2%7D}" in page
    assert "urldate = {2026-01-02}" in page
    assert to_bibtex([]) == ""


def test_references_in_both_styles(corpus) -> None:
    report, page = corpus.documents[:2]
    assert reference(report, "gb7714", "1") == "某研究院. 数据治理 {研究} 报告 & 50%[R]. 2022: 1."
    accessed = datetime.date(2026, 12, 2)
    assert reference(page, "gb7714", accessed=accessed) == (
        "京报网. 北京推出数据跨境便利化服务举措[EB/OL]. (2024-04-28)[2026-12-02]. "
        "https://open.beijing.gov.cn/x?a=1&b={2}."
    )
    assert reference(page, "chicago", accessed=accessed) == (
        "京报网. “北京推出数据跨境便利化服务举措”. 开放北京, April 28, 2024. "
        "https://open.beijing.gov.cn/x?a=1&b={2}."
    )


def test_cli_export_formats_and_styles(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "law.txt").write_text("网络安全法\n\n第一条 为了保障网络安全，制定本法。\n",
                                    encoding="utf-8")
    assert main(["notes", "add", "law", "@2", str(folder)]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "csl-json", str(folder)]) == 0
    [item] = json.loads(capsys.readouterr().out)
    assert item["id"] == "law" and item["title"] == "网络安全法"
    assert main(["export", "--format", "bib", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("@techreport{law,")
    assert main(["export", "--style", "chicago", str(folder)]) == 0
    out = capsys.readouterr().out
    assert 'citation-style: "Chicago' in out and "“网络安全法”" in out
    assert main(["export", "--style", "apa"]) == 2  # a usage error: one line, exit 2
    assert "invalid choice: 'apa'" in capsys.readouterr().err
