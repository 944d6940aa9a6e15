"""Plain text, handed over line by line; and Mozilla `.lang` translation files.

A `.lang` file is a bilingual text in a fixed shape: a `;` line holds the English source, the
next line its translation; `#` lines are translators' comments and `## tag ##` lines file
tags. Each source/translation pair (a string) becomes two blocks that the pipeline pairs;
comments, tags, strings the file marks obsolete and site chrome ("分享到 Twitter") are kept as
boilerplate (hidden, never lost).

A localization file has no layout to say what a heading is, and most of its short strings are
the page's buttons and link labels ("Previous principle", "Learn more", "Explore how the web
works"). What holds for such files generally: a heading is a short string that heads text (the
next string is prose) and, in English, is set in title case ("Pledge for a Healthy Internet",
"Principle 1"); the page's text is sentences; any other short string is a button or a link
label: chrome, hidden (kept as boilerplate), in both languages. So is a sentence that sits
between two pieces of chrome on the page (a tweet's text between "Share on Twitter" and
"Learn more", a newsletter invitation between "Love the web?" and "Tweet this").

A .lang file is named after the page it translates (`about/manifesto.lang`): its title is the
shortest title-case string naming that page ("The Mozilla Manifesto"), with its translation,
even where the file marks that string obsolete; a string tagged as the page's <title> may name
only its newest part ("The Mozilla Manifesto Addendum").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from igtui.corpus.decoding import read_document_text
from igtui.corpus.parsing.blocks import heading_shaped
from igtui.corpus.parsing.boilerplate import is_boilerplate
from igtui.corpus.parsing.shapes import is_wide, title_case
from igtui.corpus.parsing.source import BlockRole, Source, SourceBlock, SourceLine

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_OBSOLETE = re.compile(r"obsolete", re.IGNORECASE)
# "{ok}": the translator's mark that the string stays as it is
_OK_MARK = re.compile(r"\s*\{ok\}\s*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
# words shorter than this in a file name say nothing of the page ("zh", "cn", "v2")
_NAME_WORD = 4


def read(path: Path) -> Source:
    """The text file `path` as printed lines; UnreadableDocument if it is not text."""
    return Source(lines=[SourceLine(line) for line in read_document_text(path).split("\n")])


def read_lang(path: Path) -> Source:
    """A Mozilla .lang file as English/translation blocks; UnreadableDocument if not text."""
    return lang_source(read_document_text(path), path.stem)


@dataclass(slots=True)
class _String:
    """One translatable string: its comments, English source and translation."""

    comments: list[str]
    source: str | None = None
    translation: str | None = None
    # not on the page: obsolete, left as is ({ok}) or a comment only
    junk: bool = False
    # on the page, but its chrome ("分享到 Twitter")
    chrome: bool = False


def lang_source(text: str, name: str = "") -> Source:
    """A .lang file's text as blocks; `name`: the file's name without suffix, which names
    the page it translates (its title)."""
    strings = _strings(text)
    roles = _roles(strings)
    blocks: list[SourceBlock] = []
    for string, role in zip(strings, roles, strict=True):
        blocks.extend(SourceBlock(c, role="boilerplate") for c in string.comments)
        for part in (string.source, string.translation):
            if part is not None and _plain(part):
                blocks.append(SourceBlock(_plain(part), role=role, level=int(role == "heading")))
    return Source(blocks=blocks, title=_page_title(strings, name))


def _roles(strings: list[_String]) -> list[BlockRole]:
    """Each string's role; then a sentence between two pieces of chrome is chrome too."""
    roles = [_role(strings, index) for index in range(len(strings))]
    on_page = [i for i, s in enumerate(strings) if not s.junk and _text(s)]
    ui = [i for i in on_page if roles[i] == "boilerplate"]
    chrome = set(ui)
    for before, index, after in zip(on_page, on_page[1:], on_page[2:], strict=False):
        if roles[index] == "paragraph" and before in chrome and after in chrome:
            roles[index] = "boilerplate"
    return roles


def _page_title(strings: list[_String], name: str) -> str:
    """The shortest title-case string naming the page the file is named after, with its
    translation ("Mozilla 宣言 / The Mozilla Manifesto"); "" if no string names it."""
    words = {w.lower() for w in _WORD.findall(name) if len(w) >= _NAME_WORD}
    if not words:
        return ""
    named = [
        s for s in strings
        if s.source and heading_shaped(_plain(s.source)) and title_case(_plain(s.source))
        and words & {w.lower() for w in _WORD.findall(_plain(s.source))}
    ]
    if not named:
        return ""
    best = min(named, key=lambda s: len(_plain(s.source or "")))
    source = _plain(best.source or "")
    translation = _plain(_OK_MARK.sub("", best.translation or ""))
    if not translation or translation == source:
        return source
    return f"{translation} / {source}"


def _strings(text: str) -> list[_String]:
    strings: list[_String] = []
    current = _String([])
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if current.source is not None:  # a source line with no translation
                strings.append(current)
                current = _String([])
            current.comments.append(line)
            current.junk = current.junk or bool(_OBSOLETE.search(line))
            continue
        if line.startswith(";") and current.source is None:
            current.source = line[1:]
            continue
        current.translation = line
        current.junk = current.junk or bool(_OK_MARK.search(line))
        strings.append(current)
        current = _String([])
    if current.source is not None or current.comments:
        strings.append(current)
    for string in strings:
        parts = [_plain(p) for p in (string.source, string.translation) if p is not None]
        # chrome in either language ("分享到 Twitter") makes the string chrome
        string.chrome = any(is_boilerplate(p) for p in parts)
    return strings


def _role(strings: list[_String], index: int) -> BlockRole:
    string = strings[index]
    if string.junk or string.chrome:
        return "boilerplate"
    # "See more…": an ellipsis ends a button's label, not a sentence
    source = _text(string).removesuffix("…").removesuffix("...")
    if not heading_shaped(source):
        return "paragraph"
    after = next(
        (s for s in strings[index + 1 :] if not s.junk and not s.chrome and _text(s)), None
    )
    heads_prose = after is not None and not heading_shaped(_text(after))
    # a short string that heads no text: a button or a link label
    return "heading" if heads_prose and title_case(source) else "boilerplate"


def _text(string: _String) -> str:
    return _plain(string.source or string.translation or "")


def _plain(text: str) -> str:
    """Inline HTML is markup: `<br>` reads as a line break (a space, none between two wide
    characters, as in a wrapped line), other tags as nothing."""
    return " ".join(_TAG.sub("", _BREAK.sub(_line_break, text)).split())


def _line_break(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    wide = start > 0 and end < len(text) and is_wide(text[start - 1]) and is_wide(text[end])
    return "" if wide else " "
