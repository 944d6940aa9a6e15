"""Reader speed: launch-to-first-paint, the tree of a large corpus, keypress-to-repaint for `j`
and `G`, and typing.

    python benchmarks/bench_app.py [--runs N] [--scale 100 1000]

First paint is measured in a fresh process (interpreter start, imports, opening the corpus,
first frame composed, headless), on the seeds and on corpora `scale` times the seeds: "cold"
is the first launch (every document parsed), "warm" the next ones (parse cache and search index
in place, as on any launch after the first).
On the largest corpus, the tree: expanding a document (its sections are added then), folding
it and moving down, from key event to frame. Keypresses are measured in-process on one long
document (all seeds concatenated): the key's action plus rendering every row of the pane (our
share of a repaint), and the time from the key event to the next frame written to the
(headless) terminal, which includes Textual's frame pacing.

Typing is measured on the 100x corpus: each key typed into the concordance box (`c`, a scan of
the whole corpus per keystroke), into the search box as a `#45` jump (a scan of every
document) and into the command palette (every document's title), from the key event to the
frame that shows the typed character. The scans run in workers, so this should stay within a
frame or two (goal: p95 <= 50 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from igtui.app.app import IgtuiApp
    from igtui.app.screens.reader import ReaderScreen

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

CHILD = """
import sys, time
from igtui.app.app import IgtuiApp
from igtui.app.main import make_app

class Timed(IgtuiApp):
    def on_ready(self) -> None:
        print(time.time(), flush=True)
        self.exit()

paths = [__import__("pathlib").Path(p) for p in sys.argv[1:]]
make_app(paths, app_class=Timed).run(headless=True, size=(100, 30))
"""


def first_paint(paths: list[Path], runs: int) -> list[float]:
    """Seconds from spawning `python` to the app's first frame, one per run."""
    # as on a user's machine, where Python caches compiled modules: with
    # PYTHONDONTWRITEBYTECODE set, every launch would compile igtui's sources again (~0.1 s)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for _ in range(runs):
        start = time.time()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, *map(str, paths)],
            capture_output=True, text=True, check=True, env=env,
        ).stdout
        times.append(float(out.strip().splitlines()[-1]) - start)
    return times


def replicate(copies: int, into: Path) -> Path:
    """A folder holding every seed `copies` times, each copy its own document."""
    into.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copy(seed, into / f"{i:04d}_{seed.name}")
    return into


async def tree_keys(folder: Path, runs: int) -> dict[str, list[float]]:
    """In the tree of a large corpus: expand, fold, `down`: key event -> frame."""
    from igtui.app.main import make_app

    app = make_app([folder])
    results: dict[str, list[float]] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.reader.doc_tree
        tree.focus()
        await pilot.pause()
        painted = _watch_frames(app)
        for _ in range(runs):
            # on a document node: expand it (its sections are added), fold it, next document
            for name, key in (("expand", "space"), ("fold", "space"), ("down", "down")):
                results.setdefault(f"tree {name}", []).append(
                    await _key_to_tree_frame(app, key, painted))
                await pilot.pause()
    return results


async def _key_to_tree_frame(app: IgtuiApp, key: str, frames: asyncio.Queue[float]) -> float:
    while not frames.empty():
        frames.get_nowait()
    start = time.perf_counter()
    app.simulate_key(key)
    painted_at = await asyncio.wait_for(frames.get(), timeout=10)
    return painted_at - start


def long_document(into: Path) -> Path:
    """All seeds in one file: a document several hundred paragraphs long."""
    path = into / "all_seeds.txt"
    texts = [seed.read_text(encoding="utf-8") for seed in sorted(SEEDS.glob("*.txt"))]
    path.write_text("\n\n".join(texts), encoding="utf-8")
    return path


async def keypresses(document: Path, runs: int) -> dict[str, list[float]]:
    """Per key: action + rendering every pane row; and key event -> frame written."""
    from igtui.app.main import make_app

    app = make_app([document])
    results: dict[str, list[float]] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.reader
        longest = max(app.corpus.documents, key=lambda d: len(d.paragraphs))
        reader.goto(longest.id, 1)
        await pilot.pause()
        painted = _watch_frames(app)
        for _ in range(runs):
            for key, action in (("j", reader.action_next_paragraph),
                                ("G", reader.action_last_paragraph)):
                results.setdefault(f"{key}: action + pane render", []).append(
                    _action_and_render(reader, action))
                reader.action_first_paragraph()
                await pilot.pause()
                results.setdefault(f"{key}: key event -> frame", []).append(
                    await _key_to_frame(app, key, painted))
                reader.action_first_paragraph()
                await pilot.pause()
        from igtui.reading.pane_layout import layout_document

        start = time.perf_counter()
        layout_document(longest, reader.pane.rows.width)
        results[f"layout of {len(longest.paragraphs)} paragraphs"] = [time.perf_counter() - start]
    return results


