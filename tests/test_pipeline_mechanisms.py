"""One small synthetic document per mechanism of the parsing pipeline (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from igtui.corpus.loading import load_corpus
from igtui.corpus.parsing.pipeline import parse_source
from igtui.corpus.parsing.source import Source, SourceLine
from igtui.corpus.readers.markdown import parse_markdown
from igtui.corpus.readers.text import lang_source
from igtui.reading.pane_layout import layout_document
from igtui.search.jump import parse_jump, resolve_jump
from support import only_paragraph as one
from support import parse_text as parse
from support import readable_text

# Hard-wrapped Chinese prose at 20 characters a line, as PDF text extraction leaves it.
SENTENCES = [
    "数字中国建设取得显著成就，网络基础设施规模全球领先，数据资源价值加快释放。",
    "各地区各部门扎实推进数字基础设施、数字技术、数字经济、数字政府和数字社会建设。",
    "数字技术创新能力快速提升，关键核心技术取得突破，创新生态持续优化完善。",
    "数字经济发展规模全球领先，总量稳居世界第二，成为推动经济增长的主要引擎之一。",
]


def wrap(text: str, size: int = 20) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def paged(pages: list[list[str]]) -> str:
    return "\f".join("\n".join(page) for page in pages)


def test_page_numbers_and_running_headers_are_furniture_and_paragraphs_rejoin() -> None:
    body = wrap("".join(SENTENCES * 3))
    pages = []
    for k in range(4):
        lines = body[k * 6 : (k + 1) * 6]
        header = "数字中国发展报告（2021 年）"
        pages.append([header, "", "  " + lines[0], *lines[1:], "", f"— {k + 1} —"])
    doc = parse(paged(pages))
    furniture = [p for p in doc.paragraphs if p.kind == "boilerplate"]
    assert {p.text for p in furniture} >= {"— 1 —", "— 4 —", "数字中国发展报告（2021 年）"}
    assert not any(p.kind == "heading" and "—" in p.text for p in doc.paragraphs)
    text = readable_text(doc)
    assert "— 2 —" not in text and "报告（2021 年）" not in text.replace(doc.title, "")
    # the page breaks fall mid-sentence: the halves are one paragraph, no gap at the seam
    seam = body[5][-3:] + body[6][:3]
    assert seam in text
    assert next(p.page for p in doc.paragraphs if p.kind == "paragraph") == 1


def test_page_numbers_in_other_shapes_and_alternating_headers() -> None:
    shapes = ["第{}页", "- {} -", "{}/6", "Page {} of 6", "{}", "— {} —"]
    pages = []
    for k in range(6):
        header = "网络安全法律研究" if k % 2 == 0 else "第二章 数据出境"
        sentence = SENTENCES[k % 4] + "第" + "一二三四五六"[k] + "页的内容。"
        pages.append([header, "", f"  {sentence}", "", shapes[k].format(k + 1)])
    doc = parse(paged(pages))
    kinds = {p.text: p.kind for p in doc.paragraphs}
    assert kinds["网络安全法律研究"] == kinds["第二章 数据出境"] == "boilerplate"
    for k, shape in enumerate(shapes):
        assert kinds[shape.format(k + 1)] == "boilerplate", shape
    assert [p.page for p in doc.paragraphs if p.kind == "paragraph"] == [1, 2, 3, 4, 5, 6]


def test_footnote_between_the_halves_of_a_paragraph() -> None:
    body = wrap("".join(SENTENCES))
    page1 = ["  " + body[0], *body[1:3], "", "1", "    包含港澳台地区", "", "1"]
    page2 = body[3:]
    doc = parse(paged([page1, [*page2, "", "2"]]))
    note = one(doc, "包含港澳台地区")
    assert (note.kind, note.label) == ("footnote", "1")
    para = one(doc, SENTENCES[0][:10])
    assert body[2][-2:] + body[3][:2] in para.text  # rejoined, no space at the CJK seam
    assert para.text.endswith(SENTENCES[-1])


def test_indentation_only_paragraph_starts() -> None:
    lines: list[str] = []
    for sentence in SENTENCES * 2:
        wrapped = wrap(sentence + sentence[:15])
        lines += ["  " + wrapped[0], *wrapped[1:]]
    doc = parse("\n".join(lines))
    paragraphs = [p for p in doc.paragraphs if p.kind == "paragraph"]
    assert len(paragraphs) == 8
    assert all(p.text.startswith(s[:10]) for p, s in zip(paragraphs, SENTENCES * 2, strict=True))


def test_full_line_ending_a_sentence_does_not_end_the_paragraph() -> None:
    # indented paragraphs, hard-wrapped at 20; the first one's 2nd line ends on 。 at the margin
    first = SENTENCES[1][:39] + "。" + SENTENCES[2]
    paragraphs = [first, *(s + s[:12] for s in SENTENCES)]
    lines: list[str] = []
    for text in paragraphs:
        wrapped = wrap(text)
        lines += ["  " + wrapped[0], *wrapped[1:]]
    assert wrap(first)[1].endswith("。")
    doc = parse("\n".join(lines))
    assert [p.text[:6] for p in doc.paragraphs] == [t[:6] for t in paragraphs]


def test_blank_line_after_every_line_is_not_a_paragraph_break() -> None:
    body = wrap("".join(SENTENCES * 2), 22)
    doc = parse("\n\n".join(body))
    assert [p.kind for p in doc.paragraphs] == ["paragraph"]


def test_split_printed_row_is_one_line_again() -> None:
    lines: list[str] = []
    for sentence in SENTENCES * 2:
        wrapped = wrap(sentence * 2)
        lines += ["  " + wrapped[0], *wrapped[1:]]
    # pdftotext -layout printed one row as two lines: "…万亿元。" and, far right, "公共…，"
    lines[3:3] = ["元增长至1.3万亿元。", "              公共数据开放取得积，"]
    # and one row printed in three pieces, the middle one shaped like a heading
    inside = next(k for k in range(10, len(lines)) if not lines[k + 1].startswith(" "))
    pieces = ["服务管理规定》", "      《算法推荐管理规定》", "              《网"]
    lines[inside + 1 : inside + 1] = pieces
    doc = parse("\n".join(lines))
    assert "元增长至1.3万亿元。公共数据开放取得积，" in one(doc, "公共数据开放").text
    row = lines[inside].strip() + "".join(piece.strip() for piece in pieces)
    assert row in one(doc, "《算法").text
    assert not any(p.kind == "heading" for p in doc.paragraphs)


MARKDOWN = """
---
title: "算法推荐管理规定解读"
author: [张三, 李四]
date: 2022-01-04
---

