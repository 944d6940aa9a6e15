"""The reading-state file: round trip, merge, and never failing on a bad file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from igtui.storage import Position, ReadingState, StateStore, data_dir


def test_default_path_is_in_the_data_dir() -> None:
    assert StateStore().path == data_dir() / "state.json"


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    state = StateStore(tmp_path / "none" / "state.json").load()
    assert state == ReadingState()


def test_round_trip(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "d" / "state.json")
    state = ReadingState(theme="textual-light", positions={"k1": Position("doc", 7)})
    assert store.save(state)
    assert store.load() == state
    assert json.loads(store.path.read_text(encoding="utf-8"))["version"] == 1


def test_save_merges_other_corpora(tmp_path: Path) -> None:
    """Two instances on different corpora keep each other's positions."""
    path = tmp_path / "state.json"
    first, second = StateStore(path), StateStore(path)
    a, b = first.load(), second.load()
    a.positions["corpus-a"] = Position("x", 3)
    b.positions["corpus-b"] = Position("y", 5)
    assert first.save(a)
    assert second.save(b)
    assert StateStore(path).load().positions == {
        "corpus-a": Position("x", 3),
        "corpus-b": Position("y", 5),
    }


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"version": 99, "theme": "x"}',
        "\x00\xff garbage",
        '{"version": 1, "theme": 5, "positions": {"k": {"doc": 1, "n": "x"}, "j": 3}}',
    ],
)
def test_corrupted_file_gives_defaults(tmp_path: Path, content: str) -> None:
    path = tmp_path / "state.json"
    path.write_text(content, encoding="utf-8")
    state = StateStore(path).load()
    assert state.theme is None
    assert state.positions == {}


def test_partly_valid_file_keeps_the_valid_entries(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    good = {"doc": "a", "n": 2}
    data = {"version": 1, "theme": "t", "positions": {"ok": good, "bad": {"doc": "a"}}}
    path.write_text(json.dumps(data), encoding="utf-8")
    state = StateStore(path).load()
    assert state.positions == {"ok": Position("a", 2)}
    assert state.theme == "t"


def test_unwritable_location_reports_false(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    store = StateStore(blocker / "state.json")
    assert store.save(ReadingState(theme="x")) is False


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    for i in range(5):
        assert store.save(ReadingState(positions={"k": Position("d", i)}))
    assert os.listdir(tmp_path) == ["state.json"]
    assert store.load().positions["k"] == Position("d", 4)
