"""Command-line entry point: `igtui [PATH ...]` opens the reader; subcommands script the core.

Each subcommand lives in `igtui.cli.<name>` and exposes `configure(parser)` and
`run(args) -> int`. The reader (Textual) and a command's module are imported only when that is
what runs, so `igtui --help` and each command start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from igtui.cli.common import FORMATS, CliError, check_paths, warn
from igtui.reading.display import displayable


class Parser(argparse.ArgumentParser):
    """argparse, with its error messages made safe for the terminal: they quote what was
    typed, which may be a file name holding control characters."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {displayable(message)}\n")

COMMANDS: dict[str, str] = {
    "outline": "print the documents' titles and headings (--json: every paragraph)",
    "cat": "print a document's clean text, wrapped like the reader's pane",
    "search": "fuzzy-search the documents",
    "notes": "add, list, remove and import bookmarks and notes",
    "export": "export bookmarks and notes as Markdown, JSON or CSV",
    "concord": "keyword in context: every occurrence of a term, grouped by document",
}


def command_parser(command: str) -> argparse.ArgumentParser:
    """The parser for `igtui COMMAND ...`: every command listed, `command`'s arguments known
    (only its module is imported)."""
    parser = Parser(
        prog="igtui",
        description="A keyboard-driven terminal reader for internet-governance documents.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == command:
            importlib.import_module(f"igtui.cli.{name}").configure(sub_parser)
    return parser


def _app_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="igtui",
        description=f"Open the reader on PATHs (files or folders of {FORMATS}); no PATH: "
        "the bundled documents. Commands: " + ", ".join(COMMANDS) + " (igtui COMMAND --help).",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_in and args_in[0] in COMMANDS:
            args = command_parser(args_in[0]).parse_args(args_in)
            module = importlib.import_module(f"igtui.cli.{args.command}")
            return int(module.run(args))
        return _run_app(_app_parser().parse_args(args_in).paths)
    except CliError as err:
        warn(str(err))
        return 2
    except BrokenPipeError:
        # `igtui cat doc | head` closes the pipe early: not an error
        sys.stderr.close()
        return 0


def _run_app(paths: list[Path]) -> int:
    check_paths(paths)
    # Textual loads only when the reader is what runs: the commands never pay for it
    from igtui.app.main import run_app

    return run_app(paths)
