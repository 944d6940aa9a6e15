"""Loading documents from files and folders into a Corpus (placeholder)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from igtui.model import Corpus, Document, Paragraph

SUFFIXES = (".txt", ".md")


def bundled_seeds_dir() -> Path:
    """The documents shipped with igtui: inside the wheel, or the repo's seeds/ in a checkout."""
    packaged = Path(str(resources.files("igtui"))) / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "seeds"


def document_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES))
        else:
            files.append(path)
    return files


def load_corpus(paths: Sequence[Path] | None = None) -> Corpus:
    roots = [Path(p) for p in paths] if paths else [bundled_seeds_dir()]
    docs = []
    for f in document_files(roots):
        text = f.read_text(encoding="utf-8")
        blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
        paras = tuple(
            Paragraph(n=i, kind="paragraph", section=(), label=None, lang="zh", text=b)
            for i, b in enumerate(blocks, 1)
        )
        docs.append(Document(id=f.stem, title=f.stem, path=f, paragraphs=paras))
    key = hashlib.sha1("\0".join(str(r.resolve()) for r in roots).encode()).hexdigest()[:16]
    return Corpus(documents=tuple(docs), key=key)
