"""The parsing pipeline: a document's text to titled, sectioned, labelled, paired paragraphs.

`pipeline.parse_document` runs the stages: `blocks` (lines to blocks: hard wraps, page breaks,
footnotes), `boilerplate` (site chrome), `classify` (heading, list item, paragraph; labels;
bilingual lines split), `headings` (title and heading levels), `pairing` (translations).
`shapes` holds the character-level facts they share. `source` is the contract with the format
readers: what a reader hands over (`Source`), parsed by `parse_source`.
"""

from igtui.corpus.parsing.pipeline import parse_document, parse_source

__all__ = ["parse_document", "parse_source"]
