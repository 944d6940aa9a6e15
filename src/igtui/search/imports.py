"""Importing the search's libraries without pkg_resources.

jieba and zhconv import pkg_resources (deprecated; ~0.15 s, as long as a whole warm
`igtui search` should take) only to find their own data files, and open the files directly
when it cannot be imported. So it is hidden while they are imported, unless something already
loaded it.
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType

_LOCK = threading.Lock()


def import_without_pkg_resources(name: str) -> ModuleType:
    """`importlib.import_module(name)`, with pkg_resources unimportable meanwhile."""
    module = sys.modules.get(name)
    if module is not None:
        return module
    with _LOCK:
        if "pkg_resources" in sys.modules:
            return importlib.import_module(name)
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises
        try:
            return importlib.import_module(name)
        finally:
            del sys.modules["pkg_resources"]
