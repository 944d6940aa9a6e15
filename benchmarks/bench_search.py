"""Search benchmark: igtui's index against a naive rapidfuzz scan and `fzf --filter`.

    python benchmarks/bench_search.py [--scale 100] [--no-naive]

Builds a corpus `scale` times the seeds (the seed files copied under distinct names into a temp
folder) and prints, for the seeds and for that corpus: cold index build time, warm cache load
time, p50/p95 latency per keystroke (fixed queries typed one character at a time), peak memory
(RSS of a fresh process per engine, so the numbers do not mix: for igtui, the warm process that
loads the cache and answers the keystrokes; the cold build's peak on its own line), and the wall
time of a whole warm `igtui search` process. Each engine runs in its own subprocess.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

# What a reader types, each a different kind of query; typed one char at a time.
QUERIES = [
    "网络主权",
    "互联网冶理的范畴",
    "因特网治理论坛第五次会议",
    "物联网 云计算 复杂",
    "網絡犯罪執法部門",
    "隐私权是一项基本的永久权力",
    "multistakeholder goverance",
    "digital devide widened",
    "wangluo zhuquan",
    "wlzq",
    "heihezi",
]


def keystrokes() -> list[str]:
    return [q[:i] for q in QUERIES for i in range(1, len(q) + 1) if q[:i].strip()]


def make_corpus(scale: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(scale):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(seed, folder / f"{i:03d}_{seed.name}")
    return folder


def peak_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def latencies(search: object, queries: list[str]) -> list[float]:
    times = []
    for q in queries:
        start = time.perf_counter()
        search(q)  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return times


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


# -- workers (each runs in its own process) -------------------------------------------------


def worker_igtui(corpus_dir: Path, cache: Path, mode: str) -> dict[str, float]:
    from igtui.corpus.loading import load_corpus
    from igtui.search import load_or_build

    corpus = load_corpus([corpus_dir])
    start = time.perf_counter()
    index = load_or_build(corpus, cache_dir=cache)
    elapsed = time.perf_counter() - start
    out = {"paragraphs": float(len(index)), f"{mode}_s": elapsed}
    if mode == "warm":
        index.prepare()  # what the app does in the background once the index is loaded
        times = latencies(lambda q: index.search(q, limit=10), keystrokes())
        out |= {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
                "max_ms": max(times)}
    out["peak_mb"] = peak_mb()
    return out


def worker_naive(corpus_dir: Path) -> dict[str, float]:
    from rapidfuzz import fuzz, process

    from igtui.corpus.loading import load_corpus

    corpus = load_corpus([corpus_dir])
    start = time.perf_counter()
    texts = [p.text for d in corpus.documents for p in d.paragraphs if p.readable]
    build = time.perf_counter() - start
    times = latencies(
        lambda q: process.extract(q, texts, scorer=fuzz.partial_ratio, limit=10), keystrokes()
    )
    return {"cold_s": build, "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
            "max_ms": max(times), "peak_mb": peak_mb()}


def run_worker(*args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def fzf_row(corpus_dir: Path) -> dict[str, float] | None:
    fzf = shutil.which("fzf")
    if fzf is None:
        return None
    from igtui.corpus.loading import load_corpus

    corpus = load_corpus([corpus_dir])
    lines = "\n".join(
        " ".join(p.text.split()) for d in corpus.documents for p in d.paragraphs if p.readable
    )
    times = []
    for q in keystrokes():
        start = time.perf_counter()
        subprocess.run([fzf, "--filter", q], input=lines, capture_output=True, text=True)
        times.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
            "max_ms": max(times)}


def whole_process(corpus_dir: Path, cache: Path, query: str, runs: int = 5) -> float:
    env = dict(os.environ, IGTUI_CACHE_DIR=str(cache))
    cmd = [sys.executable, "-m", "igtui", "search", query, str(corpus_dir), "--json"]
    subprocess.run(cmd, env=env, capture_output=True, check=True)  # make sure it is warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(name: str, corpus_dir: Path, cache: Path, naive: bool) -> list[str]:
    cold = run_worker("igtui", str(corpus_dir), str(cache), "cold")
    warm = run_worker("igtui", str(corpus_dir), str(cache), "warm")
    rows = [
        f"{name:6} {'igtui':8} {int(cold['paragraphs']):>7} {cold['cold_s']:>9.2f} "
        f"{warm['warm_s']:>9.3f} {warm['p50_ms']:>8.2f} {warm['p95_ms']:>8.2f} "
        f"{warm['max_ms']:>8.1f} {warm['peak_mb']:>8.0f}",
        f"{name:6} igtui peak memory while building the index (cold): {cold['peak_mb']:.0f} MB",
    ]
    if naive:
        nv = run_worker("naive", str(corpus_dir))
        rows.append(
            f"{name:6} {'naive':8} {'':>7} {nv['cold_s']:>9.2f} {'-':>9} {nv['p50_ms']:>8.2f} "
            f"{nv['p95_ms']:>8.2f} {nv['max_ms']:>8.1f} {nv['peak_mb']:>8.0f}"
        )
    fz = fzf_row(corpus_dir)
    if fz is None:
        rows.append(f"{name:6} fzf: not installed")
    else:
        rows.append(
            f"{name:6} {'fzf':8} {'':>7} {'-':>9} {'-':>9} {fz['p50_ms']:>8.2f} "
            f"{fz['p95_ms']:>8.2f} {fz['max_ms']:>8.1f} {'-':>8}"
        )
    for query in ("网络主权", "multistakeholder goverance"):
        seconds = whole_process(corpus_dir, cache, query)
        rows.append(f"{name:6} warm `igtui search {query}` whole process: {seconds:.3f} s")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--no-naive", action="store_true", help="skip the naive full scan")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, *rest = args.worker
        if kind == "igtui":
            result = worker_igtui(Path(rest[0]), Path(rest[1]), rest[2])
        else:
            result = worker_naive(Path(rest[0]))
        print(json.dumps(result))
        return
    print(f"{len(keystrokes())} keystrokes over {len(QUERIES)} queries; limit 10")
    print(f"{'corpus':6} {'engine':8} {'paras':>7} {'cold s':>9} {'warm s':>9} {'p50 ms':>8} "
          f"{'p95 ms':>8} {'max ms':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory(prefix="igtui-bench-") as tmp:
        base = Path(tmp)
        big = make_corpus(args.scale, base / f"x{args.scale}")
        for name, folder in (("seeds", SEEDS), (f"{args.scale}x", big)):
            for row in bench(name, folder, base / f"cache-{name}", not args.no_naive):
                print(row, flush=True)


if __name__ == "__main__":
    main()
