"""Pilot tests of the reader: every binding, the tree, focus, resume, sizes, literal text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Tree

from igtui.app.app import IgtuiApp
from igtui.app.bindings import EXTRA, HELP_SECTIONS, READER, key_label
from igtui.app.main import make_app
from igtui.app.screens.help import HelpScreen, help_content
from igtui.app.screens.reader import ReaderScreen
from igtui.app.widgets.doctree import Target
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus, Document, Paragraph
from igtui.reading.navigation import DocIndex
from igtui.reading.pane_layout import split_label
from igtui.storage import data_dir
from support import SEEDS, pane_text, screen_text

SIZE = (100, 30)
FILLER = "This sentence pads the paragraph so that it wraps over a few lines. " * 3


def _doc(doc_id: str, title: str, specs: list[tuple[str, str, int, tuple[str, ...]]]) -> Document:
    """specs: (kind, text, heading level, section) in order; numbered ones get labels."""
    paragraphs = []
    label = 0
    for n, (kind, text, level, section) in enumerate(specs, 1):
        if kind == "paragraph":
            label += 1
        paragraphs.append(
            Paragraph(
                n=n, kind=kind, section=section, lang="en", text=text, level=level,
                label=str(label) if kind == "paragraph" else ("a" if kind == "footnote" else None),
            )
        )
    return Document(id=doc_id, title=title, path=Path(f"/x/{doc_id}.txt"),
                    paragraphs=tuple(paragraphs))


def sample_corpus() -> Corpus:
    intro, details, end = ("Introduction",), ("Introduction", "Details"), ("Conclusion",)
    alpha = [
        ("boilerplate", "PAGE HEADER hidden", 0, ()),
        ("heading", "Introduction", 1, intro),
        ("paragraph", "alpha-one opening words. " + FILLER, 0, intro),
        ("paragraph", "alpha-two second words. " + FILLER, 0, intro),
        ("heading", "Details", 2, details),
        *[("paragraph", f"detail-{i} text. " + FILLER, 0, details) for i in range(20)],
        ("footnote", "footnote-text set apart", 0, details),
        ("heading", "Conclusion", 1, end),
        ("paragraph", "alpha-last closing words.", 0, end),
        ("boilerplate", "PAGE FOOTER hidden", 0, ()),
    ]
    beta = [("heading", "Beta start", 1, ("Beta start",)),
            ("paragraph", "beta-one text.", 0, ("Beta start",))]
    hollow = [("boilerplate", "only boilerplate", 0, ())]
    gamma = [("paragraph", "gamma-one text.", 0, ()), ("paragraph", "gamma-two text.", 0, ())]
    docs = (
        _doc("alpha", "Alpha report", alpha),
        _doc("beta", "Beta notes", beta),
        _doc("hollow", "Hollow", hollow),
        _doc("gamma", "Gamma", gamma),
    )
    return Corpus(documents=docs, key="sample-corpus")


def n_of(corpus: Corpus, doc_id: str, fragment: str) -> int:
    return next(p.n for p in corpus.document(doc_id).paragraphs if fragment in p.text)


def app_for(corpus: Corpus | None = None) -> IgtuiApp:
    return make_app(corpus=corpus or sample_corpus())


def position(app: IgtuiApp) -> tuple[str, int]:
    return app.reader.doc_id, app.reader.n


def tree_row(app: IgtuiApp, label: str) -> str:
    """The tree's row showing `label` as drawn now."""
    tree = app.reader.doc_tree
    rows = [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]
    return next(row for row in rows if label in row)


@pytest.fixture
def corpus() -> Corpus:
    return sample_corpus()


async def test_starts_on_the_first_readable_paragraph(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE):
        assert position(app) == ("alpha", n_of(corpus, "alpha", "Introduction"))
        assert app.focused is app.reader.pane
        assert "PAGE HEADER" not in pane_text(app.reader.pane)


@pytest.mark.parametrize(("forward", "back"), [("j", "k"), ("down", "up")])
async def test_next_and_previous_paragraph(corpus: Corpus, forward: str, back: str) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(forward, forward)
        assert position(app) == ("alpha", n_of(corpus, "alpha", "alpha-two"))
        await pilot.press(back, back)
        assert position(app) == ("alpha", n_of(corpus, "alpha", "Introduction"))
        await pilot.press(back)  # already at the start: stays
        assert position(app) == ("alpha", n_of(corpus, "alpha", "Introduction"))


