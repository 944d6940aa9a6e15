"""SearchIndex behaviour on small hand-made corpora (the ranking rules of issue 4)."""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from pathlib import Path

import pytest

from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.search import SearchIndex, parse_jump, resolve_jump
from igtui.search.normalize import SYNONYMS, fold


def make_corpus(*docs: tuple[str, list[tuple[str, str]]]) -> Corpus:
    documents = []
    for doc_id, paras in docs:
        paragraphs = tuple(
            Paragraph(n=i, kind=kind, section=("节",), label=str(i), lang="zh", text=text)  # type: ignore[arg-type]
            for i, (kind, text) in enumerate(paras, 1)
        )
        documents.append(Document(id=doc_id, title=f"Title {doc_id}", path=Path(doc_id),
                                  paragraphs=paragraphs))
    return Corpus(documents=tuple(documents), key="test")


CORPUS = make_corpus(
    ("a", [
        ("heading", "网络治理"),
        ("paragraph", "各国应尊重网络主权，并在数据安全领域开展国际合作。"),
        ("paragraph", "互联网治理的范畴超出了域名和地址管理。"),
        ("boilerplate", "设为首页 加入收藏 联系我们"),
        ("paragraph", "The multistakeholder model of Internet governance works."),
    ]),
    ("b", [
        ("paragraph", "因特网治理论坛在维尔纽斯召开第五次会议。"),
        ("paragraph", "云计算与物联网的安全问题越来越复杂。"),
        ("paragraph", "冶金工业与网络无关，只是理论。"),
    ]),
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IGTUI_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        return SearchIndex.build(CORPUS)


def top(index: SearchIndex, query: str, **kw) -> str:
    hits = index.search(query, **kw)
    assert hits, f"nothing found for {query!r}"
    return hits[0].text


def test_boilerplate_is_not_searchable(index: SearchIndex) -> None:
    assert len(index) == 7
    assert all("设为首页" not in h.text for h in index.search("设为首页 加入收藏"))


def test_the_paragraph_holding_every_word_beats_a_short_heading(index: SearchIndex) -> None:
    assert top(index, "网络主权 数据安全").startswith("各国应尊重网络主权")


def test_exact_beats_fuzzy(index: SearchIndex) -> None:
    hits = index.search("互联网治理")
    assert hits[0].text.startswith("互联网治理的范畴")
    assert all(h.score < hits[0].score for h in hits[1:])


def test_keywords_in_any_order(index: SearchIndex) -> None:
    assert top(index, "第五次 维尔纽斯") == top(index, "维尔纽斯 第五次")
    assert "维尔纽斯" in top(index, "第五次 维尔纽斯")


def test_wrong_character(index: SearchIndex) -> None:
    assert top(index, "互联网冶理的范畴").startswith("互联网治理的范畴")


def test_english_with_a_typo(index: SearchIndex) -> None:
    assert "multistakeholder" in top(index, "multistakehlder modle")


def test_pinyin_full_and_initials(index: SearchIndex) -> None:
    assert "网络主权" in top(index, "wangluo zhuquan")
    assert "网络主权" in top(index, "wlzq")
    assert "物联网" in top(index, "wulianwang")


def test_traditional_characters(index: SearchIndex) -> None:
    assert "网络主权" in top(index, "網絡主權")
    assert fold("網絡主權") == "网络主权"
    assert top(index, "網際網路治理的範疇").startswith("互联网治理的范畴")  # a Taiwan term


def test_synonyms_both_ways(index: SearchIndex) -> None:
    assert top(index, "互联网治理论坛").startswith("因特网治理论坛")
    assert top(index, "因特网治理的范畴").startswith("互联网治理的范畴")
    words = [w for group in SYNONYMS for w in group]
    assert len(words) == len(set(words)), "a spelling sits in two synonym groups"


def test_spans_cover_the_matched_words(index: SearchIndex) -> None:
    hit = index.search("維爾紐斯 第五次")[0]
    marked = {hit.text[s:e] for s, e in hit.spans}
    assert {"维尔纽斯", "第五次"} <= marked
    assert all(0 <= s < e <= len(hit.text) for s, e in hit.spans)


def test_hit_fields(index: SearchIndex) -> None:
    hit = index.search("云计算")[0]
    assert (hit.doc, hit.n, hit.title, hit.section, hit.label) == ("b", 2, "Title b", ("节",), "2")
    assert set(hit.as_json()) >= {"doc", "n", "score", "text"}


def test_doc_filter_limit_and_empty(index: SearchIndex) -> None:
    assert {h.doc for h in index.search("网络", doc="b")} == {"b"}
    assert index.search("网络", doc="missing") == []
    assert len(index.search("网络", limit=2)) == 2
    assert index.search("") == []
    assert index.search("  ，。!") == []
    assert index.search("qqqqxxxx") == []


def test_survives_a_round_trip_through_plain_data(index: SearchIndex) -> None:
    again = SearchIndex.from_data(marshal.loads(marshal.dumps(index.to_data())))
    for query in ("网络主权", "wlzq", "multistakehlder", "互联网冶理"):
        assert again.search(query) == index.search(query)


@pytest.mark.parametrize(
    ("query", "label"),
    [("#45", "45"), ("# 7", "7"), ("第45段", "45"), ("第 45 段", "45"), ("＃４５", "45"),
     ("#4.1", "4.1"), ("45", None), ("网络第45段落", None), ("#", None), ("", None)],
)
def test_parse_jump(query: str, label: str | None) -> None:
    assert parse_jump(query) == label


def test_resolve_jump_prefers_the_current_section() -> None:
    def para(n: int, section: str, label: str | None) -> Paragraph:
        return Paragraph(n=n, kind="paragraph", section=(section,), label=label, lang="zh",
                         text=f"p{n}")

    paras = (para(1, "一", "1"), para(2, "一", "2"), para(3, "二", "1"), para(4, "二", "2"),
             para(5, "三", None))
    doc = Document(id="d", title="d", path=Path("d"), paragraphs=paras)
    assert resolve_jump(doc, "1") == 1
    assert resolve_jump(doc, "1", current_n=4) == 3
    assert resolve_jump(doc, "2", current_n=1) == 2
    assert resolve_jump(doc, "2", current_n=5) == 4  # no label here: the nearest one
    assert resolve_jump(doc, "9", current_n=1) is None


def test_resolve_jump_prefers_body_text_over_a_footnote_with_the_same_label() -> None:
    doc = load_corpus().document("000_3f5ce4a327935987")
    footnote = next(p for p in doc.paragraphs if p.kind == "footnote" and p.label == "1")
    # from right beside footnote ¹, "#1" still means the paragraph/heading numbered 1
    target = resolve_jump(doc, "1", current_n=footnote.n)
    assert target is not None and doc.paragraph(target).kind != "footnote"


def test_a_word_written_with_a_homophone_finds_the_word(index: SearchIndex) -> None:
    # 煮 sounds like 主: 网络煮权 is not in the corpus, 网络主权 is
    assert "网络主权" in top(index, "网络煮权")


def test_a_phrase_the_corpus_holds_stops_the_homophone_scan_at_once() -> None:
    from igtui.search.query import MAX_PINYIN_HITS, QueryPlanner

    seen = {"网络主权": ["网络主权", *["网络煮权"] * (MAX_PINYIN_HITS - 1)],
            "网络住权": ["网络主权"] * MAX_PINYIN_HITS}
    consumed = 0

    def occurrences(pattern: str, limit: int) -> Iterator[str]:
        nonlocal consumed
        assert pattern == "wlzq" and limit == MAX_PINYIN_HITS
        for text in seen[run]:
            consumed += 1
            yield text

    readings = {"网": "wang", "络": "luo", "主": "zhu", "住": "zhu", "煮": "zhu", "权": "quan"}
    planner = QueryPlanner(query_freq={}, latin_vocab=[], frequency=lambda _: 0,
                           readings=readings, occurrences=occurrences)
    run = "网络主权"
    assert planner._homophones(run) == []
    assert consumed == 1  # not the thousands of sightings after it
    consumed, run = 0, "网络住权"
    assert planner._homophones(run) == []  # too many sightings to choose from: no guess
    assert consumed == MAX_PINYIN_HITS
