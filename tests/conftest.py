"""Every test runs with its own data and cache dirs: no test touches a real home."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IGTUI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("IGTUI_CACHE_DIR", str(tmp_path / "cache"))
