"""Every key of every screen, declared once.

Each screen's `BINDINGS` is built from its table here; the footer shows the `label`s of the
keys marked `footer`; the `?` help screen lists every table; the command palette offers the
reader's keys marked `palette`; and a test checks README's key table against `readme_rows`.
Adding a key means adding one `Key` here (and the action on its screen).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Key:
    """One binding: Textual key names (comma-separated), the action, a footer label, and what
    it does in words (help screen, palette, README)."""

    keys: str
    action: str
    label: str
    does: str
    footer: bool = False
    # offered in the command palette (reader keys only)
    palette: bool = True
    # before the focused widget sees the key (an Input would take ctrl+d or the arrows)
    priority: bool = False
    # how README and the help spell the keys, when the key names alone would mislead
    shown: str | None = None
    # False: a widget of the screen handles the key itself (enter on a list); listed only
    bound: bool = True


# how keys are spelled for people, for the names Textual gives them
KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "question_mark": "?",
    "slash": "/",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "shift+space": "Shift+Space",
    "space": "Space",
    "down": "↓",
    "up": "↑",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
    "enter": "Enter",
    "escape": "Esc",
    "ctrl+o": "Ctrl+O",
    "ctrl+i": "Ctrl+I",
    "ctrl+n": "Ctrl+N",
    "ctrl+d": "Ctrl+D",
    "ctrl+s": "Ctrl+S",
    "ctrl+p": "Ctrl+P",
    "full_stop": ".",
    "comma": ",",
    "minus": "-",
    "plus": "+",
    "equals_sign": "=",
    "less_than_sign": "<",
    "greater_than_sign": ">",
}

READER: tuple[Key, ...] = (
    Key("j,down", "next_paragraph", "Next", "next paragraph", footer=True, palette=False),
    Key("k,up", "prev_paragraph", "Prev", "previous paragraph", footer=True, palette=False),
    Key("space,pagedown", "page_down", "Page↓", "a page down", footer=True, palette=False),
    Key("shift+space,pageup", "page_up", "Page↑", "a page up", palette=False),
    Key("g,home", "first_paragraph", "Start", "start of the document"),
    Key("G,end", "last_paragraph", "End", "end of the document"),
    Key("left_square_bracket", "prev_section", "Prev section", "previous section"),
    Key("right_square_bracket", "next_section", "Next section", "next section"),
    Key("left_curly_bracket", "prev_document", "Prev document", "previous document"),
    Key("right_curly_bracket", "next_document", "Next document", "next document"),
    Key("tab", "switch_focus", "Tree/Pane", "switch focus between the tree and the pane",
        palette=False),
    Key("slash", "search", "Search",
        "search as you type: words, pinyin, a phrase; #45, 第45段, 第37条 or @12 jumps to a "
        "paragraph",
        footer=True),
    Key("b", "toggle_bookmark", "Bookmark",
        "bookmark this paragraph (◆ in the gutter and the tree, ✎ with a note), or remove the "
        "bookmark (asks first if it has a note)",
        footer=True),
    Key("n", "note", "Note", "write a note on this paragraph (it bookmarks the paragraph too)"),
    Key("N", "toggle_notes", "Show notes", "show every note in full under its paragraph, or hide"
        " them"),
    Key("u", "undo", "Undo", "undo: bring back the bookmark (and its note) removed last"),
    Key("B", "bookmarks", "Bookmarks", "list bookmarks and notes"),
    Key("e", "export", "Export", "export bookmarks and notes"),
    Key("y", "cite", "Cite", "copy this paragraph (and its translation) with a citation"),
    Key("ctrl+o", "jump_back", "Back",
        "back to where the last jump (search, link, tree, g, G …) started"),
    # a terminal sends Tab for ctrl+i (Tab keeps switching focus): ctrl+n works everywhere
    Key("ctrl+i,ctrl+n", "jump_forward", "Forward",
        "forward again (terminals send Ctrl+I as Tab: Ctrl+N works everywhere)",
        shown="Ctrl+N / Ctrl+I"),
    Key("enter", "links", "Links",
        "the paragraph's references (第45段, 第三章第五节, footnote markers): follow one",
        palette=False),
    Key("f", "footnotes", "Footnotes", "this paragraph's footnotes"),
    Key("c", "concordance", "Concordance",
        "concordance: every use of a word across the documents, aligned"),
    Key("t", "toggle_parallel", "Parallel",
        "parallel view: Chinese left, English right, pair by pair (bilingual documents)"),
    Key("minus", "narrower", "Narrower text",
        "narrower lines of text (the measure; 40 Chinese characters to start with)"),
    Key("plus,equals_sign", "wider", "Wider text", "wider lines of text, up to the pane's width"),
    Key("z", "toggle_tree", "Zen", "zen: hide the document tree (again: show it)"),
    Key("less_than_sign", "tree_narrower", "Tree narrower", "a narrower document tree"),
    Key("greater_than_sign", "tree_wider", "Tree wider",
        "a wider document tree (long titles show more)"),
    Key("question_mark", "help", "Help", "help: every key of every screen", footer=True),
    Key("q", "app.quit", "Quit", "quit", footer=True, palette=False),
    # in the footer only while there are matches to step through (last, and the next one
    # only: an 80-column footer keeps quit and help)
    Key("full_stop", "next_hit", "Next hit",
        "next match of the last search or concordance, highlighted", footer=True),
    Key("comma", "prev_hit", "Prev hit",
        "previous match of the last search or concordance"),
)

SEARCH: tuple[Key, ...] = (
    Key("escape", "close", "Back", "back to the reader, where you were", footer=True),
    Key("up", "up", "Up",
        "previous result; on the first one (or with none): the previous search",
        priority=True),
    Key("down", "down", "Down", "next result; with none listed, while recalling: a newer search",
        priority=True),
    Key("ctrl+p", "older", "Older search", "the previous search (the box remembers them)",
        priority=True),
    Key("ctrl+n", "newer", "Newer search", "the next search, back to what you typed",
        priority=True),
    Key("pageup", "page(-1)", "Page up", "a page of results up", priority=True),
    Key("pagedown", "page(1)", "Page down", "a page of results down", priority=True),
    Key("ctrl+d", "toggle_scope", "This document", "this document only / all documents",
        footer=True, priority=True),
    Key("enter", "choose", "Jump", "jump to the highlighted result", bound=False),
)

BOOKMARKS: tuple[Key, ...] = (
    Key("escape", "close", "Close", "close the list", footer=True),
    Key("slash", "filter", "Filter", "filter by words in the quote, note or title",
        footer=True),
    Key("n", "edit_note", "Note", "edit the highlighted bookmark's note", footer=True),
    Key("d", "delete", "Delete", "delete the highlighted bookmark (asks first)", footer=True),
    Key("u", "undo", "Undo", "bring back the bookmark deleted last"),
    Key("j", "move(1)", "Down", "next bookmark"),
    Key("k", "move(-1)", "Up", "previous bookmark"),
    Key("enter", "choose", "Jump", "jump to the highlighted bookmark", bound=False),
)

CONCORDANCE: tuple[Key, ...] = (
    Key("escape", "dismiss(None)", "Close", "back to the reader", footer=True),
    Key("down", "move(1)", "Down", "next occurrence"),
    Key("up", "move(-1)", "Up", "previous occurrence"),
    Key("enter", "choose", "Jump", "jump to the highlighted occurrence", bound=False),
)

NOTE_EDITOR: tuple[Key, ...] = (
    Key("ctrl+s", "save", "Save", "save the note", footer=True, priority=True),
    Key("escape", "cancel", "Cancel", "close (asks before dropping changes)", footer=True),
)

EXPORT: tuple[Key, ...] = (
    Key("escape", "cancel", "Cancel", "close without exporting", footer=True),
    Key("ctrl+s", "export", "Export", "write the export file", footer=True, priority=True),
)

CONFIRM: tuple[Key, ...] = (
    Key("y", "answer(True)", "Yes", "yes"),
    Key("n,escape", "answer(False)", "No", "no"),
)

FOOTNOTES: tuple[Key, ...] = (
    Key("escape,q,f", "dismiss", "Close", "close"),
)

LINKS: tuple[Key, ...] = (
    Key("escape", "dismiss(None)", "Close", "close"),
    Key("enter", "choose", "Follow", "follow the highlighted reference", bound=False),
)

HELP: tuple[Key, ...] = (
    Key("escape,q,question_mark", "dismiss", "Close", "close the help"),
)

# what the help screen lists, by screen; keys handled by widgets themselves are in `EXTRA`
HELP_SECTIONS: tuple[tuple[str, tuple[Key, ...]], ...] = (
    ("Reading", READER),
    ("Search box (/)", SEARCH),
    ("Bookmarks list (B)", BOOKMARKS),
    ("Concordance (c)", CONCORDANCE),
    ("Note editor (n)", NOTE_EDITOR),
    ("Export dialog (e)", EXPORT),
    ("Footnotes (f)", FOOTNOTES),
    ("References (Enter)", LINKS),
    ("Questions (delete, discard)", CONFIRM),
    ("Help (?)", HELP),
)
EXTRA: tuple[tuple[str, str], ...] = (
    ("Space / Enter", "in the tree: open a node (a document opens where you left it); the "
                      "arrows move, Space expands"),
    ("Ctrl+P", "command palette: go to document, go to section, actions, theme (in the "
               "search box: the previous search)"),
    ("Mouse", "click a tree node or a paragraph; the wheel scrolls; drag selects, Ctrl+C copies"),
)


def bindings(keys: tuple[Key, ...]) -> list[BindingType]:
    """A screen's BINDINGS from its table."""
    return [
        Binding(
            key.keys, key.action, key.label, show=key.footer, priority=key.priority,
            tooltip=key.does,
        )
        for key in keys
        if key.bound
    ]


def key_label(key: Key) -> str:
    """How people write the key(s): "j / ↓", "Ctrl+O", "["."""
    if key.shown is not None:
        return key.shown
    return " / ".join(KEY_NAMES.get(k, k) for k in key.keys.split(","))


def help_rows(keys: tuple[Key, ...]) -> list[tuple[str, str]]:
    return [(key_label(key), key.does) for key in keys]


def palette_actions() -> list[tuple[str, str, str]]:
    """(name, action, key) of each reader key the command palette offers."""
    return [
        (key.does[:1].upper() + key.does[1:], key.action, key_label(key))
        for key in READER
        if key.palette
    ]


def readme_rows() -> list[str]:
    """README's key tables, one per screen, as Markdown lines."""
    rows: list[str] = []
    for title, keys in HELP_SECTIONS:
        rows += [f"| {title} | |", "| --- | --- |"] if not rows else ["", f"| {title} | |",
                                                                      "| --- | --- |"]
        for key in keys:
            spelled = " ".join(f"`{part.strip()}`" for part in key_label(key).split(" / "))
            rows.append(f"| {spelled} | {key.does} |")
    return rows
