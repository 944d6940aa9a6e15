"""`igtui outline [PATH ...] [--json]`."""

from __future__ import annotations

import argparse
from typing import Any

from igtui.cli.common import (
    add_paths_argument,
    load,
    print_json,
    say,
)
from igtui.corpus.model import Corpus
from igtui.reading.locator import locators


def configure(parser: argparse.ArgumentParser) -> None:
    add_paths_argument(parser)
    parser.add_argument("--json", action="store_true", help="every paragraph, as JSON")


def run(args: argparse.Namespace) -> int:
    corpus = load(args.paths)
    if args.json:
        print_json(_with_locators(corpus))
        return 0
    for doc in corpus.documents:
        say(f"{doc.title}  [{doc.id}]".replace("\n", " "))
        for p in doc.paragraphs:
            if p.kind == "heading":
                say("  " * max(p.level, 1) + p.text.replace("\n", " "))
    return 0


def _with_locators(corpus: Corpus) -> dict[str, Any]:
    """`corpus.as_json()` with each paragraph's `locator` added (`n` stays: keys are only
    ever added)."""
    data = corpus.as_json()
    for doc, doc_json in zip(corpus.documents, data["documents"], strict=True):
        table = locators(doc)
        for paragraph in doc_json["paragraphs"]:
            paragraph["locator"] = table.of(paragraph["n"])
    return data
