"""Encodings, line ends, binary and empty files: every file loads or is skipped in one line."""

import codecs
from pathlib import Path

import pytest

from igtui.corpus.decoding import UnreadableDocument, read_document_text
from igtui.corpus.loading import load_corpus

TEXT = "第三章：互联网治理\n\n39. 我们重申互联网治理的原则。\n"


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "gb18030", "gbk", "crlf", "cr-gbk"],
)
def test_encodings_and_line_ends_decode_to_the_same_text(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(raw)
    assert read_document_text(path) == TEXT


def test_gb18030_only_characters_survive(tmp_path: Path) -> None:
    # "㐀" and "€" are outside GBK: only a GB18030 decoder gets them back.
    text = "互联网㐀治理€报告。\n"
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_document_text(path) == text


def test_other_encodings_fall_back_to_detection(tmp_path: Path) -> None:
    # Big5 bytes also "decode" as GB18030, into private-use garbage: detection must win.
    text = "網際網路治理論壇的報告。這是一份關於網際網路治理的文件。"
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("big5"))
    assert read_document_text(path) == text


def test_binary_file_is_refused_with_a_one_line_message(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(UnreadableDocument) as caught:
        read_document_text(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and "binary" in message


def test_unreadable_file_is_reported_not_raised(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document_text(tmp_path / "missing.txt")
    assert "missing.txt" in str(caught.value) and "\n" not in str(caught.value)


def test_folder_with_binary_and_empty_files_loads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (tmp_path / "c_empty.md").write_bytes(b"")
    (tmp_path / "d_gbk.txt").write_bytes(TEXT.replace("\n", "\r\n").encode("gbk"))
    (tmp_path / "e_broken.pdf").write_bytes(b"%PDF-1.4")  # a format igtui reads: reported
    (tmp_path / "f_ignored.xlsx").write_bytes(b"PK\x03\x04")  # one it does not: not listed
    corpus = load_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["a_good", "c_empty", "d_gbk"]
    assert len(corpus.errors) == 2
    assert "b_binary.txt" in corpus.errors[0] and "e_broken.pdf" in corpus.errors[1]
    assert all("\n" not in message for message in corpus.errors)
    empty = corpus.document("c_empty")
    assert empty.paragraphs == () and empty.title == "c_empty"
    for doc_id in ("a_good", "d_gbk"):
        doc = corpus.document(doc_id)
        assert doc.title == "第三章：互联网治理"
        assert doc.paragraphs[-1].label == "39"


def test_corpus_key_is_stable_and_depends_on_the_roots(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = load_corpus([tmp_path / "one"]).key
    assert first == load_corpus([tmp_path / "one" / ".." / "one"]).key
    assert first != load_corpus([tmp_path / "two"]).key
