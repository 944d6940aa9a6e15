"""SIGKILL at random moments never corrupts the notes file nor loses a confirmed add."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from igtui.notes.store import NotesStore

WORKER = Path(__file__).with_name("notes_worker.py")
KILLS = 20

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_killed_writers_never_lose_confirmed_notes(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    rng = random.Random(5)
    confirmed: list[str] = []
    for round_no in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), str(path), f"doc{round_no}", "5000"],
            stdout=subprocess.PIPE, text=True,
        )
        assert proc.stdout is not None
        # wait until it is writing, then kill it somewhere in the middle of an add
        first = proc.stdout.readline().strip()
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        confirmed += [first, *rest.split()]

        # the file is whole JSON after every kill, and holds every add that returned
        json.loads(path.read_text(encoding="utf-8"))
        store = NotesStore(path)
        stored = {b.id for b in store.load()}
        assert store.warnings == []
        missing = set(confirmed) - stored
        assert not missing, f"round {round_no}: lost {len(missing)} confirmed notes"
    assert len(confirmed) >= KILLS
    # temp files of killed writers are swept by the next write
    NotesStore(path).update_note(confirmed[0], "swept")
    assert not list(tmp_path.glob(".notes.json.*.tmp"))
