"""Each seed against expectations written by reading the files (paragraphs found by text)."""

from collections import Counter

import pytest

from conftest import SEEDS
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Document, Paragraph

UN_WSIS = "000_3f5ce4a327935987"
UN_IGF = "001_7137f4fcfcc9b98e"
ICANN = "002_f9fea4f180dac7ee"
WIC = "003_f77969016e879c89"
WUZHEN = "004_b229d3c86cdf8a71"


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    corpus = load_corpus([SEEDS])
    assert corpus.errors == ()
    return {d.id: d for d in corpus.documents}


def one(doc: Document, needle: str) -> Paragraph:
    found = [p for p in doc.paragraphs if needle in p.text]
    assert len(found) == 1, (needle, [p.text[:40] for p in found])
    return found[0]


def exact(doc: Document, text: str) -> Paragraph:
    found = [p for p in doc.paragraphs if p.text == text]
    assert len(found) == 1, (text, len(found))
    return found[0]


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(p.level, p.text) for p in doc.paragraphs if p.kind == "heading"]


def test_titles_come_from_the_text(docs: dict[str, Document]) -> None:
    assert docs[UN_WSIS].title == "第三章：互联网治理 主席文件（四读之后）"
    assert docs[UN_IGF].title == "2010 年 10 月 21 日立陶宛常驻联合国代表给秘书长的信"
    assert docs[WUZHEN].title == "2016年世界互联网发展乌镇报告"
    assert all(doc.title != doc_id for doc_id, doc in docs.items())


def test_curated_titles_and_metadata(docs: dict[str, Document]) -> None:
    # issue 10: the ICANN paper has no title line of its own; the WIC paper shows its Chinese
    # title beside the English one; every seed names its organisation and date.
    assert "ICANN" in docs[ICANN].title and "WSIS" in docs[ICANN].title
    assert docs[WIC].title.startswith("携手构建网络空间命运共同体")
    assert "Jointly Build a Community with a Shared Future in Cyberspace" in docs[WIC].title
    for doc in docs.values():
        assert doc.metadata.organization and doc.metadata.date, doc.id
    assert len({doc.title for doc in docs.values()}) == len(docs)


def test_curation_needs_the_unchanged_file(tmp_path) -> None:
    copy = tmp_path / f"{ICANN}.txt"
    copy.write_bytes((SEEDS / f"{ICANN}.txt").read_bytes() + "补充。\n".encode())
    doc = load_corpus([copy]).documents[0]
    assert "ICANN" not in doc.title and doc.metadata.organization == ""


