"""Loading documents from files and folders into a Corpus."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path

from igtui.corpus.cache import ParseCache, Progress, Stat, parse_all
from igtui.corpus.decoding import UnreadableDocument
from igtui.corpus.model import Corpus, Document
from igtui.corpus.readers import SUFFIXES
from igtui.storage import cache_dir as default_cache_dir

# `frontmatter.SIDECAR_SUFFIX` (a test checks): not imported for it, for start-up speed (it
# brings the parsing pipeline's regular expressions, ~0.05 s, which a warm launch never runs)
SIDECAR_SUFFIX = ".toml"


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
            # scandir knows what is a file without a stat per entry (5,000 files: ~0.1 s saved)
            with os.scandir(path) as entries:
                names = sorted(
                    e.name for e in entries
                    if os.path.splitext(e.name)[1].lower() in SUFFIXES and e.is_file()
                )
            files.extend(path / name for name in names)
        else:
            files.append(path)
    return files


def corpus_roots(paths: Sequence[Path] | None) -> list[Path]:
    """The folders/files a corpus is read from: `paths`, or the bundled seeds if none."""
    return [Path(p) for p in paths] if paths else [bundled_seeds_dir()]


def load_corpus(
    paths: Sequence[Path] | None = None,
    *,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> Corpus:
    """Every readable document under `paths` (default: the bundled seeds).

    Files that are not text are skipped, each with a one-line message in `errors`. Through the
    parse cache (`igtui.corpus.cache`): when no file and no sidecar changed, the corpus opens
    from its manifest without reading a document. Otherwise each document is read from its
    cache entry or parsed (`progress` hears how far, 0..1), annotated (curated and sidecar
    metadata), and the corpus-level pass hides the lines a folder's documents share.
    """
    roots = corpus_roots(paths)
    key = corpus_key(roots)
    cache = ParseCache(key, (cache_dir or default_cache_dir()) / "parse")
    files = document_files(roots)
    resolved = _resolved(files)
    sidecars = [_sidecar_stat(path) for path in resolved]
    if cache.fresh(resolved, sidecars):
        return _assemble([_lazy(cache, f, r) for f, r in zip(files, resolved, strict=True)], key)
    return _assemble(_load_changed(cache, files, resolved, sidecars, progress), key)


def _load_changed(
    cache: ParseCache,
    files: Sequence[Path],
    resolved: Sequence[str],
    sidecars: Sequence[Stat | None],
    progress: Progress | None,
) -> list[Document | str]:
    """The documents of a corpus that changed: each read from its cache entry or parsed,
    annotated, filed and summarised for the corpus-level pass one at a time, so that no more
    than `LazyDocument.MAX_LOADED` hold their paragraphs at once (50,000 files open in bounded
    memory); then the pass, which rebuilds only the documents it changes."""
    # lazily: a corpus opened from its manifest runs no pass
    from igtui.corpus.parsing.crossdoc import LineSummary, hide_lines, shared_positions, summarize

    outcomes: list[Document | str] = [""] * len(files)
    summaries: dict[int, LineSummary] = {}

    def settle(i: int, outcome: Document | str) -> None:
        if isinstance(outcome, str):
            outcomes[i] = outcome
            return
        doc = _annotated(outcome)
        summaries[i] = summarize(doc)
        outcomes[i] = cache.finish(files[i], resolved[i], doc, set(), sidecars[i])

    misses: list[int] = []
    for i, (file, path) in enumerate(zip(files, resolved, strict=True)):
        before: Document | str | None
        try:
            before = cache.parsed_before(file, path, file.stem)
        except UnreadableDocument as exc:
            before = str(exc)
        if before is None:
            misses.append(i)
        else:
            settle(i, before)
    jobs = [(files[i], files[i].stem, resolved[i]) for i in misses]
    for i, parsed in zip(misses, parse_all(jobs, cache.docs, progress), strict=True):
        settle(i, cache.parsed(resolved[i], parsed))
    order = sorted(summaries)
    for i, hidden in zip(order, shared_positions([summaries[i] for i in order]), strict=True):
        doc = outcomes[i]
        if hidden and isinstance(doc, Document):
            doc = hide_lines(doc.plain(), hidden)
            outcomes[i] = cache.finish(files[i], resolved[i], doc, hidden, sidecars[i])
    cache.save(resolved)
    return outcomes


def _lazy(cache: ParseCache, file: Path, resolved: str) -> Document | str:
    try:
        return cache.lazy(file, resolved, file.stem)
    except UnreadableDocument as exc:
        return str(exc)


def _sidecar_stat(resolved: str) -> Stat | None:
    """The stat of the document's sidecar (`NAME.EXT.toml` beside it), None if there is none
    (a string path: 5,000 of these run at every launch)."""
    try:
        return Stat.of(resolved + SIDECAR_SUFFIX)
    except OSError:
        return None


def _resolved(files: Sequence[Path]) -> list[str]:
    """Each file's absolute path with its folder's symlinks resolved (the folder once, not each
    file: realpath costs ~40 µs a call). A file that is itself a link keeps its own name, which
    is all a cache key needs: the content hash is in the key too."""
    folders: dict[Path, str] = {}
    out = []
    for file in files:
        folder = folders.get(file.parent)
        if folder is None:
            folder = folders[file.parent] = os.path.realpath(file.parent)
        out.append(os.path.join(folder, file.name))
    return out


def _assemble(outcomes: Sequence[Document | str], key: str) -> Corpus:
    """Documents in file order with unique ids (two folders may hold files of the same name)."""
    documents: list[Document] = []
    errors: list[str] = []
    used_ids: set[str] = set()
    for outcome in outcomes:
        if isinstance(outcome, str):
            errors.append(outcome)
            continue
        doc_id = _unique_id(outcome.id, used_ids)
        documents.append(outcome if doc_id == outcome.id else outcome.renamed(doc_id))
    return Corpus(documents=tuple(documents), errors=tuple(errors), key=key)


def _annotated(doc: Document) -> Document:
    """The document with what is known of it besides its text: the seeds' curated metadata,
    then the user's sidecar file (`NAME.EXT.toml`), which has the last word."""
    # lazily: only documents new to the cache are annotated
    from igtui.corpus.curated import curated_for
    from igtui.corpus.frontmatter import merge, read_sidecar

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
