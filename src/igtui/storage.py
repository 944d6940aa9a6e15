"""What igtui keeps on disk besides the documents: where (platformdirs), how (one atomic
writer) and the reading state.

- `data_dir()` holds notes and the reading state, `cache_dir()` the search index and parse
  caches; `IGTUI_DATA_DIR` / `IGTUI_CACHE_DIR` override them (tests, portable installs).
- `write_atomic` is the only way igtui writes a file a user keeps: the notes, the state and
  exports all go through it, so a crash leaves the old file or the new one, never a mix.
- The reading state (theme, last position per corpus and per document, the measure, the
  tree's width, recent search queries) is a convenience, never a reason to fail:
  a missing, unreadable, corrupted or unwritable file degrades to defaults.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "igtui"


def data_dir() -> Path:
    """Notes and reading state; `IGTUI_DATA_DIR` overrides (tests, portable installs)."""
    override = os.environ.get("IGTUI_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    """Search-index and parse caches; `IGTUI_CACHE_DIR` overrides."""
    override = os.environ.get("IGTUI_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


class NotRegularFile(OSError):
    """A FIFO, device, socket or folder where igtui expects a file: never read, never written."""


class FileTooLarge(OSError):
    """A file over the size igtui is willing to read for the purpose."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path`.

    A FIFO, a device or a folder raises NotRegularFile before anything is read (it is opened
    non-blocking, so a FIFO with no writer cannot hang the caller, and checked with fstat, so
    nothing can swap it in between); a file over `limit` bytes raises FileTooLarge, read no
    further than that (so /dev/zero-like input cannot exhaust memory). Other OSErrors
    (missing, permissions) propagate.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise FileTooLarge(errno.EFBIG, f"larger than {size_text(limit)}", str(path))
        chunks: list[bytes] = []
        size = 0
        # read in chunks, up to one byte past the limit: a file that grows meanwhile is caught
        while size <= limit and (chunk := os.read(fd, min(1 << 20, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > limit:
        raise FileTooLarge(errno.EFBIG, f"larger than {size_text(limit)}", str(path))
    return b"".join(chunks)


def size_text(size: int) -> str:
    """A byte count for people: 64 MiB, 512 KiB, 100 bytes."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.0f} {unit}"
    return f"{size} bytes"


def check_writable_target(path: Path) -> None:
    """NotRegularFile if `path` (through any symlinks) exists and is not a regular file: a
    write there would replace a device, a FIFO or a folder's entry."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))


def real_path(path: Path) -> Path:
    """`path` with symlinks followed (even to a target that does not exist yet), so that a
    file the user links into, e.g., a synced folder is written there, the link kept."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True, durable: bool = True) -> None:
    """Write `data` to `path` so that it holds either the old or the new content, never a mix.

    `durable` syncs the data and the rename to disk before returning: what a user keeps. A
    cache passes False: after a crash an entry may be empty or cut short, which its validation
    on load turns into a rebuild, and syncing thousands of entries would cost seconds.

    A symlink is written through: its target gets the content, the link stays a link. OSError
    on failure, with the temp file removed; FileExistsError if `path` exists and `overwrite`
    is false; NotRegularFile if it exists and is a device, FIFO or folder.
    """
    path = real_path(path)
    check_writable_target(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file owner-only; give it the mode the user would expect instead
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
        if durable:
            _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _read_umask() -> int:
    # the only portable way to read the umask is to set it, which would race with other
    # threads creating files: so it is read once, at import, before the app starts threads
    # (the first write may well run in a worker thread)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _link_new(tmp: Path, path: Path) -> None:
    # a hard link fails if the target exists, so a file created meanwhile is never clobbered
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        # file systems without hard links (FAT, some network mounts): check, then rename
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)
        return
    tmp.unlink()


def _fsync_dir(folder: Path) -> None:
    # makes the rename itself durable; not possible (nor needed) on Windows
    if os.name == "nt":
        return
    # best effort: some file systems refuse to fsync a folder, and the data is already in place
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)



# -- the reading state ----------------------------------------------------------------

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


# at most this many recent search queries are kept
HISTORY_LIMIT = 100


@dataclass(slots=True)
class ReadingState:
    """What the reader remembers between runs; every field is optional in the file."""

    theme: str | None = None
    # the last position per corpus (by `Corpus.key`)
    positions: dict[str, Position] = field(default_factory=dict)
    # per corpus, per document id: the paragraph `n` last read there ({ } and the tree go back)
    documents: dict[str, dict[str, int]] = field(default_factory=dict)
    # the widest text column of the pane, in cells (None: the default measure)
    measure: int | None = None
    # the document tree's width in cells (None: the stylesheet's)
    tree_width: int | None = None
    # recent search queries, oldest first
    search_history: list[str] = field(default_factory=list)
    # the style `y` and the exports cite in ("gb7714", "chicago"); None until chosen
    citation_style: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> ReadingState:
        """Keep whatever is well-formed; silently drop the rest."""
        if not isinstance(data, dict) or data.get("version") != SCHEMA_VERSION:
            return cls()
        theme = data.get("theme")
        style = data.get("citation_style")
        return cls(
            theme=theme if isinstance(theme, str) else None,
            positions=_positions(data.get("positions")),
            documents=_documents(data.get("documents")),
            measure=_count(data.get("measure")),
            tree_width=_count(data.get("tree_width")),
            search_history=_queries(data.get("search_history")),
            citation_style=style if isinstance(style, str) else None,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "version": SCHEMA_VERSION,
            "theme": self.theme,
            "positions": {key: pos.as_json() for key, pos in sorted(self.positions.items())},
            "documents": {key: dict(sorted(docs.items()))
                          for key, docs in sorted(self.documents.items())},
            "measure": self.measure,
            "tree_width": self.tree_width,
            "search_history": self.search_history[-HISTORY_LIMIT:],
            "citation_style": self.citation_style,
        }

    def merge_into(self, older: ReadingState) -> ReadingState:
        """`older` (the file as another instance left it) updated with what this one holds."""
        older.positions.update(self.positions)
        for key, docs in self.documents.items():
            older.documents.setdefault(key, {}).update(docs)
        for name in ("theme", "measure", "tree_width", "citation_style"):
            if getattr(self, name) is not None:
                setattr(older, name, getattr(self, name))
        if self.search_history:
            # ours are the most recent; the other instance's queries we lack come first
            theirs = [q for q in older.search_history if q not in self.search_history]
            older.search_history = (theirs + self.search_history)[-HISTORY_LIMIT:]
        return older


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _count(value: Any) -> int | None:
    return value if _is_int(value) and value > 0 else None


def _positions(raw: Any) -> dict[str, Position]:
    positions: dict[str, Position] = {}
    if isinstance(raw, dict):
        for key, value in raw.items():
            position = Position.from_json(value)
            if isinstance(key, str) and position is not None:
                positions[key] = position
    return positions


def _queries(raw: Any) -> list[str]:
    if not isinstance(raw, list):
        return []
    return [q for q in raw if isinstance(q, str) and q.strip()][-HISTORY_LIMIT:]


def _documents(raw: Any) -> dict[str, dict[str, int]]:
    documents: dict[str, dict[str, int]] = {}
    if isinstance(raw, dict):
        for key, docs in raw.items():
            if isinstance(key, str) and isinstance(docs, dict):
                documents[key] = {
                    doc: n for doc, n in docs.items() if isinstance(doc, str) and _is_int(n)
                }
    return documents


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
        """Write atomically, merging what other instances saved meanwhile.

        Another instance may have saved its own corpus' positions or queries since we loaded,
        so the file on disk is re-read and only our entries override it.
        """
        merged = state.merge_into(self.load())
        text = json.dumps(merged.as_json(), ensure_ascii=False, indent=1)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, text.encode("utf-8"))
        except OSError:
            return False
        return True

