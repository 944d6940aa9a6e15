"""Command-line entry point: `igtui [PATH ...]` opens the reader; subcommands script the core.

Each subcommand lives in `igtui.cli.<name>` and exposes `configure(parser)` and
`run(args) -> int`; one with actions of its own (`notes add|list|rm|import`) also exposes
`ACTIONS`: {name: (help, configure)}. The reader (Textual) and a command's module are imported
only when that is what runs, so `igtui --help` and each command start fast.

Options and PATHs may come in any order, as the README writes them (`igtui search QUERY
--limit 3 PATH`, `igtui notes add DOC N --note x PATH`): every command is parsed by its own
parser with `parse_intermixed_args`, which argparse cannot do through subparsers. Every usage
error is one line on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from igtui.cli.common import FORMATS, CliError, check_paths, progress_printer, warn

COMMANDS: dict[str, str] = {
    "outline": "print the documents' titles and headings (--json: every paragraph)",
    "cat": "print a document's clean text, wrapped like the reader's pane",
    "search": "fuzzy-search the documents",
    "notes": "add, list, remove and import bookmarks and notes",
    "export": "export bookmarks and notes as Markdown, JSON or CSV",
    "concord": "keyword in context: every occurrence of a term, grouped by document",
}


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line (a CliError, which `warn` makes safe for the
    terminal: the message quotes what was typed, which may be a file name holding control
    characters) instead of usage and error."""

    def error(self, message: str) -> NoReturn:
        raise CliError(f"{message} (see: {self.prog} --help)")


def command_parser(command: str) -> argparse.ArgumentParser:
    """The parser for `igtui COMMAND ...` as a whole: every command listed, `command`'s
    arguments known (only its module is imported). Parses `--help` and what the commands'
    own parsers cannot (`igtui notes` without an action)."""
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


def parse_command(argv: Sequence[str]) -> argparse.Namespace:
    """`argv` (a command, then its arguments in any order) as the command's namespace."""
    command, rest = argv[0], list(argv[1:])
    module = importlib.import_module(f"igtui.cli.{command}")
    actions = getattr(module, "ACTIONS", None)
    if actions is None:
        parser = Parser(prog=f"igtui {command}", description=COMMANDS[command])
        module.configure(parser)
        return _namespace(parser, rest, command=command)
    if rest and rest[0] in actions:
        help_text, configure = actions[rest[0]]
        parser = Parser(prog=f"igtui {command} {rest[0]}", description=help_text)
        configure(parser)
        return _namespace(parser, rest[1:], command=command, action=rest[0])
    # no action, or an unknown one: the full parser says so (or shows the help)
    return command_parser(command).parse_args(argv)


def _namespace(parser: Parser, argv: list[str], **known: str) -> argparse.Namespace:
    args = parser.parse_intermixed_args(argv)
    for name, value in known.items():
        setattr(args, name, value)
    return args


def _app_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="igtui",
        description=f"Open the reader on PATHs (files or folders of {FORMATS}); no PATH: "
        "the bundled documents. Commands: " + ", ".join(COMMANDS) + " (igtui COMMAND --help).",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", default=[])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_in and args_in[0] in COMMANDS:
            args = parse_command(args_in)
            module = importlib.import_module(f"igtui.cli.{args.command}")
            return int(module.run(args))
        return _run_app(_app_parser().parse_intermixed_args(args_in).paths)
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

    return run_app(paths, progress=progress_printer("reading the documents"))
