"""Subprocess entry point for the crash and concurrency tests, plus a synthetic-document helper.

    python notes_worker.py NOTES_PATH DOC_ID COUNT [GO_FILE]

Adds a bookmark on each of COUNT paragraphs of an in-memory document DOC_ID, printing each
bookmark's id (flushed) only after `add` returned. With GO_FILE it prints "ready" once imported
and waits for GO_FILE to exist, so that several workers start writing at the same moment.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from igtui.corpus.model import Document, Paragraph
from igtui.notes.store import NotesStore


def synthetic_document(
    doc_id: str, texts: Sequence[str], *, title: str = "", sections: Sequence[str] = (),
) -> Document:
    """A document with one paragraph per text, no file needed."""
    paragraphs = tuple(
        Paragraph(n=i, kind="paragraph", section=tuple(sections), label=str(i), lang="zh", text=t)
        for i, t in enumerate(texts, 1)
    )
    return Document(id=doc_id, title=title or doc_id, path=Path(f"{doc_id}.txt"),
                    paragraphs=paragraphs)


def main(argv: Sequence[str]) -> int:
    notes_path, doc_id, count = Path(argv[0]), argv[1], int(argv[2])
    go_file = Path(argv[3]) if len(argv) > 3 else None
    texts = [f"{doc_id} 第{i}段：互联网治理应当多边、透明、民主。" for i in range(1, count + 1)]
    doc = synthetic_document(doc_id, texts)
    store = NotesStore(notes_path)
    if go_file is not None:
        print("ready", flush=True)
        while not go_file.exists():
            time.sleep(0.001)
    for n in range(1, count + 1):
        bookmark = store.add(doc, n, note=f"笔记 {n}, \"quoted\"\nline two")
        print(bookmark.id, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
