"""PDF, Word and HTML files made here, read end to end: reader + pipeline -> Document, the
citation `y` copies, and a one-line message for each kind of bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

import format_files as ff
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.corpus.readers import reader_for
from igtui.corpus.readers.declared import meaningful_author, meaningful_title
from igtui.corpus.readers.html import blocks_from_html, decode_html, page_source
from igtui.reading.citation import cite, reference


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formats")
    ff.make_report_pdf(root / "report.pdf")
    ff.add_footnote(ff.make_report_docx(root / "review.docx"))
    ff.make_article_html(root / "article.html")
    (root / "notes.txt").write_text("一、说明\n\n纯文本与其他格式放在一起。\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def mixed(folder: Path) -> Corpus:
    return load_corpus([folder])


def doc(corpus: Corpus, doc_id: str) -> Document:
    return corpus.document(doc_id)


def readable(document: Document) -> list[Paragraph]:
    return [p for p in document.paragraphs if p.readable]


def containing(document: Document, fragment: str) -> Paragraph:
    (found,) = [p for p in document.paragraphs if fragment in p.text]
    return found


def test_a_folder_of_mixed_formats_loads_every_file(mixed: Corpus) -> None:
    assert mixed.errors == ()
    assert sorted(d.id for d in mixed.documents) == ["article", "notes", "report", "review"]


# -- PDF ------------------------------------------------------------------------------------


def test_pdf_title_from_the_cover_not_the_producers_file_name(mixed: Corpus) -> None:
    report = doc(mixed, "report")
    assert report.title == ff.TITLE + ff.SUBTITLE
    assert report.metadata.author == ""  # "Administrator" is a machine, not an author


def test_pdf_running_header_and_page_numbers_are_not_text(mixed: Corpus) -> None:
    report = doc(mixed, "report")
    texts = [p.text for p in readable(report)]
    assert not any(ff.HEADER in t for t in texts[1:])  # the title itself may say it
    assert not any(t.strip().isdigit() for t in texts)


def test_pdf_footnote_at_the_page_bottom_and_its_marker(mixed: Corpus) -> None:
    report = doc(mixed, "report")
    note = containing(report, "全球数据治理倡议")
    assert note.kind == "footnote" and note.label == "1" and note.page == 2
    marked = containing(report, "社会治理体系")
    assert "体系¹" in marked.text and marked.kind == "paragraph"


def test_pdf_paragraph_runs_on_across_the_page_break(mixed: Corpus) -> None:
    report = doc(mixed, "report")
    crossing = containing(report, ff.CROSSING_START)
    assert ff.CROSSING_END in crossing.text and crossing.page == 2
    assert containing(report, "数据治理需要多方参与").page == 3


def test_pdf_headings_from_font_size(mixed: Corpus) -> None:
    report = doc(mixed, "report")
    headings = [p.text for p in report.paragraphs if p.kind == "heading"]
    assert {"一、总则", "二、数据出境", "三、结语"} <= set(headings)
    assert containing(report, "数据出境安全评估是").section[-1] == "二、数据出境"


def test_pdf_citation_names_the_printed_page(mixed: Corpus) -> None:
    report = doc(mixed, "report")
    assert report.metadata.page_labels[:2] == ((2, "1"), (3, "2"))
    p = containing(report, "数据出境安全评估是")
    copied = cite(report, p, style="gb7714")
    assert ", 第1页 [report]" in copied
    assert copied.splitlines()[-1] == reference(report, "gb7714", "1")
    assert "[R]" in copied.splitlines()[-1] and copied.endswith(": 1.")
    # Chicago gives the page in its note, the bibliography entry is for the whole work
    *_, note_line, entry = cite(report, p, style="chicago").splitlines()
    assert note_line.endswith(", 1.") and entry == reference(report, "chicago")


def test_meaningful_titles_and_authors() -> None:
    path = Path("/x/report-final.pdf")
    assert not meaningful_title("Microsoft Word - 报告.docx", path)
    assert not meaningful_title("report-final", path)
    assert not meaningful_title("untitled", path)
    assert meaningful_title("Internet Governance Forum 2023 Chair's Summary", path)
    assert meaningful_author("Windows 用户") == "" and meaningful_author(" 张 三 ") == "张 三"


# -- Word -----------------------------------------------------------------------------------


def test_docx_styles_become_structure(mixed: Corpus) -> None:
    review = doc(mixed, "review")
    assert review.title == "网络安全审查办法解读"  # the Title style, not "report-final"
    assert review.metadata.author == "张三"
    levels = {p.text: p.level for p in review.paragraphs if p.kind == "heading"}
    assert levels["第一章 总则"] < levels["1.1 适用范围"]
    items = [p.text for p in review.paragraphs if p.kind == "list_item"]
    assert items == ["采购网络产品和服务", "开展数据处理活动", "境外上市的审查要求"]
    assert "网络安全审查办公室 | 组织审查 | 30 个工作日" in [p.text for p in readable(review)]


def test_docx_footnote_reference_and_note(mixed: Corpus) -> None:
    review = doc(mixed, "review")
    assert "审查由网络安全审查办公室组织¹。" in [p.text for p in review.paragraphs]
    note = containing(review, "参见《网络安全审查办法》第二条")
    assert note.kind == "footnote" and note.text.startswith("1 ")


def test_docx_bold_and_italic_runs_are_styles(folder: Path) -> None:
    source = reader_for(folder / "review.docx")(folder / "review.docx")
    assert source.blocks is not None
    block = next(b for b in source.blocks if b.text.startswith("本办法所称"))
    spans = {block.text[s:e]: style for s, e, style in block.styles}
    assert spans == {"关键信息基础设施": "strong", "公共通信和信息服务": "em"}


# -- HTML -----------------------------------------------------------------------------------


def test_html_article_without_the_site_around_it(mixed: Corpus) -> None:
    article = doc(mixed, "article")
    text = "\n".join(p.text for p in readable(article))
    junk = ("首页", "热点推荐", "无关的新闻", "分享到", "版权所有", "ICP", "联系我们", "tracker")
    for word in junk:
        assert word not in text, word
    assert "免予申报" in text and "完善内部管理制度。" in text


def test_html_title_metadata_and_structure(mixed: Corpus) -> None:
    article = doc(mixed, "article")
    assert article.title == "网信部门发布数据出境新规解读"  # og:title, not <title>
    meta = article.metadata
    assert (meta.author, meta.date, meta.publisher) == ("李四", "2024-03-22", "示例政务网")
    assert meta.url == "https://www.example.gov.cn/news/2024/0322.html"
    headings = [p.text for p in article.paragraphs if p.kind == "heading"]
    assert "一、新规的主要内容" in headings and "二、企业应当如何应对" in headings
    assert [p.text for p in article.paragraphs if p.kind == "list_item"] == [
        "梳理数据出境场景；", "识别重要数据；", "完善内部管理制度。",
    ]
    assert "安全评估 | 重要数据出境" in [p.text for p in article.paragraphs]
    ref = reference(article, "gb7714")
    assert "[EB/OL]" in ref and "https://www.example.gov.cn/news/2024/0322.html" in ref


def test_html_charset_from_bom_meta_or_detection(tmp_path: Path) -> None:
    page = "<html><head><meta charset='gbk'></head><body><p>网络主权与数据安全</p></body></html>"
    assert "网络主权" in decode_html(page.encode("gb18030"), tmp_path / "x.html")
    bom = b"\xef\xbb\xbf" + "<p>网络主权</p>".encode()
    assert decode_html(bom, tmp_path / "x.html") == "<p>网络主权</p>"
    lying = "<meta charset='utf-8'><p>网络主权</p>".encode("gb18030")
    assert "网络主权" in decode_html(lying, tmp_path / "x.html")


def test_html_tolerates_broken_markup() -> None:
    source = page_source(
        "<div><p>第一段没有结束<span>未闭合<p>第二段<table><tr><td>格<td>子</table>"
        "<div width='100%%'>尾部文字足够长足够长足够长足够长足够长足够长足够长足够长</div>"
    )
    texts = [b.text for b in source.blocks or []]
    assert any("第一段没有结束" in t for t in texts) and "格 | 子" in texts


def test_an_ordered_list_keeps_its_numbers() -> None:
    """<ol> items read "1. …" as the browser numbers them (its `start`, an empty item
    counted), so they can be cited; <ul> items and a menu stay as they were."""
    blocks = blocks_from_html(
        "<p>需要：</p><ol><li>設備</li><li><b>工具</b>很多</li><li></li><li><p>教室</p>"
        "<ul><li>桌子</li></ul></li></ol><ol start='7'><li>第七</li></ol>"
        "<ul><li><a href='/'>首页</a></li></ul>"
    )
    assert [(b.role, b.text) for b in blocks] == [
        ("text", "需要："), ("list_item", "1. 設備"), ("list_item", "2. 工具很多"),
        ("list_item", "4. 教室"), ("list_item", "桌子"), ("list_item", "7. 第七"),
        ("boilerplate", "首页"),
    ]
    assert blocks[2].styles == ((3, 5, "strong"),)
    odd = blocks_from_html("<ol start='①'><li>甲</li></ol><ol start='99999999'><li>乙</li></ol>")
    assert [b.text for b in odd] == ["1. 甲", "1. 乙"], "a start that is no number: from 1"
    styled = blocks_from_html(
        "<ol type='a'><li>甲</li><li value='5'>乙</li></ol><ol type='I' start='3'><li>丙</li>"
        "</ol><ol reversed><li>丁</li><li>戊</li></ol><ol><li>1. 己</li><li>2、庚</li></ol>"
    )
    assert [b.text for b in styled] == [
        "a. 甲", "e. 乙", "III. 丙", "2. 丁", "1. 戊", "1. 己", "2、庚"
    ], "as a browser numbers them; an item that numbers itself is not numbered twice"
    menu = blocks_from_html("<ol><li><a href='/a'>首页</a></li><li><a href='/b'>新闻</a></li></ol>")
    assert {b.role for b in menu} == {"boilerplate"}, "a menu of links stays chrome"


def test_blocks_from_html_for_markdown_bodies() -> None:
    blocks = blocks_from_html(
        "<p>　　正文第一段。</p><!-- 广告位 --><blockquote><p>引文</p></blockquote>"
        "<h3>小标题</h3><style>.x{}</style><script>alert(1)</script><p><b>粗体</b>与文字</p>"
    )
    roles = [(b.role, b.text) for b in blocks]
    assert ("boilerplate", "广告位") in roles and ("quote", "引文") in roles
    assert ("heading", "小标题") in roles and not any("alert" in t for _, t in roles)
    last = blocks[-1]
    assert last.text == "粗体与文字" and last.styles == ((0, 2, "strong"),)


# -- bad input ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad")
    good = ff.make_report_pdf(root / "good.pdf")
    data = good.read_bytes()
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    (root / "truncated.pdf").write_bytes(data[: len(data) // 3])
    ff.make_locked_pdf(root / "locked.pdf")
    ff.make_empty_pdf(root / "empty.pdf")
    ff.make_scan_pdf(root / "scan.pdf")
    (root / "page.pdf").write_text("<!DOCTYPE html><html><body>x</body></html>", encoding="utf-8")
    ff.make_huge_html(root / "huge.html")
    ff.make_zip_not_docx(root / "archive.docx")
    (root / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))
    return root


def test_each_bad_file_is_one_line_and_the_rest_loads(bad_folder: Path) -> None:
    corpus = load_corpus([bad_folder])
    assert "good" in [d.id for d in corpus.documents]
    messages = {Path(m.split(": ")[0].removeprefix("skipped ")).name: m for m in corpus.errors}
    assert all("\n" not in m and len(m) < 300 for m in corpus.errors)
    expected = {
        "corrupt.pdf": "damaged",
        "locked.pdf": "password",
        "empty.pdf": "no pages",
        "scan.pdf": "no OCR",
        "page.pdf": "HTML page",
        "huge.html": "too large",
        "archive.docx": "not a Word document",
        "old.docx": "old binary Word",
    }
    for name, words in expected.items():
        assert words in messages.get(name, ""), (name, messages.get(name))
    # a truncated PDF: PDFium recovers what it can, or it is reported like a damaged one
    assert "truncated" in [d.id for d in corpus.documents] or "damaged" in messages.get(
        "truncated.pdf", ""
    )
