"""Two writers at once (two processes, or two stale stores) never lose each other's changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from igtui.notes.store import NotesStore
from notes_worker import synthetic_document

WORKER = Path(__file__).with_name("notes_worker.py")
PER_PROCESS = 100


def test_two_processes_adding_at_once_keep_all_notes(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(path), doc_id, str(PER_PROCESS), str(go)],
            stdout=subprocess.PIPE, text=True,
        )
        for doc_id in ("alpha", "beta")
    ]
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
    go.touch()
    printed: set[str] = set()
    for proc in procs:
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0
        printed |= set(out.split())

    bookmarks = NotesStore(path).load()
    assert len(bookmarks) == 2 * PER_PROCESS
    assert {b.id for b in bookmarks} == printed
    for doc_id in ("alpha", "beta"):
        assert sorted(b.n for b in bookmarks if b.doc == doc_id) == list(range(1, 101))


def test_two_stores_with_stale_views_merge(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    doc = synthetic_document("d", ["甲", "乙", "丙"])
    app, cli = NotesStore(path), NotesStore(path)
    first = app.add(doc, 1)
    cli.add(doc, 2, note="from the CLI")
    app.update_note(first.id, "from the app")
    assert cli.remove(first.id) is True
    app.add(doc, 3)
    assert sorted((b.n, b.note) for b in cli.load()) == [(2, "from the CLI"), (3, "")]
