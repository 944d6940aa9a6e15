"""Search benchmark: igtui's on-disk index against `fzf --filter` (and a naive rapidfuzz scan).

    python benchmarks/bench_search.py [--scale 100 1000] [--naive]

For the seeds and for corpora `scale` times the seeds (the seed files copied under distinct
names: each copy is its own document to the caches, nothing is shared), it prints:

- cold: building the index from scratch (the parse cache already warm: parsing is
  bench_load's), seconds and peak memory of the building process (workers not counted);
- update: re-indexing after one file was edited;
- keystrokes: p50/p95/max ms per keystroke in a warm process (fixed queries typed one char at a
  time, after the background warm-up the reader does), and that process's peak memory;
- whole process: a warm `igtui search QUERY PATH --json`, median wall time and peak memory,
  beside `fzf --filter QUERY` over the same paragraphs, one per line (skipped without fzf).
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
WHOLE_PROCESS_QUERIES = ("网络主权", "multistakeholder goverance")


def keystrokes() -> list[str]:
    return [q[:i] for q in QUERIES for i in range(1, len(q) + 1) if q[:i].strip()]


def make_corpus(scale: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(scale):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(seed, folder / f"{i:04d}_{seed.name}")
    return folder


def peak_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


# -- workers (each runs in its own process) -------------------------------------------------


def worker_build(corpus_dir: Path, cache: Path) -> dict[str, float]:
    from igtui.corpus.loading import load_corpus
    from igtui.search import load_or_build

    corpus = load_corpus([corpus_dir], cache_dir=cache)
    start = time.perf_counter()
    index = load_or_build(corpus, cache_dir=cache)
    return {"s": time.perf_counter() - start, "paragraphs": float(len(index)),
            "peak_mb": peak_mb()}


def worker_keys(corpus_dir: Path, cache: Path) -> dict[str, float]:
    from igtui.corpus.loading import load_corpus
    from igtui.search import load_or_build

    start = time.perf_counter()
    index = load_or_build(load_corpus([corpus_dir], cache_dir=cache), cache_dir=cache)
    opened = time.perf_counter() - start
    index.prepare()  # what the app does in the background once the index is open
    times = []
    for q in keystrokes():
        start = time.perf_counter()
        index.search(q, limit=20)  # the reader's limit
        times.append((time.perf_counter() - start) * 1000)
    return {"open_s": opened, "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
            "max_ms": max(times), "peak_mb": peak_mb()}


def worker_naive(corpus_dir: Path, cache: Path) -> dict[str, float]:
    from rapidfuzz import fuzz, process

    from igtui.corpus.loading import load_corpus

    corpus = load_corpus([corpus_dir], cache_dir=cache)
    texts = [p.text for d in corpus.documents for p in d.paragraphs if p.readable]
    times = []
    for q in keystrokes():
        start = time.perf_counter()
        process.extract(q, texts, scorer=fuzz.partial_ratio, limit=10)
        times.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
            "max_ms": max(times), "peak_mb": peak_mb()}


def worker_timed(*cmd: str) -> dict[str, float]:
    """Run `cmd` (stdin from IGTUI_BENCH_STDIN if set): wall seconds and the child's peak."""
    stdin_path = os.environ.get("IGTUI_BENCH_STDIN")
    start = time.perf_counter()
    with open(stdin_path or os.devnull, "rb") as stdin:
        subprocess.run(list(cmd), stdin=stdin, capture_output=True, check=True)
    elapsed = time.perf_counter() - start
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"s": elapsed, "peak_mb": child}


WORKERS = {"build": worker_build, "keys": worker_keys, "naive": worker_naive}