# 文件标题不作为题名

:::note
提示框
:::

正文有**重点**、*强调*和`code`，还有[一个链接](https://example.org)。

![结构图](img.png)

<!-- 注释不显示 -->

> 引用的一段话。

- 第一项
- 第二项

| 列一 | 列二 |
| --- | --- |
| 甲 | 乙 |

[ref]: https://example.org/ref
"""


def test_markdown_note_with_front_matter() -> None:
    source = parse_markdown(MARKDOWN)
    assert source.title == "算法推荐管理规定解读"
    assert source.metadata.author == "张三; 李四" and source.metadata.date == "2022-01-04"
    doc = parse_source(source, "note", Path("note.md"))
    assert doc.title == "算法推荐管理规定解读"
    shown = readable_text(doc)
    for hidden in ("title:", "注释不显示", ":::", "提示框" if False else ":::", "example.org/ref"):
        assert hidden not in shown
    para = one(doc, "正文有重点")
    assert "**" not in para.text and "https" not in para.text and "一个链接" in para.text
    assert (3, 5, "strong") in para.styles and (6, 8, "em") in para.styles
    assert one(doc, "[图片：结构图]").kind == "paragraph"
    assert [p.kind for p in doc.paragraphs if "项" in p.text] == ["list_item", "list_item"]
    assert "列一 | 列二" in shown and "甲 | 乙" in shown
    assert one(doc, "引用的一段话").kind == "paragraph"
    assert {p.text for p in doc.paragraphs if p.kind == "boilerplate"} >= {"注释不显示"}


def test_toml_front_matter_after_blank_lines() -> None:
    source = parse_markdown(
        '\n\n+++\ntitle = "兩公約審查"\ndate = "2016-11-01 09:14:00+00:00"\n+++\n正文。\n'
    )
    assert (source.title, source.metadata.date) == ("兩公約審查", "2016-11-01")


LAW = """中华人民共和国示例法

目录

第一章　总　　则

第二章  数据安全

第一节 一般规定

第一章　总　　则

第一条　为了保障数据安全，制定本法。

第二条　本法适用于下列活动：

（一）数据收集；

（二）数据使用。

第二章  数据安全

第一节 一般规定

第三十七条 国家建立数据分类分级保护制度。

本条第二款规定的事项另行制定。
"""


def test_chinese_law_structure_articles_and_jumps() -> None:
    doc = parse(LAW)
    headings = [(p.level, p.text) for p in doc.paragraphs if p.kind == "heading"]
    # (numbered divisions sit beside the title, as everywhere in the tree; spaces squeezed)
    assert headings == [
        (1, "中华人民共和国示例法"),
        (1, "第一章 总 则"),
        (1, "第二章 数据安全"),
        (2, "第一节 一般规定"),
    ]
    article = one(doc, "第三十七条")
    # articles are labelled in a namespace of their own, apart from numbered paragraphs
    assert (article.kind, article.label) == ("paragraph", "第37条")
    assert article.section[-2:] == ("第二章 数据安全", "第一节 一般规定")
    items = [p for p in doc.paragraphs if p.text.startswith("（")]
    assert [(p.kind, p.label) for p in items] == [("list_item", "一"), ("list_item", "二")]
    for query in ("#37", "第37条", "第三十七条", "第 37 条"):
        label = parse_jump(query)
        assert label == ("37" if query == "#37" else "第37条")
        assert resolve_jump(doc, label) == article.n
    # the contents list repeats the chapters: hidden, with its title, and no headings
    first = one(doc, "第一条").n
    toc = [p for p in doc.paragraphs if p.n < first and p.kind == "boilerplate"]
    assert [p.text for p in toc] == ["目录", "第一章 总 则", "第二章 数据安全", "第一节 一般规定"]


def test_english_block_then_its_chinese_block_is_paired() -> None:
    english = [
        "1. The Committee is concerned about the surveillance of communications by agencies.",
        "2. The State party should ensure that any interference with privacy is lawful.",
        "3. The State party should refrain from imposing mandatory retention of data.",
    ]
    chinese = [
        "1. 委员会对有关机构监控通讯的情况表示关切。",
        "2. 缔约国应确保对隐私的任何干涉都是合法的。",
        "3. 缔约国应避免强制第三方保留数据。",
    ]
    doc = parse("\n\n".join(["引言：以下是审查意见摘录。", *english, "中文译稿：", *chinese]))
    for en, zh in zip(english, chinese, strict=True):
        a, b = one(doc, en[:20]), one(doc, zh[:8])
        assert (a.pair, b.pair) == (b.n, a.n)
    assert one(doc, "引言").pair is None and one(doc, "中文译稿").pair is None


def test_one_language_document_has_no_pairs() -> None:
    doc = parse("\n\n".join([*SENTENCES, "[1] 参考文献一。", "[2] Reference two, in English."]))
    assert all(p.pair is None for p in doc.paragraphs)


def test_lang_file_alternating_lines_are_paired_and_comments_hidden() -> None:
    text = (
        "## active ##\n# String is obsolete. Do not remove.\n;Old string\n旧字符串\n\n"
        ";The open internet is a global public resource.\n开放的互联网是全球公共资源。\n\n"
        ";<strong>Our</strong> principles guide our mission.\n"
        "我们的<strong>准则</strong>指引使命。\n"
    )
    doc = parse_source(lang_source(text), "lang", Path("x.lang"))
    en, zh = one(doc, "The open internet"), one(doc, "开放的互联网")
    assert (en.pair, zh.pair) == (zh.n, en.n)
    assert one(doc, "Old string").kind == "boilerplate"
    assert "<strong>" not in readable_text(doc)


def test_copied_web_page_chrome_is_hidden() -> None:
    nav = ["首页", "新闻中心", "政策法规", "办事服务", "互动交流"]
    footer = ["关于我们", "网站地图", "联系我们", "隐私政策", "使用条款"]
    body = ["北京推出数据跨境便利化服务举措", *SENTENCES]
    doc = parse("\n".join([*nav, "", *body, "", *footer, "分享到：微信 微博"]))
    for line in nav + footer:
        assert one(doc, line).kind == "boilerplate", line
    assert one(doc, SENTENCES[0][:10]).kind == "paragraph"
    assert doc.title == "北京推出数据跨境便利化服务举措"


def test_table_of_contents_with_dot_leaders_is_no_section() -> None:
    toc = ["目  录", "一、总体情况 ..................... 1", "（一）基础设施 ............ 2",
           "二、发展趋势 ..................... 5", "三、对策建议 ..................... 9"]
    body = ["一、总体情况", SENTENCES[0], "（一）基础设施", SENTENCES[1], "二、发展趋势",
            SENTENCES[2], "三、对策建议", SENTENCES[3]]
    doc = parse("\n\n".join(["数字经济报告", *toc, *body]))
    headings = [p.text for p in doc.paragraphs if p.kind == "heading"]
    assert headings == [
        "数字经济报告", "一、总体情况", "（一）基础设施", "二、发展趋势", "三、对策建议",
    ]
    # the contents list and its title are hidden (kept as boilerplate), the text starts after
    assert one(doc, "二、发展趋势 ....").kind == "boilerplate"
    assert one(doc, "目 录").kind == "boilerplate"
    assert [p.kind for p in doc.paragraphs[:2]] == ["heading", "boilerplate"]


def test_sidecar_metadata_next_to_a_text_file(tmp_path: Path) -> None:
    doc_path = tmp_path / "report.txt"
    doc_path.write_text("\n\n".join(SENTENCES), encoding="utf-8")
    (tmp_path / "report.txt.toml").write_text(
        'title = "数字中国发展报告"\norganization = "国家互联网信息办公室"\ndate = 2022-07-01\n',
        encoding="utf-8",
    )
    doc = load_corpus([tmp_path]).documents[0]
    assert doc.title == "数字中国发展报告"
    assert (doc.metadata.organization, doc.metadata.date) == ("国家互联网信息办公室", "2022-07-01")


def test_emphasis_is_carried_through_wrapping_into_pane_rows() -> None:
    doc = parse("我们注意到报告。" * 3 + "**我们赞赏**主席和工作组的工作。\n")
    layout = layout_document(doc, 8 + 12)
    styled = "".join(
        line.text[a:b] for line in layout.lines for a, b, style in line.styles if style == "strong"
    )
    assert styled == "我们赞赏"
    assert "*" not in "".join(line.text for line in layout.lines)


def test_unnumbered_headings_in_a_run_are_siblings_and_a_translation_shares_a_level() -> None:
    run = ["网络基础设施", "数据资源体系", "数字技术创新", "数字经济发展", "数字政府建设"]
    text = "\n\n".join([
        "数字治理年度报告", "Annual Report on Digital Governance",
        "引言", "Introduction", SENTENCES[0],
        *run, SENTENCES[1],
        "一、总体情况", "政策环境", SENTENCES[2],
        "附录", "数据来源", SENTENCES[3],
    ])
    doc = parse(text)
    assert doc.title == "数字治理年度报告 / Annual Report on Digital Governance"
    level = {p.text: p.level for p in doc.paragraphs if p.kind == "heading"}
    assert level["Annual Report on Digital Governance"] == level["数字治理年度报告"]
    assert level["Introduction"] == level["引言"]
    assert {level[t] for t in run} == {level["引言"]}  # no staircase
    # a numbered heading or the name of a part holds the unnumbered one right below it
    assert level["政策环境"] == level["一、总体情况"] + 1
    assert level["数据来源"] == level["附录"] + 1
    assert one(doc, SENTENCES[1][:8]).section == (run[-1],)
    assert max(level.values()) <= 2


def test_localization_file_ui_strings_and_link_labels_are_no_headings() -> None:
    text = "\n\n".join([
        "## active ##", "# Page title", ";The Open Web Charter", "开放网络宪章",
        ";These principles guide our mission on the web.", "这些准则指引我们在网络上的使命。",
        ";Previous principle", "上一项准则", ";See more…", "查看更多…",
        ";Principle 1", "准则 1",
        "# String is obsolete. Do not remove.", ";01", "01 {ok}",
        ";The internet is an integral part of modern life.", "互联网是现代生活不可分割的一部分。",
        ";Explore how the web impacts science", "探索网络如何影响科学",
        ";Learn about open source code in journalism", "通过新闻媒体了解开放源代码文化",
        ";Share on Twitter", "分享到 Twitter",
        ";I support the vision of a healthier internet, will you join me?",
        "我支持这一愿景，你愿同我一道吗？",
        ";Love the web?", "也热爱网络吗？",
        ";Get the newsletter and help us keep it open.", "订阅电子报，与我们一同保持网络的开放。",
        ";Tweet this", "转发到推文中",
    ])
    doc = parse_source(lang_source(text), "lang", Path("x.lang"))
    assert doc.title == "开放网络宪章 / The Open Web Charter"
    headings = [p.text for p in doc.paragraphs if p.kind == "heading"]
    assert headings == ["The Open Web Charter", "开放网络宪章", "Principle 1", "准则 1"]
    # buttons and link labels are the page's chrome: hidden (kept), in both languages; so
    # is a sentence between two of them (the tweet's text, the newsletter invitation)
    for ui in ("Previous principle", "See more…", "Explore how the web", "Learn about open",
               "Love the web?", "探索网络如何影响科学", "I support the vision",
               "Get the newsletter"):
        assert one(doc, ui).kind == "boilerplate", ui
    assert one(doc, "These principles guide our mission").kind == "paragraph"
    assert one(doc, "Share on Twitter").kind == one(doc, "分享到 Twitter").kind == "boilerplate"
    assert one(doc, "01 {ok}").kind == "boilerplate"
    principle = one(doc, "Principle 1")
    assert doc.paragraph(principle.pair or 0).text == "准则 1"


def _saved_page(title: str, body: list[str]) -> str:
    nav = ["首页", "新闻中心", "政策法规", "互动交流"]
    footer = ["主办单位：示例市数据局", "网站标识码 1100000000", "关于本站"]
    return "\n\n".join([*nav, title, *body, *footer])


def test_lines_shared_by_the_pages_of_a_folder_are_boilerplate(tmp_path: Path) -> None:
    pages = {
        "a.txt": ("数据出境安全评估用时减半", [SENTENCES[0], "工作要点", SENTENCES[1]]),
        "b.txt": ("公共数据授权运营试点启动", [SENTENCES[2], "工作要点", SENTENCES[3]]),
        "c.txt": ("数字政府建设取得新进展", [SENTENCES[1], "工作要点", SENTENCES[0]]),
    }
    for name, (title, body) in pages.items():
        (tmp_path / name).write_text(_saved_page(title, body), encoding="utf-8")
    # a copy of a page is the same page: it adds no evidence
    (tmp_path / "d.txt").write_text(_saved_page(*pages["a.txt"]), encoding="utf-8")
    (other := tmp_path / "other").mkdir()
    (other / "e.txt").write_text(_saved_page("另一站点的文章", [SENTENCES[3]]), encoding="utf-8")
    corpus = load_corpus([tmp_path, other])
    for doc in corpus.documents:
        kinds = {p.text: p.kind for p in doc.paragraphs}
        if doc.path.parent == other:
            assert kinds["网站标识码 1100000000"] != "boilerplate"  # one page of its folder
            continue
        for chrome in ("首页", "政策法规", "主办单位：示例市数据局", "网站标识码 1100000000"):
            assert kinds[chrome] == "boilerplate", (doc.id, chrome)
        # shared by every page, but alone in the middle of the text: a section, kept
        assert kinds["工作要点"] == "heading"
        assert doc.title == pages[doc.path.name if doc.path.name != "d.txt" else "a.txt"][0]
        assert all("首页" not in p.section for p in doc.paragraphs)


def test_copies_of_one_page_share_nothing(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(_saved_page("同一篇文章", [SENTENCES[0]]), encoding="utf-8")
    for doc in load_corpus([tmp_path]).documents:
        assert one(doc, "网站标识码").kind != "boilerplate"


TABLE = """评价指标如表 1 所示，各项指标的含义与数据来源见附件说明，此处不再一一赘述。
          表 1 数字中国发展评价指标体系
一级指标      二级指标                重点评估要素
       网络基础设施普及水   5G 用户普及情况、5G 基站覆盖情况
            平                带接入用户情况等
数字基础               固定宽带下载速率、移动通信网络平均
       网络基础设施服务能
 设施                率、互联网省际出口带宽
           力
         创新投入        ICT 相关产业 R&D 人员及经费投入情况
数字技术
 创新      创新产出        ICT 相关高新技术企业情况
                             况

注：网民评价暂作为参考指标，不计入综合得分。"""


def test_flattened_table_lines_are_rows_not_headings() -> None:
    before = ["  " + line for line in wrap("".join(SENTENCES[:2]), 27)]
    after = ["  " + line for line in wrap("".join(SENTENCES[2:]), 27)]
    doc = parse("\n".join([*before, *TABLE.split("\n"), *after]))
    # the table is one block, a line per printed line, its cells apart: never shredded
    (table,) = [p for p in doc.paragraphs if " | " in p.text]
    rows = table.text.split("\n")
    assert rows[:2] == [
        "一级指标 | 二级指标 | 重点评估要素",
        "网络基础设施普及水 | 5G 用户普及情况、5G 基站覆盖情况",
    ]
    assert table.kind == "paragraph" and {"力", "况", "数字技术"} <= set(rows)
    assert not any(p.text in ("力", "况", "数字技术") for p in doc.paragraphs)
    assert not any(p.kind == "heading" for p in doc.paragraphs)
    assert one(doc, "注：网民评价").kind == "paragraph"


def test_footnote_number_right_under_the_last_line_of_a_page() -> None:
    body = wrap("".join(SENTENCES))
    page1 = ["  " + body[0], *body[1:3], "2", "    注：港澳台地区未纳入统计", "", "44"]
    page2 = [*body[3:], "", "45"]
    first = ["  " + SENTENCES[3], "", "1 包含港澳台地区", "", "43"]
    doc = parse(paged([first, page1, page2]))
    note = one(doc, "港澳台地区未纳入统计")
    assert (note.kind, note.label) == ("footnote", "2")
    assert one(doc, SENTENCES[0][:10]).text.endswith(SENTENCES[-1])
    # printed page numbers label the pages for citations
    assert dict(doc.metadata.page_labels) == {1: "43", 2: "44", 3: "45"}


def test_bare_item_numbers_and_connectives_inside_a_list_are_no_headings() -> None:
    doc = parse("\n".join([
        "第四条　定义", "(21)“监管机构”指的是独立性公共机构。", "(22)",
        "(a)控制者是在该成员国境内所设立的；", "(b)数据处理具有实质性影响；", "以及",
        "(c)该监管机构已经收到一项申诉。",
    ]))
    assert (one(doc, "(22)").kind, one(doc, "(22)").label) == ("list_item", "22")
    assert one(doc, "以及").kind == "paragraph"
    assert [p.text for p in doc.paragraphs if p.kind == "heading"] == ["第四条 定义"]


def test_numbered_heading_wrapped_over_two_lines_is_one_heading() -> None:
    lines: list[str] = []
    for sentence in SENTENCES:
        wrapped = wrap(sentence * 2, 26)
        lines += ["  " + wrapped[0], *wrapped[1:]]
    heading = "七、数字政府建设有力推进国家治理体系和治理能力现"
    lines[8:8] = ["     " + heading, "代化"]
    doc = parse("\n".join(lines))
    assert one(doc, heading).text == heading + "代化"
    assert one(doc, heading).kind == "heading"


def test_declared_title_is_found_where_the_text_prints_it() -> None:
    title = "数据安全风险分析及应对策略研究（2022 年）"
    issuer = ["中国信息通信研究院云计算与大数据研究所", "奇安信科技集团股份有限公司", "2022年1月"]
    cover = ["数据安全风险分析及应对策略", "研究（2022 年）", "", *issuer, ""]
    source = Source(lines=[SourceLine(x) for x in [*cover, *SENTENCES]], title=title)
    doc = parse_source(source, "r", Path("r.pdf"))
    first = doc.paragraphs[0]
    assert (first.kind, first.text) == ("heading", "数据安全风险分析及应对策略研究（2022 年）")
    assert doc.title == first.text
    # the issuer and the date under the title on a cover: no headings
    assert [p.kind for p in doc.paragraphs[1:4]] == ["paragraph"] * 3


def test_title_over_a_cover_date_stays_the_title() -> None:
    doc = parse("\n\n".join(["数字中国发展报告（2021 年）", "2022 年 7 月", "摘要", *SENTENCES]))
    assert doc.paragraphs[0].kind == "heading" and doc.title == "数字中国发展报告（2021 年）"
    assert doc.paragraphs[1].kind == "paragraph"


def test_a_justified_lines_padding_beside_full_width_punctuation_is_dropped() -> None:
    doc = parse(
        "各地健康码互通互认，发挥了至关重要的作用。 “防疫健康码”与“通信大数据行程卡”全面\n"
        "实行，覆盖人口超过九亿 。 此外，（一） 政务服务持续优化。\n"
    )
    text = one(doc, "防疫健康码").text
    assert "作用。“防疫健康码”" in text
    assert "九亿。此外，（一）政务" in text
    english = parse("我们赞同。 The Forum agreed.\n").paragraphs[0].text
    assert "赞同。 The" in english  # a space before Latin text is the writer's


def test_text_after_a_contents_list_leaves_the_summary_section() -> None:
    summary = ["摘要", "一、总体情况", SENTENCES[0], "二、发展趋势", SENTENCES[1]]
    toc = ["目  录", "第一篇 ..................... 1", "一、总体情况 ..................... 1",
           "二、发展趋势 ..................... 5", "第二篇 ..................... 9"]
    body = [SENTENCES[2], "第一篇", "一、总体情况", SENTENCES[3], "第二篇", "二、发展趋势",
            SENTENCES[3][::-1]]
    doc = parse("\n\n".join(["数字经济报告", *summary, *toc, *body]))
    # the body's unheaded opening belongs to no heading printed before the contents list
    assert one(doc, SENTENCES[2]).section == ()
    assert one(doc, SENTENCES[1]).section == ("摘要", "二、发展趋势")
    assert one(doc, SENTENCES[3]).section == ("第一篇", "一、总体情况")


def test_text_after_a_contents_list_right_under_the_title_stays_under_it() -> None:
    toc = ["目  录", "一、总体情况 ..................... 1", "二、发展趋势 ..................... 5",
           "三、对策建议 ..................... 9"]
    body = [SENTENCES[0], "一、总体情况", SENTENCES[1], "二、发展趋势", SENTENCES[2],
            "三、对策建议", SENTENCES[3]]
    doc = parse("\n\n".join(["数字经济报告", *toc, *body]))
    assert one(doc, SENTENCES[0]).section == ("数字经济报告",)


def _laid_out(sentences: list[str], size: int = 24) -> list[str]:
    """Paragraphs as `pdftotext -layout` prints them: hard-wrapped, first lines indented."""
    lines: list[str] = []
    for sentence in sentences:
        wrapped = wrap(sentence, size)
        lines += ["  " + wrapped[0], *wrapped[1:]]
    return lines


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("图 1 2017-2021 年我国移动通信基站发展情况", "来源：CNNIC"),
        ("Figure 3 Internet users in China, 2017-2021", "Source: ITU"),
    ],
    ids=["zh", "en"],
)
def test_a_caption_and_its_credit_line_are_paragraphs_of_their_own(
    caption: str, credit: str
) -> None:
    # under the figure's blank space, the credit is centred; with the caption it adds up to
    # about a line's width, as the halves of a printed row split in two would
    figure = ["    " + caption, "", "", "", " " * 24 + credit]
    doc = parse("\n".join([*_laid_out(SENTENCES), *figure, *_laid_out(SENTENCES[::-1])]))
    assert one(doc, caption).text == caption
    assert one(doc, credit).text == credit


def test_prose_that_opens_with_a_figure_number_is_not_a_caption() -> None:
    english = parse(
        "Report\n\nTable 2 lists the members of the working group and their affiliations as\n"
        "of the date of this report. The list is long and covers many regions and\n"
        "sectors of the Internet community in every continent of the world today.\n"
    )
    assert "Table 2 lists" in one(english, "sectors of the Internet community").text
    chinese = parse(
        "报告\n\n表 1 列出了本报告所用指标及其数据来源\n与统计口径说明，供读者参考使用。这些指\n"
        "标覆盖网络基础设施、数据资源等多个方面。\n\n图 2 2017-2021 年我国数据产量\n"
        "来源：国家工业信息安全发展研究中心\n数据产量持续增长，年均增速超过百分之三\n"
        "十，数据资源价值加快释放。\n"
    )
    assert one(chinese, "数据资源等多个方面").text.startswith("表 1 列出了")
    # a real caption and its credit still stand alone, and the text after them is its own
    assert one(chinese, "我国数据产量").text == "图 2 2017-2021 年我国数据产量"
    assert one(chinese, "来源：").text == "来源：国家工业信息安全发展研究中心"


def test_a_chapters_list_of_figures_leaves_the_chapter_open() -> None:
    doc = parse(
        "数字中国发展报告\n\n第一章 总体情况\n\n本章介绍总体情况，内容较多需要认真阅读。\n\n"
        "本章所用图表如下：\n\n图 1-1 基站数量 ....... 3\n图 1-2 用户数量 ....... 4\n"
        "图 1-3 流量情况 ....... 5\n\n这是第一章的正文段落，说明各项指标的情况。\n\n"
        "一、网络基础\n\n网络基础设施建设取得明显成效，规模全球领先。\n"
    )
    assert one(doc, "这是第一章的正文段落").section == ("第一章 总体情况",)
    assert one(doc, "规模全球领先").section == ("第一章 总体情况", "一、网络基础")
