"""The text and Markdown documents of ../shared/devdocs against what its README expects.

Skipped where that folder is missing (CI has it). PDF and HTML are the formats' tests.
"""

from __future__ import annotations

import pytest

from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Document, Paragraph
from igtui.search.jump import parse_jump, resolve_jump
from support import DEVDOCS

pytestmark = pytest.mark.skipif(not DEVDOCS.is_dir(), reason="../shared/devdocs is not here")

FILES = (
    "03_digital_china_report_2021.pdftotext.txt",
    "04_minors_protection_law_2020.md",
    "05_national_security_law_2015.gb18030.txt",
    "07_sina_algorithm_provisions_2022.md",
    "09_mozilla_manifesto_zh-CN.lang",
    "10_iccpr_privacy_review_2016.md",
    "11_itu_history_5_wsis.md",
)


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    corpus = load_corpus([DEVDOCS / name for name in FILES])
    assert corpus.errors == ()
    return {doc.id[:2]: doc for doc in corpus.documents}


def one(doc: Document, needle: str) -> Paragraph:
    found = [p for p in doc.paragraphs if needle in p.text and p.readable]
    assert len(found) == 1, (needle, [p.text[:30] for p in found])
    return found[0]


def headings(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs if p.kind == "heading"]


def shown(doc: Document) -> str:
    return "\n".join(p.text for p in doc.paragraphs if p.readable)


def test_pdftotext_report_pages_furniture_and_parts(docs: dict[str, Document]) -> None:
    doc = docs["03"]
    assert doc.title == "数字中国发展报告（2021 年）"
    assert len({p.page for p in doc.paragraphs}) >= 70
    # centred page numbers are furniture, never headings or text
    assert not any(p.text.strip().isdigit() for p in doc.paragraphs if p.readable)
    names = headings(doc)
    for part in ("第一篇", "第二篇", "第三篇", "第四篇"):
        assert names.count(part) == 1, part  # the contents list repeats them: not headings
    assert "一、党的十九大以来数字中国建设取得显著成就" in names
    subs = [p for p in doc.paragraphs if p.text.startswith("（一）建成全球规模最大")]
    # the contents entry (hidden with its list), the heading
    assert [p.kind for p in subs] == ["boilerplate", "heading"]
    assert subs[1].section[-1].startswith("一、党的十九大")
    # paragraphs run on across the page break, with no gap at the seam
    assert "第二个百年奋斗目标进军新征程" in shown(doc).replace("\n", "")
    note = one(doc, "包含港澳台地区")
    assert note.kind == "footnote"
    assert "的数据产品和服务享有财产权益" in one(doc, "深圳经济特区数据条例").text


def test_minors_protection_law_markdown(docs: dict[str, Document]) -> None:
    doc = docs["04"]
    assert doc.title == "中华人民共和国未成年人保护法"
    chapters = [t for t in headings(doc) if t.startswith("第") and "章" in t]
    assert len(chapters) == 9  # the 目录 lines are a contents list, not headings
    online = next(p for p in doc.paragraphs if p.text.startswith("第六十四条"))
    assert online.label == "第64条" and online.section[-1] == "第五章　网络保护"
    eighty = next(p for p in doc.paragraphs if p.text.startswith("第八十条"))
    assert resolve_jump(doc, parse_jump("第八十条") or "") == eighty.n
    items = [p for p in doc.paragraphs if p.text.startswith("（一）")]
    assert items and all(p.kind == "list_item" for p in items)
    assert "***" not in shown(doc) and "##" not in shown(doc)


def test_national_security_law_gb18030(docs: dict[str, Document]) -> None:
    doc = docs["05"]
    assert doc.title == "中华人民共和国国家安全法"
    names = headings(doc)
    assert names.count("第四章 国家安全制度") == 1
    section = next(p for p in doc.paragraphs if p.text == "第一节 一般规定" and p.level)
    chapter = next(p for p in doc.paragraphs if p.text == "第四章 国家安全制度" and p.level)
    assert section.level == chapter.level + 1
    article = next(p for p in doc.paragraphs if p.text.startswith("第二十五条"))
    assert article.label == "第25条" and "网络空间主权" in article.text
    assert resolve_jump(doc, "25") == article.n


def test_news_copy_front_matter_and_html_body(docs: dict[str, Document]) -> None:
    doc = docs["07"]
    assert doc.title == "细思极恐，你的App比你还懂你？国家出手，这些方法不能用了！"
    assert doc.metadata.date == "2022-01-04" and doc.metadata.author == "新浪财经"
    text = shown(doc)
    for junk in ("article_adlist", "&#123;", "appendQr", "headimg", "<p", "德尔塔"):
        assert junk not in text, junk
    assert "禁止“大数据杀熟”" in headings(doc)
    assert one(doc, "应便利老年人安全使用算法推荐服务").kind != "boilerplate"


def test_lang_file_pairs_line_by_line(docs: dict[str, Document]) -> None:
    doc = docs["09"]
    en = one(doc, "The open, global internet is the most powerful")
    zh = doc.paragraph(en.pair or 0)
    assert zh.text.startswith("开放而全球化的互联网") and zh.pair == en.n
    text = shown(doc)
    assert "String is obsolete" not in text and "## active ##" not in text
    assert "<strong>" not in text and "{ok}" not in text


