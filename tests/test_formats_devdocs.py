"""The real PDFs and saved web pages of ../shared/devdocs, read end to end, against what its
README says a careful reader expects (skipped where the folder is missing)."""

from __future__ import annotations

import re

import pytest

from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Document, Paragraph
from igtui.corpus.readers.html import blocks_from_html
from igtui.reading.citation import cite
from support import DEVDOCS

pytestmark = pytest.mark.skipif(not DEVDOCS.is_dir(), reason="../shared/devdocs is not here")

FILES = {
    "01": "01_caict_data_security_risks_2022.pdf",
    "02": "02_gdpr_zh_translation.pdf",
    "06": "06_ossf_digital_divide_2011.html",
    "08": "08_beijing_data_export_news_2024.html",
}


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    corpus = load_corpus([DEVDOCS / name for name in FILES.values()])
    assert corpus.errors == ()
    return {key: corpus.documents[i] for i, key in enumerate(FILES)}


def readable_text(doc: Document) -> str:
    return "\n".join(p.text for p in doc.paragraphs if p.readable)


def containing(doc: Document, fragment: str) -> Paragraph:
    found = [p for p in doc.paragraphs if fragment in p.text]
    assert len(found) == 1, (fragment, [p.text[:40] for p in found])
    return found[0]


def test_01_title_from_the_cover(docs: dict[str, Document]) -> None:
    # the PDF's Title field is a file name ("…-220119.pdf"): the cover says it
    assert docs["01"].title == "数据安全风险分析及应对策略研究（2022 年）"


def test_01_running_header_and_page_numbers_are_furniture(docs: dict[str, Document]) -> None:
    doc = docs["01"]
    header = "数据安全风险分析及应对策略研究（2022 年）"
    body = [p for p in doc.paragraphs if p.readable and p.page and p.page >= 6]
    assert body and not any(p.text == header for p in body)
    assert not any(re.fullmatch(r"\d{1,2}", p.text.strip()) for p in body)
    # printed page 1 is the 6th page of the file; citations name the printed one
    assert doc.metadata.page_label(6) == "1" and doc.metadata.page_label(29) == "24"


def test_01_eleven_footnotes_and_their_markers(docs: dict[str, Document]) -> None:
    doc = docs["01"]
    notes = [p for p in doc.paragraphs if p.kind == "footnote"]
    assert [p.label for p in notes] == [str(n) for n in range(1, 12)]
    assert notes[0].text.startswith("1 数据来源") and notes[0].page == 6
    assert "5.4 万亿美元¹" in containing(doc, "位居世界第二").text


def test_01_paragraph_resumes_after_the_page_break(docs: dict[str, Document]) -> None:
    doc = docs["01"]
    p = containing(doc, "法律制度是数据安全的重要保障")
    assert "率先就数据保护和利用开展地方立法" in p.text and p.page == 6
    assert "数据安全风险分析及应对策略研究（2022 年）" not in p.text


def test_01_parts_and_references(docs: dict[str, Document]) -> None:
    doc = docs["01"]
    headings = [p.text for p in doc.paragraphs if p.kind == "heading"]
    for part in ("一、数字化时代数据安全发展现状", "五、数据安全建设发展建议", "参考文献"):
        assert part in headings
    refs = readable_text(doc)
    assert all(f"[{n}]" in refs for n in range(1, 10))


def test_01_citation_with_the_printed_page(docs: dict[str, Document]) -> None:
    doc = docs["01"]
    p = containing(doc, "法律制度是数据安全的重要保障")
    copied = cite(doc, p, style="gb7714")
    assert ", 第1页 [" in copied
    last = copied.splitlines()[-1]
    # the cover names the two issuing bodies: the reference's authors
    assert last.startswith(
        "中国信息通信研究院云计算与大数据研究所, 奇安信科技集团股份有限公司. "
        "数据安全风险分析及应对策略研究（2022 年）[R]"
    ) and last.endswith(": 1.")


def test_02_text_survives_pdfiums_cmap_failures(docs: dict[str, Document]) -> None:
    doc = docs["02"]
    assert doc.title == "通用数据保护条例"
    text = readable_text(doc)
    assert "1．本条例制定关于处理个人数据中对自然人进行保护的规则" in text
    assert "General Data Protection Regulation" in text
    # PDFium hands back raw codes for some CMap sections: "濄漕" for "1．", "漓" for "，"
    assert not re.search("[濄漕漓濚濗濣濥⵳ㄕ]", text)
    assert max(p.page or 0 for p in doc.paragraphs) == 91


def test_06_article_title_byline_and_body(docs: dict[str, Document]) -> None:
    doc = docs["06"]
    assert doc.title == "當一切都成為網路-數位落差與共享文化"
    meta = doc.metadata
    assert (meta.author, meta.date, meta.publisher) == ("鄭國威", "2011-11-10", "OpenFoundry")
    readable = [p for p in doc.paragraphs if p.readable]
    bio = next(i for i, p in enumerate(readable) if p.text == "作者簡介")
    not_prose = ("▲", "◎", "建立日期")  # captions, the reprint note, the byline
    prose = [
        p for p in readable[:bio]
        if p.kind == "paragraph" and len(p.text) > 40 and not p.text.startswith(not_prose)
    ]
    assert len(prose) == 19
    # an ordered list's items keep their numbers, as the page shows them
    items = [p for p in readable if p.kind == "list_item"]
    assert [p.text[:5] for p in items] == ["1. 設備", "2. 工具", "3. 教室"]
    assert [p.label for p in items] == ["1", "2", "3"]
    captions = [p.text for p in readable if p.text.startswith("▲")]
    assert len(captions) == 2 and captions[1].startswith("▲圖２")
    assert readable[bio].kind == "heading" and "鄭國威，數位文化協會" in readable[bio + 1].text
    assert "https://www.bigsound.org/portnoy/" in readable[bio + 2].text


def test_06_site_chrome_is_not_read(docs: dict[str, Document]) -> None:
    text = readable_text(docs["06"])
    for junk in ("登入", "感謝您對", "電子報總覽", "隱私權條款", "使用條款", "標籤:", "分類:",
                 "↑ Top", "jQuery", "addthis"):
        assert junk not in text, junk


def test_08_title_only_in_the_details_box(docs: dict[str, Document]) -> None:
    doc = docs["08"]
    assert doc.title == "北京推出数据跨境便利化服务举措，企业数据出境安全评估用时减半"
    meta = doc.metadata
    assert (meta.author, meta.date, meta.publisher) == ("京报网", "2024-04-28", "开放北京")
    body = [p for p in doc.paragraphs if p.readable and len(p.text) > 30]
    assert len(body) == 9 and body[0].text.startswith("4月26日")
    text = readable_text(doc)
    for junk in ("首页", "走进“两区”", "要闻动态", "分享至", "主办", "ICP", "header", "footer"):
        assert junk not in text, junk


def test_07_html_body_inside_markdown() -> None:
    text = (DEVDOCS / "07_sina_algorithm_provisions_2022.md").read_text(encoding="utf-8")
    blocks = blocks_from_html(text[text.index("---", 5) + 3:])
    readable = [b for b in blocks if b.role != "boilerplate"]
    quotes = [b.text for b in readable if b.role == "quote"]
    assert len(quotes) == 4 and quotes[0].startswith("应向用户提供便捷的关闭")
    assert any(b.text == "禁止“大数据杀熟”" for b in readable)
    assert not any("&#123;" in b.text or "qrcode" in b.text.lower() for b in readable)