def _action_and_render(reader: ReaderScreen, action: Callable[[], None]) -> float:
    pane = reader.pane
    start = time.perf_counter()
    action()
    for y in range(pane.size.height):
        pane.render_line(y)
    return time.perf_counter() - start


def _watch_frames(app: IgtuiApp) -> asyncio.Queue[float]:
    """Every frame the app writes to its (headless) terminal, as a timestamp."""
    frames: asyncio.Queue[float] = asyncio.Queue()
    display = app._display

    def timed_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        frames.put_nowait(time.perf_counter())

    app._display = timed_display  # type: ignore[method-assign]
    return frames


async def _key_to_frame(app: IgtuiApp, key: str, frames: asyncio.Queue[float]) -> float:
    while not frames.empty():
        frames.get_nowait()
    before = (app.reader.doc_id, app.reader.n)
    start = time.perf_counter()
    app.simulate_key(key)
    while True:
        painted_at = await asyncio.wait_for(frames.get(), timeout=5)
        if (app.reader.doc_id, app.reader.n) != before:
            return painted_at - start


# what is typed, key by key: words, a one-character term (the most occurrences), corrections
CONCORDANCE_KEYS = [*"互联网治理", "backspace", "backspace", *"多边", "ctrl+u", "的", "backspace",
                    *"数字鸿沟"]
JUMP_KEYS = ["number_sign", "4", "5", "backspace", "6", "backspace", "backspace", "1", "2"]
PALETTE_KEYS = ["g", "o", "space", "t", "o", "backspace", *"互联网"]
# the character a key name types (the rest type themselves)
CHARACTERS = {"number_sign": "#", "space": " "}


def build_index(folder: Path) -> None:
    """Index `folder` into the cache first: typing is timed as it is on every later run,
    not while a first run's index build (tens of seconds at 100x) competes for the CPU."""
    from igtui.corpus.loading import load_corpus
    from igtui.search.cache import load_or_build

    load_or_build(load_corpus([folder]))


async def typing(folder: Path, rounds: int) -> dict[str, list[float]]:
    """key event -> frame showing it, per key typed into the concordance and search boxes."""
    from igtui.app.main import make_app

    app = make_app([folder])
    results: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        while not app.reader.search.ready:  # the cached index: loads in a moment
            await pilot.pause(0.1)
        painted = _watch_frames(app)
        for opener, keys, name in (("c", CONCORDANCE_KEYS, "concordance"),
                                   ("slash", JUMP_KEYS, "search box #45"),
                                   ("ctrl+p", PALETTE_KEYS, "command palette")):
            for _ in range(rounds):
                await pilot.press(opener)
                await pilot.pause()
                for key in keys:
                    results.setdefault(f"typing into the {name}", []).append(
                        await _typed_to_frame(app, key, painted))
                await app.workers.wait_for_complete()
                await pilot.press("escape")
                await pilot.pause()
    return results


async def _typed_to_frame(app: IgtuiApp, key: str, frames: asyncio.Queue[float]) -> float:
    from textual import events
    from textual.widgets import Input

    box = app.screen.query_one(Input)
    while not frames.empty():
        frames.get_nowait()
    before = box.value
    character = CHARACTERS.get(key, key if len(key) == 1 else None)
    start = time.perf_counter()
    # as a terminal sends it: the key's name and the character it types
    app.post_message(events.Key(key, character))
    while True:
        painted_at = await asyncio.wait_for(frames.get(), timeout=10)
        if box.value != before:
            return painted_at - start


def report(name: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f"{name:<44} median {statistics.median(ms):8.2f} ms   p95 {p95:8.2f} ms   n={len(ms)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, nargs="+", default=[100])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["IGTUI_DATA_DIR"] = os.environ["IGTUI_CACHE_DIR"] = scratch
        report("first paint, seeds, cold", first_paint([SEEDS], 1))
        build_index(SEEDS)
        report("first paint, seeds, warm", first_paint([SEEDS], args.runs))
        largest = None
        folders = {}
        for scale in args.scale:
            largest = folders[scale] = replicate(scale, Path(scratch) / f"x{scale}")
            report(f"first paint, {scale}x seeds, cold", first_paint([largest], 1))
            # opened before: the search index the first launch starts building is in place too
            # (else each "warm" launch would build it again beside the first frame)
            build_index(largest)
            report(f"first paint, {scale}x seeds, warm", first_paint([largest], args.runs))
        if largest is not None:
            for name, seconds in asyncio.run(tree_keys(largest, args.runs * 2)).items():
                report(f"{name} ({args.scale[-1]}x) key -> frame", seconds)
        document = long_document(Path(scratch))
        for name, seconds in asyncio.run(keypresses(document, args.runs * 4)).items():
            report(f"keypress {name}" if "layout" not in name else name, seconds)
        big = folders.get(100) or replicate(100, Path(scratch) / "x100")
        build_index(big)
        for name, seconds in asyncio.run(typing(big, max(1, args.runs // 2))).items():
            report(f"{name}, 100x", seconds)


if __name__ == "__main__":
    main()