def run_worker(*args: str, env: dict[str, str] | None = None) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *args], capture_output=True, text=True,
        check=True, env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall time and max peak memory of `runs` runs of `cmd`."""
    results = [run_worker("timed", *cmd, env=env) for _ in range(runs)]
    return statistics.median(r["s"] for r in results), max(r["peak_mb"] for r in results)


def paragraph_lines(corpus_dir: Path, cache: Path, into: Path) -> Path:
    from igtui.corpus.loading import load_corpus

    corpus = load_corpus([corpus_dir], cache_dir=cache)
    with open(into, "w", encoding="utf-8") as out:
        for doc in corpus.documents:
            for p in doc.paragraphs:
                if p.readable:
                    out.write(" ".join(p.text.split()) + "\n")
    return into


# -- one corpus -----------------------------------------------------------------------------


def bench(name: str, corpus_dir: Path, scratch: Path, naive: bool) -> None:
    cache = scratch / f"cache-{name}"
    env = dict(os.environ, IGTUI_CACHE_DIR=str(cache))
    from igtui.corpus.loading import load_corpus

    load_corpus([corpus_dir], cache_dir=cache)  # the parse cache, warm from here on
    cold = run_worker("build", str(corpus_dir), str(cache))
    print(f"{name:6} cold build  {cold['s']:7.2f} s  {int(cold['paragraphs']):>7} paragraphs  "
          f"peak {cold['peak_mb']:.0f} MB (building process; workers apart)", flush=True)
    edited = sorted(corpus_dir.glob("*.txt"))[len(list(corpus_dir.glob("*.txt"))) // 2]
    with open(edited, "a", encoding="utf-8") as out:
        out.write("\n\n新增的一段：区块链技术与数字身份。\n")
    update = run_worker("build", str(corpus_dir), str(cache))
    print(f"{name:6} update after editing one file  {update['s']:7.2f} s", flush=True)
    keys = run_worker("keys", str(corpus_dir), str(cache))
    print(f"{name:6} keystrokes (n={len(keystrokes())}): open {keys['open_s']:.3f} s, "
          f"p50 {keys['p50_ms']:.2f} ms, p95 {keys['p95_ms']:.2f} ms, max {keys['max_ms']:.1f} "
          f"ms, peak {keys['peak_mb']:.0f} MB", flush=True)
    if naive:
        nv = run_worker("naive", str(corpus_dir), str(cache))
        print(f"{name:6} naive rapidfuzz scan: p50 {nv['p50_ms']:.1f} ms, p95 "
              f"{nv['p95_ms']:.1f} ms, peak {nv['peak_mb']:.0f} MB", flush=True)
    fzf = shutil.which("fzf")
    lines = paragraph_lines(corpus_dir, cache, scratch / f"lines-{name}.txt")
    for query in WHOLE_PROCESS_QUERIES:
        cmd = [sys.executable, "-m", "igtui", "search", query, str(corpus_dir), "--json"]
        subprocess.run(cmd, env=env, capture_output=True, check=True)  # warm
        seconds, mb = timed(cmd, 5, env)
        row = f"{name:6} warm `igtui search {query}`: {seconds:.3f} s, peak {mb:.0f} MB"
        if fzf is None:
            row += "   | fzf: not installed"
        else:
            fzf_s, fzf_mb = timed([fzf, "--filter", query], 5,
                                  dict(env, IGTUI_BENCH_STDIN=str(lines)))
            row += f"   | fzf --filter: {fzf_s:.3f} s, peak {fzf_mb:.0f} MB"
        print(row, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, nargs="+", default=[100])
    parser.add_argument("--naive", action="store_true", help="also a naive full rapidfuzz scan")
    parser.add_argument("--worker", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, *rest = args.worker
        if kind == "timed":
            result = worker_timed(*rest)
        else:
            result = WORKERS[kind](Path(rest[0]), Path(rest[1]))
        print(json.dumps(result))
        return
    print(f"{len(keystrokes())} keystrokes over {len(QUERIES)} queries")
    with tempfile.TemporaryDirectory(prefix="igtui-bench-search-") as tmp:
        scratch = Path(tmp)
        seeds = make_corpus(1, scratch / "seeds")
        bench("seeds", seeds, scratch, args.naive)
        for scale in args.scale:
            folder = make_corpus(scale, scratch / f"x{scale}")
            bench(f"{scale}x", folder, scratch, args.naive)
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
