"""The same hostile document, file names and note through every command and every screen
(issue 12): nothing a terminal would obey (ESC sequences that set the title or write the
clipboard, C1 controls, bidi overrides, zero-width characters) reaches it, no markup is read,
and `--json` stays exact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from igtui.app.main import make_app
from igtui.app.screens.bookmarks import BookmarksScreen
from igtui.app.screens.confirm import ConfirmScreen
from igtui.app.screens.note_editor import NoteEditorScreen
from igtui.app.screens.search import SearchScreen
from igtui.cli.main import main
from igtui.corpus.loading import load_corpus
from igtui.notes.store import NotesStore
from support import screen_lines

# C0 controls (but newline), DEL, C1, bidi controls, zero-width characters, tags, BOM
FORBIDDEN = {
    *map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0)), *map(chr, range(0x200B, 0x2010)),
    *map(chr, range(0x2028, 0x202F)), *map(chr, range(0x2060, 0x2070)), "\ufeff",
    *map(chr, range(0xE0000, 0xE0080)),
} - {"\n"}
# OSC 0 sets the window title, OSC 52 writes the clipboard, CSI recolours; 0x9b is an 8-bit CSI
ATTACK = (
    "\x1b]0;PWNED\x07\x1b]52;c;ZXZpbA==\x07\x1b[31m\x9b2J\u202e\u200b"
    "[@click=app.quit]q[/] [link=a:b]l[/link] [bold]b[/bold]"
)
FILLER = [
    "各国政府、私营部门、民间社会和国际组织应当在各自的作用范围内充分参与互联网治理。",
    "互联网的国际管理必须是多边的、透明的和民主的，并有各方的充分参与和贡献。",
    "发展中国家在获得信息通信技术方面面临的挑战需要国际社会进一步的合作与支持。",
    "根服务器系统和域名系统的稳定与安全对全球互联网的正常运行至关重要。",
    "The multistakeholder model brings governments, business and civil society together.",
]
NOTE = f"我的笔记 {ATTACK}\n第二行"
HOSTILE_NAME = "\x1b]0;pwned\x07报告"


def hostile_text() -> str:
    body = [f"第一章 总则{ATTACK}", f"1. 主权条款{ATTACK}{FILLER[0]}", *FILLER[1:],
            f"2. {FILLER[0]}{ATTACK}", *(f"{3 + i}. {t}" for i, t in enumerate(FILLER))]
    return f"治理报告{ATTACK}\n\n" + "\n\n".join(body) + "\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "evil.txt").write_text(hostile_text(), encoding="utf-8")
    (docs / f"{HOSTILE_NAME}.txt").write_text(hostile_text(), encoding="utf-8")
    for name in ("[@click=app.quit]x.txt", "[link=a:b]x.txt", "\x1b[31mred\x9b.txt"):
        (docs / name).write_bytes(b"\x00\x01 binary, skipped with its name in a message")
    return docs


def assert_safe(text: str, where: str) -> None:
    bad = FORBIDDEN & set(text)
    assert not bad, f"{where}: {sorted(hex(ord(c)) for c in bad)} reached the terminal"


def test_the_hostile_document_loads(folder: Path) -> None:
    corpus = load_corpus([folder])
    assert {d.id for d in corpus.documents} == {"evil", HOSTILE_NAME}
    assert len(corpus.errors) == 3
    assert any(ATTACK in p.text for p in corpus.document("evil").paragraphs)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert_safe(out.removeprefix("\ufeff"), f"stdout of igtui {' '.join(argv)!r}")
    assert_safe(err, f"stderr of igtui {' '.join(argv)!r}")
    return code, out, err


def test_every_command(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(folder)
    assert cli(capsys, "outline", path)[0] == 0
    assert cli(capsys, "outline", path, "--json")[0] == 0
    for doc in ("evil", HOSTILE_NAME):
        code, out, _ = cli(capsys, "cat", doc, path)
        assert code == 0 and "[bold]b[/bold]" in out and "␛]0;PWNED␇" in out
    assert cli(capsys, "search", "根服务器", path)[0] == 0
    code, out, _ = cli(capsys, "search", "民间社会", path, "--json")
    assert code == 0 and any(ATTACK in hit["text"] for hit in json.loads(out))  # exact
    assert cli(capsys, "search", "#2", path)[0] == 0
    assert cli(capsys, "concord", "主权", path)[0] == 0
    assert cli(capsys, "concord", "主权", path, "--json")[0] == 0
    code, out, _ = cli(capsys, "notes", "add", HOSTILE_NAME, "2", path, "--note", NOTE)
    assert code == 0
    bookmark_id = out.strip()
    cli(capsys, "notes", "add", "evil", "@8", path, "--note", NOTE)
    cli(capsys, "notes", "add", "evil", "@8", path, "--note", "more")  # says it appended
    assert cli(capsys, "notes", "list", path)[0] == 0
    code, out, _ = cli(capsys, "notes", "list", path, "--json")
    assert NOTE in {r["note"] for r in json.loads(out)}  # JSON stays exact
    for fmt in ("md", "csv", "json"):
        assert cli(capsys, "export", "--format", fmt, path)[0] == 0
        # (a CSV piped to a file starts with the BOM that tells Excel it is UTF-8)
    code, out, _ = cli(capsys, "export", "--format", "json", path)
    assert NOTE in {r["note"] for r in json.loads(out)["bookmarks"]}
    exported = folder.parent / f"{HOSTILE_NAME}.json"
    assert cli(capsys, "export", "--format", "json", "-o", str(exported), path)[0] == 0
    assert cli(capsys, "notes", "import", str(exported))[0] == 0
    assert cli(capsys, "notes", "rm", bookmark_id)[0] == 0
    # errors quote what was typed: a file name, a document id
    assert cli(capsys, "cat", "\x1b]0;x\x07", path)[0] == 2
    assert cli(capsys, "notes", "import", str(folder / "\x1b]52;c;eA==\x07.json"))[0] == 2
    assert cli(capsys, "outline", str(folder / "\x9bmissing"))[0] == 2
    assert cli(capsys, "export", "-o", str(exported), path)[0] == 2
    # argparse's own error: one line, made safe like every other
    assert cli(capsys, "notes", "\x1b]0;x\x07")[0] == 2


SIZE = (110, 34)


async def settle(pilot: Pilot[Any]) -> None:
    """Let the notes jobs land and their screens mount (not the search index's warm-up)."""
    for _ in range(3):
        notes = [w for w in pilot.app.workers if w.group in ("notes", "export")]
        await pilot.app.workers.wait_for_complete(notes)
        await pilot.pause()


def shown(app: Any, where: str) -> str:
    text = "\n".join(screen_lines(app))
    assert_safe(text, where)
    assert app.is_running, f"{where}: the app quit ([@click=app.quit] acted?)"
    return text


async def test_every_screen(folder: Path) -> None:
    corpus = load_corpus([folder])
    doc = corpus.document("evil")
    NotesStore().add(doc, 8, NOTE)
    app = make_app(corpus=corpus)  # `[link=a:b]x.txt` used to crash the start
    # toasts and tooltips are off in tests unless asked for: they are where names and titles go
    async with app.run_test(size=SIZE, notifications=True, tooltips=True) as pilot:
        await settle(pilot)
        text = shown(app, "start: skipped-file toasts, tree, pane, breadcrumb")
        assert "[@click=app.quit]x.txt" in text.replace("\n", "")  # a name, as it is
        app.reader.jump("evil", 2)
        await settle(pilot)
        assert "[bold]b[/bold]" in shown(app, "the pane")
        await pilot.press("b")  # the toast names the document title
        await settle(pilot)
        shown(app, "bookmark toast")
        await pilot.press("N")
        await pilot.pause()
        shown(app, "notes shown in the pane")
        app.reader.jump("evil", 8)
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        shown(app, "note editor")
        app.screen.text_area.insert(ATTACK)
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown(app, "note saved toast")
        await pilot.press("b")  # a note: asks, quoting it
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        shown(app, "confirm dialog")
        await pilot.press("y")
        await settle(pilot)
        shown(app, "removed toast")
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        shown(app, "bookmarks list")
        await pilot.press("d")
        await pilot.pause()
        shown(app, "delete question")
        await pilot.press("n", "escape")
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"#2")
        await settle(pilot)
        shown(app, "search jump")
        await pilot.press("escape", "c")
        await settle(pilot)
        app.screen.query_one("Input").value = "主权"
        await settle(pilot)
        shown(app, "concordance")
        await pilot.press("escape", "f", "enter")
        await settle(pilot)
        shown(app, "footnotes, links")
        await pilot.press("escape", "e")
        await settle(pilot)
        shown(app, "export dialog")
        await pilot.press("escape", "ctrl+p")
        await settle(pilot)
        await pilot.press(*"治理")
        await settle(pilot)
        shown(app, "command palette")
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        shown(app, "help")
        await pilot.press("escape", "right_curly_bracket")
        await settle(pilot)
        shown(app, "the document with a hostile file name")
