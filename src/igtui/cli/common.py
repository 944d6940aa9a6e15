"""What the commands share: the one-line error, loading the corpus, finding a document, and
writing output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus, Document
from igtui.corpus.readers import SUFFIXES
from igtui.reading.display import displayable, json_text, printable

# every format a folder is read for, as help texts list them
FORMATS = " ".join(SUFFIXES)


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", default=[],
        help=f"files or folders of {FORMATS} (default: the bundled ones)",
    )


def check_paths(paths: Sequence[Path]) -> None:
    """A PATH the user named that does not exist, or is neither a file nor a folder (a FIFO
    would hang the reader, /dev/zero never end), is a one-line error, before any work."""
    for path in paths:
        if not path.exists():
            raise CliError(f"no such file or folder: {path}")
        if not (path.is_file() or path.is_dir()):
            raise CliError(f"not a regular file or folder: {path}")


def load(paths: Sequence[Path]) -> Corpus:
    """Load the corpus, reporting skipped files on stderr (one line each) and the parsing of
    new documents on a terminal's stderr; CliError if it holds no document at all (an empty
    folder, only binary files)."""
    check_paths(paths)
    corpus = load_corpus(list(paths) or None, progress=progress_printer("reading the documents"))
    for message in corpus.errors:
        warn(message)
    if not corpus.documents:
        where = ", ".join(str(path) for path in paths)
        skipped = f"; {len(corpus.errors)} skipped" if corpus.errors else ""
        raise CliError(f"no documents to read in {where}{skipped}")
    return corpus


def find_document(corpus: Corpus, key: str) -> Document:
    """By exact id, else unique id prefix, else 1-based number; CliError if none fits."""
    ids = [d.id for d in corpus.documents]
    if key in ids:
        return corpus.document(key)
    matches = [i for i in ids if i.startswith(key)]
    if len(matches) == 1:
        return corpus.document(matches[0])
    if key.isdigit() and 1 <= int(key) <= len(ids):
        return corpus.documents[int(key) - 1]
    if matches:
        raise CliError(f"document {key!r} is ambiguous: it begins {', '.join(matches)}")
    valid = ", ".join(ids) if ids else "none (the corpus is empty)"
    raise CliError(f"no document {key!r}; valid ids: {valid}")


def print_json(data: Any) -> None:
    """`--json` output: readable UTF-8, with what a terminal would obey \\u-escaped."""
    sys.stdout.write(json_text(data) + "\n")


def say(text: str = "") -> None:
    """Human-readable output on stdout. Documents, file names and notes are data: control
    characters, bidi overrides and zero-width characters are shown, never obeyed."""
    print(printable(text))


def progress_printer(what: str) -> Callable[[float], None] | None:
    """Report long work (`what`, a percentage) on a terminal's stderr; None (silent) when stderr
    is not a terminal (scripts, tests)."""
    if not sys.stderr.isatty():
        return None

    shown = -1

    def show(fraction: float) -> None:
        nonlocal shown
        percent = int(fraction * 100)
        if percent == shown:  # 5,000 documents report 5,000 times: print each percent once
            return
        shown = percent
        end = "\n" if fraction >= 1.0 else ""
        print(f"\r{what}… {fraction:4.0%}", end=end, file=sys.stderr, flush=True)

    return show


def warn(message: str) -> None:
    """A one-line message for the user on stderr, made safe like `say`."""
    print(f"igtui: {displayable(message)}", file=sys.stderr)
