"""`igtui concord TERM [PATH ...] [--json] [--width N] [--literal]`: keyword in context."""

from __future__ import annotations

import argparse

from igtui.cli.common import (
    CliError,
    add_paths_argument,
    load,
    print_json,
)
from igtui.reading.concordance import Concordance, concordance, render_line
from igtui.reading.display import printable


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "term", metavar="TERM",
        help="the string to find (case- and traditional/simplified-insensitive)",
    )
    add_paths_argument(parser)
    parser.add_argument("--json", action="store_true", help="occurrences as JSON")
    parser.add_argument(
        "--width", type=int, default=30, metavar="N",
        help="cells of context either side (default: 30)",
    )
    parser.add_argument(
        "--literal", action="store_true",
        help="the term only, not its synonyms (互联网 also finds 因特网 unless --literal)",
    )


def run(args: argparse.Namespace) -> int:

    if not args.term.strip():
        raise CliError("TERM must not be empty")
    if args.width < 0:
        raise CliError(f"--width must be at least 0, not {args.width}")
    result = concordance(load(args.paths), args.term, width=args.width, expand=not args.literal)
    if args.json:
        print_json(result.as_json())
    else:
        for line in render(result):
            print(line)
    return 0


def render(result: Concordance) -> list[str]:
    """Per document a "title (count)" header, then one aligned line per occurrence, led by the
    paragraph number; a closing total line."""

    digits = max((len(str(x.n)) for g in result.groups for x in g.lines), default=1)
    out: list[str] = []
    for group in result.groups:
        out.append(f"{printable(group.title)} ({group.count})")
        out.extend(f"  {x.n:>{digits}}  {render_line(x, result.width)}" for x in group.lines)
        out.append("")
    documents = len(result.groups)
    out.append(
        f"{result.total} occurrence{'s' * (result.total != 1)} of {result.term!r} "
        f"in {documents} document{'s' * (documents != 1)}"
    )
    return out
