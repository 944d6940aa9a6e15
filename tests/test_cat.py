"""`igtui cat`: a document's clean text, wrapped like the reader's pane."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from igtui.cli.cat import render
from igtui.cli.main import main
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Document, Kind, Paragraph


def _squash(text: str) -> str:
    return "".join(text.split())


def _cat(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["cat", *args]) == 0
    return capsys.readouterr().out


def test_every_seed_fits_40_cells_and_keeps_its_readable_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for doc in load_corpus().documents:
        out = _cat(capsys, doc.id, "--width", "40")
        lines = out.splitlines()
        assert lines and all(cell_len(line) <= 40 for line in lines), doc.id
        assert all(line == line.rstrip() for line in lines)
        squashed = _squash(out)
        for p in doc.paragraphs:
            if p.readable:
                assert _squash(p.text) in squashed, (doc.id, p.n)


def test_seed_boilerplate_is_left_out(capsys: pytest.CaptureFixture[str]) -> None:
    for doc in load_corpus().documents:
        readable = _squash("".join(p.text for p in doc.paragraphs if p.readable))
        squashed = _squash(_cat(capsys, doc.id, "--width", "40"))
        for p in doc.paragraphs:
            if not p.readable and _squash(p.text) not in readable:
                assert _squash(p.text) not in squashed, (doc.id, p.n)


def _doc() -> Document:
    def para(n: int, kind: Kind, text: str, label: str | None = None, level: int = 0) -> Paragraph:
        return Paragraph(n=n, kind=kind, section=(), label=label, lang="zh", text=text, level=level)

    return Document(id="d", title="互联网治理文件", path=Path("d.txt"), paragraphs=(
        para(1, "boilerplate", "设为首页 加入收藏 联系我们"),
        para(2, "heading", "第一章 引言", level=1),
        para(3, "paragraph", "39. 我们重申互联网治理工作组（WGIG）的原则，即互联网已发展成为"
             "面向公众的全球性设施。", label="39."),
        para(4, "list_item", "就涉及互联网的公共政策问题的决策权属国家主权。", label="a)"),
        para(5, "list_item", "- b) 私营部门应继续在互联网的发展方面发挥重要作用。", label="b"),
        para(6, "footnote", "见 https://www.itu.int/net/wsis/docs2/tunis/off/6rev1.html 全文。",
             label="1"),
        para(7, "footnote", "² 另见第45段。", label="2"),
        para(8, "boilerplate", "版权所有 © 2016"),
    ))


def test_render_sets_out_each_kind() -> None:
    lines = list(render(_doc(), 30))
    text = "\n".join(lines)
    assert lines[:2] == ["互联网治理文件", "=" * 14]
    assert "设为首页" not in text and "版权所有" not in text
    assert "第一章 引言\n===========" in text
    # the label already leads paragraph 3: not doubled
    assert text.count("39.") == 1 and lines[lines.index("第一章 引言") + 3].startswith("39. ")
    # a list item's label hangs in a gutter
    item = next(i for i, line in enumerate(lines) if line.startswith("a) "))
    assert lines[item + 1].startswith("   ") and lines[item + 1].strip()
    # footnotes: below a rule, indented
    rule = next(i for i, line in enumerate(lines) if line.strip().startswith("---"))
    assert all(line.startswith("    ") for line in lines[rule + 1:] if line)
    assert lines[rule + 1].startswith("    1 见")
    assert all(cell_len(line) <= 30 for line in lines)
    # labels the text already carries, however written, are not repeated
    assert "    ² 另见第45段。" in lines
    # a list item's own marker hangs
    item = lines.index("- b) 私营部门应继续在互联网的")
    assert lines[item + 1] == "  发展方面发挥重要作用。"
    # paragraphs are separated by exactly one blank line
    assert "\n\n\n" not in text and text.count("\n\n") == 6


def test_doc_by_prefix_and_by_number_match_the_id(capsys: pytest.CaptureFixture[str]) -> None:
    first = load_corpus().documents[0].id
    by_id = _cat(capsys, first, "--width", "50")
    assert _cat(capsys, first[:5], "--width", "50") == by_id
    assert _cat(capsys, "1", "--width", "50") == by_id


def test_default_width_is_the_terminals(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    lines = _cat(capsys, "1").splitlines()
    assert all(cell_len(line) <= 30 for line in lines)
    assert any(cell_len(line) >= 28 for line in lines)


def test_unknown_doc_is_a_one_line_error_listing_the_ids(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["cat", "no-such-doc"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no-such-doc" in err
    for doc in load_corpus().documents:
        assert doc.id in err


def test_bad_width_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cat", "1", "--width", "0"]) == 2
    assert "--width" in capsys.readouterr().err


def test_markup_and_escapes_are_printed_literally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "odd.txt").write_text(
        "这一段文字包含 [bold]x[/] 以及一个转义序列 \x1b[31m 红色的字。\n", encoding="utf-8")
    out = _cat(capsys, "odd", str(tmp_path), "--width", "60")
    assert "[bold]x[/]" in out
    assert "\x1b" not in out and "\u241b[31m" in out


def test_a_law_prints_its_title_and_article_numbers_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    law = tmp_path / "law.md"
    law.write_text(
        "# 某某安全法\n\n## 第一章　总则\n\n"
        "第一条　为了维护国家安全，保卫人民的根本利益，制定本法。\n\n"
        "第二条　国家安全工作应当坚持总体国家安全观。\n",
        encoding="utf-8",
    )
    out = _cat(capsys, "law", str(law), "--width", "60")
    assert out.count("某某安全法") == 1
    assert "第一条　为了维护" in out and "第1条" not in out
