"""Link detection: every true reference in the seeds is found with the right target, and nothing
else in the seeds (years, counts, URLs, versions …) nor in a list of look-alikes becomes a link."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.corpus.parsing.numerals import cn_number
from igtui.reading.references import Link, find_links, footnotes_of

# Every reference in the five seeds, read by hand:
# (doc id prefix, substring of the source paragraph, link text, kind, substring of the target).
SEED_REFERENCES = [
    # 000: a paragraph reference, two superscript footnotes (one used twice), a chapter/section ref
    ("000", "我们赞赏第45段提及", "第45段", "paragraph", "45. 我们重申互联网的管理包含技术"),
    ("000", "参与的全球机制¹", "¹", "footnote", "本节深色框内的案文"),
    ("000", "方面发挥的关键作用。²", "²", "footnote", "将在案文的其它部门查找重复之处"),
    ("000", "分别承担的作用和责任。²", "²", "footnote", "将在案文的其它部门查找重复之处"),
    ("000", "本节深色框内的案文", "第三章第五节", "section", "5. 后续工作及可能做出的未来安排"),
    # 001: two ^a markers, each to the ^a footnote that follows it (the labels repeat)
    ("001", "在维尔纽斯举行。^a会议", "^a", "footnote", "主席摘要的扩展版本"),
    ("001", "为所有人创造机会”^a 一书", "^a", "footnote", "William J. Drake"),
    # 002: bare digits glued to the text, footnotes 1-6
    ("002", "引发的各类问题”1。", "1", "footnote", "sustainabledevelopment.un.org"),
    ("002", "会议之前2发布了报告3", "2", "footnote", "WGIG 报告的发布被广泛认为"),
    ("002", "会议之前2发布了报告3", "3", "footnote", "WGIG 不仅提出了互联网治理的定义"),
    ("002", "确定的原则和决议”。4", "4", "footnote", "成果文件还指出"),
    ("002", "互联网治理多利益相关方模型5是", "5", "footnote", "请务必谨记"),
    ("002", "发布国家/地区聚焦报告。6", "6", "footnote", "发布网址"),
]


def _doc(corpus: Corpus, prefix: str) -> Document:
    (doc,) = [d for d in corpus.documents if d.id.startswith(prefix)]
    return doc


def _para(doc: Document, substring: str) -> Paragraph:
    found = [p for p in doc.paragraphs if substring in p.text]
    assert len(found) == 1, (substring, [p.n for p in found])
    return found[0]


@pytest.mark.parametrize(("prefix", "source", "text", "kind", "target"), SEED_REFERENCES)
def test_seed_reference_found(
    corpus: Corpus, prefix: str, source: str, text: str, kind: str, target: str
) -> None:
    doc = _doc(corpus, prefix)
    paragraph = _para(doc, source)
    links = [link for link in find_links(doc, paragraph) if link.text == text]
    assert links, f"{text!r} not found in {source!r}"
    for link in links:
        assert link.kind == kind
        assert paragraph.text[link.start:link.end] == text
        assert target in doc.paragraph(link.target_n).text


def test_seeds_have_no_other_links(corpus: Corpus) -> None:
    """Precision over the whole seed corpus: every link found is one of the true references
    (so no year, count, date, URL digit, IPv6, G20, WSIS+10, list number … became a link)."""
    expected: dict[tuple[str, int, str], int] = {}
    for prefix, source, text, _kind, _target in SEED_REFERENCES:
        key = (prefix, _para(_doc(corpus, prefix), source).n, text)
        expected[key] = expected.get(key, 0) + 1
    found: dict[tuple[str, int, str], int] = {}
    for doc in corpus.documents:
        for p in doc.paragraphs:
            for link in find_links(doc, p):
                key = (doc.id[:3], p.n, link.text)
                found[key] = found.get(key, 0) + 1
    assert found == expected


def test_external_paragraph_reference_in_seed_is_not_a_link(corpus: Corpus) -> None:
    doc = _doc(corpus, "001")
    paragraph = _para(doc, "突尼斯议程第 77 段")
    assert find_links(doc, paragraph) == []


def test_footnotes_of(corpus: Corpus) -> None:
    doc = _doc(corpus, "002")
    notes = footnotes_of(doc, _para(doc, "会议之前2发布了报告3"))
    assert [n.label for n in notes] == ["2", "3"]
    assert footnotes_of(doc, _para(doc, "无论出现其中的哪一种情形")) == []


# --- synthetic documents ------------------------------------------------------------------------


def _make_doc(texts: list[tuple[str, str | None, str]]) -> Document:
    paragraphs = tuple(
        Paragraph(n=i, kind=kind, section=(), label=label, lang="zh", text=text)  # type: ignore[arg-type]
        for i, (kind, label, text) in enumerate(texts, start=1)
    )
    return Document(
        id="synthetic", title="synthetic", path=Path("synthetic.txt"), paragraphs=paragraphs
    )


def _synthetic() -> Document:
    """Paragraphs 1-60, a chapter with sections, footnotes 1-30 and a: every look-alike below
    has a target it could wrongly point at."""
    rows: list[tuple[str, str | None, str]] = [("paragraph", None, "PROBE")]
    rows.append(("heading", None, "第三章 合作"))
    rows.append(("heading", "1", "1. 引言"))
    rows += [("paragraph", str(i), f"{i}. 正文{i}。") for i in range(1, 31)]
    rows.append(("heading", "2", "2. 其他"))
    rows += [("paragraph", str(i), f"{i}. 正文{i}。") for i in range(31, 61)]
    rows += [("heading", None, "第四章 展望"), ("heading", "1", "1. 第四章引言"),
             ("heading", "3", "3. 第四章第三节")]
    rows += [("footnote", str(i), f"{i} 脚注{i}。") for i in range(1, 31)]
    rows.append(("footnote", "a", "^a 脚注a。"))
    return _make_doc(rows)


def _links_in(text: str) -> list[Link]:
    doc = _synthetic()
    probe = Paragraph(n=1, kind="paragraph", section=(), label=None, lang="zh", text=text)
    return find_links(doc, probe)


def _target_text(doc: Document, link: Link) -> str:
    return doc.paragraph(link.target_n).text


LOOK_ALIKES = [
    "2015年12月16日至18日召开",
    "来自近 100 个国家的代表",
    "来自全球120多个国家和地区",
    "第二届世界互联网大会",
    "WSIS+10 成果文件，WSIS+20 审议",
    "3a) 基础设施和关键互联网资源的管理",
    "3. 与互联网治理相关的公共政策问题",
    "G20杭州峰会通过了倡议",
    "推广ICT4D项目",
    "关于采用 IPv6 的情况，IPv4 和IPv6。",
    "工业4.0等正成为热点",
    "版本 2.0 和 v2.1 以及version2。",
    "电话:010-82351181/82357730 传真 Ext.1901",
    "1、发展中国家；2、网络空间",
    "覆盖95%的人口，普及率达到47.1%",
    "见 https://www.itu.int/net/wsis/docs2/tunis/off/6rev1.html 和 www.un.org/a1/b2",
    "联大第57/239号决议",
    "成果》第85条形成的联大A/60/L.1*号文件",
    "移动宽带用户数将达到36亿",
    "发了2 000个与会证件，1 461人出席会议",
    "over 2,000 government representatives",
    "held on Dec.16-18, 2015 in Wuzhen",
    "必须按照突尼斯议程第 7 段执行",
    "as set out in paragraph 7 of the Tunis Agenda",
    "《公约》第三章规定",
    "一书的背景部分(第二节)目的是",
    "本节深色框内的案文",
    "面积 10² 和 5 m² 的房间",
    "COVID-19 疫情与5G网络",
    "2016年7月启动",
    "审议流程 (2023-2025) 的计划",
    "议程项目 17 的文件",
    "领域。2015 年开展过一次审议",
    "the 2nd World Internet Conference and the 3rd",
    "In 2016, the G20 Hangzhou Summit",
    "约3个百分点，达5倍",
    "第六十五届会议",
    "第99段不存在",
    "paragraph 99 does not exist",
    "写信至 info3@example.org 或 a.b/c4",
    "subparagraph 5 and subparas 6",
    "第99段不存在，第三十章也不存在",
    "名列第3的国家",
    "第三章第三节只在下一章才有",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alike_is_not_a_link(text: str) -> None:
    assert _links_in(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("见第45段。", [("第45段", "45. 正文45")]),
        ("见第 45 段。", [("第 45 段", "45. 正文45")]),
        ("见第四十五段。", [("第四十五段", "45. 正文45")]),
        ("见第45和46段。", [("第45", "45. 正文45"), ("46段", "46. 正文46")]),
        ("见第45-47段。", [("第45", "45. 正文45"), ("47段", "47. 正文47")]),
        ("见本报告第12段。", [("第12段", "12. 正文12")]),
        ("see paragraph 45 above", [("paragraph 45", "45. 正文45")]),
        ("see Paragraph 45 of this report", [("Paragraph 45", "45. 正文45")]),
        ("see paragraphs 12 and 13", [("paragraphs 12", "12. 正文12"), ("13", "13. 正文13")]),
        ("see para. 45.", [("para. 45", "45. 正文45")]),
        ("见第三章。", [("第三章", "第三章 合作")]),
        ("见第三章第二节。", [("第三章第二节", "2. 其他")]),
        ("见第四章第一节。", [("第四章第一节", "1. 第四章引言")]),
        ("见第4章。", [("第4章", "第四章 展望")]),
        ("报告3。", [("3", "3 脚注3")]),
        ("问题”1。", [("1", "1 脚注1")]),
        ("the model5是基石", [("5", "5 脚注5")]),
        ("决议”。4", [("4", "4 脚注4")]),
        ("机制¹²，以", [("¹²", "12 脚注12")]),
        ("举行。^a会议", [("^a", "^a 脚注a")]),
        ("as noted^7 before", [("^7", "7 脚注7")]),
        ("见http://x.org/a1。报告3。", [("3", "3 脚注3")]),
        ("网站：<www.igf.org/cms2>。模型5是", [("5", "5 脚注5")]),
        ("（见附件）2。", [("2", "2 脚注2")]),
    ],
)
def test_synthetic_reference(text: str, expected: list[tuple[str, str]]) -> None:
    doc = _synthetic()
    links = _links_in(text)
    assert [(link.text, _target_text(doc, link)) for link in links] == [
        (t, doc.paragraph(_find(doc, target)).text) for t, target in expected
    ]
    for link in links:
        assert text[link.start:link.end] == link.text


def _find(doc: Document, prefix: str) -> int:
    return next(p.n for p in doc.paragraphs if p.text.startswith(prefix))


def test_restarting_labels_prefer_the_same_run() -> None:
    # the annex numbers from 1 again; its "第5段" means the annex's 5, though the main text's 5
    # is nearer; a number only the main text has resolves there
    rows: list[tuple[str, str | None, str]] = [
        *[("paragraph", str(i), f"{i}. 正文{i}。") for i in range(1, 7)],
        ("heading", None, "附录"),
        ("paragraph", "1", "1. 附录参见第5段和第6段。"),
        *[("paragraph", str(i), f"{i}. 附录{i}。") for i in range(2, 6)],
    ]
    doc = _make_doc(rows)
    source = next(p for p in doc.paragraphs if "附录参见" in p.text)
    targets = [doc.paragraph(x.target_n).text for x in find_links(doc, source)]
    assert targets == ["5. 附录5。", "6. 正文6。"]


def test_numbered_list_items_are_not_paragraphs() -> None:
    rows: list[tuple[str, str | None, str]] = [
        *[("paragraph", str(i), f"{i}. 正文{i}。") for i in range(1, 6)],
        *[("list_item", str(i), f"{i}、条目{i}。") for i in range(1, 5)],
        ("paragraph", "6", "6. 参见第4段。"),
    ]
    doc = _make_doc(rows)
    source = doc.paragraphs[-1]
    targets = [doc.paragraph(x.target_n).text for x in find_links(doc, source)]
    assert targets == ["4. 正文4。"]


def test_a_footnotes_own_label_is_not_a_link() -> None:
    doc = _synthetic()
    for p in doc.paragraphs:
        if p.kind == "footnote":
            assert find_links(doc, p) == []


def test_cn_number() -> None:
    assert [cn_number(s) for s in ("45", "四十五", "十", "二十", "一百零五", "x")] == [
        45, 45, 10, 20, 105, None,
    ]


_ALPHABET = st.sampled_from(
    [*"0123456789 第段章节和至-、。，”》^a¹²³.%/年个三五十paragrphs",
     "paragraph ", "para. ", "https://", "第三章", "IPv", "model", "\n"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_find_links_never_raises_and_spans_are_valid(text: str) -> None:
    doc = _synthetic()
    probe = Paragraph(n=1, kind="paragraph", section=(), label=None, lang="zh", text=text)
    links = find_links(doc, probe)
    previous_end = 0
    for link in links:
        assert 0 <= link.start < link.end <= len(text)
        assert text[link.start:link.end] == link.text
        assert link.start >= previous_end  # sorted, no overlaps
        previous_end = link.end
        assert 1 <= link.target_n <= len(doc.paragraphs)
        assert link.target_n != probe.n
