"""Write SVG screenshots of the reader's main views into screenshots/ (shown in the README).

    python scripts/screenshots.py [--out DIR]

Runs the app headless on the bundled documents with a throw-away data dir, so the pictures
never depend on (or change) anyone's saved reading position. The "formats" picture reads a
folder of a PDF, a saved web page and a Word file made on the spot (with the test suite's
generators: reportlab and python-docx, from the `test` extra).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# name: (terminal size, keys pressed before the picture)
VIEWS: dict[str, tuple[tuple[int, int], tuple[str, ...]]] = {
    "reading": ((110, 32), ("j", "j", "j", "j")),
    # a wide terminal: the text keeps its measure (40 Chinese characters), centred
    "wide": ((180, 36), ("right_square_bracket",) * 4 + ("j",)),
    "help": ((110, 32), ("question_mark",)),
    "narrow": ((40, 12), ("j", "j", "j")),
    # the fourth bundled document pairs Chinese paragraphs with their English translations
    "parallel": ((110, 32), ("right_curly_bracket",) * 3 + ("j", "j", "j", "t", "j")),
    "concordance": ((110, 32), ("c", *"多边")),
}
# a moment for the last frame after the workers (concordance scan, search index) are done
SETTLE = 0.3
# the folder sorts article.html, report.pdf, review.docx: `}` opens the report, `]` `]` its
# second section (the breadcrumb shows the printed page) with a footnote below
FORMATS_KEYS = ("right_curly_bracket", "right_square_bracket", "right_square_bracket", "j")


def formats_folder(root: Path) -> Path:
    # the same files the format tests read
    sys.path.insert(0, str(REPO / "tests"))
    import format_files

    format_files.make_report_pdf(root / "report.pdf")
    format_files.make_article_html(root / "article.html")
    format_files.make_report_docx(root / "review.docx")
    return root


async def shoot(
    name: str,
    size: tuple[int, int],
    keys: tuple[str, ...],
    out: Path,
    paths: list[Path] | None = None,
) -> Path:
    from igtui.app.main import make_app

    app = make_app(paths)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause(SETTLE)
        await pilot.pause()  # a notice posted by the last key is mounted on the next frame
        app.save_screenshot(filename=f"{name}.svg", path=str(out))
    return out / f"{name}.svg"


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, (size, keys) in VIEWS.items():
        print(await shoot(name, size, keys, out))
    with tempfile.TemporaryDirectory() as scratch:
        folder = formats_folder(Path(scratch))
        print(await shoot("formats", (110, 32), FORMATS_KEYS, out, [folder]))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["IGTUI_DATA_DIR"] = scratch
        os.environ["IGTUI_CACHE_DIR"] = scratch
        asyncio.run(main(args.out.resolve()))
