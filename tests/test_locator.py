"""One paragraph number everywhere (issue 12): the number the reader shows is the number typed
in the CLI, printed in exports and citations, and given by `--json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from igtui.cli.main import main
from igtui.corpus.loading import load_corpus
from igtui.corpus.model import Corpus
from igtui.notes.store import NotesStore
from igtui.reading.citation import cite
from igtui.reading.locator import LocatorError, locators
from igtui.reading.pane_layout import split_label
from support import DEVDOCS, SEEDS

WSIS = "000_3f5ce4a327935987"  # ¶39 … ¶59, list items a) b) under several paragraphs
IGF = "001_7137f4fcfcc9b98e"  # ¶1 … ¶6 twice, in two parts


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def labelled(corpus: Corpus, doc_id: str, label: str) -> int:
    return next(p.n for p in corpus.document(doc_id).paragraphs
                if p.label == label and p.kind == "paragraph")


def test_every_locator_names_its_paragraph_back(corpus: Corpus) -> None:
    for doc in corpus.documents:
        table = locators(doc)
        for p in doc.paragraphs:
            assert table.find(table.of(p.n)) == p.n, (doc.id, p.n, table.of(p.n))


@pytest.mark.skipif(not DEVDOCS.is_dir(), reason="needs ../shared/devdocs")
def test_every_locator_names_its_paragraph_back_in_the_devdocs() -> None:
    for doc in load_corpus([DEVDOCS]).documents:
        table = locators(doc)
        for p in doc.paragraphs:
            assert table.find(table.of(p.n)) == p.n, (doc.id, p.n, table.of(p.n))


def test_the_locator_is_the_gutter_label(corpus: Corpus) -> None:
    doc = corpus.document(WSIS)
    for p in doc.paragraphs:
        gutter, _ = split_label(p)
        if p.kind == "paragraph" and gutter.startswith("¶"):
            # what the pane prints in the gutter is what locates the paragraph
            assert locators(doc).of(p.n) == gutter
            assert locators(doc).find(gutter) == p.n


def test_typed_forms(corpus: Corpus) -> None:
    table = locators(corpus.document(WSIS))
    n51 = labelled(corpus, WSIS, "51")
    assert {table.find(t) for t in ("51", "¶51", "#51", "第51段", "¶ 51", "５１")} == {n51}
    assert table.find("@51") == 51 and table.find("¶3 (@51)") == 51
    item = table.find("¶45 a)")
    assert corpus.document(WSIS).paragraph(item).label == "a"
    with pytest.raises(LocatorError, match="names 4 paragraphs") as info:
        table.find("a)")
    assert "¶45 a)" in str(info.value)
    with pytest.raises(LocatorError, match="@1 to @"):
        table.find("@100000")


def test_a_repeated_label_is_shown_with_its_position(corpus: Corpus) -> None:
    doc = corpus.document(IGF)
    table = locators(doc)
    ones = [p.n for p in doc.paragraphs if p.label == "1" and p.kind == "paragraph"]
    assert len(ones) == 2
    assert [table.of(n) for n in ones] == [f"¶1 (@{n})" for n in ones]
    with pytest.raises(LocatorError, match="names 2 paragraphs"):
        table.find("1")


def test_cli_notes_add_takes_the_number_the_reader_shows(capsys, corpus: Corpus) -> None:
    n51 = labelled(corpus, WSIS, "51")
    assert n51 != 51  # the bug: `notes add DOC 51` bookmarked the 51st paragraph
    assert run(capsys, "notes", "add", WSIS, "51", "--note", "¶51")[0] == 0
    assert run(capsys, "notes", "add", WSIS, "@51", "--note", "@51")[0] == 0
    _, out, _ = run(capsys, "notes", "list", "--json")
    records = {r["note"]: r for r in json.loads(out)}
    assert (records["¶51"]["n"], records["¶51"]["locator"]) == (n51, "¶51")
    assert records["@51"]["n"] == 51
    code, out, err = run(capsys, "notes", "add", IGF, "1")
    assert code == 2 and "names 2 paragraphs" in err and "(@" in err and out == ""


def test_exports_print_one_number(capsys, corpus: Corpus) -> None:
    run(capsys, "notes", "add", WSIS, "51")
    _, md, _ = run(capsys, "export")
    assert f"*{WSIS}, ¶51*" in md and "paragraph 51" not in md
    assert "· ¶51" in md
    n51 = labelled(corpus, WSIS, "51")
    doc = corpus.document(WSIS)
    assert cite(doc, doc.paragraph(n51)).endswith(f", ¶51 [{WSIS}]")


def test_search_concord_and_outline_json_give_the_locator(capsys, corpus: Corpus) -> None:
    _, out, _ = run(capsys, "search", "根服务器", str(SEEDS), "--json", "--limit", "5")
    hits = json.loads(out)
    assert hits and all({"n", "locator"} <= hit.keys() for hit in hits)
    for hit in hits:
        assert hit["locator"] == locators(corpus.document(hit["doc"])).of(hit["n"])
    _, out, _ = run(capsys, "search", "#51", str(SEEDS), "--json", "--doc", WSIS)
    assert json.loads(out)[0]["locator"] == "¶51"
    _, out, _ = run(capsys, "concord", "根服务器", str(SEEDS), "--json")
    for group in json.loads(out)["documents"]:
        for line in group["lines"]:
            assert line["locator"] == locators(corpus.document(group["doc"])).of(line["n"])
    _, out, _ = run(capsys, "outline", str(SEEDS), "--json")
    doc_json = json.loads(out)["documents"][0]
    assert [p["locator"] for p in doc_json["paragraphs"]] == [
        locators(corpus.documents[0]).of(p["n"]) for p in doc_json["paragraphs"]
    ]
    # human output leads with the same locator
    _, out, _ = run(capsys, "search", "#51", str(SEEDS), "--doc", WSIS)
    assert "¶51" in out


def test_a_note_of_a_folder_not_open_is_listed_as_such(capsys, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "memo.txt").write_text("备忘录\n\n关于根服务器的讨论记录。\n\n第二段。\n",
                                    encoding="utf-8")
    assert run(capsys, "notes", "add", "memo", "@2", str(other), "--note", "x")[0] == 0
    _, out, _ = run(capsys, "notes", "list")  # the bundled documents: memo is not among them
    assert "[not open]" in out and "detached" not in out
    _, out, _ = run(capsys, "notes", "list", "--json")
    [record] = json.loads(out)
    assert record["absent"] is True and record["detached"] is False
    _, md, _ = run(capsys, "export")
    assert "its document is not open now" in md and "no longer in the document" not in md
    assert NotesStore().load()[0].detached is False


def test_positions_are_reachable_in_the_search_box_and_the_cli(capsys) -> None:
    from igtui.search.jump import parse_jump, resolve_jump

    doc = load_corpus().document(WSIS)
    assert resolve_jump(doc, parse_jump("@12") or "") == 12
    assert resolve_jump(doc, parse_jump("＠１２") or "") == 12
    _, out, _ = run(capsys, "search", "@12", str(SEEDS), "--doc", WSIS, "--json")
    [hit] = json.loads(out)
    assert (hit["n"], hit["locator"]) == (12, locators(doc).of(12))


async def test_the_search_box_jumps_to_a_position() -> None:
    from igtui.app.main import make_app

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"@12", "enter")
        await pilot.pause()
        assert (app.reader.doc_id, app.reader.n) == (WSIS, 12)


def test_an_unnumbered_paragraph_of_a_law_is_cited_by_its_article(tmp_path: Path) -> None:
    """An article's second paragraph (款) has no number of its own: its locator names the
    article and its place, `第2条 (@n)`, which finds it back; after a chapter heading, text
    belongs to no article."""
    law = tmp_path / "law.txt"
    law.write_text("\n\n".join([
        "某某保护法", "第一章　总则",
        "第一条　为了保护未成年人身心健康，保障未成年人合法权益，制定本法。",
        "第二条　网络游戏服务提供者应当建立健全防沉迷制度。",
        "网络游戏服务提供者不得在每日二十二时至次日八时向未成年人提供网络游戏服务。",
        "第二章　附则",
        "本法自公布之日起施行，各地应当认真贯彻执行。",
    ]) + "\n", encoding="utf-8")
    doc = load_corpus([law]).documents[0]
    table = locators(doc)
    second = next(p.n for p in doc.paragraphs if p.text.startswith("网络游戏服务提供者不得"))
    assert table.of(second) == f"第2条 (@{second})"
    assert table.find(table.of(second)) == second
    closing = next(p.n for p in doc.paragraphs if p.text.startswith("本法自公布"))
    assert table.of(closing) == f"@{closing}"
