"""Snapshot tests of the main views (pytest-textual-snapshot; SVGs in tests/__snapshots__/).

The corpus is built here from fixed text (taken from the first seed), so the snapshots do not
move when the corpus parser changes. They do move when the line breaker or the styles change:
look at the new SVGs, then accept them with `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

from igtui.app.app import IgtuiApp
from igtui.app.main import make_app
from igtui.corpus.model import Corpus, Document, Paragraph

SECTION_1 = ("第三章：互联网治理", "1. 引言")
SECTION_2 = ("第三章：互联网治理", "2. 利益相关方")

# (kind, label, level, section, text)
WSIS = [
    ("boilerplate", None, 0, (), "A分委员会（互联网治理）主席"),
    ("heading", None, 1, SECTION_1[:1], "第三章：互联网治理 主席文件（四读之后）"),
    ("heading", None, 2, SECTION_1, "1. 引言"),
    ("paragraph", "39", 0, SECTION_1,
     "39. 我们重申2003年12月信息社会世界高峰会议日内瓦阶段会议阐述的原则，即互联网已发展成为面向"
     "公众的全球性设施，其治理应成为信息社会日程的核心议题。互联网的国际管理必须是多边的、透明"
     "和民主的，并有政府、私营部门、民间团体和国际组织的充分参与。（已达成一致）"),
    ("paragraph", "40", 0, SECTION_1,
     "40. 我们确认，互联网这一信息社会基础设施的核心组成部分，已从研究和纯理论性的设施，"
     "发展成为一种面向公众的全球性设施。（已达成一致）"),
    ("paragraph", "42", 0, SECTION_1,
     "42. 我们感谢联合国秘书长成立互联网治理工作组（WGIG）。我们赞赏主席、工作组成员和秘书处所开展"
     "的工作及其报告。（已达成一致）"),
    ("footnote", "1", 0, SECTION_1,
     "1 WGIG: Working Group on Internet Governance 互联网治理工作组。"),
    ("heading", None, 2, SECTION_2, "2. 利益相关方"),
    ("paragraph", "45", 0, SECTION_2,
     "45. 我们重申互联网的管理包含技术和公共政策两个方面的问题，并应有所有利益相关方和相关政府间和"
     "国际组织的参与。会议就此认为："),
    ("list_item", "a", 0, SECTION_2,
     "- a) 就涉及互联网的公共政策问题的决策权属国家主权。各国有权利和责任处理与国际互联网相关的公共"
     "政策问题；"),
    ("list_item", "b", 0, SECTION_2,
     "- b) 私营部门过去和现在都在互联网的发展中发挥着重要作用，"
     "无论在技术领域还是经济领域均是如此；"),
]


def chinese_corpus() -> Corpus:
    paragraphs = tuple(
        Paragraph(n=n, kind=kind, section=section, label=label, lang="zh", text=text, level=level)
        for n, (kind, label, level, section, text) in enumerate(WSIS, 1)
    )
    wsis = Document(id="wsis", title="突尼斯议程 互联网治理", path=Path("/x/wsis.txt"),
                    paragraphs=paragraphs)
    other = Document(
        id="igf", title="因特网治理论坛第五次会议", path=Path("/x/igf.txt"),
        paragraphs=(Paragraph(n=1, kind="paragraph", section=(), label=None, lang="zh",
                              text="谨随函转递立陶宛共和国总理的信和主席摘要。"),),
    )
    return Corpus(documents=(wsis, other), key="snapshot-corpus")


def snapshot_app() -> IgtuiApp:
    return make_app(corpus=chinese_corpus())


def test_reading_a_chinese_document(snap_compare) -> None:
    assert snap_compare(snapshot_app(), press=["j", "j", "j"], terminal_size=(100, 30))


def test_a_wide_terminal_keeps_a_readable_measure(snap_compare) -> None:
    """At 180 columns the text stays 40 Chinese characters wide, centred; the status line
    says where the reader is."""
    assert snap_compare(snapshot_app(), press=["j", "j", "j"], terminal_size=(180, 30))


def test_help_screen(snap_compare) -> None:
    assert snap_compare(snapshot_app(), press=["question_mark"], terminal_size=(100, 30))


def test_narrow_terminal(snap_compare) -> None:
    assert snap_compare(snapshot_app(), press=["j", "j"], terminal_size=(40, 12))


def test_too_small_terminal(snap_compare) -> None:
    assert snap_compare(snapshot_app(), terminal_size=(30, 10))


PREFACE = ("序 言",)
# (kind, lang, pair, section, text): a heading, three zh/en pairs and an unpaired line, from
# the bilingual seed
BILINGUAL = [
    ("heading", "zh", None, PREFACE, "序 言"),
    ("paragraph", "zh", 3, PREFACE,
     "2015年,中国国家主席在第二届世界互联网大会首次提出“构建网络空间命运共同体”理念 深入阐释互联网"
     "发展治理“四项原则”“五点主张” 得到国际社会广泛关注和普遍认同。"),
    ("paragraph", "en", 2, PREFACE,
     "Chinese President Xi Jinping unveiled the vision of building a community with a shared "
     "future in cyberspace at the second World Internet Conference in 2015."),
    ("paragraph", "zh", 5, PREFACE,
     "《携手构建网络空间命运共同体》积极回应各方期待 全面阐释“构建网络空间命运共同体”理念的"
     "时代背景、基本原则、实践路径和治理架构。"),
    ("paragraph", "en", 4, PREFACE,
     "In response to the expectations of all parties Jointly Build a Community with a Shared "
     "Future in Cyberspace fully expounds on the background fundamental principles path to "
     "realization and governance framework of the vision."),
    ("paragraph", "en", None, PREFACE, "Organizing Committee of the World Internet Conference"),
    ("paragraph", "zh", 8, PREFACE,
     "互联网发展日新月异 构建网络空间命运共同体必须与时俱进。"),
    ("paragraph", "en", 7, PREFACE,
     "As the Internet is developing at an amazing speed the endeavor to build a community with "
     "a shared future in cyberspace must also move forward with the times."),
]


def bilingual_corpus() -> Corpus:
    paragraphs = tuple(
        Paragraph(n=n, kind=kind, section=section, label=None, lang=lang, text=text,
                  level=1 if kind == "heading" else 0, pair=pair)
        for n, (kind, lang, pair, section, text) in enumerate(BILINGUAL, 1)
    )
    doc = Document(id="wic", title="携手构建网络空间命运共同体", path=Path("/x/wic.txt"),
                   paragraphs=paragraphs)
    return Corpus(documents=(doc,), key="snapshot-bilingual")


def test_parallel_translations(snap_compare) -> None:
    app = make_app(corpus=bilingual_corpus())
    assert snap_compare(app, press=["j", "t", "j"], terminal_size=(100, 30))


def test_concordance(snap_compare) -> None:
    async def type_term(pilot) -> None:
        await pilot.press("c", *"互联网治理")
        await pilot.app.workers.wait_for_complete()  # the scan runs in a worker
        await pilot.pause()

    assert snap_compare(snapshot_app(), run_before=type_term, terminal_size=(100, 30))


def test_export_dialog_with_formats_and_citation_styles(snap_compare) -> None:
    async def open_dialog(pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        # the path input's cursor blinks: a snapshot must not depend on when it is taken
        pilot.app.screen.query_one("#export-path").cursor_blink = False
        await pilot.pause()

    assert snap_compare(snapshot_app(), run_before=open_dialog, terminal_size=(100, 30))


def test_notes_marked_and_shown_under_their_paragraphs(snap_compare) -> None:
    """◆ a bare bookmark, ✎ a note; `N` shows the notes in full under their paragraphs."""
    from igtui.notes.store import NotesStore

    corpus = chinese_corpus()
    wsis = corpus.document("wsis")
    store = NotesStore()
    store.add(wsis, 4)
    store.add(wsis, 5, "要点：互联网已成为面向公众的全球性设施。\nSee also ¶51 on root servers.")

    async def show_notes(pilot) -> None:  # the marks are read in the background
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j", "N")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(corpus=corpus), run_before=show_notes, terminal_size=(100, 30))
