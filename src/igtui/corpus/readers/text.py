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
"Principle 1"); any other string is a paragraph (a short one: a UI string), never a heading,
in either language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from igtui.corpus.decoding import read_document_text
from igtui.corpus.parsing.blocks import heading_shaped
from igtui.corpus.parsing.boilerplate import is_boilerplate
from igtui.corpus.parsing.source import BlockRole, Source, SourceBlock, SourceLine

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_OBSOLETE = re.compile(r"obsolete", re.IGNORECASE)
# "{ok}": the translator's mark that the string stays as it is
_OK_MARK = re.compile(r"\s*\{ok\}\s*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
# English title case leaves only short words (a, of, the, for, with…) in lower case
_MINOR_WORD = 4


def read(path: Path) -> Source:
    """The text file `path` as printed lines; UnreadableDocument if it is not text."""
    return Source(lines=[SourceLine(line) for line in read_document_text(path).split("\n")])


def read_lang(path: Path) -> Source:
    """A Mozilla .lang file as English/translation blocks; UnreadableDocument if not text."""
    return lang_source(read_document_text(path))


@dataclass(slots=True)
class _String:
    """One translatable string: its comments, English source and translation."""

    comments: list[str]
    source: str | None = None
    translation: str | None = None
    junk: bool = False


def lang_source(text: str) -> Source:
    strings = _strings(text)
    blocks: list[SourceBlock] = []
    for index, string in enumerate(strings):
        blocks.extend(SourceBlock(c, role="boilerplate") for c in string.comments)
        role = _role(strings, index)
        for part in (string.source, string.translation):
            if part is not None and _plain(part):
                blocks.append(SourceBlock(_plain(part), role=role, level=int(role == "heading")))
    return Source(blocks=blocks)


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
        string.junk = string.junk or any(is_boilerplate(p) for p in parts)
    return strings


def _role(strings: list[_String], index: int) -> BlockRole:
    string = strings[index]
    if string.junk:
        return "boilerplate"
    source = _text(string)
    if not heading_shaped(source):
        return "paragraph"
    after = next((s for s in strings[index + 1 :] if not s.junk and _text(s)), None)
    heads_prose = after is not None and not heading_shaped(_text(after))
    return "heading" if heads_prose and _title_case(source) else "paragraph"


def _text(string: _String) -> str:
    return _plain(string.source or string.translation or "")


def _title_case(text: str) -> bool:
    """English in title case: the first and last words and every long word capitalized.
    A string with no English words says nothing (true)."""
    words = _WORD.findall(text)
    if not words:
        return True
    return all(
        not word[0].islower()
        for k, word in enumerate(words)
        if k in (0, len(words) - 1) or len(word) >= _MINOR_WORD
    )


def _plain(text: str) -> str:
    """Inline HTML is markup: `<br>` reads as a space, other tags as nothing."""
    return " ".join(_TAG.sub("", _BREAK.sub(" ", text)).split())
