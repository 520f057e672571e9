"""The exported .apkg is a real Anki collection: open the zip, query its SQLite."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from prepdeck.cli import main
from prepdeck.content import load_pack
from prepdeck.interop.anki import export_pack, note_guid, to_html

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "packs" / "quiz-sample"


def read_collection(apkg: Path, into: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(apkg) as archive:
        assert "collection.anki2" in archive.namelist()
        archive.extract("collection.anki2", into)
    return sqlite3.connect(into / "collection.anki2")


def notes_by_guid(db: sqlite3.Connection) -> dict[str, tuple[int, list[str], str]]:
    rows = db.execute("SELECT guid, mid, flds, tags FROM notes")
    return {guid: (mid, fields.split("\x1f"), tags) for guid, mid, fields, tags in rows}


@pytest.fixture
def pack():
    return load_pack(SAMPLE).pack


def test_every_card_and_question_becomes_a_note(pack, tmp_path: Path) -> None:
    export_pack(pack, tmp_path / "deck.apkg", timestamp=1_700_000_000)
    db = read_collection(tmp_path / "deck.apkg", tmp_path / "x")
    notes = notes_by_guid(db)
    assert set(notes) == {note_guid("quiz-sample", item.id) for item in [*pack.cards, *pack.questions]}
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
    by_name = {model["name"]: int(model_id) for model_id, model in models.items()}

    cloze_mid, cloze_fields, _ = notes[note_guid("quiz-sample", "storage-driver")]
    assert cloze_mid == by_name["prepdeck cloze"]
    assert models[str(cloze_mid)]["type"] == 1  # Anki's cloze note type
    assert "{{c1::overlay2}}" in cloze_fields[0]
    assert "{{c2::copy-on-write::how writes work}}" in cloze_fields[0]

    choice_mid, choice_fields, choice_tags = notes[note_guid("quiz-sample", "healthcheck-choice")]
    assert choice_mid == by_name["prepdeck basic"]
    assert "<code>docker ps</code>" in choice_fields[0]
    assert "<b>Correct:</b> HEALTHCHECK" in choice_fields[1]
    assert "It only documents a port." in choice_fields[1]
    assert "section::runtime" in choice_tags.split()

    order_fields = notes[note_guid("quiz-sample", "runtime-order")][1]
    assert (
        "<ol class=options><li>docker CLI</li><li>dockerd</li><li>containerd</li><li>runc</li></ol>"
        in order_fields[1]
    )

    multi_back = notes[note_guid("quiz-sample", "init-options")][1][1]
    assert "tini, docker run --init" in multi_back

    type_in_mid, type_in_fields, _ = notes[note_guid("quiz-sample", "stop-signal-name")]
    assert type_in_mid == by_name["prepdeck type the answer"]
    assert type_in_fields[1] == "STOPSIGNAL"
    assert "{{type:Back}}" in models[str(type_in_mid)]["tmpls"][0]["qfmt"]

    question_fields, question_tags = notes[note_guid("quiz-sample", "runtime-stack")][1:]
    assert "containerd prepares the bundle" in question_fields[1]
    assert "<b>runc creates the process</b>" in question_fields[1]
    assert "interview" in question_tags.split()


def test_cards_per_note_follow_the_card_type(pack, tmp_path: Path) -> None:
    export_pack(pack, tmp_path / "deck.apkg")
    db = read_collection(tmp_path / "deck.apkg", tmp_path / "x")
    counts = dict(
        db.execute(
            "SELECT notes.guid, COUNT(cards.id) FROM notes JOIN cards ON cards.nid = notes.id GROUP BY notes.id"
        )
    )
    assert counts[note_guid("quiz-sample", "runc-role")] == 2  # forward and reverse
    assert counts[note_guid("quiz-sample", "storage-driver")] == 2  # c1 and c2
    assert counts[note_guid("quiz-sample", "image-definition")] == 1
    decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    names = {deck["name"] for deck in decks.values()}
    assert {"Quiz sample", "Quiz sample::Interview questions"} <= names
    question_deck = next(int(i) for i, deck in decks.items() if deck["name"].endswith("Interview questions"))
    question_note = db.execute(
        "SELECT id FROM notes WHERE guid = ?", (note_guid("quiz-sample", "layer-caching"),)
    ).fetchone()[0]
    assert db.execute("SELECT did FROM cards WHERE nid = ?", (question_note,)).fetchone()[0] == question_deck


def test_two_exports_carry_the_same_identifiers(pack, tmp_path: Path) -> None:
    export_pack(pack, tmp_path / "one.apkg", timestamp=1_700_000_000)
    export_pack(pack, tmp_path / "two.apkg", timestamp=1_800_000_000)
    first = read_collection(tmp_path / "one.apkg", tmp_path / "a")
    second = read_collection(tmp_path / "two.apkg", tmp_path / "b")
    assert notes_by_guid(first) == notes_by_guid(second)
    for column in ("models", "decks"):
        ids_one = set(json.loads(first.execute(f"SELECT {column} FROM col").fetchone()[0]))
        ids_two = set(json.loads(second.execute(f"SELECT {column} FROM col").fetchone()[0]))
        assert ids_one == ids_two


def test_the_command_exports_and_refuses_bad_input(tmp_path: Path, capsys) -> None:
    assert main(["pack", "export-anki", str(SAMPLE), str(tmp_path / "deck.apkg")]) == 0
    assert "11 notes" in capsys.readouterr().out
    assert main(["pack", "export-anki", str(SAMPLE), str(tmp_path / "deck.zip")]) == 2
    assert "must end in .apkg" in capsys.readouterr().err
    assert main(["pack", "export-anki", str(tmp_path / "nowhere"), str(tmp_path / "deck.apkg")]) == 2
    assert "does not exist" in capsys.readouterr().err
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pack.yaml").write_text(
        'format: 1\npack: {id: broken, title: B, version: "1.0.0"}\n'
        "cards:\n  - {id: a, type: basic, front: x, back: y, section: nowhere}\n",
        encoding="utf-8",
    )
    assert main(["pack", "export-anki", str(broken), str(tmp_path / "b.apkg")]) == 1
    assert "[unknown-section]" in capsys.readouterr().err
    assert not (tmp_path / "b.apkg").exists()


def test_pack_text_is_escaped_and_paragraphs_kept() -> None:
    assert to_html("Use <b>bold</b> & `a<b`") == "Use &lt;b&gt;bold&lt;/b&gt; &amp; <code>a&lt;b</code>"
    assert (
        to_html("one line\nwrapped by hand\n\nnew paragraph")
        == "one line wrapped by hand<br><br>new paragraph"
    )
    assert to_html("steps:\n- first\n- second") == "steps:<br>- first<br>- second"
    assert to_html(None) == ""


def test_a_structured_misconception_is_exported_with_its_correction() -> None:
    from prepdeck.content import model as m
    from prepdeck.interop.anki import question_note

    question = m.Question(
        id="q",
        prompt="What is PID 1?",
        model_answer="The first process.",
        key_points=[m.KeyPoint(id="k", label="first process", aliases=["first process"])],
        misconceptions=[
            "a shell forwards signals",
            m.Misconception(claim="containers boot a kernel", correction="they share the host's kernel"),
        ],
    )
    assert question_note("p", question).fields[3] == (
        "<b>Not so:</b><ul class=options><li>a shell forwards signals</li>"
        "<li>containers boot a kernel (in fact: they share the host's kernel)</li></ul>"
    )
