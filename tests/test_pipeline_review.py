"""What a stranger reading every devdocs document found wrong, one mechanism per finding: a
small synthetic document each, then the real document (skipped without ../shared/devdocs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from igtui.cli.main import main
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Document, Metadata, Paragraph
from igtui.corpus.parsing.boilerplate import is_boilerplate
from igtui.corpus.parsing.pipeline import parse_source
from igtui.corpus.parsing.source import Source, SourceLine
from igtui.corpus.readers import SUFFIXES
from igtui.corpus.readers.markdown import parse_markdown
from igtui.corpus.readers.text import lang_source
from igtui.reading.citation import page_locator
from igtui.reading.locator import LocatorError, locators
from igtui.reading.pane_layout import split_label
from igtui.search.jump import parse_jump, resolve_jump
from support import DEVDOCS, REPO, SEEDS, readable_text
from support import only_paragraph as one
from support import parse_text as parse


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(p.level, p.text) for p in doc.paragraphs if p.kind == "heading"]


def jump(doc: Document, query: str) -> int | None:
    label = parse_jump(query)
    return None if label is None else resolve_jump(doc, label)


# -- 1. law articles: a label namespace of their own ----------------------------------------

REGULATION = "\n\n".join([
    "通用数据保护示例条例",
    "第一章 一般条款",
    "第 5 条 个人数据处理原则",
    "1．对于个人数据，应遵循下列规定：",
    "(a)应当以合法的、合理的和透明的方式来进行处理；",
    "2．控制者有责任遵守以上第 1 段，并且有责任对此提供证明。",
    "第 6 条 处理的合法性",
    "1．只有满足至少如下一项条件时，处理才是合法的。",
    "5．成员国可以维持或新制定更多具体条款。",
])


def test_articles_have_their_own_labels_and_jumps_reach_them() -> None:
    doc = parse(REGULATION)
    article = one(doc, "第 5 条")
    assert (article.kind, article.label) == ("heading", "第5条")
    for query in ("第5条", "第 5 条", "第五条", "#5"):
        assert jump(doc, query) == article.n, query
    # "#5" in a law is article 5, never the paragraph numbered 5 inside article 6
    assert one(doc, "5．成员国").n != article.n
    table = locators(doc)
    assert table.of(article.n) == "第5条" and table.find("5") == article.n
    first = one(doc, "1．对于个人数据")
    assert table.of(first.n) == "第5条 ¶1"
    assert table.find("第5条 ¶1") == first.n
    assert table.find(table.of(one(doc, "(a)应当").n)) == one(doc, "(a)应当").n
    assert table.find("¶5") == one(doc, "5．成员国").n  # ¶ always means a paragraph
    with pytest.raises(LocatorError, match="names 2 paragraphs"):
        table.find("¶1")


def test_article_paragraphs_are_located_and_shown_as_articles() -> None:
    doc = parse("示例法\n\n第一章 总则\n\n第三十七条 国家建立数据分类分级保护制度。\n")
    article = one(doc, "第三十七条")
    assert locators(doc).of(article.n) == "第37条"
    assert split_label(article)[0] == "37条"  # the gutter holds it (第 left out)


def test_a_cross_reference_cut_at_the_line_end_is_no_item() -> None:
    # "…对于第 11" / "（2）条所规定的情形": the number goes on the next line, not a new item
    filler = "控制者应当对数据主体行使第十五至二十二条的权利而提供帮助和支持。"
    body = (filler * 4)[: 30 * 3]
    lines = [
        body[:30], body[30:60], "对于第 11".rjust(30, "控"),
        "（2）条所规定的情形，控制者不应拒绝。", *[filler[:30]] * 6,
    ]
    doc = parse("\n".join(lines))
    para = one(doc, "（2）条所规定")
    assert para.kind == "paragraph" and "第 11（2）条所规定的情形" in para.text


def test_an_article_title_wrapped_over_two_lines_is_one_heading() -> None:
    title = "第 89 条 为了实现公共利益、科学或历史研究或统计目的处理中的安全保障与"
    prose = "每个成员国应当将其按照第一段所制定的那些法律条款告知欧盟委员会，并及时告知修订。" * 4
    body = [prose[i : i + 36] for i in range(0, len(prose), 36)]
    texts = ["3．" + body[0], *body[1:], title, "克减", "1．" + body[0], *body[1:]]
    lines = [SourceLine(t, page=1, x=90, y=100 + 30 * k, size=12) for k, t in enumerate(texts)]
    doc = parse_source(Source(lines=lines), "gdpr", Path("gdpr.pdf"))
    heading = one(doc, "第 89 条")
    assert (heading.kind, heading.label, heading.text) == ("heading", "第89条", title + "克减")


# -- 2. tables of contents are hidden -----------------------------------------------------

def test_contents_pages_are_hidden_and_the_first_screen_is_the_text() -> None:
    cover = [SourceLine("数字安全报告", page=1, x=200, y=100, size=30, role="heading")]
    toc = [SourceLine("目 录", page=2, x=270, y=80, size=16, role="heading")] + [
        SourceLine(text, page=2, x=90, y=110 + 24 * k, size=12) for k, text in enumerate([
            "一、总体情况 ........................................ 1",
            "（一）持续保障数据安全运",  # an entry wrapped before its leader
            "营............................................... 10",
            "参考文献 ........................................... 24",
        ])
    ]
    figures = [SourceLine("图 目 录", page=3, x=262, y=81, size=16, role="heading")] + [
        SourceLine(f"图 {k} 示意图{k} .............................. {k + 4}", page=3, x=90,
                   y=111 + 24 * k, size=12)
        for k in (1, 2, 3)
    ]
    body = [
        SourceLine("一、总体情况", page=4, x=90, y=80, size=16, role="heading"),
        SourceLine("数据已成为数字经济发展的核心生产要素。", page=4, x=90, y=120, size=12),
    ]
    doc = parse_source(Source(lines=cover + toc + figures + body), "r", Path("r.pdf"))
    readable = [p for p in doc.paragraphs if p.readable]
    assert [p.text for p in readable] == [
        "数字安全报告", "一、总体情况", "数据已成为数字经济发展的核心生产要素。",
    ]
    hidden = [p.text for p in doc.paragraphs if p.kind == "boilerplate"]
    assert "图 目 录" in hidden and "目 录" in hidden
    assert "参考文献 ........................................... 24" in hidden  # not glued


# -- 3. and 9. pdftotext: split rows, tables, letter-spacing, spaces at joins -------------

def test_a_lone_indented_line_on_a_page_continues_the_row_above() -> None:
    sentence = "我国网民规模从七亿增长到十亿，互联网普及率快速提升，城乡差距缩小，"

    def paragraph(repeat: int) -> list[str]:
        text = sentence * repeat
        wrapped = [text[i : i + 27] for i in range(0, len(text), 27)]
        return ["  " + wrapped[0], *wrapped[1:], "数字中国建设成效显著。"]

    page1 = [*paragraph(2), *paragraph(3), *paragraph(2), *paragraph(4)[:-1]]
    # page 2 goes on with that paragraph; its one indented line is the second half of a
    # printed row that pdftotext split ("升到 57.6%，" / "        城乡地区…"), no new paragraph
    page2 = [sentence[:27], "升到 57.6%，", "        城乡地区互联网普及率差异缩小 11.9 个百分点。",
             sentence[:27], sentence[5:]]
    doc = parse("\f".join("\n".join([*page, "", str(k + 1)]) for k, page in enumerate(
        (page1, page2)
    )))
    assert "升到 57.6%，城乡地区互联网普及率差异缩小" in one(doc, "57.6%").text


def test_letter_spaced_lines_and_spaces_between_scripts() -> None:
    lines = [
        "  截至 2021 年底，我国已建成 142.5 万个 5G 基站，总量占全球",
        "60%以上，5G 用户数达到 3.55 亿户，全国超 300 个城市启动",
        "千兆光纤宽带网络建设，城市和农村网民对当地网络基础设施",
        "建 设 满 意 度 分 别 为 92.4%和 91.4%，用户规模达 3456 万户。",
    ] * 3
    doc = parse("\n".join(lines))
    text = readable_text(doc)
    assert "总量占全球 60%以上" in text  # the text spaces numbers from Chinese: so does a join
    assert "建设满意度分别为 92.4%和" in text and "建 设" not in text


# -- 4. chrome needs structural evidence ----------------------------------------------------

def test_a_chrome_phrase_inside_a_sentence_is_text() -> None:
    assert not is_boilerplate(
        "use the Mozilla assets (intellectual property such as copyrights and trademarks, "
        "infrastructure, funds, and reputation) to keep the Internet an open platform;"
    )
    assert not is_boilerplate("本报告版权所有者依法享有的权利，适用著作权法的有关规定。")
    for chrome in ("Copyright © 2011 OpenFoundry. All rights reserved.", "京ICP备12345678号",
                   "【发布时间:2016-11-22】 【来源:互联网】", "版权所有：示例市数据局"):
        assert is_boilerplate(chrome), chrome


def test_a_localization_file_is_titled_by_the_page_it_translates() -> None:
    text = "\n".join([
        "# Page title", ";The Open Charter Addendum", "开放宪章修正案",
        "# String is obsolete. Do not remove.", ";The Open Charter", "开放宪章",
        ";The web is a public resource.", "网络是公共资源。",
        ";use the assets (such as copyrights and trademarks) to keep the web open;",
        "利用资产（诸如版权和商标）保持网络开放；",
    ])
    source = lang_source(text, "charter")
    assert source.title == "开放宪章 / The Open Charter"
    doc = parse_source(source, "charter", Path("charter.lang"))
    assert one(doc, "copyrights and trademarks").kind == "paragraph"
    assert lang_source(text, "x").title == ""  # no string names the file: the text decides


# -- 5. headings ------------------------------------------------------------------------------

PROSE = "数字基础设施建设取得显著成效，网络规模全球领先，数字经济持续快速发展，成为增长引擎。"


def printed(*lines: str) -> list[str]:
    """Lines as pdftotext prints a report: headings and each paragraph's first line
    indented by two spaces, prose hard-wrapped at 27 characters."""
    out: list[str] = []
    for line in lines:
        if line != PROSE:
            out.append("  " + line)
            continue
        text = PROSE * 2
        wrapped = [text[i : i + 27] for i in range(0, len(text), 27)]
        out += ["  " + wrapped[0], *wrapped[1:]]
    return out


REPORT = "\n".join(printed(
    "数字发展报告", "摘 要",
    "一、总体成效", PROSE, "二、发展趋势", PROSE,
    "第一篇",
    "一、总体成效", PROSE, "二、形势与展望", PROSE,
    "（一）加强数字技术自主创新，实现高水平自立自强", PROSE,
    "（二）夯实数字基础设施根基，打通信息“大动脉”", PROSE,
    "附件", "网民感知情况分析", PROSE,
    "一、互联网应用广泛融入群众生活", PROSE,
    "二、网络基础设施覆盖提升群众体验", PROSE,
))


def test_numbered_runs_under_a_summary_and_an_annex_are_their_children() -> None:
    level = {(k, t): lv for k, (lv, t) in enumerate(headings(parse(REPORT)))}
    by_text: dict[str, list[int]] = {}
    for (_, text), lv in level.items():
        by_text.setdefault(text, []).append(lv)
    summary = by_text["摘 要"][0]
    assert by_text["一、总体成效"][0] == summary + 1  # the summary's own 一、
    assert by_text["第一篇"] == [summary]  # the body starts beside the summary
    assert by_text["一、总体成效"][1] == summary + 1  # under 第一篇
    # （一）… with a comma, on its own line before prose: subsections, not list items
    outlook = by_text["二、形势与展望"][0]
    assert by_text["（一）加强数字技术自主创新，实现高水平自立自强"] == [outlook + 1]
    annex_title = by_text["网民感知情况分析"][0]
    assert annex_title == by_text["附件"][0] + 1
    assert by_text["一、互联网应用广泛融入群众生活"] == [annex_title + 1]


def test_a_heading_line_closing_a_markdown_paragraph_and_stray_backticks() -> None:
    source = parse_markdown(
        "我個人較關心隱私權，首先回顧第一次審查結論性建議的段落\nRight to Privacy (Art. 17)\n\n"
        "`69. Para. 164 of the report refers to a highly restrictive policy.\n\n"
        "第二次審查問題清單的相關提問如下：\nARTICLE 17\n\n"
        "`49. In the previous Concluding Observations, the Experts recommended steps.\n\n"
        "This line wraps here\nand goes on as prose, no heading.\n"
    )
    doc = parse_source(source, "blog", Path("blog.md"))
    assert [t for _, t in headings(doc)] == ["Right to Privacy (Art. 17)", "ARTICLE 17"]
    assert "`" not in readable_text(doc)
    assert one(doc, "69. Para").label == "69"
    assert one(doc, "This line wraps here and goes on").kind == "paragraph"


# -- 6. junk ----------------------------------------------------------------------------------

def test_trailing_promotion_and_byline_are_hidden_but_a_signature_stays() -> None:
    page = "\n\n".join([
        "国家网信办等四部门发布算法推荐管理规定，自 2022 年 3 月 1 日起施行。",
        "算法推荐服务提供者应当坚持主流价值导向，积极传播正能量。",
        "<!-- 文末二维码 start -->",
        "海量资讯、精准解读，尽在新浪财经APP",
        "责任编辑：王翔",
    ])
    doc = parse_source(parse_markdown(page), "news", Path("news.md"))
    assert one(doc, "海量资讯").kind == one(doc, "责任编辑").kind == "boilerplate"
    letter = parse("\n\n".join([
        "致秘书长的信", "谨随函转递会议的成果文件，请将本信作为大会文件分发。",
        "常驻代表", "达柳斯·采库奥利斯(签名)", "2010 年 10 月 21 日",
    ]))
    assert all(p.readable for p in letter.paragraphs)


def test_a_source_link_fence_is_metadata_and_placeholders_yield_to_captions() -> None:
    source = parse_markdown(
        "---\ntitle: 历史\n---\n```txt\n源自：\nhttps://www.itu.int/a.aspx\n"
        "https://www.itu.int/b.aspx\n```\n\n### 发展\n\n正文第一段。\n\n![Coop][Coop]\n\n"
        "图片：早期技术合作\n\n![Logo][Logo]\n\n正文第二段。\n\n"
        "[Coop]: https://x.org/c.jpg\n[Logo]: https://x.org/l.jpg\n"
    )
    assert source.metadata.url == "https://www.itu.int/a.aspx"
    doc = parse_source(source, "h", Path("h.md"))
    text = readable_text(doc)
    assert "源自" not in text and "itu.int" not in text
    assert "[image: Coop]" not in text and "图片：早期技术合作" in text
    # no caption follows, but the alt text is only the reference's name: it describes nothing
    assert "[image: Logo]" not in text


# -- 7. and 8. citations: who issued it, when, which page --------------------------------

def test_cover_issuers_and_date_fill_the_metadata() -> None:
    sentences = ["数据作为一种新兴生产要素，已成为经济社会发展的核心驱动力，与此同时日益严峻。"] * 6
    title = "数据安全风险分析及应对策略研究（2022 年）"
    issuer = ["中国信息通信研究院云计算与大数据研究所", "奇安信科技集团股份有限公司",
              "2022 年 1 月"]
    cover = ["数据安全风险分析及应对策略", "研究（2022 年）", "", *issuer, ""]
    lines = [SourceLine(x) for x in [*cover, *sentences]]
    doc = parse_source(Source(lines=lines, title=title), "r", Path("r.pdf"))
    assert doc.metadata.organization == (
        "中国信息通信研究院云计算与大数据研究所; 奇安信科技集团股份有限公司"
    )
    assert doc.metadata.date == "2022-01"
    declared = parse_source(
        Source(lines=lines, title=title, metadata=Metadata(date="2022-01-19")), "r",
        Path("r.pdf"),
    )
    assert declared.metadata.date == "2022-01-19"  # the format's own metadata wins
    dated = parse("\n\n".join(["数字中国发展报告（2021 年）", "2022 年 7 月", "摘要", *sentences]))
    assert (dated.metadata.date, dated.metadata.organization) == ("2022-07", "")


def test_page_labels_are_never_ambiguous() -> None:
    # a cover and four front-matter pages unnumbered, the body printed 1-24 from page 6
    report = Metadata(page_labels=tuple((p, str(p - 5)) for p in range(6, 30)))
    assert [report.page_label(p) for p in (1, 4, 6, 9, 29)] == ["i", "iv", "1", "4", "24"]
    # three printed runs: a summary 1-6, contents 1-4, the body 1-62
    runs = tuple((p, str(p - 1)) for p in range(2, 8)) + tuple(
        (p, str(p - 7)) for p in range(8, 12)) + tuple((p, str(p - 11)) for p in range(12, 74))
    pdf = Metadata(page_labels=runs)
    labels = [pdf.page_label(p) for p in range(1, 74)]
    assert len(set(labels)) == len(labels)
    assert labels[:3] == ["i", "ii", "iii"] and pdf.page_label(12) == "1"
    # an annex counting from 1 again after the body is cited by its place in the file
    annex = Metadata(page_labels=(*((p, str(p - 1)) for p in range(2, 12)), (12, "1")))
    assert annex.page_label(12) == "PDF p. 12"
    doc = Document("d", "t", Path("d.pdf"), (
        Paragraph(1, "paragraph", (), None, "zh", "正文。", page=12),
    ), annex)
    assert page_locator(doc, doc.paragraphs[0]) == "PDF p. 12"


# -- 10. the CLI names every format; the report runs ---------------------------------------

def test_help_lists_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["outline", "--help"], ["cat", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = " ".join(capsys.readouterr().out.split())
        assert all(suffix in out.split(" ") or f"{suffix})" in out or f"{suffix};" in out
                   for suffix in SUFFIXES), (argv, out)


def test_corpus_report_runs_from_the_checkout() -> None:
    script = REPO / "scripts" / "corpus_report.py"
    out = subprocess.run(
        [sys.executable, str(script), str(SEEDS / "000_3f5ce4a327935987.txt")],
        capture_output=True, text=True, check=True,
    ).stdout
    assert out.startswith("document") and "title: " in out


# -- the real documents -------------------------------------------------------------------

needs_devdocs = pytest.mark.skipif(not DEVDOCS.is_dir(), reason="../shared/devdocs is not here")


@pytest.fixture(scope="module")
def devdocs() -> dict[str, Document]:
    return {doc.id[:2]: doc for doc in load_corpus([DEVDOCS]).documents}


@needs_devdocs
def test_gdpr_article_jumps_and_headings(devdocs: dict[str, Document]) -> None:
    doc = devdocs["02"]
    for number in (5, 6, 37, 89):
        article = next(p for p in doc.paragraphs if p.text.startswith(f"第 {number} 条"))
        assert article.kind == "heading", number
        for query in (f"第{number}条", f"#{number}", f"第 {number} 条"):
            assert jump(doc, query) == article.n, query
    assert jump(doc, "第六条") == jump(doc, "#6")
    names = [t for _, t in headings(doc)]
    assert any(t.startswith("第 89 条") and t.endswith("克减") for t in names)
    # no paragraph starts with the rest of a cut cross-reference ("（2）条…")
    assert not any(p.text.startswith(("（1）条", "（2）条", "（3）条", "（5）段"))
                   for p in doc.paragraphs)
    # the chapter list at the top is hidden: each chapter title shows once
    assert [p.text for p in doc.paragraphs if p.readable].count("第二章 原则") == 1


@needs_devdocs
def test_contents_pages_are_hidden_in_the_devdocs(devdocs: dict[str, Document]) -> None:
    for key, first_body in (("01", "一、数字化时代数据安全发展现状"), ("03", "第一篇")):
        doc = devdocs[key]
        text = readable_text(doc)
        assert "......" not in text, key
        assert [t for _, t in headings(doc)].count(first_body) == 1, key
    for key in ("04", "05"):
        readable = [p.text for p in devdocs[key].paragraphs if p.readable]
        assert "目录" not in readable
        assert len(readable) == len(set(readable)) or readable.count(readable[2]) == 1


@needs_devdocs
def test_pdftotext_report_reads_cleanly(devdocs: dict[str, Document]) -> None:
    doc = devdocs["03"]
    assert "升到 57.6%，城乡地区互联网普及率差异缩小" in readable_text(doc)
    assert "总量占全球 60%以上" in readable_text(doc) and "网 民 对" not in readable_text(doc)
    assert not any(p.readable and p.text in ("力", "况", "*") for p in doc.paragraphs)
    level = {t: lv for lv, t in headings(doc)}
    assert level["（十）加强数字领域国际合作交流，携手构建网络空间命运共同体"] == (
        level["十四、2022 年数字中国建设形势与展望"] + 1
    )
    summary = [lv for lv, t in headings(doc) if t.startswith("一、党的十九大以来")]
    assert summary[0] == level["摘 要"] + 1 and level["第一篇"] == level["摘 要"]
    annex = level["2021 年数字中国发展网民感知情况分析"]
    assert level["一、互联网应用广泛融入群众生活"] == annex + 1
    assert doc.metadata.date == "2022-07"
    labels = [doc.metadata.page_label(p) for p in range(1, 74)]
    assert len(set(labels)) == 73


@needs_devdocs
def test_real_text_is_never_hidden_and_junk_is(devdocs: dict[str, Document]) -> None:
    manifesto = devdocs["09"]
    assert manifesto.title == "Mozilla 宣言 / The Mozilla Manifesto"
    assert one(manifesto, "use the Mozilla assets").kind == "paragraph"
    assert one(manifesto, "利用 Mozilla 的资产").kind == "paragraph"
    for ui in ("Previous principle", "See more…", "Learn more", "Tweet this", "Love the web?",
               "I support the vision", "Use Open Badges to share"):
        assert all(p.kind == "boilerplate" for p in manifesto.paragraphs if p.text.startswith(ui))
    news = readable_text(devdocs["07"])
    assert "海量资讯" not in news and "责任编辑" not in news
    itu = devdocs["11"]
    assert "源自" not in readable_text(itu) and itu.metadata.url.startswith("https://www.itu.int/")
    assert "[image: Cooperation]" not in readable_text(itu)
    blog = devdocs["10"]
    english = [t for _, t in headings(blog) if t.isascii()]
    assert english[:2] == ["Right to Privacy (Art. 17)", "ARTICLE 17"]
    assert "`" not in readable_text(blog)


@needs_devdocs
def test_citations_name_the_issuers_and_front_matter_pages(devdocs: dict[str, Document]) -> None:
    doc = devdocs["01"]
    assert doc.metadata.organization == (
        "中国信息通信研究院云计算与大数据研究所; 奇安信科技集团股份有限公司"
    )
    preface = one(doc, "数据作为一种新兴生产要素")
    assert page_locator(doc, preface) == f"第{doc.metadata.page_label(preface.page or 0)}页"
    assert doc.metadata.page_label(4) == "iv" and doc.metadata.page_label(9) == "4"


def test_comments_in_a_markdown_page_keep_their_place(tmp_path: Path) -> None:
    """A comment after the text of an HTML block is numbered after it: the first paragraph a
    reader sees is the text's, and positions follow the file."""
    page = tmp_path / "page.md"
    page.write_text(
        "<div>\n<p>　　第一段正文，讲述网络治理。</p>\n<p>　　第二段正文。</p>\n"
        "<!-- 广告位 start -->\n<p>责任编辑：某某</p>\n<!-- 广告位 end -->\n</div>\n",
        encoding="utf-8",
    )
    doc = load_corpus([page]).documents[0]
    assert [(p.kind, p.text) for p in doc.paragraphs] == [
        ("paragraph", "第一段正文，讲述网络治理。"),
        ("paragraph", "第二段正文。"),
        ("boilerplate", "广告位 start"),
        ("boilerplate", "责任编辑：某某"),
        ("boilerplate", "广告位 end"),
    ]
    # a comment inside a table or a paragraph leaves it whole
    inside = tmp_path / "inside.md"
    inside.write_text(
        "<table><tr><td>甲方</td><!-- x --><td>乙方</td></tr></table>\n\n"
        "<p>一句话<!-- y -->说完。</p>\n", encoding="utf-8",
    )
    texts = [p.text for p in load_corpus([inside]).documents[0].paragraphs if p.readable]
    assert texts == ["甲方 | 乙方", "一句话说完。"]


