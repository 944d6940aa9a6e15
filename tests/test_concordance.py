"""Keyword in context: counts against an independent count, context widths, alignment, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from igtui.cli.main import main
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.reading.concordance import compare, concordance, head_cells, render_line, tail_cells
from support import SEEDS


def _raw_counts(corpus: Corpus, term: str) -> dict[str, int]:
    """Occurrences per document, counted straight from the readable paragraphs' text."""
    counts = {
        d.id: sum(p.text.lower().count(term.lower()) for p in d.paragraphs if p.readable)
        for d in corpus.documents
    }
    return {doc: n for doc, n in counts.items() if n}


@pytest.mark.parametrize("term", ["多边", "多利益相关方", "互联网治理"])
def test_counts_per_document(corpus: Corpus, term: str) -> None:
    result = concordance(corpus, term)
    expected = _raw_counts(corpus, term)
    assert expected  # the seeds do use these terms
    assert {g.doc_id: g.count for g in result.groups} == expected
    assert {g.doc_id: len(g.lines) for g in result.groups} == expected
    assert result.total == sum(expected.values())
    # groups follow the corpus order
    order = [d.id for d in corpus.documents]
    assert [g.doc_id for g in result.groups] == sorted(expected, key=order.index)


def _tiny_corpus() -> Corpus:
    texts = [
        ("paragraph", "坚持多边主义，推动多边\n合作。"),
        ("paragraph", "堅持多邊主義。"),
        ("boilerplate", "多边 多边 多边"),
    ]
    paragraphs = tuple(
        Paragraph(n=i, kind=kind, section=(), label=None, lang="zh", text=text)  # type: ignore[arg-type]
        for i, (kind, text) in enumerate(texts, start=1)
    )
    doc = Document(id="tiny", title="Tiny", path=Path("tiny.txt"), paragraphs=paragraphs)
    return Corpus(documents=(doc,))


def test_prefix_of_a_longer_word_counts() -> None:
    # a KWIC of the string: 多边 inside 多边主义 is an occurrence too; traditional text matches;
    # boilerplate does not count; context is flattened to one line
    result = concordance(_tiny_corpus(), "多边", width=6)
    lines = [x for g in result.groups for x in g.lines]
    assert [(x.n, x.left, x.match, x.right) for x in lines] == [
        (1, "坚持", "多边", "主义，"),
        (1, "，推动", "多边", " 合作"),
        (2, "堅持", "多邊", "主義。"),
    ]
    assert result.total == 3 and result.groups[0].title == "Tiny"


def test_lines_point_at_the_match(corpus: Corpus) -> None:
    width = 12
    for group in concordance(corpus, "互联网治理", width=width).groups:
        doc = corpus.document(group.doc_id)
        for x in group.lines:
            text = doc.paragraph(x.n).text
            assert text[x.start:x.start + len(x.match)] == x.match == "互联网治理"
            flat_before = re.sub(r"\s", " ", text[:x.start])
            flat_after = re.sub(r"\s", " ", text[x.start + len(x.match):])
            assert flat_before.endswith(x.left) and flat_after.startswith(x.right)
            assert cell_len(x.left) <= width and cell_len(x.right) <= width
            # as much context as fits: one more character would overflow (or there is none)
            if len(x.left) < len(flat_before):
                assert cell_len(flat_before[-len(x.left) - 1:]) > width
            assert "\n" not in x.left + x.right


def test_traditional_term_finds_simplified(corpus: Corpus) -> None:
    simplified = concordance(corpus, "多边")
    traditional = concordance(corpus, "多邊")
    assert traditional.total == simplified.total > 0
    assert {x.match for g in traditional.groups for x in g.lines} == {"多边"}


def test_latin_is_case_insensitive(corpus: Corpus) -> None:
    expected = _raw_counts(corpus, "icann")
    for term in ("ICANN", "icann", "IcAnN"):
        result = concordance(corpus, term, expand=False)
        assert {g.doc_id: g.count for g in result.groups} == expected


