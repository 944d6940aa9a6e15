"""`igtui outline [PATH ...] [--json]`."""

from __future__ import annotations

import argparse

from igtui.cli.common import (
    add_paths_argument,
    load,
    print_json,
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_paths_argument(parser)
    parser.add_argument("--json", action="store_true", help="every paragraph, as JSON")


def run(args: argparse.Namespace) -> int:
    corpus = load(args.paths)
    if args.json:
        print_json(corpus.as_json())
        return 0
    for doc in corpus.documents:
        print(f"{doc.title}  [{doc.id}]")
        for p in doc.paragraphs:
            if p.kind == "heading":
                print("  " * max(p.level, 1) + p.text)
    return 0
