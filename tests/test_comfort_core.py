"""The core of reading comfort, without the app: progress through a document, hit lists, the
search history, fitting titles, snippets centred on the best match, `第37条` jumps across
documents, the reading state's new fields, and the CJK line breaking popups use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text

from igtui.app.widgets.wrapped import Wrapped, excerpt, fit_lines, wrap_text
from igtui.cli.search import snippet
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.reading.hitlist import Found, HitList
from igtui.reading.linebreak import CLOSING
from igtui.reading.progress import Progress
from igtui.reading.textfit import fit_middle, middle_cut
from igtui.search.history import QueryHistory
from igtui.search.jump import jump_targets, parse_jump
from igtui.search.snippet import best_span, centred_start
from igtui.storage import Position, ReadingState, StateStore


def para(n: int, text: str, kind: str = "paragraph", label: str | None = None) -> Paragraph:
    return Paragraph(n=n, kind=kind, section=(), label=label, lang="zh", text=text)  # type: ignore[arg-type]


# -- progress -----------------------------------------------------------------------------------


def test_progress_is_the_share_of_readable_text_read() -> None:
    doc = Document("d", "t", Path("/x"), (
        para(1, "header", kind="boilerplate"),
        para(2, "a" * 10),
        para(3, "b" * 30),
        para(4, "c" * 60),
    ))
    progress = Progress.of(doc)
    assert [progress.percent(n) for n in (2, 3, 4)] == [10, 40, 100]
    assert progress.percent(1) == 10  # a hidden paragraph: as the next readable one


# -- hit lists ----------------------------------------------------------------------------------


def test_a_hit_list_steps_through_its_matches_and_stops_at_the_ends() -> None:
    hits = [Found("a", 1, ("x",)), Found("a", 5, ("x",)), Found("b", 2, ("x",))]
    listed = HitList.of("x", hits, hits[1])
    assert listed.index == 1 and len(listed) == 3
    forward = listed.step(1)
    assert forward is not None and forward.current == hits[2]
    assert forward.step(1) is None
    back = listed.step(-1)
    assert back is not None and back.current == hits[0] and back.step(-1) is None
    # a chosen match the list lacks comes first
    alone = HitList.of("x", hits, Found("c", 9))
    assert alone.current == Found("c", 9) and len(alone) == 4


# -- the search history -------------------------------------------------------------------------


def test_the_history_recalls_older_and_newer_queries_and_comes_back_to_the_draft() -> None:
    history = QueryHistory()
    for query in ("数字鸿沟", "多边", "  ", "网络主权", "多边"):
        history.add(query)
    assert history.entries == ["数字鸿沟", "网络主权", "多边"]  # blanks dropped, latest last
    assert history.older("draft") == "多边"
    assert history.older("多边") == "网络主权"
    assert history.older("网络主权") == "数字鸿沟"
    assert history.older("数字鸿沟") is None  # the oldest
    assert history.newer() == "网络主权"
    assert history.newer() == "多边"
    assert history.newer() == "draft"  # back to what was being typed
    assert history.newer() is None


def test_the_newest_query_still_in_the_box_is_not_recalled_twice() -> None:
    history = QueryHistory(["a", "b"])
    assert history.older("b") == "a"
    history.stop()
    assert history.older("edited") == "b"


def test_the_history_is_capped() -> None:
    history = QueryHistory(limit=3)
    for query in "abcde":
        history.add(query)
    assert history.entries == ["c", "d", "e"]


# -- fitting titles -----------------------------------------------------------------------------


def test_middle_cut_keeps_both_ends_so_similar_titles_stay_apart() -> None:
    first, second = "中华人民共和国未成年人保护法", "中华人民共和国国家安全法"
    for width in (10, 14, 18):
        a, b = fit_middle(first, width), fit_middle(second, width)
        assert a != b
        assert Text(a).cell_len <= width and Text(b).cell_len <= width
        assert a.endswith("护法") and b.endswith("全法")
    assert middle_cut(first, 40) is None and fit_middle(first, 40) == first


def test_middle_cut_keeps_a_leading_number_whole() -> None:
    """Sibling articles cut to "第 7…权利" looked alike: the number that starts a title stays
    whole where there is room for it and a little of the end."""
    titles = ["第 77 条 向监管机构投诉的权利", "第 78 条 针对监管机构获得有效司法救济的权利",
              "Article 17 Right to erasure", "3.2 数据跨境流动的安全评估"]
    for width in (14, 18):
        cut = [fit_middle(t, width) for t in titles]
        assert cut[0].startswith("第 77 条") and cut[1].startswith("第 78 条")
        assert cut[2].startswith("Article 17") and cut[3].startswith("3.2")
        assert all(Text(c).cell_len <= width for c in cut)


# -- snippets -----------------------------------------------------------------------------------


def test_the_best_span_is_the_longest_not_the_first() -> None:
    assert best_span(((4, 6), (24, 26), (191, 195))) == (191, 195)
    assert best_span(((3, 5), (9, 11))) == (3, 5)  # equals: the earliest
    assert best_span(()) is None


def test_a_snippet_is_centred_on_the_best_match() -> None:
    text = "数字" + "经" * 200 + "弥合数字鸿沟" + "展" * 200
    start = text.index("数字鸿沟")
    spans = ((0, 2), (start, start + 4))
    line = snippet(text, spans, width=40)
    assert "[数字鸿沟]" in line
    assert line.startswith("…") and line.endswith("…")
    assert centred_start(text, spans, 40) < start < centred_start(text, spans, 40) + 20
    # near the end: the window still fills up
    late = "经" * 50 + "鸿沟"
    assert centred_start(late, ((50, 52),), 20) == 42


def test_the_excerpt_of_the_seeds_top_result_for_digital_divide_shows_it() -> None:
    """The seed paragraph that matched 数字 four times before 数字鸿沟 at the end."""
    text = ("3.推动数字经济创新发展 促进共同繁荣。充分发挥数字经济在全球经济发展中的引擎作用 "
            "积极推进工业数字化转型。提升数字经济包容性 以人为本 深入研究新技术影响 "
            "推动科技向善 探索合作模式。推动数据有序流动、资源高效配置、市场深度融合。"
            "在全球范围内促进普惠式发展 提升广大发展中国家和不发达国家网络发展能力 "
            "打破信息壁垒 消除数字鸿沟 共享互联网发展成果 为联合国2030年可持续发展议程有效落实"
            "提供助力。")
    spans = tuple((i, i + 2) for i in range(len(text)) if text.startswith("数字", i))
    whole = text.index("数字鸿沟")
    spans = (*(s for s in spans if s[0] != whole), (whole, whole + 4))
    style = Style(bold=True)
    out = excerpt(text, spans, 60, style, lines=3)
    marked = [out.plain[s.start:s.end] for s in out.spans if s.style == style]
    assert "数字鸿沟" in marked


# -- jumps --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "label"),
    [("#45", "45"), ("第45段", "45"), ("第37条", "第37条"), ("第三十七条", "第37条"),
     ("@12", "@12"), ("网络主权", None)],
)
def test_parse_jump(query: str, label: str | None) -> None:
    assert parse_jump(query) == label


def law(doc_id: str, articles: list[int]) -> Document:
    """A law as the parser gives it: each article labelled "第N条" (articles have a label
    namespace of their own, apart from numbered paragraphs)."""
    paragraphs = [para(1, "第一章　总则", kind="heading")]
    paragraphs += [para(i, f"第{number}条　……", label=f"第{number}条")
                   for i, number in enumerate(articles, 2)]
    return Document(doc_id, doc_id, Path(f"/x/{doc_id}"), tuple(paragraphs))


def test_jump_targets_put_the_readers_document_first() -> None:
    minors, security, other = law("minors", [36, 37]), law("security", [37]), law("x", [1])
    corpus = Corpus(documents=(minors, security, other))
    label = parse_jump("第三十七条")
    assert label is not None
    found = [(d.id, n) for d, n in jump_targets(corpus, label, here=("security", 1))]
    assert found == [("security", 2), ("minors", 3)]
    assert [(d.id, n) for d, n in jump_targets(corpus, label)] == [("minors", 3), ("security", 2)]
    assert list(jump_targets(corpus, "99")) == []
    # "#37" in a law is article 37 too
    assert [(d.id, n) for d, n in jump_targets(corpus, "37")] == [("minors", 3), ("security", 2)]
    # a position is the reader's document's own
    assert [(d.id, n) for d, n in jump_targets(corpus, "@2", here=("x", 1))] == [("x", 2)]
    # a cancelled scan stops early
    assert list(jump_targets(corpus, label, cancelled=lambda: True)) == []


# -- the reading state --------------------------------------------------------------------------


def test_the_state_keeps_per_document_places_measure_tree_and_queries(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    state = ReadingState(
        theme="t", positions={"k": Position("a", 3)}, documents={"k": {"a": 3, "b": 9}},
        measure=64, tree_width=30, search_history=["数字鸿沟", "多边"],
    )
    assert store.save(state)
    assert store.load() == state


def test_saving_merges_another_instances_places_and_queries(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    mine, theirs = StateStore(path).load(), StateStore(path).load()
    theirs.documents["k"] = {"a": 1, "c": 4}
    theirs.search_history = ["theirs", "shared"]
    assert StateStore(path).save(theirs)
    mine.documents["k"] = {"a": 7}
    mine.search_history = ["shared", "mine"]
    mine.measure = 72
    assert StateStore(path).save(mine)
    merged = StateStore(path).load()
    assert merged.documents == {"k": {"a": 7, "c": 4}}
    assert merged.search_history == ["theirs", "shared", "mine"]
    assert merged.measure == 72


def test_bad_new_fields_are_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    data = {"version": 1, "theme": "t", "documents": {"k": {"a": "x", "b": 2}, "j": []},
            "measure": -4, "tree_width": True, "search_history": ["ok", 3, "", None]}
    path.write_text(json.dumps(data), encoding="utf-8")
    state = StateStore(path).load()
    assert state.documents == {"k": {"b": 2}}
    assert state.measure is None and state.tree_width is None
    assert state.search_history == ["ok"] and state.theme == "t"


# -- line breaking for popups -------------------------------------------------------------------


def test_wrap_text_never_starts_a_line_with_closing_punctuation_where_rich_would() -> None:
    text = Text("一二三四五，六七八九十。一二三四五、六七八九十")
    text.stylize("bold", 6, 8)
    rich_lines = text.wrap(Console(width=80), 10)
    assert any(line.plain[:1] in CLOSING for line in rich_lines)  # what the popups did
    ours = wrap_text(text, 10)
    lines = ours.plain.split("\n")
    assert all(line[:1] not in CLOSING for line in lines)
    assert all(Text(line).cell_len <= 10 for line in lines)
    assert "".join(lines) == text.plain
    bold = [ours.plain[s.start:s.end] for s in ours.spans if s.style == "bold"]
    assert "".join(bold).replace("\n", "") == "六七"


def test_fit_lines_and_the_wrapped_renderable() -> None:
    text = Text("互联网治理" * 20)
    cut = fit_lines(text, 20, 2)
    assert cut.plain.count("\n") == 1 and cut.plain.endswith("…")
    console = Console(width=24, record=True)
    console.print(Wrapped(Text("我们重申，互联网已发展成为面向公众的全球性设施，其治理应成为核心议题。")))
    printed = console.export_text().splitlines()
    assert len(printed) > 1 and all(line[:1] not in CLOSING for line in printed)
