"""Unit cases for the parser's shapes, plus the never-raise / lose-nothing property."""

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from igtui.corpus.parsing.pipeline import parse_document


def parse(text: str):
    return parse_document(text, "doc", Path("doc.txt"))


def only(doc, needle: str):
    found = [p for p in doc.paragraphs if needle in p.text]
    assert len(found) == 1, [p.text for p in found]
    return found[0]


BODY = "我们重申互联网治理应当是多边、透明和民主的，并有各方的充分参与。"


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("1. 引言", "1"),
        ("3a) 基础设施和关键互联网资源的管理", "3a"),
        ("一. 开幕式", "一"),
        ("二、网络文化繁荣发展,交流互鉴不断深化", "二"),
        ("A. 管理关键的因特网资源", "A"),
        ("第三章：互联网治理", "三"),
        ("IV. Cybersecurity has emerged as a major challenge and the world responds.", "IV"),
        ("序 言", None),
        ("Preface", None),
        ("附录", None),
        ("# Markdown heading", "#"),
    ],
)
def test_heading_shapes(line: str, label: str | None) -> None:
    doc = parse(f"{line}\n\n{BODY}\n")
    heading = only(doc, line)
    assert heading.kind == "heading"
    assert heading.label == label
    assert only(doc, BODY).section == (line.lstrip("#").strip(),)


@pytest.mark.parametrize(
    "line",
    [
        "39. 我们重申2003年12月信息社会世界高峰会议日内瓦阶段会议阐述的原则，即互联网已发展。",
        "55. 我们努力确保IP地址资源的公平分配。",
        "52. 提出以下问题：",
        "1. Developing countries will maintain an impressive momentum. While dividends grow.",
    ],
)
def test_numbered_body_paragraphs_are_not_headings(line: str) -> None:
    doc = parse(f"1. 引言\n\n{line}\n")
    para = only(doc, line)
    assert para.kind == "paragraph"
    assert para.label == line.split(".")[0]
    assert para.section == ("1. 引言",)


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("a) 透明度、开放性和参与性。", "a"),
        ("- b) 在技术和经济领域，私营部门应继续发挥重要作用；", "b"),
        (" - d) 鼓励国际电联继续研究；", "d"),
        ("(a) 需要从可持续发展角度来理解；", "a"),
        ("●互联网基础设施建设成就显著。", None),
        ("• 与专业媒体保持联系与合作。", None),
        ("1、发展中国家将继续保持令人瞩目的势头。", "1"),
        ("- 可能举办的论坛", None),
        ("- [g) 鼓励相关各方开展商业谈判。]", "g"),
    ],
)
def test_list_items(line: str, label: str | None) -> None:
    doc = parse(f"{BODY}\n\n{line}\n")
    item = only(doc, line.strip())
    assert item.kind == "list_item"
    assert item.label == label


def test_stacked_short_numbered_lines_are_a_list_not_headings() -> None:
    doc = parse(f"{BODY}\n\n1. 第一项\n2. 第二项\n")
    items = [(p.kind, p.label) for p in doc.paragraphs[1:]]
    assert items == [("list_item", "1"), ("list_item", "2")]


def test_markdown_headings_give_title_levels_and_sections() -> None:
    doc = parse(f"# 网络治理笔记\n\n{BODY}\n\n## 背景\n\n### Details\n\nMore text here.\n")
    assert doc.title == "网络治理笔记"
    assert [(p.level, p.text) for p in doc.paragraphs if p.kind == "heading"] == [
        (1, "# 网络治理笔记"),
        (2, "## 背景"),
        (3, "### Details"),
    ]
    assert only(doc, "More text").section == ("网络治理笔记", "背景", "Details")


def test_bracketed_draft_keeps_its_label() -> None:
    doc = parse(f"1. 引言\n\n[61. {BODY}\n\n[我们进一步强调国际合作。]\n")
    assert only(doc, "[61.").label == "61"
    assert only(doc, "[61.").kind == "paragraph"
    assert only(doc, "[我们进一步").label is None


def test_numbering_restarts_in_an_appendix() -> None:
    text = f"一. 开幕式\n\n1. {BODY}\n\n2. {BODY}甲\n\n附录\n\n1. {BODY}乙\n"
    doc = parse(text)
    labels = [p.label for p in doc.paragraphs if p.kind == "paragraph"]
    assert labels == ["1", "2", "1"]
    assert only(doc, "乙").section == ("附录",)


def test_hard_wraps_join_without_space_between_cjk_and_with_space_between_words() -> None:
    wrap = "这是一个很长的句子" * 5
    doc = parse(f"{wrap}被\n\n打断了。\n\n{'word ' * 20}broken\nacross lines.\n")
    assert only(doc, "被打断了。").kind == "paragraph"
    assert only(doc, "broken across lines.").kind == "paragraph"
    assert len(doc.paragraphs) == 2


def test_space_only_line_is_a_break_but_blank_line_mid_sentence_is_not() -> None:
    line = "互联网治理多利益相关方模型可保护所有相关组织、政府、公民社会、企业及互联网用户的利益"
    doc = parse(f"{line}\n\n在思考如何管理时。\n \n{line}\n\n \n\n新段落开始了。\n")
    assert only(doc, "利益在思考").kind == "paragraph"
    assert only(doc, "新段落开始了").text == "新段落开始了。"


