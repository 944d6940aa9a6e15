"""Helpers shared by the subcommands."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from igtui.model import Corpus


def add_paths_argument(parser: Any) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="files or folders of .txt/.md (default: the bundled documents)",
    )


def check_paths(paths: Sequence[Path]) -> None:
    """A PATH the user named that does not exist is a one-line error, before any work."""
    from igtui.cli import CliError

    for path in paths:
        if not path.exists():
            raise CliError(f"no such file or folder: {path}")


def load(paths: Sequence[Path]) -> Corpus:
    """Load the corpus, reporting skipped files on stderr (one line each)."""
    from igtui.corpus import load_corpus

    check_paths(paths)
    corpus = load_corpus(list(paths) or None)
    for message in corpus.errors:
        print(f"igtui: {message}", file=sys.stderr)
    return corpus


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=None)
    sys.stdout.write("\n")
