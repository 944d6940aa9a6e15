"""Metadata curated for the bundled seeds, which carry none of their own.

seeds/ holds byte-identical copies of the shared seed files, so what a reader needs beyond
their text (a real title where the file has none, the issuing body, the date) lives here,
keyed by file name AND content hash: an edited file is no longer the curated document and gets
nothing from here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from igtui.corpus.model import Metadata


@dataclass(frozen=True, slots=True)
class Curated:
    title: str  # "" keeps the title found in the text
    metadata: Metadata


# file name -> (first 16 hex digits of the file's SHA-256, what we know of it)
CURATED: dict[str, tuple[str, Curated]] = {
    "000_3f5ce4a327935987.txt": (
        "eb10b5869a2f2d59",
        Curated("", Metadata(
            organization="信息社会世界峰会（WSIS）筹备委员会 A 分委员会", date="2005-09",
            publisher="信息社会世界峰会（WSIS）", kind="report",
        )),
    ),
    "001_7137f4fcfcc9b98e.txt": (
        "3e6625aad19bb891",
        Curated("", Metadata(
            organization="联合国大会", date="2010-10-21", publisher="联合国", kind="report",
        )),
    ),
    "002_f9fea4f180dac7ee.txt": (
        "586b954094088f27",
        Curated(
            "ICANN 关于联合国信息社会世界峰会（WSIS+20）审议流程的计划",
            Metadata(
                organization="ICANN 政府和国际政府间组织合作（GE）团队", date="2023",
                publisher="ICANN", kind="report",
            ),
        ),
    ),
    "003_f77969016e879c89.txt": (
        "408adf6dc35339ad",
        Curated(
            "携手构建网络空间命运共同体 / "
            "Jointly Build a Community with a Shared Future in Cyberspace",
            Metadata(
                organization="世界互联网大会组委会", date="2019-10",
                publisher="世界互联网大会", kind="report",
            ),
        ),
    ),
    "004_b229d3c86cdf8a71.txt": (
        "2ae35f04aabb3595",
        Curated("", Metadata(
            organization="世界互联网大会组委会", date="2016-11",
            publisher="WAPI 产业联盟（转载）", kind="report",
        )),
    ),
}


def curated_for(path: Path) -> Curated | None:
    """What is curated for the file at `path`, if it is one of the bundled seeds unchanged."""
    entry = CURATED.get(path.name)
    if entry is None:
        return None
    digest, curated = entry
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return curated if hashlib.sha256(data).hexdigest()[:16] == digest else None