def test_page_break_footnote_is_set_apart_and_body_rejoined() -> None:
    body = "立陶宛共和国总统告诉会议，因特网的发展对世界范围内的进步和所有利益攸关方的利益是至关重"
    text = f"8. {body}\n\n^a 主席摘要的扩展版本可查阅论坛网站。\n\n要的。然而，她也提出了警告。\n"
    doc = parse(text)
    assert only(doc, "至关重要的。然而").label == "8"
    note = only(doc, "主席摘要的扩展版本")
    assert note.kind == "footnote" and note.label == "a"
    assert [p.kind for p in doc.paragraphs] == ["paragraph", "footnote"]


def test_numbered_footnotes_and_url_blocks_after_a_space_line() -> None:
    body = "一些联合国成员国坚持认为有必要就互联网治理方面的内容进行修订，称治理应走“多利益相关"
    text = (
        f"{body}\n\n \n1 https://example.org/a\n2 WGIG 报告的发布是重要贡献之一。\n\n"
        "https://example.org/b\nhttps://example.org/c\n 方”的道路。相关提案未能获得支持。\n"
    )
    doc = parse(text)
    assert only(doc, "多利益相关方”的道路").kind == "paragraph"
    assert only(doc, "1 https").label == "1"
    assert only(doc, "2 WGIG").kind == "footnote"
    links = only(doc, "example.org/b")
    assert links.kind == "footnote" and "example.org/c" in links.text


def test_year_at_line_start_is_not_a_footnote() -> None:
    doc = parse(f"{BODY}\n \n2025 年，联合国大会将全面审议成果。\n")
    assert only(doc, "2025 年").kind == "paragraph"


@pytest.mark.parametrize(
    "line",
    [
        "设为首页 加入收藏 联系我们",
        "关于联盟 联盟工作 联盟成员 WAPI产业链 WAPI专题 行业资讯",
        "【发布时间:2016-11-22】 【来源:互联网】",
        "电话:010-82351181 传真:010-82351181 邮箱:a@b.org",
        "地址:北京市海淀区知春路27号 邮编 :100191",
    ],
)
def test_web_junk_is_boilerplate(line: str) -> None:
    doc = parse(f"{line}\n\n{BODY}\n")
    assert only(doc, line.split()[0]).kind == "boilerplate"
    assert only(doc, BODY).kind == "paragraph"


def test_lost_commas_are_kept_as_spaces() -> None:
    line = "当今时代 互联网发展日新月异 极大拓展了人类生产生活空间 网络空间已成为人类共同的新家园。"
    assert only(parse(f"{line}\n"), "当今时代").text == line


def test_chinese_line_followed_by_its_english_is_split_and_paired() -> None:
    text = "序言\n互联网发展日新月异。We welcome all parties to join hands for the future.\n"
    doc = parse(text)
    zh, en = only(doc, "日新月异"), only(doc, "We welcome")
    assert (zh.lang, en.lang) == ("zh", "en")
    assert (zh.pair, en.pair) == (en.n, zh.n)


def test_chinese_half_then_english_half_pairs_by_structure() -> None:
    zh = "中文版\n\n序言\n\n第一段中文内容。\n\n一、第一部分\n\n●要点一。\n\n●要点二。\n"
    en = "English Version\n\nPreface\n\nFirst paragraph in English.\n\nI. Part one\n\n"
    en += "●Point one.\n\n●Point two.\n"
    doc = parse(zh + "\n" + en)
    for a, b in [("要点二", "Point two"), ("一、第一部分", "I. Part one"), ("序言", "Preface")]:
        assert only(doc, a).pair == only(doc, b).n
        assert only(doc, b).pair == only(doc, a).n


def test_title_comes_from_the_text() -> None:
    doc = parse(f"发文单位\n\n第三章：互联网治理 主席文件\n\n1. 引言\n\n{BODY}\n")
    assert doc.title == "第三章：互联网治理 主席文件"
    assert parse(f"《某某报告》(中英文版)\n\n{BODY}\n").title == "某某报告"


def non_space(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


_ALPHABET = st.sampled_from(
    [
        *"一二三十中文互联网治理。，、；：？（）《》“”[]()-●•·.:,;!?^¹²aAbIVX0123456789 \t\n\n\n",
        *("\u3000", "\xa0", "\r", "https://x.org/a", "第三章", "设为首页", "(签名)", "\x00"),
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=120).map("".join) | st.text(max_size=200))
def test_parsing_never_raises_and_keeps_every_visible_character(text: str) -> None:
    doc = parse(text)
    # `**bold**` markers are markup, the only characters the parser may take out
    kept = non_space("".join(p.text for p in doc.paragraphs))
    source = non_space(text)
    assert kept - Counter("*" * kept["*"]) == source - Counter("*" * source["*"])
    assert kept["*"] <= source["*"]
    assert [p.n for p in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))
    for p in doc.paragraphs:
        assert p.pair is None or doc.paragraph(p.pair).pair == p.n
