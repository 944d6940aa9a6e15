"""Web-page junk that rides along with scraped documents: kind "boilerplate"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from igtui.corpus.parsing.headings import Item, is_prose
from igtui.corpus.parsing.shapes import cjk_count, inner_sentence_marks, read_label, width

# Phrases that only appear in site chrome (navigation, share buttons, page metadata).
_CHROME = re.compile(
    r"设为首页|加入收藏|联系我们|版权所有|网站地图|返回顶部|打印本页|关闭窗口|当前位置|"
    r"今日要闻|上一篇|下一篇|分享到|浏览次数|发布时间|【来源|ICP备|Copyright|©|All rights reserved",
    re.IGNORECASE,
)
# A contact footer names at least two of these, each followed by a colon.
_CONTACT = re.compile(r"(电话|传真|邮箱|地址|邮编|电子邮件|E-?mail|Tel|Fax)\s*[:：]", re.IGNORECASE)
_SENTENCE_PUNCT = re.compile(r"[，。、；,;.!?！？]")
_NAV_ITEM_MAX = 10
_MAX_CHROME_LINE = 160
_NAV_MIN_ITEMS = 4
# a line this short holding a chrome phrase is chrome wherever the phrase sits
_SHORT_CHROME = 30
# what may come before a chrome phrase that starts a line ("【来源：…】", "| 网站地图")
_OPENERS = "【[(（<《|·•-—> "


def is_boilerplate(line: str) -> bool:
    """A line of site chrome, by its shape: a chrome phrase that starts the line ("版权所有
    ©…", "当前位置：…", "Copyright 2011…") or fills a short line on its own ("京ICP备…号");
    never a phrase inside a sentence ("…such as copyrights and trademarks…"); a contact
    footer; a menu bar."""
    text = line.strip()
    # Site chrome comes in short lines; prose paragraphs may quote "联系我们" and stay prose.
    if not text or len(text) > _MAX_CHROME_LINE:
        return False
    phrase = _CHROME.search(text)
    if phrase is not None and (
        phrase.start() <= len(text) - len(text.lstrip(_OPENERS))
        or (width(text) <= _SHORT_CHROME and not inner_sentence_marks(text))
    ):
        return True
    if (":" in text or "：" in text) and len(
        {m.group(1).lower() for m in _CONTACT.finditer(text)}
    ) >= 2:
        return True
    return _is_nav_bar(text)


def _is_nav_bar(text: str) -> bool:
    """A row of short menu items ("关于联盟 联盟工作 联盟成员 …") with no prose punctuation."""
    items = text.split()
    if len(items) < _NAV_MIN_ITEMS or _SENTENCE_PUNCT.search(text):
        return False
    if not all(len(item) <= _NAV_ITEM_MAX for item in items):
        return False
    # "第 1 条 主要事项与目标": a numbered line spaced out, not a menu (whose items are words)
    if read_label(text) is not None or sum(1 for item in items if len(item) >= 2) < _NAV_MIN_ITEMS:
        return False
    # English title-case headings also look like short words: menus here are Chinese.
    return sum(1 for item in items if cjk_count(item)) * 2 >= len(items)


# A menu, a breadcrumb or a share bar copied with a page: a run of very short lines.
_LINK_LIKE = 16
_MIN_RUN = 4


def mark_chrome_runs(items: Sequence[Item]) -> None:
    """Runs of short, link-like lines (each a few words, no sentence in them) before the text
    starts or after it ends: the page's navigation, share and footer widgets."""
    prose = [i for i, item in enumerate(items) if is_prose(item)]
    if not prose:
        return
    edges = (range(0, prose[0]), range(prose[-1] + 1, len(items)))
    for edge in edges:
        run: list[int] = []
        for index in [*edge, None]:
            if index is not None and _link_like(items[index]):
                run.append(index)
                continue
            if len(run) >= _MIN_RUN:
                for i in run:
                    items[i].kind, items[i].style, items[i].label = "boilerplate", None, None
            run = []


def _link_like(item: Item) -> bool:
    text = item.text.strip()
    if item.kind == "boilerplate":
        # "网站地图" in the middle of a footer run (a hidden contents list is no chrome)
        return not item.contents
    return (
        item.kind in ("heading", "paragraph", "list_item")
        and 0 < width(text) <= _LINK_LIKE
        and not _SENTENCE_PUNCT.search(text)
        and read_label(text) is None
    )
