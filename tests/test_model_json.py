"""Document/Paragraph/Metadata survive JSON (the parse cache's format), field by field.

Every dataclass field is given a non-default value here, and the tests check that the samples
name exactly the fields `dataclasses.fields` lists: a field added to the model later fails this
module until the sample, `as_json` and `from_json` all carry it.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any

import pytest

from igtui.corpus.model import Document, LazyDocument, Metadata, Paragraph, head_fields

PARAGRAPH: dict[str, Any] = {
    "n": 2,
    "kind": "footnote",
    "section": ("第一章", "第二节"),
    "label": "3",
    "lang": "en",
    "text": "A **bold** claim 网络",
    "level": 2,
    "pair": 1,
    "page": 7,
    "styles": ((2, 6, "strong"), (7, 12, "em")),
}
METADATA: dict[str, Any] = {
    "author": "鄭國威",
    "organization": "ICANN",
    "date": "2022-01",
    "publisher": "UN",
    "url": "https://example.org/a",
    "kind": "report",
    "page_labels": ((11, "6"), (12, "7")),
}


def first_paragraph() -> Paragraph:
    return Paragraph(n=1, kind="heading", section=(), label=None, lang="zh", text="标题")


def document_sample() -> dict[str, Any]:
    return {
        "id": "doc-1",
        "title": "互联网治理",
        "path": Path("/corpus/doc-1.txt"),
        "paragraphs": (first_paragraph(), Paragraph(**PARAGRAPH)),
        "metadata": Metadata(**METADATA),
    }


def round_trip(value: Any) -> Any:
    return type(value).from_json(json.loads(json.dumps(value.as_json(), ensure_ascii=False)))


@pytest.mark.parametrize(
    ("cls", "sample"),
    [(Paragraph, lambda: PARAGRAPH), (Metadata, lambda: METADATA), (Document, document_sample)],
    ids=["Paragraph", "Metadata", "Document"],
)
def test_every_field_has_a_non_default_value_and_survives_json(cls: type, sample) -> None:
    values = sample()
    assert set(values) == {f.name for f in fields(cls)}, "a new field needs a sample value"
    for f in fields(cls):
        if f.default is not MISSING:
            assert values[f.name] != f.default, f"{f.name} keeps its default"
    original = cls(**values)
    again = round_trip(original)
    assert again == original
    for f in fields(cls):
        assert getattr(again, f.name) == getattr(original, f.name), f.name
        assert type(getattr(again, f.name)) is type(getattr(original, f.name)), f.name


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("text"),
        lambda d: d.update(n="1"),
        lambda d: d.update(n=True),
        lambda d: d.update(kind="chapter"),
        lambda d: d.update(section="第一章"),
        lambda d: d.update(section=[1]),
        lambda d: d.update(pair="2"),
        lambda d: d.update(styles=[[0, 2, "blink"]]),
        lambda d: d.update(styles=[[3, 1, "em"]]),
    ],
)
def test_a_damaged_paragraph_is_refused(damage) -> None:
    data = Paragraph(**PARAGRAPH).as_json()
    damage(data)
    with pytest.raises(ValueError):
        Paragraph.from_json(data)


def test_a_damaged_document_is_refused() -> None:
    good = Document(**document_sample()).as_json()
    for damage in (
        lambda d: d.update(paragraphs=[d["paragraphs"][1]]),  # numbering must be 1, 2, …
        lambda d: d.update(metadata={"author": 3}),
        lambda d: d.update(path=None),
        lambda d: d.update(paragraphs="none"),
    ):
        data = json.loads(json.dumps(good))
        damage(data)
        with pytest.raises(ValueError):
            Document.from_json(data)
    for not_an_object in (None, [], "doc", 3):
        with pytest.raises(ValueError):
            Document.from_json(not_an_object)


def lazy(doc: Document, loads: list[str]) -> LazyDocument:
    def load() -> tuple[Paragraph, ...]:
        loads.append(doc.id)
        return doc.paragraphs

    return LazyDocument(
        head_fields(doc.as_json(), path=doc.path), load,
        first_readable=doc.first_readable(), has_headings=doc.has_headings(),
        content_key=f"key-{doc.id}",
    )


def test_a_lazy_document_reads_its_paragraphs_on_first_use_only() -> None:
    doc = Document(**document_sample())
    loads: list[str] = []
    stand_in = lazy(doc, loads)
    assert (stand_in.id, stand_in.title, stand_in.metadata) == (doc.id, doc.title, doc.metadata)
    assert (stand_in.first_readable(), stand_in.has_headings()) == (1, True)
    assert loads == [] and not stand_in.loaded
    assert stand_in.paragraph(2).text == PARAGRAPH["text"]
    assert stand_in == doc and doc == stand_in and hash(stand_in) == hash(doc)
    assert stand_in.paragraphs is stand_in.paragraphs
    assert loads == ["doc-1"]
    renamed = stand_in.renamed("doc-1-2")
    assert renamed.id == "doc-1-2" and renamed.content_key == stand_in.content_key
    assert renamed.paragraphs == doc.paragraphs


def test_lazy_documents_hold_a_bounded_number_of_paragraph_sets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(LazyDocument, "MAX_LOADED", 2)
    loads: list[str] = []
    docs = [lazy(Document(**{**document_sample(), "id": f"d{i}"}), loads) for i in range(3)]
    for doc in docs:
        assert len(doc.paragraphs) == 2
    assert [d.loaded for d in docs] == [False, True, True]
    assert docs[0].paragraph(1).text == "标题"  # read again, and the oldest other one dropped
    assert [d.loaded for d in docs] == [True, False, True]
    assert loads == ["d0", "d1", "d2", "d0"]
