"""The citation `y` copies: quoted text, then title, section path, label and document id."""

from __future__ import annotations

from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.reading.citation import cite


def _find(corpus: Corpus, prefix: str, substring: str) -> tuple[Document, Paragraph]:
    (doc,) = [d for d in corpus.documents if d.id.startswith(prefix)]
    (p,) = [p for p in doc.paragraphs if substring in p.text]
    return doc, p


def test_numbered_paragraph(corpus: Corpus) -> None:
    doc, p = _find(corpus, "000", "我们重申2003年12月")
    assert cite(doc, p) == (
        f"“{p.text}” — 第三章：互联网治理 主席文件（四读之后）, 1. 引言, ¶39 [{doc.id}]"
    )


def test_nested_section_path(corpus: Corpus) -> None:
    doc, p = _find(corpus, "000", "我们力求进一步扩展根服务器系统")
    assert cite(doc, p).endswith(
        "3. 与互联网治理相关的公共政策问题 › 3a) 基础设施和关键互联网资源的管理, ¶51 "
        f"[{doc.id}]"
    )


def test_list_item_carries_its_paragraph_number(corpus: Corpus) -> None:
    doc, p = _find(corpus, "000", "就涉及互联网的公共政策问题的决策权属国家主权")
    assert cite(doc, p).endswith(f", 2. 利益相关方, ¶45 a) [{doc.id}]")


def test_footnote_and_unlabelled(corpus: Corpus) -> None:
    doc, note = _find(corpus, "001", "主席摘要的扩展版本")
    # the document has two footnotes a: the citation names which one (issue 12)
    assert cite(doc, note).endswith(f", 附文 › 一. 开幕式, note a (@{note.n}) [{doc.id}]")
    doc, plain = _find(corpus, "000", "A分委员会（互联网治理）主席")
    assert cite(doc, plain) == f"“{plain.text}” — {doc.title} [{doc.id}]"


def test_pair_is_quoted_on_the_next_line(corpus: Corpus) -> None:
    doc, zh = _find(corpus, "003", "维护和平安全。实现网络空间的安全稳定")
    assert zh.pair is not None
    en = doc.paragraph(zh.pair)
    first, second = cite(doc, zh, en).split("\n")
    assert first == f"“{zh.text}”"
    assert second.startswith(f"“{en.text}” — {doc.title}, Fundamental Principles, ¶2")
    assert second.endswith(f"[{doc.id}]")


def test_section_equal_to_title_is_not_repeated(corpus: Corpus) -> None:
    doc, p = _find(corpus, "001", "谨随函转递")
    assert p.section and p.section[0] == doc.title
    assert cite(doc, p) == f"“{p.text}” — {doc.title} [{doc.id}]"
