"""Notes benchmark: the notes file at a heavy user's size, locators, the display filter.

    python benchmarks/bench_notes.py [--bookmarks 5000]

Prints: loading a notes file of N bookmarks (parse + tolerant checks), one `add_note` with N
bookmarks present (the locked read-modify-write every `b` / `notes add` pays), re-anchoring all
N against the seeds, building the locator table of every seed document and naming every
paragraph, `printable` on clean and on hostile text (MB/s), and the search cache's id-range check
(`all_below`) on as many postings ids as 100x the seeds hold.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from array import array
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from igtui.corpus.loading import load_corpus  # noqa: E402
from igtui.notes.records import Bookmark, document_json, reanchor  # noqa: E402
from igtui.notes.store import NotesStore  # noqa: E402
from igtui.reading.display import json_text, printable  # noqa: E402
from igtui.reading.locator import Locators  # noqa: E402
from igtui.search.data import all_below  # noqa: E402
from igtui.storage import write_atomic  # noqa: E402


def timed(action: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of `action`, in ms."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bookmarks", type=int, default=5000)
    count = parser.parse_args().bookmarks
    corpus = load_corpus()
    paragraphs = [(d, p.n) for d in corpus.documents for p in d.paragraphs if p.readable]
    with tempfile.TemporaryDirectory() as folder:
        store = NotesStore(Path(folder) / "notes.json")
        rng = random.Random(12)
        records = []
        for i in range(count):
            doc, n = rng.choice(paragraphs)
            records.append((doc, n, f"笔记 {i}：" + "互联网治理 " * rng.randint(0, 30)))
        # written in one go (the store's own writes, one per bookmark, would take minutes)
        bookmarks = [Bookmark.create(doc, doc.paragraph(n), note) for doc, n, note in records]
        write_atomic(store.path, json_text(document_json(bookmarks), indent=1).encode())
        size = store.path.stat().st_size
        print(f"notes file: {count} bookmarks, {size / 1e6:.1f} MB")
        print(f"  load (parse + checks):          {timed(store.load):8.1f} ms")
        doc, n = paragraphs[0]
        print(f"  add_note (locked read-modify-write): "
              f"{timed(lambda: store.add_note(doc, n, 'x'), 3):.1f} ms")
        loaded = store.load()
        anchor_ms = timed(lambda: reanchor(loaded, corpus), 3)
        print(f"  reanchor all against the seeds: {anchor_ms:8.1f} ms")

    def name_every_paragraph() -> None:
        for d in corpus.documents:
            table = Locators.of_document(d)
            for p in d.paragraphs:
                table.of(p.n)

    total = sum(len(d.paragraphs) for d in corpus.documents)
    print(f"locators: build + name all {total} seed paragraphs: "
          f"{timed(name_every_paragraph):.1f} ms")

    clean = "互联网的国际管理必须是多边的、透明和民主的。Internet governance. " * 20000
    hostile = clean.replace("。", "\x1b[31m\u202e。")
    for name, text in (("clean", clean), ("hostile", hostile)):
        ms = timed(lambda text=text: printable(text))
        print(f"printable, {name} text: {len(text.encode()) / 1e6 / (ms / 1000):8.1f} MB/s")

    ids = array("I", (rng.randrange(39400) for _ in range(4_300_000))).tobytes()
    print(f"search cache id check, 4.3M postings ids (100x seeds): "
          f"{timed(lambda: all_below(ids, 39400), 3):.1f} ms")


if __name__ == "__main__":
    main()