def test_a_line_break_tag_between_chinese_characters_adds_no_space(tmp_path: Path) -> None:
    """`<br>` joins as a wrapped line does: nothing between two wide characters, a space
    elsewhere (a .lang string, an inline tag in Markdown, a Markdown hard break)."""
    text = "\n".join([";Pledge to defend<br>a healthy Internet", "宣誓捍卫<br>一个健康的互联网"])
    lang = parse_source(lang_source(text, "pledge"), "pledge", Path("pledge.lang"))
    assert {p.text for p in lang.paragraphs} >= {
        "Pledge to defend a healthy Internet", "宣誓捍卫一个健康的互联网"
    }
    page = tmp_path / "page.md"
    page.write_text("第一行<br>第二行，English<br/>words\n\n中文在此处  \n换行继续，网络治理。\n",
                    encoding="utf-8")
    texts = [p.text for p in load_corpus([page]).documents[0].paragraphs]
    assert texts == ["第一行第二行，English words", "中文在此处换行继续，网络治理。"]


def test_an_image_with_no_description_is_hidden(tmp_path: Path) -> None:
    """A picture's placeholder is shown only where its alt text describes it: a bare label
    ("Connect", the reference's name) or no alt text tells a reader nothing."""
    page = tmp_path / "page.md"
    page.write_text(
        "网络治理的历史很长，各方都参与其中。\n\n![Connect][Connect]\n\n"
        "![](https://example.org/a.png)\n\n![会场全景：代表们在讨论](https://example.org/b.jpg)\n\n"
        "后来的发展更加迅速，影响深远。\n\n[Connect]: https://example.org/connect-logo.jpg\n",
        encoding="utf-8",
    )
    doc = load_corpus([page]).documents[0]
    shown = [p.text for p in doc.paragraphs if p.readable]
    assert shown == ["网络治理的历史很长，各方都参与其中。", "[图片：会场全景：代表们在讨论]",
                     "后来的发展更加迅速，影响深远。"]
    hidden = {p.text for p in doc.paragraphs if not p.readable}
    assert {"[image: Connect]", "[image]"} <= hidden, "hidden, not lost"


def test_a_heading_after_a_cited_link_line_is_a_heading(tmp_path: Path) -> None:
    """A line that is one link (a document symbol cited on its own line) ends there: the
    short line after it, in sentence case, heads the quoted text; a link inside a wrapped
    English sentence joins it as before."""
    page = tmp_path / "blog.md"
    page.write_text(
        "前文说明了审查的背景，以及各方的意见。\n\n"
        "最後，找出了2014年3月對美國公政公約報告審查後所作出的結論建議部份摘錄：\n"
        "[CCPR/C/USA/CO/4](http://x.org/a)\nNational Security Agency surveillance\n\n"
        "The Committee is concerned about the surveillance of communications in the "
        "interest of protecting national security.\n\n"
        "See the report\n[Global Digital Compact](http://x.org/g)\nand its annex\n",
        encoding="utf-8",
    )
    doc = load_corpus([page]).documents[0]
    assert one(doc, "National Security Agency").text == "National Security Agency surveillance"
    assert one(doc, "CCPR/C/USA/CO/4").text.endswith("摘錄：") or one(
        doc, "CCPR/C/USA/CO/4").text == "CCPR/C/USA/CO/4"
    assert one(doc, "See the report").text == "See the report Global Digital Compact and its annex"
