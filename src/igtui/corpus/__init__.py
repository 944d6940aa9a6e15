"""The documents: the records (`model`), files to a corpus (`loading`), bytes to text
(`decoding`), one reader per source format (`readers/`) and the parsing pipeline that turns
text into titled, sectioned paragraphs (`parsing/`). No Textual here."""
