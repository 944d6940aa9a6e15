"""The text `y` copies and the references exports write (no Textual imports).

`cite` gives the quoted paragraph (and its translation), then where it is, then, with a
style, the reference in that style:

    “39. 我们重申……” — 第三章：互联网治理 主席文件（四读之后）, 1. 引言, ¶39 [000_3f5ce4a327935987]
    “经济规模位居世界第二……” — 数据安全风险分析及应对策略研究（2022 年）, 一、… , 第1页 [01_caict…]
    中国信息通信研究院. 数据安全风险分析及应对策略研究（2022 年）[R]. 2022: 1.

References are rendered by citeproc-py from the CSL style files shipped in `csl/` (GB/T
7714-2015 and Chicago; see csl/README.md for their origin and licence). A document's CSL-JSON
item (`csl_item`) is also what the csl-json and BibTeX exports write.
"""

from __future__ import annotations

import datetime
import re
import threading
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from igtui.corpus.model import Document, Paragraph
from igtui.reading.locator import locator
from igtui.reading.places import section_path

SECTION_SEPARATOR = " › "

StyleId = Literal["gb7714", "chicago"]


@dataclass(frozen=True, slots=True)
class CitationStyle:
    id: StyleId
    name: str
    file: str
    locale: str
    # a note style cites a page in a note ("Author, Title, 12."); GB/T 7714 in the entry
    notes: bool = False


STYLES: dict[StyleId, CitationStyle] = {
    "gb7714": CitationStyle(
        "gb7714", "GB/T 7714-2015", "china-national-standard-gb-t-7714-2015-numeric.csl",
        "zh-CN",
    ),
    "chicago": CitationStyle(
        "chicago", "Chicago (notes and bibliography)",
        "chicago-note-bibliography-16th-edition.csl", "en-US", notes=True,
    ),
}
STYLE_IDS: tuple[StyleId, ...] = tuple(STYLES)
DEFAULT_STYLE: StyleId = "gb7714"

# Metadata.kind -> CSL type; a document of unknown kind is a report, or a web page if it has
# a URL (GB/T 7714 marks them [R] and [EB/OL]).
_CSL_TYPES = {
    "report": "report", "law": "legislation", "regulation": "legislation",
    "webpage": "webpage", "article": "article-journal", "news": "article-newspaper",
    "book": "book", "thesis": "thesis", "standard": "report", "blog": "post-weblog",
}
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
# The parsed styles are shared and citeproc-py keeps state on them while rendering: `y` (the
# UI thread) and an export (a worker) render one at a time.
_RENDERING = threading.Lock()
# GB/T 7714's numeric bibliography entry opens with its number: "[1]"
_ENTRY_NUMBER = re.compile(r"^\[\d+\]\s*")


def cite(
    doc: Document,
    paragraph: Paragraph,
    pair: Paragraph | None = None,
    style: StyleId | None = None,
) -> str:
    """The quoted text (the pair's on the next line), then " — title, section › path, label,
    page [doc id]"; with a `style`, the reference on a last line (after the note naming the
    page, in a note style). The label is ¶N for a numbered paragraph, "¶N a)" for an item of
    a numbered paragraph's list, "note N" for a footnote; the page "第N页" (Chinese text) or
    "p. N"; parts that are missing are left out."""
    quotes = [paragraph, *([pair] if pair is not None else [])]
    text = "\n".join(f"“{p.text.strip()}”" for p in quotes)
    section = SECTION_SEPARATOR.join(section_path(doc, paragraph))
    parts = (doc.title, section, _label(doc, paragraph), page_locator(doc, paragraph))
    where = ", ".join(part for part in parts if part)
    lines = f"{text} — {where} [{doc.id}]"
    if style is None:
        return lines
    page = page_of(doc, paragraph)
    if page and STYLES[style].notes:
        lines += f"\n{note(doc, style, page)}"
    return f"{lines}\n{reference(doc, style, page)}"


