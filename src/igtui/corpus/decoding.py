"""Reading a document file as text: detect its encoding, never guess silently wrong."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from igtui.storage import FileTooLarge, NotRegularFile, read_regular, size_text

# BOMs are checked longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in real text; many of them mean a binary file.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x7f]")
_MAX_CONTROL_RATIO = 0.01
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# far beyond a real document (a long law code is a few MB of text); a larger file is not
# read into memory at all
MAX_DOCUMENT_BYTES = 64 << 20


class UnreadableDocument(Exception):
    """A file that is not text (or cannot be read); the message is one line naming it."""


def read_document_text(path: Path) -> str:
    """The text of `path` with LF line ends; UnreadableDocument if it is not text, not a
    regular file (a FIFO or device: never opened for a blocking read) or too large."""
    try:
        data = read_regular(path, MAX_DOCUMENT_BYTES)
    except NotRegularFile as exc:
        raise UnreadableDocument(_message(path, "not a regular file")) from exc
    except FileTooLarge as exc:
        raise UnreadableDocument(
            _message(path, f"larger than {size_text(MAX_DOCUMENT_BYTES)}, too large to read")
        ) from exc
    except OSError as exc:
        raise UnreadableDocument(_message(path, exc.strerror or type(exc).__name__)) from exc
    text = decode_bytes(data, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, path: Path) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, path)
    if b"\x00" in data:
        raise UnreadableDocument(_message(path, "binary file, not text"))
    text = _first_decoding(data)
    if text is None:
        raise UnreadableDocument(_message(path, "undecodable text (unknown encoding)"))
    if _looks_binary(text):
        raise UnreadableDocument(_message(path, "binary file, not text"))
    return text


def _first_decoding(data: bytes) -> str | None:
    # Strict UTF-8 almost never accepts non-UTF-8 bytes, so it goes first; GB18030 is a
    # superset of GBK/GB2312 and covers the rest of the corpus.
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # GB18030 maps unused byte pairs to the private use area: then it was not GB text
        # (Big5, Shift-JIS…) and the detector gets a say.
        if not _PRIVATE_USE.search(text):
            return text
    return _detected(data)


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(_message(path, f"invalid {encoding} text")) from exc


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return len(_CONTROL.findall(text)) > max(1, len(text) * _MAX_CONTROL_RATIO)


def _message(path: Path, reason: str) -> str:
    return f"skipped {path}: {' '.join(reason.split())}"
