"""Command-line entry point: `igtui [PATH ...]` opens the reader; subcommands script the core.

Each subcommand lives in `igtui.commands.<name>` and exposes `configure(parser)` and
`run(args) -> int`. Command modules import their heavy dependencies inside `run`, so
`igtui --help` and app start-up stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

COMMANDS: dict[str, str] = {
    "outline": "print the documents' titles and headings (--json: every paragraph)",
    "cat": "print a document's clean text, wrapped like the reader's pane",
    "search": "fuzzy-search the documents",
    "notes": "add, list, remove and import bookmarks and notes",
    "export": "export bookmarks and notes as Markdown, JSON or CSV",
    "concord": "keyword in context: every occurrence of a term, grouped by document",
}


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="igtui",
        description="A keyboard-driven terminal reader for internet-governance documents.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        module = importlib.import_module(f"igtui.commands.{name}")
        module.configure(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="igtui",
        description="Open the reader on PATHs (files or folders of .txt/.md); no PATH: the "
        "bundled documents. Commands: " + ", ".join(COMMANDS) + " (igtui COMMAND --help).",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_in and args_in[0] in COMMANDS:
            args = _command_parser().parse_args(args_in)
            module = importlib.import_module(f"igtui.commands.{args.command}")
            return int(module.run(args))
        return _run_app(_app_parser().parse_args(args_in).paths)
    except CliError as err:
        print(f"igtui: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `igtui cat doc | head` closes the pipe early: not an error
        sys.stderr.close()
        return 0


def _run_app(paths: list[Path]) -> int:
    from igtui.app.main import run_app

    return run_app(paths)
