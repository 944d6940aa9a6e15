"""What igtui keeps on disk besides the documents: where (platformdirs), how (one atomic
writer) and the reading state.

- `data_dir()` holds notes and the reading state, `cache_dir()` the search index and parse
  caches; `IGTUI_DATA_DIR` / `IGTUI_CACHE_DIR` override them (tests, portable installs).
- `write_atomic` is the only way igtui writes a file a user keeps: the notes, the state and
  exports all go through it, so a crash leaves the old file or the new one, never a mix.
- The reading state (theme, last position per corpus) is a convenience, never a reason to fail:
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


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` so that it holds either the old or the new content, never a mix.

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
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
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


@dataclass(slots=True)
class ReadingState:
    theme: str | None = None
    positions: dict[str, Position] = field(default_factory=dict)
    # the style `y` and the exports cite in ("gb7714", "chicago"); None until chosen
    citation_style: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> ReadingState:
        """Keep whatever is well-formed; silently drop the rest."""
        if not isinstance(data, dict) or data.get("version") != SCHEMA_VERSION:
            return cls()
        theme = data.get("theme")
        raw_positions = data.get("positions")
        positions: dict[str, Position] = {}
        if isinstance(raw_positions, dict):
            for key, value in raw_positions.items():
                position = Position.from_json(value)
                if isinstance(key, str) and position is not None:
                    positions[key] = position
        style = data.get("citation_style")
        return cls(
            theme=theme if isinstance(theme, str) else None,
            positions=positions,
            citation_style=style if isinstance(style, str) else None,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "version": SCHEMA_VERSION,
            "theme": self.theme,
            "positions": {key: pos.as_json() for key, pos in sorted(self.positions.items())},
            "citation_style": self.citation_style,
        }


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
        """Write atomically, merging positions of other corpora saved meanwhile.

        Another instance may have saved its own corpus' position since we loaded, so the
        file on disk is re-read and only our entries override it.
        """
        merged = self.load()
        merged.positions.update(state.positions)
        if state.theme is not None:
            merged.theme = state.theme
        if state.citation_style is not None:
            merged.citation_style = state.citation_style
        text = json.dumps(merged.as_json(), ensure_ascii=False, indent=1)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, text.encode("utf-8"))
        except OSError:
            return False
        return True

