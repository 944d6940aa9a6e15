"""Opening PDF, HTML and Word files: time to a parsed Document, the first time.

    python benchmarks/bench_formats.py [--runs N]

Targets (issue 11): a 100-page PDF opens in <= 1.5 s the first time, a 1 MB HTML page in
<= 0.3 s. "First time" is measured in a fresh process that has imported igtui's loader (as
the running app has): the format's own imports (pypdfium2, pypdf, selectolax, python-docx)
count, as do the reader and the pipeline; interpreter start and igtui's core do not. Each
number is the median of N fresh processes; the reader's own share (file to Source) and the
pipeline's (Source to Document) are printed separately from an in-process run. The files
are generated (reportlab, python-docx) so the benchmark runs anywhere; devdocs 01, 02 and
06 are timed too where ../shared/devdocs exists.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEVDOCS = next(
    (p / "shared" / "devdocs" for p in (REPO.parent, REPO.parent.parent)
     if (p / "shared" / "devdocs").is_dir()),
    REPO.parent / "shared" / "devdocs",
)

CHILD = """
import sys, time
from pathlib import Path
from igtui.corpus.loading import load_corpus
start = time.perf_counter()
corpus = load_corpus([Path(sys.argv[1])])
elapsed = time.perf_counter() - start
assert not corpus.errors, corpus.errors
print(elapsed, len(corpus.documents[0].paragraphs))
"""

LINE = "网络空间治理需要各方共同参与，数据跨境流动规则的制定关乎安全与发展。"


def make_pdf(path: Path, pages: int = 100) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setTitle("网络空间治理年度报告")
    for page in range(1, pages + 1):
        c.setFont("STSong-Light", 9)
        c.drawString(200, 800, "网络空间治理年度报告（2024 年）")
        c.drawString(295, 40, str(page))
        c.setFont("STSong-Light", 16)
        c.drawString(90, 760, f"第{page}节 数据治理与国际合作")
        c.setFont("STSong-Light", 12)
        for row in range(30):
            c.drawString(90 + (24 if row % 6 == 0 else 0), 730 - row * 21, LINE[: 30 + row % 5])
        c.setFont("STSong-Light", 9)
        c.drawString(90, 80, f"{page} 注释：参见第{page}号文件。")
        c.showPage()
    c.save()


def make_html(path: Path, megabytes: float = 1.0) -> None:
    nav = "".join(f'<li><a href="/n{i}">栏目{i}</a></li>' for i in range(60))
    paragraph = f"<p>{LINE * 4}<strong>重点</strong>{LINE}</p>\n"
    count = int(megabytes * 2**20 / len(paragraph.encode()))
    body = "".join(
        (f"<h2>第{i // 20 + 1}部分</h2>\n" if i % 20 == 0 else "") + paragraph for i in range(count)
    )
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>文章 - 示例网</title>'
        "<script>var x = 1;</script></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header>"
        f'<div class="main"><h1>数据治理长文</h1><div class="content">{body}</div></div>'
        '<div class="share">分享到</div><footer>版权所有 ICP备</footer></body></html>'
    )
    path.write_text(page, encoding="utf-8")


def make_docx(path: Path, paragraphs: int = 2000) -> None:
    import docx

    document = docx.Document()
    for i in range(paragraphs):
        if i % 50 == 0:
            document.add_heading(f"第{i // 50 + 1}章", level=1)
        document.add_paragraph(LINE * 3)
    document.save(str(path))


def fresh_process(path: Path, runs: int) -> tuple[float, int]:
    times = []
    count = 0
    for _ in range(runs):
        # an empty parse cache each time: "first open" is a parse, never a cache hit
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "IGTUI_CACHE_DIR": cache}
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path)],
                capture_output=True, text=True, check=True, env=env,
            ).stdout.split()
        times.append(float(out[0]))
        count = int(out[1])
    return statistics.median(times), count


def split(path: Path) -> tuple[float, float]:
    """Reader and pipeline seconds, in process (imports already done)."""
    from igtui.corpus.parsing import parse_source
    from igtui.corpus.readers import reader_for

    reader_for(path)(path)  # warm the imports
    start = time.perf_counter()
    source = reader_for(path)(path)
    read = time.perf_counter() - start
    start = time.perf_counter()
    parse_source(source, path.stem, path)
    return read, time.perf_counter() - start


def report(name: str, path: Path, runs: int, target: float | None) -> None:
    first, paragraphs = fresh_process(path, runs)
    read, parse = split(path)
    size = path.stat().st_size / 2**20
    goal = f" (target <= {target:.1f} s: {'ok' if first <= target else 'MISSED'})" if target else ""
    print(
        f"{name:<34} {size:6.2f} MB  first open {first:6.3f} s{goal}\n"
        f"{'':<34} {'':9}  reader {read:6.3f} s, pipeline {parse:6.3f} s, "
        f"{paragraphs} paragraphs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf, html, word = folder / "report100.pdf", folder / "page1mb.html", folder / "doc.docx"
        make_pdf(pdf)
        make_html(html)
        make_docx(word)
        print(f"median of {args.runs} fresh processes each\n")
        report("100-page PDF (generated)", pdf, args.runs, 1.5)
        report("1 MB HTML page (generated)", html, args.runs, 0.3)
        report("Word, 2000 paragraphs (generated)", word, args.runs, None)
        for name in ("01_caict_data_security_risks_2022.pdf", "02_gdpr_zh_translation.pdf",
                     "06_ossf_digital_divide_2011.html"):
            if (DEVDOCS / name).is_file():
                report(f"devdocs {name[:2]} ({Path(name).suffix})", DEVDOCS / name, args.runs,
                       None)


if __name__ == "__main__":
    main()
