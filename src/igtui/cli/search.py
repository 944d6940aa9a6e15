"""`igtui search QUERY [PATH ...] [--limit K] [--json] [--doc ID]`."""

from __future__ import annotations

import argparse
import sys

from igtui.cli.common import (
    CliError,
    add_paths_argument,
    check_paths,
    load,
    print_json,
    progress_printer,
    say,
    warn,
)
from igtui.corpus.model import Corpus
from igtui.reading.concordance import head_cells
from igtui.reading.display import displayable
from igtui.reading.locator import locators
from igtui.search import Hit, load_or_build, parse_jump, resolve_jump
from igtui.search.snippet import centred_start

# a snippet's width in cells (45 Chinese characters, 90 Latin ones)
SNIPPET = 90


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="words, a phrase, pinyin or initials")
    add_paths_argument(parser)
    parser.add_argument("--limit", type=int, default=10, metavar="K", help="at most K results")
    parser.add_argument("--json", action="store_true", help="results as JSON, best first")
    parser.add_argument("--doc", metavar="ID", help="search this document only")


def run(args: argparse.Namespace) -> int:

    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    check_paths(args.paths)
    label = parse_jump(args.query)
    # from the parse cache, a corpus opens without reading its documents: only the hits'
    # documents are read below, for their locators
    corpus = load(args.paths)
    if label is not None:
        hits = _label_hits(corpus, label, args.doc)[: args.limit]
    else:
        hits = _search(corpus, args)
    found = {h.doc for h in hits}
    tables = {d.id: locators(d) for d in corpus.documents if d.id in found}
    if args.json:
        # `locator` is added, never instead of `n`: JSON shapes are only extended
        print_json([{**hit.as_json(), "locator": tables[hit.doc].of(hit.n)} for hit in hits])
        return 0
    bold = sys.stdout.isatty()
    for hit in hits:
        # a section named as the title (the title heading) is not said twice
        where = " › ".join([hit.title, *(s for s in hit.section if s != hit.title)])
        say(f"{where}  {tables[hit.doc].of(hit.n)}  [{hit.doc}]  {hit.score:.1f}")
        # the snippet's own bold is ours; its text was made safe before it was added
        print(f"    {snippet(hit.text, hit.spans, bold=bold)}")
    return 0


def _search(corpus: Corpus, args: argparse.Namespace) -> list[Hit]:
    from igtui.search.store import DamagedIndex

    if args.doc is not None and args.doc not in {d.id for d in corpus.documents}:
        raise CliError(f"no such document: {args.doc}")
    for attempt in (1, 2):
        index = load_or_build(corpus, progress=progress_printer("indexing the documents"))
        try:
            return index.search(args.query, limit=args.limit, doc=args.doc)
        except DamagedIndex as err:
            if attempt == 2:
                raise CliError(str(err)) from None
            warn(f"{err}: rebuilding")  # discarded: the next load rebuilds it
    return []


def _label_hits(corpus: Corpus, label: str, doc_id: str | None) -> list[Hit]:
    """`#45` / `第45段`: the paragraph labelled 45 in each document (or in --doc only)."""

    if doc_id is not None and doc_id not in {d.id for d in corpus.documents}:
        raise CliError(f"no such document: {doc_id}")
    hits = []
    for doc in corpus.documents:
        n = resolve_jump(doc, label) if doc_id in (None, doc.id) else None
        if n is not None:
            p = doc.paragraph(n)
            hits.append(Hit(doc.id, n, 100.0, p.text, (), doc.title, p.section, p.label, p.kind))
    return hits


def snippet(
    text: str, spans: tuple[tuple[int, int], ...], width: int = SNIPPET, bold: bool = False
) -> str:
    """About `width` cells of `text` centred on its best match, matches marked (bold on a
    terminal), on one line; what the text holds that a terminal would obey is shown, never
    obeyed."""
    text = displayable(text)  # one char for one char: the spans stay valid
    start = centred_start(text, spans, width)
    end = start + len(head_cells(text[start:], width))
    out = ["…" if start else ""]
    pos = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(text[pos:s])
        out.append(f"\x1b[1m{text[s:e]}\x1b[0m" if bold else f"[{text[s:e]}]")
        pos = e
    out.append(text[pos:end])
    out.append("…" if end < len(text) else "")
    return " ".join("".join(out).split())
