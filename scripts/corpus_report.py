"""Check a corpus at a glance: per document, what the parser made of it.

Run: .venv/bin/python scripts/corpus_report.py FOLDER_OR_FILE... [--headings N]
(from a checkout, `python3 scripts/corpus_report.py` hands itself to the checkout's .venv)

Columns: H headings, P paragraphs, L list items, F footnotes, B boilerplate (hidden), lab
labelled paragraphs, pair paragraphs with a translation, pg pages, kept = readable / total
non-whitespace characters; then the title and the first few headings.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

_VENV = Path(__file__).resolve().parents[1] / ".venv"

try:
    from igtui.corpus.loading import load_corpus
    from igtui.corpus.model import Document
    from igtui.reading.display import printable
except ModuleNotFoundError:
    # a Python without igtui or its libraries: the checkout's environment has them
    python = _VENV / "bin" / "python"
    if python.exists() and not os.environ.get("IGTUI_REPORT_REEXEC"):
        os.environ["IGTUI_REPORT_REEXEC"] = "1"
        os.execv(python, [str(python), __file__, *sys.argv[1:]])
    sys.exit(
        "corpus_report: igtui is not installed for this Python; install it (README) and run "
        ".venv/bin/python scripts/corpus_report.py FOLDER"
    )

COLUMNS = ("H", "P", "L", "F", "B", "lab", "pair", "pg", "kept")


def row(doc: Document) -> list[str]:
    kinds = Counter(p.kind for p in doc.paragraphs)
    total = sum(len("".join(p.text.split())) for p in doc.paragraphs)
    kept = sum(len("".join(p.text.split())) for p in doc.paragraphs if p.readable)
    pages = {p.page for p in doc.paragraphs if p.page is not None}
    return [
        str(kinds["heading"]),
        str(kinds["paragraph"]),
        str(kinds["list_item"]),
        str(kinds["footnote"]),
        str(kinds["boilerplate"]),
        str(sum(1 for p in doc.paragraphs if p.label and p.kind != "heading")),
        str(sum(1 for p in doc.paragraphs if p.pair is not None)),
        str(len(pages)) if pages else "-",
        f"{kept / total:.0%}" if total else "-",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--headings", type=int, default=4, help="headings shown per document")
    args = parser.parse_args()
    corpus = load_corpus(args.paths)
    print(f"{'document':<34} " + " ".join(f"{c:>5}" for c in COLUMNS))
    for doc in corpus.documents:
        print(f"{printable(doc.id)[:34]:<34} " + " ".join(f"{v:>5}" for v in row(doc)))
        print(f"    title: {printable(doc.title)}")
        meta = doc.metadata
        facts = [x for x in (meta.author, meta.organization, meta.date) if x]
        if facts:
            print(f"    by:    {printable(' · '.join(facts))}")
        headings = [p for p in doc.paragraphs if p.kind == "heading"][: args.headings]
        for p in headings:
            print(f"    {'  ' * (p.level - 1)}- {printable(p.text)[:70]}")
    for error in corpus.errors:
        print(printable(error))


if __name__ == "__main__":
    main()
