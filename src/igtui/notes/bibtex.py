"""CSL-JSON items as BibTeX entries, for Zotero, JabRef and LaTeX (no Textual imports).

Written here rather than with a BibTeX library: the mapping from the few CSL fields igtui
fills is a dozen lines, and the escaping below is all that writing needs. Corporate and
Chinese names are braced whole ({{中国信息通信研究院}}) so BibTeX never splits them into
family and given names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# CSL type -> BibTeX entry type (plain BibTeX, which every importer knows)
_ENTRY_TYPES = {
    "report": "techreport", "book": "book", "article-journal": "article",
    "article-newspaper": "article", "thesis": "phdthesis",
}
_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_:.-]+")
_REPLACEMENTS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def to_bibtex(items: Iterable[dict[str, Any]]) -> str:
    """One entry per item, in order; "" for none."""
    entries = [_entry(item) for item in items]
    return "\n\n".join(entries) + "\n" if entries else ""


def _entry(item: dict[str, Any]) -> str:
    kind = item.get("type", "")
    entry_type = _ENTRY_TYPES.get(kind, "misc")
    fields: list[tuple[str, str]] = [("title", "{" + _escape(item.get("title", "")) + "}")]
    authors = [a.get("literal") or _name(a) for a in item.get("author", [])]
    if authors:
        fields.append(("author", " and ".join("{" + _escape(a) + "}" for a in authors)))
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    date = parts[0]
    if date:
        fields.append(("year", str(date[0])))
        if len(date) > 1 and 1 <= date[1] <= len(_MONTHS):
            fields.append(("month", _MONTHS[date[1] - 1]))
        fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(date))))
    publisher = item.get("publisher") or item.get("container-title")
    if publisher:
        where = {"techreport": "institution", "article": "journal"}.get(entry_type, "publisher")
        if entry_type == "misc":
            where = "howpublished"
        fields.append((where, _escape(publisher)))
    if item.get("URL"):
        fields.append(("url", item["URL"].replace("}", "%7D").replace("{", "%7B")))
        accessed = ((item.get("accessed") or {}).get("date-parts") or [[]])[0]
        if len(accessed) == 3:
            fields.append(("urldate", "{:04d}-{:02d}-{:02d}".format(*accessed)))
    if item.get("language"):
        fields.append(("langid", {"zh": "chinese", "en": "english"}.get(item["language"], "")))
    if kind == "legislation":
        fields.append(("note", "Law or regulation"))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields if value)
    return f"@{entry_type}{{{_key(item)},\n{body},\n}}"


def _name(author: dict[str, Any]) -> str:
    return " ".join(part for part in (author.get("given"), author.get("family")) if part)


def _key(item: dict[str, Any]) -> str:
    key = _KEY_UNSAFE.sub("_", str(item.get("id", ""))).strip("_")
    return key or "igtui"


def _escape(text: str) -> str:
    """BibTeX-safe text: braces and TeX's special characters escaped, one line."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(lambda m: _REPLACEMENTS.get(m.group(1), "\\" + m.group(1)), flat)
