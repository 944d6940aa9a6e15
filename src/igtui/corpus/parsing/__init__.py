"""The parsing pipeline: a document's text to titled, sectioned, labelled, paired paragraphs.

`pipeline.parse_document` runs the stages: `blocks` (lines to blocks: hard wraps, page breaks,
footnotes), `boilerplate` (site chrome), `classify` (heading, list item, paragraph; labels;
bilingual lines split), `headings` (title and heading levels), `pairing` (translations).
`shapes` holds the character-level facts they share.
"""

from igtui.corpus.parsing.pipeline import parse_document

__all__ = ["parse_document"]
