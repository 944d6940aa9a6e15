"""What a file's own metadata declares (PDF info, Word core properties), when it means
something: producers fill these fields with file names, templates and machine accounts."""

from __future__ import annotations

import re
from pathlib import Path

# Producers put the source file's name in the Title field.
_FILE_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel) - |untitled|无标题|未命名|slide \d+$|"
    r"powerpoint presentation$|document\d*$|文档\d*$)|"
    r"\.(?:docx?|pdf|pptx?|xlsx?|rtf|txt|indd|wpd|wps|tmp|ps|html?)$",
    re.IGNORECASE,
)
_MACHINE_AUTHOR = re.compile(
    r"^(?:administrator|admin|user|owner|microsoft|microsoft office user|windows\s*用户|"
    r"微软用户|用户|lenovo|dell|hp|acer|asus|pc|author|unknown|作者|python-docx|"
    r"reportlab|anonymous)\d*$",
    re.IGNORECASE,
)


def meaningful_title(title: str, path: Path) -> bool:
    """A declared title worth showing: not a file name, not a producer's placeholder."""
    if len(title) < 4 or not any(ch.isalpha() for ch in title):
        return False
    return not _FILE_TITLE.search(title) and title.lower() != path.stem.lower()


def meaningful_author(author: str) -> str:
    """`author` tidied, or "" for a machine account ("Administrator", "Windows 用户")."""
    author = " ".join(author.split())
    return "" if _MACHINE_AUTHOR.match(author) else author
