"""`igtui concord` (being built)."""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs="*")


def run(args: argparse.Namespace) -> int:
    from igtui.cli import CliError

    raise CliError("concord: not available yet")
