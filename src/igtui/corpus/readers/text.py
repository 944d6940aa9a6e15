"""Plain text, handed over line by line; and Mozilla `.lang` translation files.

A `.lang` file is a bilingual text in a fixed shape: a `;` line holds the English source, the
next line its translation; `#` lines are translators' comments and `## tag ##` lines file
tags. Each source/translation pair becomes two blocks that the pipeline pairs; comments, tags
and strings the file marks obsolete are kept as boilerplate (hidden, never lost).
"""

from __future__ import annotations

import re
from pathlib import Path

from igtui.corpus.decoding import read_document_text
from igtui.corpus.parsing.source import BlockRole, Source, SourceBlock, SourceLine

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_OBSOLETE = re.compile(r"obsolete", re.IGNORECASE)
# "{ok}": the translator's mark that the string stays as it is
_OK_MARK = re.compile(r"\s*\{ok\}\s*$", re.IGNORECASE)


def read(path: Path) -> Source:
    """The text file `path` as printed lines; UnreadableDocument if it is not text."""
    return Source(lines=[SourceLine(line) for line in read_document_text(path).split("\n")])


def read_lang(path: Path) -> Source:
    """A Mozilla .lang file as English/translation blocks; UnreadableDocument if not text."""
    return lang_source(read_document_text(path))


def lang_source(text: str) -> Source:
    blocks: list[SourceBlock] = []
    obsolete = False
    source: str | None = None
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            blocks.append(SourceBlock(line, role="boilerplate"))
            obsolete = obsolete or bool(_OBSOLETE.search(line))
            continue
        if line.startswith(";") and source is None:
            source = line[1:]
            continue
        role: BlockRole = "boilerplate" if obsolete or _OK_MARK.search(line) else "text"
        if source is not None:
            blocks.append(SourceBlock(_plain(source), role=role))
        blocks.append(SourceBlock(_plain(line), role=role))
        source, obsolete = None, False
    if source is not None:
        blocks.append(SourceBlock(_plain(source), role="text"))
    return Source(blocks=[b for b in blocks if b.text.strip()])


def _plain(text: str) -> str:
    """Inline HTML is markup: `<br>` reads as a space, other tags as nothing."""
    return " ".join(_TAG.sub("", _BREAK.sub(" ", text)).split())