def test_blog_post_toml_front_matter_and_block_translation(docs: dict[str, Document]) -> None:
    doc = docs["10"]
    assert doc.title == "兩公約第二次國際審查初步觀察"
    assert doc.metadata.date == "2016-11-01"
    for number in ("69", "70", "71"):
        en = next(p for p in doc.paragraphs if p.label == number and p.lang == "en")
        zh = next(p for p in doc.paragraphs if p.label == number and p.lang == "zh")
        assert (en.pair, zh.pair) == (zh.n, en.n)
    assert "+++" not in shown(doc) and "<!--more-->" not in shown(doc)
    assert "](" not in shown(doc)
    # the quoted US observations head their own section, after the cited document symbol
    nsa = one(doc, "National Security Agency surveillance")
    assert nsa.kind == "heading"
    assert one(doc, "The Committee is concerned").section[-1] == nsa.text


def test_itu_history_front_matter_images_and_references(docs: dict[str, Document]) -> None:
    doc = docs["11"]
    assert doc.title == "Tech：国际电信联盟的历史 5"
    assert headings(doc) == ["弥合数字鸿沟的发展", "全球会展中心"]
    text = shown(doc)
    assert "![" not in text and "[WSISFORUM]:" not in text and "layout: post" not in text
    # an image's placeholder before its own caption is hidden, and so is one whose alt text
    # is only its reference's name (it describes nothing): kept, as boilerplate
    assert "[image: Cooperation]" not in text and "图片：国际电联早期技术合作努力展示" in text
    assert "[image: Connect]" not in text
    assert any(p.text == "[image: Connect]" and not p.readable for p in doc.paragraphs)
    sidebar = one(doc, "国际电联的新结构")
    assert (0, len("国际电联的新结构"), "strong") in sidebar.styles
    assert "信息社会突尼斯议程" in one(doc, "《日内瓦行动计划》").text


def test_pdftotext_report_second_footnote_table_and_printed_pages(
    docs: dict[str, Document],
) -> None:
    doc = docs["03"]
    note = one(doc, "港澳台地区未纳入统计")
    assert (note.kind, note.label) == ("footnote", "2")
    assert doc.metadata.page_label(note.page or 0) == "44"
    # the paragraph cut by that note and the page break is one paragraph again
    assert "组织架构、方式流程优化变革" in one(doc, "综合评价结果显示").text
    # table 表 1 is rows, never headings
    rows = [p for p in doc.paragraphs if p.text.startswith("一级指标")]
    assert [p.kind for p in rows] == ["paragraph"]
    assert not any(p.kind == "heading" and "服务" in p.text and " " in p.text
                   for p in doc.paragraphs)
    assert "七、数字政府建设有力推进国家治理体系和治理能力现代化" in headings(doc)


def test_pdftotext_report_body_after_contents_and_figure_captions(
    docs: dict[str, Document],
) -> None:
    doc = docs["03"]
    # the body's unheaded opening, after the contents list: no longer under 摘要's last section
    assert one(doc, "2021 年，世界百年未有之大变局加速演进").section == ()
    captions = [p for p in doc.paragraphs if p.readable and p.text.startswith("图 ")]
    assert len(captions) >= 19 and not any("来源" in p.text for p in captions)
    # a caption's footnote marker stays at its end ("（块/32）1"), its credit apart
    assert one(doc, "图 9 2017-2021 年我国 IPv6").text.endswith("（块/32）1")
    assert [p.text for p in doc.paragraphs if p.text.endswith("工业和信息化部")] == [
        "来源：工业和信息化部"
    ] * 3


def test_lang_file_headings_ui_strings_and_obsolete_strings(docs: dict[str, Document]) -> None:
    doc = docs["09"]
    # the file translates the manifesto page; the addendum is its newest part
    assert doc.title == "Mozilla 宣言 / The Mozilla Manifesto"
    assert "The Mozilla Manifesto Addendum" in headings(doc)
    names = headings(doc)
    for name in ("Pledge for a Healthy Internet", "Principle 1", "准则 10", "Introduction",
                 "引言", "Mozilla Foundation Pledge", "Invitation"):
        assert name in names, name
    for ui in ("Previous principle", "See more…", "Share on Twitter", "Tweet this",
               "Learn more", "Explore how the web works", "Read the entire manifesto"):
        assert all(p.kind != "heading" for p in doc.paragraphs if p.text == ui), ui
    assert max(p.level for p in doc.paragraphs) <= 2  # no staircase
    principle = next(p for p in doc.paragraphs if p.text == "Principle 4")
    assert doc.paragraph(principle.pair or 0).text == "准则 4"
    assert doc.paragraph(principle.pair or 0).level == principle.level
    obsolete = [p for p in doc.paragraphs if "The Internet is an integral part" in p.text]
    assert [p.kind for p in obsolete] == ["boilerplate"]


def test_every_text_document_outline_stays_shallow(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        assert max((p.level for p in doc.paragraphs), default=0) <= 4, doc.id


@pytest.fixture(scope="module")
def gdpr() -> Document:
    (doc,) = load_corpus([DEVDOCS / "02_gdpr_zh_translation.pdf"]).documents
    return doc


def test_gdpr_articles_are_headings_and_recital_numbers_are_not(gdpr: Document) -> None:
    names = headings(gdpr)
    assert "(22)" not in names and "以及" not in names
    article = next(p for p in gdpr.paragraphs if p.text == "第 4 条 定义")
    assert (article.kind, article.label) == ("heading", "第4条")
    assert article.section == ("第一章 一般条款",)
    assert "第 14 条 未获得数据主体个人数据的情形下，应当提供的信息" in names
    assert resolve_jump(gdpr, "37") == next(
        p.n for p in gdpr.paragraphs if p.text.startswith("第 37 条")
    )
