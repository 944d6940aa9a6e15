"""Document text in popups and lists, broken into lines the way the pane breaks them.

Rich wraps at spaces only, so it treats a run of Chinese as one word and may start a line with
、，。. `wrap_text` breaks a rich `Text` with `igtui.reading.linebreak.wrap` instead and keeps
its styles (a highlighted match stays highlighted); `Wrapped` does it at whatever width the
widget showing it has (a Static, an option list's row); `fit_lines` and `excerpt` cut the result
to a few lines (search results, concordance context, bookmark quotes).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual.widgets import OptionList

from igtui.reading.display import displayable
from igtui.reading.linebreak import wrap
from igtui.search.snippet import best_span, centred_start

# an excerpt shows this many lines of its paragraph
EXCERPT_LINES = 3
# the narrowest row an option list is given text for
MIN_ROW_WIDTH = 20


def option_row_width(listing: OptionList, fallback: int) -> int:
    """The cells an option's text has in `listing` (`fallback`: the list's width before its
    first layout): its width less the options' padding, and less a vertical scrollbar's even
    before one shows (the options about to be set may bring it). A row any wider would wrap
    onto a second line, at a space: a Chinese context would move there whole."""
    width = listing.scrollable_content_region.width or fallback
    padding = listing.get_component_styles("option-list--option").padding.width
    scrollbar = 0 if listing.show_vertical_scrollbar else listing.styles.scrollbar_size_vertical
    return max(MIN_ROW_WIDTH, width - padding - scrollbar)


def wrap_text(text: Text, width: int) -> Text:
    """`text` with a newline wherever the pane's line breaker would break it at `width` cells
    (spaces at a break are dropped, as the pane drops them)."""
    # the breaker turns a tab into a space: search for its lines in the same spelling
    plain = text.plain.replace("\t", " ")
    pieces: list[Text] = []
    cursor = 0
    for line in wrap(plain, width):
        start = plain.find(line, cursor)
        if start < 0:  # cannot happen (lines are pieces of the text, in order): keep it all
            return text
        pieces.append(text[start:start + len(line)])
        cursor = start + len(line)
    return _joined(pieces, text.end)


def fit_lines(text: Text, width: int, lines: int) -> Text:
    """`wrap_text`, cut to `lines` lines; an ellipsis ends a cut text."""
    wrapped = list(wrap_text(text, width).split("\n", allow_blank=True))
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        last = wrapped[-1]
        last.truncate(max(1, width - 1))
        last.rstrip()
        last.append("…")
    return _joined(wrapped, text.end)


def _joined(lines: list[Text], end: str) -> Text:
    joined = Text("\n").join(lines)
    joined.end = end
    return joined


def excerpt(
    text: str,
    spans: Sequence[tuple[int, int]],
    width: int,
    match: Style,
    lines: int = EXCERPT_LINES,
) -> Text:
    """`text` broken into lines of `width` cells as the pane breaks them, cut to `lines`
    lines, with `spans` styled `match`.

    When the best match (the longest: the phrase rather than one of its words) would not be
    in the first lines, the excerpt is centred on it (after an ellipsis), so the reader sees
    why the paragraph matched.
    """
    text = displayable(text)  # one char for one char: the spans stay valid
    width = max(4, width)
    start = 0
    best = best_span(spans)
    # a line's worth is kept in hand: the breaker fills lines less than full
    if best is not None and cell_len(text[: best[1]]) > width * (lines - 1):
        start = centred_start(text, spans, width * lines - width // 2)
    lead = "…" if start else ""
    # no more than the lines can hold (a character takes a cell at least): a long paragraph
    # is not broken into lines only to be cut
    body = Text(lead + text[start:start + width * lines])
    shift = len(lead) - start
    for begin, end in spans:
        begin, end = max(begin + shift, len(lead)), end + shift
        if end > begin:
            body.stylize(match, begin, end)
    return fit_lines(body, width, lines)


class Wrapped:
    """A renderable: `text`, broken by `wrap_text` at the width it is given."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield wrap_text(self.text, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((line.cell_len for line in self.text.split("\n")), default=0)
        return Measurement(min(2, widest), widest)
