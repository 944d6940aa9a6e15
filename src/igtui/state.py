"""Reading state that survives restarts: the theme and, per corpus, the last paragraph read.

Pure core (no Textual). The state is a convenience, never a reason to fail: a missing,
unreadable, corrupted or unwritable file degrades to defaults and `save` reports False.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from igtui.notes import write_atomic
from igtui.paths import data_dir

SCHEMA_VERSION = 1
STATE_FILE = "state.json"


@dataclass(frozen=True, slots=True)
class Position:
    """Where a reader was in one corpus: a document id and a paragraph `n`."""

    doc: str
    n: int

    @classmethod
    def from_json(cls, data: Any) -> Position | None:
        if not isinstance(data, dict):
            return None
        doc, n = data.get("doc"), data.get("n")
        if not isinstance(doc, str) or not isinstance(n, int) or isinstance(n, bool):
            return None
        return cls(doc=doc, n=n)

    def as_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "n": self.n}


@dataclass(slots=True)
class ReadingState:
    theme: str | None = None
    positions: dict[str, Position] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any) -> ReadingState:
        """Keep whatever is well-formed; silently drop the rest."""
        if not isinstance(data, dict) or data.get("version") != SCHEMA_VERSION:
            return cls()
        theme = data.get("theme")
        raw_positions = data.get("positions")
        positions: dict[str, Position] = {}
        if isinstance(raw_positions, dict):
            for key, value in raw_positions.items():
                position = Position.from_json(value)
                if isinstance(key, str) and position is not None:
                    positions[key] = position
        return cls(theme=theme if isinstance(theme, str) else None, positions=positions)

    def as_json(self) -> dict[str, Any]:
        return {
            "version": SCHEMA_VERSION,
            "theme": self.theme,
            "positions": {key: pos.as_json() for key, pos in sorted(self.positions.items())},
        }


class StateStore:
    """Loads and saves one state file; `path` defaults to `data_dir()/state.json`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else data_dir() / STATE_FILE

    def load(self) -> ReadingState:
        try:
            raw = self.path.read_text(encoding="utf-8")
            return ReadingState.from_json(json.loads(raw))
        except (OSError, ValueError):
            return ReadingState()

    def save(self, state: ReadingState) -> bool:
        """Write atomically, merging positions of other corpora saved meanwhile.

        Another instance may have saved its own corpus' position since we loaded, so the
        file on disk is re-read and only our entries override it.
        """
        merged = self.load()
        merged.positions.update(state.positions)
        if state.theme is not None:
            merged.theme = state.theme
        text = json.dumps(merged.as_json(), ensure_ascii=False, indent=1)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, text.encode("utf-8"))
        except OSError:
            return False
        return True

