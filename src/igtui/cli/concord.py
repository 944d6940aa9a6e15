"""`igtui concord TERM [PATH ...] [--json] [--width N] [--literal]`: keyword in context."""

from __future__ import annotations

import argparse
from typing import Any, cast

from rich.cells import cell_len

from igtui.cli.common import (
    CliError,
    add_paths_argument,
    load,
    print_json,
    say,
)
from igtui.corpus.model import Corpus
from igtui.reading.concordance import Concordance, concordance, render_line
from igtui.reading.locator import locators
from igtui.reading.textfit import pad_right

# context either side, in cells: a screen is narrower than this; more would only pad lines
# with spaces (100000000 used to exhaust memory)
MAX_WIDTH = 1000


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "term", metavar="TERM",
        help="the string to find (case- and traditional/simplified-insensitive)",
    )
    add_paths_argument(parser)
    parser.add_argument("--json", action="store_true", help="occurrences as JSON")
    parser.add_argument(
        "--width", type=int, default=30, metavar="N",
        help=f"cells of context either side, 0 to {MAX_WIDTH} (default: 30)",
    )
    parser.add_argument(
        "--literal", action="store_true",
        help="the term only, not its synonyms (互联网 also finds 因特网 unless --literal)",
    )


def run(args: argparse.Namespace) -> int:

    if not args.term.strip():
        raise CliError("TERM must not be empty")
    if not 0 <= args.width <= MAX_WIDTH:
        raise CliError(f"--width must be between 0 and {MAX_WIDTH}, not {args.width}")
    corpus = load(args.paths)
    result = concordance(corpus, args.term, width=args.width, expand=not args.literal)
    if args.json:
        print_json(_with_locators(result, corpus))
    else:
        for line in render(result, corpus):
            say(line)
    return 0


def _with_locators(result: Concordance, corpus: Corpus) -> dict[str, Any]:
    """`result.as_json()` with each line's `locator` beside its `n` (keys are only added)."""
    data = cast(dict[str, Any], result.as_json())
    for group, group_json in zip(result.groups, data["documents"], strict=True):
        table = locators(corpus.document(group.doc_id))
        for line in group_json["lines"]:
            line["locator"] = table.of(line["n"])
    return data


def render(result: Concordance, corpus: Corpus) -> list[str]:
    """Per document a "title (count)" header, then one aligned line per occurrence, led by the
    paragraph's locator (as the reader shows it); a closing total line. `say` makes every
    line safe for the terminal."""

    where = {
        (g.doc_id, x.n): locators(corpus.document(g.doc_id)).of(x.n)
        for g in result.groups for x in g.lines
    }
    # cells, not characters: 第75条 is five characters wide in eight cells
    cells = max((cell_len(w) for w in where.values()), default=1)
    out: list[str] = []
    for group in result.groups:
        out.append(f"{group.title} ({group.count})".replace("\n", " "))
        out.extend(
            f"  {pad_right(where[group.doc_id, x.n], cells)}  {render_line(x, result.width)}"
            for x in group.lines
        )
        out.append("")
    documents = len(result.groups)
    out.append(
        f"{result.total} occurrence{'s' * (result.total != 1)} of {result.term!r} "
        f"in {documents} document{'s' * (documents != 1)}"
    )
    return out