@pytest.mark.parametrize(("down", "up"), [("space", "shift+space"), ("pagedown", "pageup")])
async def test_page_down_and_up(corpus: Corpus, down: str, up: str) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        start = position(app)[1]
        await pilot.press(down)
        paged = position(app)[1]
        assert paged > start + 3  # a page holds several paragraphs
        assert app.reader.pane.is_visible(paged)
        assert not app.reader.pane.is_visible(start)
        await pilot.press(up)
        assert position(app)[1] < paged
        assert app.reader.pane.is_visible(position(app)[1])


@pytest.mark.parametrize(("first", "last"), [("g", "G"), ("home", "end")])
async def test_start_and_end_of_document(corpus: Corpus, first: str, last: str) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(last)
        assert position(app) == ("alpha", n_of(corpus, "alpha", "alpha-last"))
        assert app.reader.pane.is_visible(position(app)[1])
        assert "alpha-last" in pane_text(app.reader.pane)
        await pilot.press(first)
        assert position(app) == ("alpha", n_of(corpus, "alpha", "Introduction"))


async def test_sections_and_the_tree_following(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        tree = app.reader.doc_tree
        details = n_of(corpus, "alpha", "Details")
        await pilot.press("right_square_bracket")
        assert position(app) == ("alpha", details)
        assert tree.cursor_node is not None
        assert tree.cursor_node.data == Target("alpha", details)
        # inside a section, the tree keeps pointing at its heading
        await pilot.press("j", "j")
        assert tree.cursor_node.data == Target("alpha", details)
        assert "Alpha report › Introduction › Details" in app.reader.status.plain
        await pilot.press("right_square_bracket")
        conclusion = n_of(corpus, "alpha", "Conclusion")
        assert position(app) == ("alpha", conclusion)
        assert tree.cursor_node.data == Target("alpha", conclusion)
        await pilot.press("right_square_bracket")  # no further section: stays
        assert position(app) == ("alpha", conclusion)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert position(app) == ("alpha", n_of(corpus, "alpha", "Introduction"))


async def test_next_and_previous_document_skip_empty_ones(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_curly_bracket")
        assert position(app) == ("beta", 1)
        assert app.reader.doc_tree.cursor_node.data == Target("beta", 1)
        await pilot.press("right_curly_bracket")
        assert position(app) == ("gamma", 1)
        # a document node without headings is the node followed
        assert app.reader.doc_tree.cursor_node.data == Target("gamma", 0)
        await pilot.press("left_curly_bracket")
        assert position(app)[0] == "beta"


async def test_tab_switches_focus_and_enter_opens_a_tree_node(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        await pilot.press("tab")
        assert app.focused is reader.doc_tree
        await pilot.press("down")  # the tree's own cursor, not the reading position
        assert position(app) == ("alpha", n_of(corpus, "alpha", "Introduction"))
        target = reader.doc_tree.cursor_node.data
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == (target.doc_id, target.n)
        await pilot.press("tab")
        assert app.focused is reader.pane


async def test_clicking_a_tree_node_and_a_paragraph(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        _ = reader.doc_tree.last_line
        beta_line = reader.doc_tree.document_node("beta").line
        assert beta_line >= 0
        await pilot.click("#tree", offset=(4, beta_line))
        await pilot.pause()
        assert position(app) == ("beta", 1)
        layout = reader.pane.rows
        row = next(i for i, line in enumerate(layout.lines) if line.text.startswith("beta-one"))
        await pilot.click("#pane", offset=(10, row - round(reader.pane.scroll_y)))
        await pilot.pause()
        assert position(app) == ("beta", n_of(corpus, "beta", "beta-one"))


async def test_scrolling_with_the_wheel_then_j_continues_from_the_view(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.reader.pane
        # what the mouse wheel does: scroll the view, not the reading position
        pane.scroll_relative(y=40, animate=False, immediate=True)
        await pilot.pause()
        assert not pane.is_visible(position(app)[1])
        await pilot.press("j")
        assert pane.is_visible(position(app)[1])


async def test_help_lists_every_binding_and_closes() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Reading" in screen_text(app)
        console = Console(width=200, record=True)
        console.print(help_content())
        shown = console.export_text()
        # every key of every screen's table, with what it does
        for _title, keys in HELP_SECTIONS:
            for key in keys:
                assert key_label(key) in shown and key.does in shown, key
        for keys, _does in EXTRA:
            assert keys in shown
        # and the reader's real bindings are exactly the table's
        assert [b.key for b in ReaderScreen.BINDINGS] == [k.keys for k in READER if k.bound]
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_q_quits_and_saves_the_position(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "q")
        await pilot.pause()
        assert not app.is_running
    saved = json.loads((data_dir() / "state.json").read_text(encoding="utf-8"))
    assert saved["positions"]["sample-corpus"] == {
        "doc": "alpha", "n": n_of(corpus, "alpha", "alpha-two")}


async def test_resume_where_you_left_off_on_the_seeds() -> None:
    corpus = load_corpus([SEEDS])
    app = make_app([SEEDS])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_curly_bracket", "j", "j", "j", "q")
        left_at = position(app)
    assert left_at[0] == corpus.documents[1].id
    again = make_app([SEEDS])
    async with again.run_test(size=SIZE):
        assert position(again) == left_at
        assert again.reader.pane.is_visible(left_at[1])


async def test_resume_a_position_that_no_longer_exists(corpus: Corpus) -> None:
    state = {"version": 1, "positions": {"sample-corpus": {"doc": "gone", "n": 4}}}
    (data_dir()).mkdir(parents=True)
    (data_dir() / "state.json").write_text(json.dumps(state), encoding="utf-8")
    app = app_for(corpus)
    async with app.run_test(size=SIZE):
        assert position(app) == ("alpha", n_of(corpus, "alpha", "Introduction"))


async def test_resume_on_a_hidden_paragraph_lands_on_a_readable_one(corpus: Corpus) -> None:
    state = {"version": 1, "positions": {"sample-corpus": {"doc": "alpha", "n": 1}}}
    data_dir().mkdir(parents=True)
    (data_dir() / "state.json").write_text(json.dumps(state), encoding="utf-8")
    app = app_for(corpus)
    async with app.run_test(size=SIZE):
        assert position(app) == ("alpha", n_of(corpus, "alpha", "Introduction"))


async def test_corrupted_state_file_does_not_stop_the_app(corpus: Corpus) -> None:
    data_dir().mkdir(parents=True)
    (data_dir() / "state.json").write_bytes(b"\x00{{{ not json")
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "q")
    saved = json.loads((data_dir() / "state.json").read_text(encoding="utf-8"))
    assert saved["positions"]["sample-corpus"]["doc"] == "alpha"


async def test_unwritable_state_is_reported_not_fatal(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("IGTUI_DATA_DIR", str(blocker / "sub"))
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        app.save_state()
        await pilot.pause()
        assert any("Could not save" in str(n.message) for n in app._notifications)
        await pilot.press("j")
        assert position(app)[1] > 2


async def test_theme_switch_is_remembered(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("q")
    again = app_for(corpus)
    async with again.run_test(size=SIZE):
        assert again.theme == "textual-light"


async def test_command_palette_goes_to_a_document_and_a_section(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"gamm")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == ("gamma", 1)
        await pilot.press("ctrl+p")
        await pilot.press(*"conclu")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert position(app) == ("alpha", n_of(corpus, "alpha", "Conclusion"))


async def test_smallest_supported_terminal(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=(40, 12)) as pilot:
        reader = app.reader
        assert not reader.has_class("-too-small")
        assert reader.pane.size.width >= 20
        await pilot.press("G")
        assert "alpha-last" in pane_text(reader.pane)
        assert reader.pane.is_visible(position(app)[1])


async def test_too_small_terminal_says_so_and_recovers(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=(39, 11)) as pilot:
        reader = app.reader
        assert reader.has_class("-too-small")
        assert reader.query_one("#too-small").display
        assert "too small" in str(reader.query_one("#too-small").render())
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert not reader.has_class("-too-small")
        assert not reader.query_one("#too-small").display


async def test_markup_and_escapes_in_a_document_are_shown_literally(tmp_path: Path) -> None:
    doc = tmp_path / "tricky.txt"
    doc.write_text("Plain start.\n\nMarkup [bold]x[/] and escape \x1b[31mred here.\n",
                   encoding="utf-8")
    app = make_app([doc])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        shown = pane_text(app.reader.pane)
        assert "[bold]x[/]" in shown
        assert "␛[31mred" in shown
        assert "\x1b" not in shown
        pane = app.reader.pane
        row = next(y for y in range(pane.size.height) if "[bold]" in pane.render_line(y).text)
        styles = [seg.style for seg in pane.render_line(row) if "x[/]" in seg.text]
        assert styles and not any(style and style.bold for style in styles)


async def test_chinese_text_never_overflows_the_pane() -> None:
    app = make_app([SEEDS])
    async with app.run_test(size=(57, 20)) as pilot:
        pane = app.reader.pane
        for _ in range(5):
            await pilot.press("space")
            for y in range(pane.size.height):
                assert pane.render_line(y).cell_length == pane.scrollable_content_region.width


async def test_tree_lists_documents_by_title_and_nests_headings(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE):
        tree: Tree[Target] = app.reader.doc_tree
        titles = [str(node.label) for node in tree.root.children]
        assert titles == ["Alpha report", "Beta notes", "Gamma"]
        intro = tree.node_for("alpha", n_of(corpus, "alpha", "Introduction"))
        assert [str(c.label) for c in intro.children] == ["Details"]


@pytest.mark.parametrize(
    ("kind", "label", "text", "gutter", "body"),
    [
        ("paragraph", "39", "39. 我们重申原则", "¶39", "我们重申原则"),
        ("list_item", "a", "- a) 就涉及互联网", "a)", "就涉及互联网"),
        ("list_item", "iii", "(iii) the third", "(iii)", "the third"),
        ("list_item", None, "- a bullet", "•", "a bullet"),
        ("footnote", "2", "2 WGIG 报告", "[2]", "WGIG 报告"),
        ("heading", "1", "1. 引言", "", "1. 引言"),
        # a number that merely starts the text is not the label's delimiter
        ("paragraph", "39", "3900 people came", "¶39", "3900 people came"),
        ("paragraph", "61", "[61. 草案]", "¶61", "[61. 草案]"),
        # full-width brackets fit as narrow ones; a label still too wide is cut by cells
        ("list_item", "一", "（一）遵守宪法", "(一)", "遵守宪法"),
        ("list_item", "十一", "（十一）其他", "十一)", "其他"),
        ("list_item", "二十一", "（二十一）其他", "二十…", "其他"),
        ("paragraph", "第37条", "第三十七条　国家", "37条", "第三十七条　国家"),
        ("list_item", "b", "b. Ensure that", "b.", "Ensure that"),  # not a stray "b"
        ("list_item", "g", "- [g) 鼓励相关各方]", "[g)", "鼓励相关各方]"),
    ],
)
def test_the_label_moves_into_the_gutter(
    kind: str, label: str | None, text: str, gutter: str, body: str
) -> None:
    paragraph = Paragraph(n=1, kind=kind, section=(), label=label, lang="zh", text=text)
    assert split_label(paragraph) == (gutter, body)


async def test_a_heading_and_its_translation_are_one_section_in_the_tree() -> None:
    """A bilingual file string by string: "Principle 1" then "准则 1" is one node named in
    both languages, not a section and an empty twin; a translated heading that comes after
    text (block after block) stays its own section."""
    specs = [
        ("heading", "Principle 1", "en", 2), ("heading", "准则 1", "zh", 1),
        ("paragraph", "The internet is an integral part of modern life.", "en", 4),
        ("paragraph", "互联网是现代生活不可分割的一部分。", "zh", 3),
        ("heading", "Principle 2", "en", None),
        ("paragraph", "The internet is a global public resource.", "en", None),
        ("heading", "准则 2", "zh", 5),
        ("paragraph", "互联网是一种全球公共资源。", "zh", None),
    ]
    doc = Document("pm", "Manifesto", Path("pm.lang"), tuple(
        Paragraph(n=n, kind=kind, section=(), label=None, lang=lang, text=text, level=1,
                  pair=pair)
        for n, (kind, text, lang, pair) in enumerate(specs, 1)
    ))
    app = make_app(corpus=Corpus(documents=(doc,)))
    async with app.run_test(size=SIZE):
        tree: Tree[Target] = app.reader.doc_tree
        assert tree.node_for("pm", 2) is tree.node_for("pm", 1)  # adds the sections
        (node,) = tree.root.children
        assert [str(c.label) for c in node.children] == [
            "Principle 1 · 准则 1", "Principle 2", "准则 2"
        ]


async def test_wide_gutter_labels_cost_no_text() -> None:
    """A label with wide characters (37条, (一)) takes the gutter's cells, no more: every
    character of the paragraph reaches the screen."""
    law = Document("law", "某法", Path("law.txt"), tuple(
        Paragraph(n=i, kind=kind, section=(), label=label, lang="zh", text=text)
        for i, (kind, label, text) in enumerate([
            ("paragraph", "第1条", "第一条　" + "为了维护国家安全，保卫人民民主专政的政权。" * 6),
            ("list_item", "一", "（一）" + "放任、唆使未成年人吸烟、饮酒、赌博、流浪乞讨。" * 5),
        ], 1)
    ))
    app = make_app(corpus=Corpus(documents=(law,)))
    async with app.run_test(size=(80, 24)):
        # the rows joined, without the gutter's current-paragraph marker
        shown = "".join(line.strip() for line in pane_text(app.reader.pane).splitlines())
        shown = shown.replace("▌", "")
        for p in law.paragraphs:
            body = split_label(p)[1]
            assert body.replace("　", "") in shown.replace("　", "").replace(" ", "")


async def test_bookmark_marks_show_in_the_gutter_and_the_tree(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        marked = n_of(corpus, "alpha", "alpha-two")
        reader.marks_for = lambda doc_id: frozenset({marked}) if doc_id == "alpha" else frozenset()
        reader.refresh_marks()
        await pilot.pause()
        rows = pane_text(reader.pane).splitlines()
        assert any("◆" in row and "alpha-two" in row for row in rows)
        assert not any("◆" in row and "alpha-one" in row for row in rows)
        tree = reader.doc_tree
        intro = tree.node_for("alpha", marked)
        assert tree.has_mark(intro)
        assert tree.has_mark(tree.document_node("alpha"))
        assert not tree.has_mark(tree.document_node("beta"))
        assert tree_row(app, "Alpha report").endswith("◆")
        reader.marks_for = lambda doc_id: frozenset()
        reader.refresh_marks("alpha")
        await pilot.pause()
        assert "◆" not in pane_text(reader.pane)
        assert not tree.has_mark(tree.document_node("alpha"))
        assert "◆" not in tree_row(app, "Alpha report")


def test_doc_index_moves_over_readable_paragraphs_only(corpus: Corpus) -> None:
    index = DocIndex.of(corpus.document("alpha"))
    hidden_first, hidden_last = 1, len(corpus.document("alpha").paragraphs)
    assert hidden_first not in index.readable
    assert hidden_last not in index.readable
    assert index.nearest(hidden_first) == index.first
    assert index.nearest(hidden_last) == index.last
    assert index.step(hidden_first, 1) == index.first
    assert index.step(index.first, -1) == index.first
    assert index.step(index.last, 5) == index.last
    details = n_of(corpus, "alpha", "Details")
    assert index.heading_of(details + 3) == details
    assert index.prev_heading(details) == n_of(corpus, "alpha", "Introduction")
    assert index.next_heading(index.last) is None


async def test_an_empty_corpus_says_so_and_keys_do_nothing(tmp_path: Path) -> None:
    app = make_app([tmp_path])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "k", "space", "shift+space", "G", "g", "right_square_bracket",
                          "left_square_bracket", "right_curly_bracket", "left_curly_bracket")
        assert position(app) == ("", 0)
        assert "No documents" in app.reader.status.plain


async def test_a_search_jump_highlights_the_match(corpus: Corpus) -> None:
    app = app_for(corpus)
    async with app.run_test(size=SIZE) as pilot:
        reader = app.reader
        target = n_of(corpus, "alpha", "detail-7 ")
        reader.goto("alpha", target, highlight=["PADS"])
        await pilot.pause()
        pane = reader.pane
        start, end = pane.rows.spans[target]
        top = round(pane.scroll_y)
        rows = [pane.render_line(row - top) for row in range(start, end)]
        matched = [seg for strip in rows for seg in strip if seg.text.lower() == "pads"]
        assert matched and all(seg.style and seg.style.bold for seg in matched)
        # other paragraphs showing the same word are not highlighted
        other = pane.rows.spans[reader.nav.index("alpha").step(target, 1)]
        strip = pane.render_line(other[0] - top)
        assert not any(seg.text == "pads" and seg.style and seg.style.bold for seg in strip)
