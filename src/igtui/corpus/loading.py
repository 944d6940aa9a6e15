"""Loading documents from files and folders into a Corpus."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path

from igtui.corpus.curated import curated_for
from igtui.corpus.decoding import UnreadableDocument
from igtui.corpus.frontmatter import merge, read_sidecar
from igtui.corpus.model import Corpus, Document
from igtui.corpus.parsing import parse_source
from igtui.corpus.parsing.crossdoc import hide_shared_lines
from igtui.corpus.readers import SUFFIXES, reader_for


def bundled_seeds_dir() -> Path:
    """The documents shipped with igtui: inside the wheel, or the repo's seeds/ in a checkout."""
    packaged = Path(str(resources.files("igtui"))) / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "seeds"


def document_files(paths: Sequence[Path]) -> list[Path]:
    """The files to read: a folder stands for its files in a format igtui reads (SUFFIXES),
    sorted by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    (p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()),
                    key=lambda p: p.name,
                )
            )
        else:
            files.append(path)
    return files


def corpus_roots(paths: Sequence[Path] | None) -> list[Path]:
    """The folders/files a corpus is read from: `paths`, or the bundled seeds if none."""
    return [Path(p) for p in paths] if paths else [bundled_seeds_dir()]


def load_corpus(paths: Sequence[Path] | None = None) -> Corpus:
    """Every readable document under `paths` (default: the bundled seeds).

    Files that are not text are skipped, each with a one-line message in `errors`.
    """
    roots = corpus_roots(paths)
    documents: list[Document] = []
    errors: list[str] = []
    used_ids: set[str] = set()
    for file in document_files(roots):
        doc_id = _unique_id(file.stem, used_ids)
        try:
            documents.append(_annotated(parse_source(reader_for(file)(file), doc_id, file)))
        except UnreadableDocument as exc:
            used_ids.discard(doc_id)
            errors.append(str(exc))
    documents = hide_shared_lines(documents)
    return Corpus(documents=tuple(documents), errors=tuple(errors), key=corpus_key(roots))


def _annotated(doc: Document) -> Document:
    """The document with what is known of it besides its text: the seeds' curated metadata,
    then the user's sidecar file (`NAME.EXT.toml`), which has the last word."""
    title, metadata = doc.title, doc.metadata
    curated = curated_for(doc.path)
    if curated is not None:
        title, metadata = curated.title or title, merge(metadata, curated.metadata)
    sidecar = read_sidecar(doc.path)
    if sidecar is not None:
        title, metadata = sidecar.title or title, merge(metadata, sidecar.metadata)
    if (title, metadata) == (doc.title, doc.metadata):
        return doc
    return replace(doc, title=title, metadata=metadata)


def corpus_key(roots: Sequence[Path]) -> str:
    """Stable identity of a corpus: a hash of its resolved roots."""
    joined = "\0".join(str(root.resolve()) for root in roots)
    return hashlib.sha1(joined.encode()).hexdigest()[:16]


def _unique_id(stem: str, used: set[str]) -> str:
    # Two folders may hold files of the same name; ids must still tell them apart.
    doc_id, suffix = stem, 2
    while doc_id in used:
        doc_id, suffix = f"{stem}-{suffix}", suffix + 1
    used.add(doc_id)
    return doc_id
