"""Write SVG screenshots of the reader's main views into screenshots/ (shown in the README).

    python scripts/screenshots.py [--out DIR]

Runs the app headless on the bundled documents with a throw-away data dir, so the pictures
never depend on (or change) anyone's saved reading position.
"""

from __future__ import annotations

import argparse
import asyncio
import os
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


async def shoot(name: str, size: tuple[int, int], keys: tuple[str, ...], out: Path) -> Path:
    from igtui.app.main import make_app

    app = make_app(None)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause(SETTLE)
        app.save_screenshot(filename=f"{name}.svg", path=str(out))
    return out / f"{name}.svg"


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, (size, keys) in VIEWS.items():
        print(await shoot(name, size, keys, out))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["IGTUI_DATA_DIR"] = scratch
        os.environ["IGTUI_CACHE_DIR"] = scratch
        asyncio.run(main(args.out.resolve()))
