"""The shape of the code: only `igtui.app` touches Textual, and no module imports itself back.

Both checks walk the package (pkgutil), so a new module is covered the day it is added.
"""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import igtui

UI_PACKAGE = "igtui.app"


def all_modules() -> list[str]:
    found = ["igtui"]
    for info in pkgutil.walk_packages(igtui.__path__, "igtui."):
        # `python -m igtui` runs the program on import
        if info.name != "igtui.__main__":
            found.append(info.name)
    return sorted(found)


def is_ui(module: str) -> bool:
    return module == UI_PACKAGE or module.startswith(UI_PACKAGE + ".")


def source_of(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None, module
    return Path(spec.origin)


def imports_of(module: str, known: set[str]) -> set[str]:
    """The igtui modules `module` imports, at any depth of its code (a function-level import
    counts: it may run, so it may close a cycle)."""
    tree = ast.parse(source_of(module).read_text(encoding="utf-8"))
    package = module if source_of(module).name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base]) if base else ".".join(parts)
            # `from pkg import sub` imports the submodule `pkg.sub` when there is one
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                     for a in node.names]
        else:
            continue
        found.update(name for name in names if name in known and name != module)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    known = set(modules)
    return {module: imports_of(module, known) for module in modules}


def test_the_walk_finds_every_layer() -> None:
    modules = set(all_modules())
    for expected in ("igtui.corpus.model", "igtui.corpus.parsing.pipeline",
                     "igtui.reading.linebreak", "igtui.notes.store", "igtui.search.index",
                     "igtui.cli.main", "igtui.app.app", "igtui.storage"):
        assert expected in modules


def test_only_the_app_package_imports_textual() -> None:
    offenders = []
    for module in all_modules():
        if is_ui(module):
            continue
        tree = ast.parse(source_of(module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            if any(n == "textual" or n.startswith("textual.") for n in names):
                offenders.append(module)
    assert offenders == []


def test_no_core_module_imports_the_app() -> None:
    graph = import_graph()
    offenders = {m: sorted(filter(is_ui, deps)) for m, deps in graph.items()
                 if not is_ui(m) and m != "igtui.cli.main" and any(map(is_ui, deps))}
    # the CLI starts the reader, and only that module may reach into the app
    assert offenders == {}
    assert {d for d in graph["igtui.cli.main"] if is_ui(d)} <= {"igtui.app.main"}


def test_no_import_cycles() -> None:
    graph = import_graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for dep in sorted(graph[module]):
            if state.get(dep) == 1:
                cycles.append([*path[path.index(dep):], dep])
            elif dep not in state:
                visit(dep)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert cycles == []


def test_importing_every_core_module_loads_no_textual() -> None:
    core = [m for m in all_modules() if not is_ui(m)]
    code = (
        "import importlib, sys\n"
        f"for m in {core!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_help_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "from igtui.cli.main import COMMANDS, command_parser\n"
        "for name in COMMANDS: command_parser(name)\n"
        "assert 'textual' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