def note(doc: Document, style: StyleId, page: str) -> str:
    """The style's citation of `page` of the document ("Author, “Title,” 12." in Chicago)."""
    from citeproc import (  # lazily: citeproc and its lxml cost start-up time
        Citation,
        CitationItem,
        CitationStylesBibliography,
        Locator,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    with _RENDERING, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fields citeproc-py does not use: see `references`
        bibliography = CitationStylesBibliography(
            _style(style), CiteProcJSON([csl_item(doc)]), formatter.plain
        )
        citation = Citation([CitationItem(doc.id, locator=Locator("page", page))])
        bibliography.register(citation)
        return " ".join(str(bibliography.cite(citation, lambda _item: None)).split())


def page_of(doc: Document, paragraph: Paragraph) -> str | None:
    """The page a citation names: the number printed on the paragraph's page, if it has one."""
    if paragraph.page is None:
        return None
    return doc.metadata.page_label(paragraph.page)


def page_locator(doc: Document, paragraph: Paragraph) -> str:
    """"第12页" for Chinese text, "p. 12" otherwise ("第iii页" for front matter); "" where the
    source has no pages. A page named by its place in the file ("PDF p. 75": its printed
    number is another page's too) is cited as that."""
    page = page_of(doc, paragraph)
    if page is None:
        return ""
    if page.startswith("PDF"):
        return page
    return f"第{page}页" if paragraph.lang == "zh" else f"p. {page}"


def reference(
    doc: Document, style: StyleId, page: str | None = None, accessed: datetime.date | None = None
) -> str:
    """The document's bibliography entry in `style` (GB/T 7714 puts the cited page in it,
    after the year; Chicago's entry is for the whole work and the note gives the page)."""
    entries = references([doc], style, {doc.id: page} if page else None, accessed)
    return entries[0]


def references(
    docs: list[Document],
    style: StyleId,
    pages: dict[str, str] | None = None,
    accessed: datetime.date | None = None,
) -> list[str]:
    """Bibliography entries, one per document in `docs` order, plain text."""
    if not docs:
        return []
    from citeproc import (  # lazily: citeproc and its lxml cost start-up time
        Citation,
        CitationItem,
        CitationStylesBibliography,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    cited_pages = pages or {}
    out = []
    with _RENDERING, warnings.catch_warnings():
        # citeproc-py warns about CSL-JSON fields it does not use; they are still valid data
        warnings.simplefilter("ignore")
        for doc in docs:
            # one bibliography per document: its number and sort order are not ours to keep
            item = csl_item(doc, cited_pages.get(doc.id), accessed)
            bibliography = CitationStylesBibliography(
                _style(style), CiteProcJSON([item]), formatter.plain
            )
            bibliography.register(Citation([CitationItem(doc.id)]))
            (entry,) = bibliography.bibliography()
            out.append(" ".join(_ENTRY_NUMBER.sub("", str(entry)).split()))
    return out


@lru_cache(maxsize=len(STYLES))
def _style(style: StyleId) -> Any:
    from citeproc import CitationStylesStyle

    chosen = STYLES[style]
    path = resources.files("igtui.reading") / "csl" / chosen.file
    with resources.as_file(path) as file:
        return CitationStylesStyle(str(file), locale=chosen.locale, validate=False)


def csl_item(
    doc: Document, page: str | None = None, accessed: datetime.date | None = None
) -> dict[str, Any]:
    """The document as a CSL-JSON item (what Zotero imports), from its metadata."""
    meta = doc.metadata
    kind = _CSL_TYPES.get(meta.kind, "webpage" if meta.url else "report")
    item: dict[str, Any] = {"id": doc.id, "type": kind, "title": doc.title}
    people = [name.strip() for name in meta.author.split(";") if name.strip()]
    if people:
        item["author"] = [{"literal": name} for name in people]
    elif meta.organization:
        # a report issued jointly names each body ("…研究所; 奇安信科技集团股份有限公司")
        bodies = [name.strip() for name in meta.organization.split(";") if name.strip()]
        item["author"] = [{"literal": name} for name in bodies]
    if meta.publisher:
        item["container-title" if kind == "webpage" else "publisher"] = meta.publisher
    issued = _date_parts(meta.date)
    if issued:
        item["issued"] = {"date-parts": [issued]}
    if meta.url:
        item["URL"] = meta.url
        today = accessed or datetime.date.today()
        item["accessed"] = {"date-parts": [[today.year, today.month, today.day]]}
    if page:
        item["page"] = page
    language = _language(doc)
    if language:
        item["language"] = language
    return item


def _date_parts(date: str) -> list[int]:
    match = _DATE.match(date.strip())
    if match is None:
        return []
    return [int(part) for part in match.groups() if part]


def _language(doc: Document) -> str:
    langs = [p.lang for p in doc.paragraphs[:50]]
    if not langs:
        return ""
    return "zh" if langs.count("zh") >= langs.count("en") else "en"


def _label(doc: Document, p: Paragraph) -> str:
    """The paragraph's locator (`igtui.reading.locator`: what the reader shows and the CLI
    takes), with its position where the label repeats in the document; nothing for a
    paragraph without a label (a position in igtui's file order means nothing to a reader of
    the paper) or a heading (its number is in its text)."""
    label = unicodedata.normalize("NFKC", p.label or "").strip()
    if not label or p.kind == "heading":
        return ""
    where = locator(doc, p.n)
    if where.startswith("@"):
        return ""
    if p.kind == "footnote":
        # "note 3" reads better in prose than [3]; both are taken back by the CLI
        return f"note {label}" + (f" (@{p.n})" if "@" in where else "")
    return where