def test_synonyms_are_found_unless_literal(corpus: Corpus) -> None:
    expanded = concordance(corpus, "因特网")
    literal = concordance(corpus, "因特网", expand=False)
    assert {x.match for g in literal.groups for x in g.lines} == {"因特网"}
    assert {"因特网", "互联网"} <= {x.match for g in expanded.groups for x in g.lines}
    assert expanded.total > literal.total


def test_no_match_and_empty_term(corpus: Corpus) -> None:
    for term in ("没有这个词语", "   "):
        result = concordance(corpus, term)
        assert result.total == 0 and result.groups == ()


def test_boilerplate_is_skipped(corpus: Corpus) -> None:
    # "设为首页" appears only in a web page's navigation bar
    assert any("设为首页" in p.text for d in corpus.documents for p in d.paragraphs)
    assert concordance(corpus, "设为首页").total == 0


def test_compare(corpus: Corpus) -> None:
    table = compare(corpus, ["多边", "多利益相关方"])
    assert [row[0] for row in table.rows] == [d.id for d in corpus.documents]
    for j, term in enumerate(table.terms):
        expected = _raw_counts(corpus, term)
        assert {doc: counts[j] for doc, _title, counts in table.rows if counts[j]} == expected


def test_cells_helpers() -> None:
    assert head_cells("互联网abc", 5) == "互联"
    assert tail_cells("abc互联网", 5) == "联网"
    assert tail_cells("ab", 10) == "ab" and head_cells("", 3) == ""


def test_render_line_aligns_the_match(corpus: Corpus) -> None:
    width = 20
    lines = [x for g in concordance(corpus, "治理", width=width).groups for x in g.lines]
    columns = {cell_len(render_line(x, width).split("│")[0]) for x in lines}
    assert len(lines) > 10 and len(columns) == 1


def test_cli_human_output_is_aligned(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["concord", "多边", str(SEEDS), "--width", "14"]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = [line for line in out if "│" in line]
    assert len(rows) == concordance(load_corpus([SEEDS]), "多边").total
    assert len({cell_len(line.split("│")[0]) for line in rows}) == 1
    assert any(line.endswith("(5)") and "第三章" in line for line in out)


def test_cli_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["concord", "多利益相关方", str(SEEDS), "--json", "--width", "8"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"term", "total", "documents"}
    assert data["term"] == "多利益相关方"
    assert data["total"] == sum(d["count"] for d in data["documents"]) > 0
    for doc in data["documents"]:
        assert set(doc) == {"doc", "title", "count", "lines"}
        assert doc["count"] == len(doc["lines"])
        for line in doc["lines"]:
            # keys are only ever added: `locator` is the reader's name of paragraph `n`
            assert set(line) >= {"n", "left", "match", "right"}
            assert isinstance(line["n"], int) and line["match"] == "多利益相关方"
            assert cell_len(line["left"]) <= 8 and cell_len(line["right"]) <= 8


def test_cli_no_match(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["concord", "没有这个词语", str(SEEDS), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "term": "没有这个词语", "total": 0, "documents": [],
    }
    assert main(["concord", "没有这个词语", str(SEEDS)]) == 0
    assert "0 occurrences" in capsys.readouterr().out


def test_cli_rejects_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["concord", " ", str(SEEDS)]) == 2
    assert main(["concord", "x", str(SEEDS), "--width", "-1"]) == 2
    # used to build a hundred-million-space pad per line and exhaust memory
    assert main(["concord", "多边", str(SEEDS), "--width", "100000000"]) == 2
    assert "--width" in capsys.readouterr().err


def test_a_latin_term_is_matched_as_whole_words() -> None:
    """"digital divide" is not inside "digital dividends"; "ICANN" not inside "ICANNWiki"."""
    paragraphs = tuple(
        Paragraph(n=i, kind="paragraph", section=(), label=None, lang="en", text=text)
        for i, text in enumerate([
            "The digital divide persists, and digital dividends are unequal.",
            "ICANN and ICANNWiki differ; (ICANN) counts.",
        ], start=1)
    )
    doc = Document(id="en", title="En", path=Path("en.txt"), paragraphs=paragraphs)
    corpus = Corpus(documents=(doc,))
    assert concordance(corpus, "digital divide").total == 1
    assert [x.n for g in concordance(corpus, "icann").groups for x in g.lines] == [2, 2]
