"""Opening a corpus: cold (parsing every file) and warm (from the parse cache), at several sizes,
and on hostile input (one huge single-line file; tens of thousands of tiny files).

    python benchmarks/bench_load.py [--scale 1 10 100 1000] [--runs N] [--hostile]

Each measurement runs in a fresh process (so peak memory is its own) with its own cache folder:
"cold" parses everything (worker processes when there are many files), "warm" is the next
launch, which reads the manifest and stats the files, reading no document.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

CHILD = """
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from igtui.corpus.loading import load_corpus
corpus = load_corpus([Path(p) for p in sys.argv[2:]], cache_dir=Path(sys.argv[1]))
elapsed = time.perf_counter() - start
print(json.dumps({"s": elapsed, "docs": len(corpus.documents), "errors": len(corpus.errors),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def replicate(copies: int, folder: Path) -> Path:
    """`copies` copies of every seed, under new names so each is its own document."""
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(seed, folder / f"{copy:04d}_{seed.name}")
    return folder


def measure(cache: Path, *paths: Path) -> dict[str, float]:
    """Import + load in a fresh process: seconds, documents, peak RSS."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(cache), *map(str, paths)],
        capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.iterdir()) / 1e6


def disk_mb(folder: Path) -> float:
    """What the files take on disk (blocks: a tiny file takes a whole one)."""
    return sum(f.stat().st_blocks * 512 for f in folder.iterdir()) / 1e6


def scale_rows(scales: list[int], runs: int, scratch: Path) -> None:
    print(f"{'corpus':>8} {'docs':>6} {'MB':>7} {'cold s':>8} {'cold MB':>8} "
          f"{'warm s':>8} {'warm MB':>8}  (warm: median of {runs}; import included)")
    for scale in scales:
        folder = replicate(scale, scratch / f"x{scale}")
        cache = scratch / f"cache-x{scale}"
        cold = measure(cache, folder)
        warm = [measure(cache, folder) for _ in range(runs)]
        print(f"{scale:>7}x {int(cold['docs']):>6} {size_mb(folder):>7.1f} {cold['s']:>8.2f} "
              f"{cold['peak_mb']:>8.0f} {statistics.median(w['s'] for w in warm):>8.3f} "
              f"{max(w['peak_mb'] for w in warm):>8.0f}", flush=True)
        shutil.rmtree(folder)
        shutil.rmtree(cache, ignore_errors=True)


def hostile_rows(scratch: Path) -> None:
    """A 20 MB file on one line, and 50,000 tiny files: time and peak memory vs input size."""
    baseline = measure(scratch / "cache-empty", scratch / "empty")["peak_mb"]
    print(f"hostile input (peak MB of a process that loads nothing: {baseline:.0f})")
    line = scratch / "line"
    line.mkdir()
    unit = "互联网治理需要多利益相关方的参与，各国应尊重网络主权。"
    with open(line / "one_line.txt", "w", encoding="utf-8") as out:
        while out.tell() < 20_000_000:
            out.write(unit * 1000)
    tiny = scratch / "tiny"
    tiny.mkdir()
    for i in range(50_000):
        (tiny / f"{i:05d}.txt").write_text(f"第{i}号\n\n短文{i}。\n", encoding="utf-8")
    for name, folder in (("20 MB, one line", line), ("50,000 tiny files", tiny)):
        cache = scratch / f"cache-{folder.name}"
        cold, warm = measure(cache, folder), measure(cache, folder)
        print(f"  {name:<18} input {size_mb(folder):6.1f} MB ({disk_mb(folder):.0f} MB on disk)  "
              f"docs {int(cold['docs']):>6}  "
              f"cold {cold['s']:7.2f} s, peak {cold['peak_mb']:5.0f} MB   "
              f"warm {warm['s']:6.2f} s, peak {warm['peak_mb']:5.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hostile", action="store_true", help="also the hostile inputs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="igtui-bench-load-") as tmp:
        scratch = Path(tmp)
        (scratch / "empty").mkdir()
        os.environ["IGTUI_CACHE_DIR"] = str(scratch / "cache-default")
        scale_rows(args.scale, args.runs, scratch)
        if args.hostile:
            hostile_rows(scratch)


if __name__ == "__main__":
    main()
