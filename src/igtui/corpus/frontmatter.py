"""Metadata a user writes: Markdown front matter (YAML `---` or TOML `+++`) and sidecar files.

A sidecar sits next to any document as `NAME.EXT.toml` (`report.txt.toml`, `law.pdf.toml`)
and says, in TOML, what the file cannot:

    title = "数据安全风险分析及应对策略研究（2022 年）"
    author = "张三"                 # or a list: ["张三", "李四"]
    organization = "中国信息通信研究院"
    date = 2022-01-15               # or "2022-01", "2022"
    publisher = "中国信息通信研究院"
    url = "https://example.org/report.pdf"
    kind = "report"                 # report, law, webpage, article, book

The same keys work in front matter; a few common aliases are read too (authors, creator,
organisation, institution, source, link, site, type).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from igtui.corpus.model import Metadata

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SIDECAR_SUFFIX = ".toml"
_OPENERS = {"---": "yaml", "+++": "toml"}
_CLOSERS = {"yaml": ("---", "..."), "toml": ("+++",)}
_ISO_DATE = re.compile(r"(\d{4})(?:[-/.年](\d{1,2}))?(?:[-/.月](\d{1,2}))?")
_URL = re.compile(r"https?://\S+")

_KEYS: dict[str, tuple[str, ...]] = {
    "author": ("author", "authors", "creator", "byline"),
    "organization": ("organization", "organisation", "institution", "issuer", "org"),
    "date": ("date", "published", "pubdate", "issued", "publishdate"),
    "publisher": ("publisher", "site", "journal", "source"),
    "url": ("url", "link", "source", "canonical", "permalink"),
    "kind": ("kind", "type"),
}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What a front matter block (or a sidecar file) says."""

    raw: str = ""
    title: str = ""
    metadata: Metadata = field(default_factory=Metadata)


def split_front_matter(text: str) -> tuple[FrontMatter | None, int]:
    """The front matter at the top of `text` (blank lines may come first) and the index of
    the first line after it; (None, 0) when there is none or it is never closed."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, 0
    syntax = _OPENERS.get(lines[first].strip().lstrip("\ufeff"))
    if syntax is None:
        return None, 0
    for end in range(first + 1, len(lines)):
        if lines[end].strip() in _CLOSERS[syntax]:
            body = "\n".join(lines[first + 1 : end])
            raw = "\n".join(lines[first : end + 1])
            return from_mapping(_load(body, syntax), raw), end + 1
    return None, 0


def read_sidecar(path: Path) -> FrontMatter | None:
    """The sidecar next to document `path` (`NAME.EXT.toml`), if there is a readable one."""
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    try:
        text = sidecar.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    data = _load(text, "toml")
    return from_mapping(data, "") if data else None


def merge(base: Metadata, over: Metadata) -> Metadata:
    """`base` with every field `over` sets."""
    changes = {name: value for name, value in over.as_json().items() if value and name in _KEYS}
    return replace(base, **changes)


def _load(body: str, syntax: str) -> dict[str, Any]:
    try:
        if syntax == "toml":
            data: Any = tomllib.loads(body)
        else:
            import yaml  # lazily: only documents with YAML front matter need it

            data = yaml.safe_load(body)
    except Exception:
        return {}
    return data if isinstance(data, dict) else {}


def from_mapping(data: dict[str, Any], raw: str) -> FrontMatter:
    """Metadata from the keys of a front matter / sidecar mapping (unknown keys ignored)."""
    lowered = {str(k).lower(): v for k, v in data.items()}
    values: dict[str, Any] = {}
    for name, keys in _KEYS.items():
        for key in keys:
            value = _text(lowered.get(key))
            if not value:
                continue
            if name == "url" and not _URL.match(value):
                continue
            if name == "publisher" and _URL.match(value):
                continue
            values[name] = iso_date(lowered.get(key)) if name == "date" else value
            break
    return FrontMatter(raw, _text(lowered.get("title")), Metadata(**values))


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, bool)):
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(t for t in (_text(v) for v in value) if t)
    return " ".join(str(value).split())


def iso_date(value: Any) -> str:
    """A date as precise as given, ISO-like ("2022-01-04", "2022-01", "2022"); "" if none."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _text(value)
    if not text:
        return ""
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = _ISO_DATE.search(text)
    if not match:
        return ""
    year, month, day = match.groups()
    parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
    return "-".join(parts)