def test_no_visible_character_is_lost(docs: dict[str, Document]) -> None:
    # `**bold**` markers are markup (issue 10: shown as emphasis, never as stars)
    for doc_id, doc in docs.items():
        source = (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")
        parsed = "".join(p.text for p in doc.paragraphs)
        assert Counter(c for c in parsed if not c.isspace() and c != "*") == Counter(
            c for c in source if not c.isspace() and c != "*"
        ), doc_id


def test_markdown_bold_in_a_text_file_is_a_style_not_stars(docs: dict[str, Document]) -> None:
    para = one(docs[UN_WSIS], "我们赞赏主席、工作组成员")
    assert "*" not in para.text
    start = para.text.index("我们赞赏")
    assert (start, start + 4, "strong") in para.styles


def test_wsis_chair_paper_headings_and_sections(docs: dict[str, Document]) -> None:
    doc = docs[UN_WSIS]
    assert exact(doc, "A分委员会（互联网治理）主席").kind == "paragraph"
    assert headings(doc)[:2] == [(1, "第三章：互联网治理 主席文件（四读之后）"), (1, "1. 引言")]
    assert (1, "1. 引言") in headings(doc)
    assert (1, "5. 后续工作及可能做出的未来安排") in headings(doc)
    sub = one(doc, "3a) 基础设施和关键互联网资源的管理")
    assert sub.kind == "heading" and sub.level == 2 and sub.label == "3a"
    assert sub.section == ("3. 与互联网治理相关的公共政策问题",)
    assert one(doc, "48. 我们呼吁强化").section == (
        "3. 与互联网治理相关的公共政策问题",
        "3a) 基础设施和关键互联网资源的管理",
    )
    assert one(doc, "3b) 与互联网使用相关").section == ("3. 与互联网治理相关的公共政策问题",)


def test_wsis_chair_paper_labels_lists_brackets_and_footnotes(docs: dict[str, Document]) -> None:
    doc = docs[UN_WSIS]
    para = one(doc, "39. 我们重申2003年12月")
    assert (para.kind, para.label, para.section) == ("paragraph", "39", ("1. 引言",))
    assert [(p.kind, p.label) for p in [one(doc, "- a) 就涉及"), one(doc, "e) 国际组织也应")]] == [
        ("list_item", "a"),
        ("list_item", "e"),
    ]
    assert one(doc, " - d) 鼓励国际电联".strip()).label == "d"
    draft = one(doc, "[61. 我们强调惩治网络犯罪")
    assert (draft.kind, draft.label) == ("paragraph", "61")
    assert one(doc, "[g) 鼓励相关各方").kind == "list_item"
    assert one(doc, "[g) 鼓励相关各方").label == "g"
    note = one(doc, "本节深色框内的案文")
    assert (note.kind, note.label) == ("footnote", "1")
    assert one(doc, "将在案文的其它部门查找重复之处").kind == "footnote"
    assert one(doc, "- 可能举办的论坛").kind == "list_item"
    assert {p.lang for p in doc.paragraphs} == {"zh"}


def test_igf_letter_masthead_signatures_and_outline(docs: dict[str, Document]) -> None:
    doc = docs[UN_IGF]
    for line in ("第六十五届会议", "第二委员会", "常驻代表", "达柳斯·采库奥利斯(签名)"):
        assert exact(doc, line).kind == "paragraph"
    assert one(doc, "2010年9月14日至17日，维尔纽斯").kind == "paragraph"
    names = [text for _, text in headings(doc)]
    for name in ("主席摘要", "一. 开幕式", "二. 主要会议的主题", "A. 管理关键的因特网资源",
                 "F. 评估因特网治理的进展和今后的道路", "三. 闭幕会", "附录", "区域观点"):
        assert name in names
    assert one(doc, "A. 管理关键的因特网资源").section[-1] == "二. 主要会议的主题"
    assert exact(doc, "附录").level == 1
    assert one(doc, "因特网治理促进发展：").kind == "paragraph"


def test_igf_letter_joins_across_page_breaks_and_blank_lines(docs: dict[str, Document]) -> None:
    doc = docs[UN_IGF]
    # Paragraph 8 straddles a page whose footnote ^a was dropped in the middle of it.
    eight = one(doc, "8. 立陶宛共和国总统达利娅")
    assert "至关重要要的。然而，她也提出了警告。" in eight.text
    note = one(doc, "^a 主席摘要的扩展版本")
    assert (note.kind, note.label) == ("footnote", "a")
    assert note.n == eight.n + 1
    assert "几位发言者指出，论坛必须认识到" in one(doc, "14. 几位发言者强调").text
    assert "云服务提供者必须是透明的" in one(doc, "50. 一名专题小组成员").text
    assert one(doc, "William J. Drake").kind == "footnote"


def test_igf_letter_numbering_restarts_in_the_appendix(docs: dict[str, Document]) -> None:
    doc = docs[UN_IGF]
    first = one(doc, "1. 因特网治理论坛第五次会议于")
    again = one(doc, "1. 这次会议的目的是向与会者提供")
    assert first.label == again.label == "1"
    assert again.section[0] == "附录"
    assert [p.label for p in doc.paragraphs if "(a) 审查关于每一主题" in p.text] == ["a"]


def test_icann_paper_rejoins_double_spaced_pdf_lines(docs: dict[str, Document]) -> None:
    doc = docs[ICANN]
    intro = one(doc, "本文档提供相关背景信息")
    assert "(Internet Corporation for Assigned Names and Numbers, ICANN)" in intro.text
    assert "信息社会世界峰会 (World Summit" in intro.text
    assert intro.text.endswith("所制定的计划。")
    assert "旨在评估取得的进展" in one(doc, "2025 年，联合国大会").text
    assert "WGIG 报告和《突尼斯议程》" in one(doc, "《突尼斯议程》提供的框架").text


def test_icann_paper_page_break_with_footnotes_and_links(docs: dict[str, Document]) -> None:
    doc = docs[ICANN]
    cut = one(doc, "2015 年，WSIS+10 成果文件引发了激烈争论")
    assert "而非“多利益相关方”的道路。相关提案未能获得支持" in cut.text
    for label, needle in [("1", "1 https://sustainable"), ("2", "2 WGIG 报告的发布"),
                          ("3", "3 WGIG 不仅提出"), ("4", "4成果文件还指出"),
                          ("5", "5请务必谨记"), ("6", "6发布网址")]:
        note = one(doc, needle)
        assert (note.kind, note.label) == ("footnote", label)
    assert "所囊括的内容远远超出了域名" in one(doc, "3 WGIG 不仅提出").text
    links = one(doc, "https://unctad.org")
    assert links.kind == "footnote" and "WGIGREPORT.pdf" in links.text
    assert one(doc, "外交部的相关部门完成").text.startswith("• 密切关注")


def test_icann_paper_headings(docs: dict[str, Document]) -> None:
    doc = docs[ICANN]
    assert headings(doc) == [
        (1, "简介"),
        (1, "背景介绍"),
        (1, "ICANN 的目标"),
        (1, "应采取哪些措施来保护多利益相关方模型？"),
        (2, "对于所有利益相关方"),
        (2, "对于 ICANN"),
        (1, "结语"),
    ]
    assert one(doc, "• 与专业媒体保持联系").section == (
        "应采取哪些措施来保护多利益相关方模型？",
        "对于 ICANN",
    )


def test_wic_concept_paper_pairs_adjacent_translations(docs: dict[str, Document]) -> None:
    doc = docs[WIC]
    assert one(doc, "构建网络空间命运共同体的看法").kind == "boilerplate"
    preface = exact(doc, "序 言")
    assert (preface.kind, preface.lang) == ("heading", "zh")
    for zh, en in [
        ("2015年,中国国家主席", "Chinese President Xi Jinping unveiled the vision of building a"),
        ("应坚持以下原则:", "the following principles should be upheld:"),
        ("4.构建良好秩序", "Building a sound order."),
        ("世界互联网大会组委会", "Organizing Committee of the World Internet Conference"),
    ]:
        a = next(p for p in doc.paragraphs if zh in p.text and p.kind != "boilerplate")
        b = next(p for p in doc.paragraphs if p.text.startswith(en) or p.text.endswith(en))
        assert (a.lang, b.lang) == ("zh", "en")
        assert (a.pair, b.pair) == (b.n, a.n)
    lost_commas = one(doc, "当今时代 互联网发展日新月异 极大拓展了")
    assert lost_commas.lang == "zh" and lost_commas.kind == "paragraph"
    assert one(doc, "4.构建良好秩序").label == "4"
    assert [text for _, text in headings(doc)][-3:] == [
        "Fundamental Principles", "Path to Realization", "Governance Framework",
    ]
    assert one(doc, "October 2019").kind == "paragraph"


def test_wuzhen_report_boilerplate(docs: dict[str, Document]) -> None:
    doc = docs[WUZHEN]
    junk_lines = ("设为首页", "关于联盟 联盟工作", "今日要闻", "【发布时间", "电话:010", "地址:")
    for junk in junk_lines:
        assert one(doc, junk).kind == "boilerplate"
    readable = [p for p in doc.paragraphs if p.kind != "boilerplate"]
    assert not any("邮编" in p.text or "设为首页" in p.text for p in readable)


def test_wuzhen_report_structure_and_languages(docs: dict[str, Document]) -> None:
    doc = docs[WUZHEN]
    assert one(doc, "一、互联网进一步普及").kind == "heading"
    assert one(doc, "I. The Internet is more accessible").kind == "heading"
    assert one(doc, "I. The Internet is more accessible").label == "I"
    bullet = one(doc, "●互联网基础设施建设成就显著")
    assert bullet.kind == "list_item"
    assert bullet.section == ("一、互联网进一步普及,推动弥合数字鸿沟",)
    assert one(doc, "1、发展中国家将继续").kind == "list_item"
    assert one(doc, "1. Developing countries will maintain").label == "1"
    assert "the Internet of Things, Big Data, mobile communication and other" in one(
        doc, "In the past year, the Wuzhen Initiative"
    ).text
    english = one(doc, "English Version").n
    zh_side = [p for p in doc.paragraphs if p.kind != "boilerplate" and p.n < english]
    assert {p.lang for p in zh_side} == {"zh"}
    assert exact(doc, "Preface").lang == "en"
    assert (exact(doc, "序言").pair, exact(doc, "Preface").pair) == (
        exact(doc, "Preface").n,
        exact(doc, "序言").n,
    )


def test_wuzhen_report_pairs_its_chinese_and_english_halves(docs: dict[str, Document]) -> None:
    doc = docs[WUZHEN]
    for zh, en in [
        ("中文版", "English Version"),
        ("当前,人类社会进入信息革命时期", "Currently, mankind has entered"),
        ("一、互联网进一步普及", "I. The Internet is more accessible"),
        ("●弥合数字鸿沟取得实质性进展", "●Tangible progress was made"),
        ("五、网络空间国际治理进展积极", "V. International governance"),
        ("●国际社会持续致力于儿童在线保护", "●The international community makes consistent"),
        ("展望未来", "Looking ahead"),
        ("5、网络安全和互联网治理", "5. The international communication"),
        ("互联网是人类的共同家园", "The Internet has arisen as a common homeland"),
    ]:
        a, b = one(doc, zh), one(doc, en)
        assert (a.pair, b.pair) == (b.n, a.n), (zh, en)


def test_outline_is_sectioned_and_levelled(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        assert [p.n for p in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))
        for p in doc.paragraphs:
            assert (p.level >= 1) == (p.kind == "heading")
            assert p.pair is None or doc.paragraph(p.pair).pair == p.n
