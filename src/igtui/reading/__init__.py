"""Everything about reading that is not drawing: moving through documents (`navigation`,
`history`), what a paragraph points at (`references`), keyword in context (`concordance`),
citations (`citation`), CJK line breaking (`linebreak`), safe display text (`display`) and the
row layouts of the paragraph pane and the parallel view (`pane_layout`, `parallel_layout`).
No Textual here: the app draws these, the CLI prints them."""
