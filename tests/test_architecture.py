"""The core is a library: importing it (and the CLI entry point) never pulls in Textual."""

import subprocess
import sys

CORE_MODULES = [
    "igtui.cli",
    "igtui.model",
    "igtui.corpus",
    "igtui.paths",
    "igtui.commands.outline",
]
OPTIONAL_CORE = [
    "igtui.linebreak", "igtui.search", "igtui.search.cache", "igtui.notes", "igtui.export",
    "igtui.state", "igtui.references", "igtui.concordance", "igtui.citation",
    "igtui.app.navigation",
]


def test_core_does_not_import_textual():
    code = (
        "import importlib, importlib.util, sys\n"
        f"for m in {CORE_MODULES!r}: importlib.import_module(m)\n"
        f"for m in {OPTIONAL_CORE!r}:\n"
        "    if importlib.util.find_spec(m) is not None: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_help_does_not_import_textual():
    code = (
        "import sys\n"
        "from igtui.cli import _command_parser\n"
        "_command_parser()\n"
        "assert 'textual' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
