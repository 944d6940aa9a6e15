"""Time loading the bundled seeds and 10x / 100x copies of them (median of several runs).

Run: python benchmarks/bench_load.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from igtui.corpus.loading import bundled_seeds_dir, document_files, load_corpus


def replicate(seeds: list[Path], copies: int, folder: Path) -> None:
    """`copies` copies of every seed, under new names so each is its own document."""
    for copy in range(copies):
        for seed in seeds:
            shutil.copyfile(seed, folder / f"{copy:04d}_{seed.name}")


def median_ms(folder: Path, runs: int) -> tuple[float, int, int]:
    load_corpus([folder])  # warm imports and the OS file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        corpus = load_corpus([folder])
        times.append((time.perf_counter() - start) * 1000)
    paragraphs = sum(len(d.paragraphs) for d in corpus.documents)
    return statistics.median(times), len(corpus.documents), paragraphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    seeds = document_files([bundled_seeds_dir()])
    size = sum(p.stat().st_size for p in seeds)
    print(f"{'corpus':>8} {'docs':>6} {'paragraphs':>10} {'MB':>7} {'median ms':>10} {'ms/doc':>7}")
    base = None
    for copies in (1, 10, 100):
        with tempfile.TemporaryDirectory() as tmp:
            replicate(seeds, copies, Path(tmp))
            runs = args.runs if copies < 100 else max(3, args.runs // 2)
            ms, docs, paragraphs = median_ms(Path(tmp), runs)
        base = base or ms
        print(
            f"{copies:>7}x {docs:>6} {paragraphs:>10} {size * copies / 1e6:>7.2f} "
            f"{ms:>10.1f} {ms / docs:>7.2f}   ({ms / base:.1f}x the seeds' time)"
        )


if __name__ == "__main__":
    main()
