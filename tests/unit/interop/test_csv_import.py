"""`prepdeck pack import-csv`: a CSV or TSV of cards becomes a pack that passes `pack check`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prepdeck.cli import main
from prepdeck.content import load_pack
from prepdeck.content.check import check_pack
from prepdeck.interop.csv_import import CsvImportError, import_csv, slug, unique_ids


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def imported_cards(directory: Path) -> list[tuple[str, str, str, list[str]]]:
    result = load_pack(directory)
    assert check_pack(result) == []
    return [(card.id, card.front, card.back, list(card.tags)) for card in result.pack.cards]


def test_csv_with_header_round_trips_into_a_clean_pack(tmp_path: Path, capsys) -> None:
    source = write(
        tmp_path / "cards.csv",
        "front,back,tags\n"
        'What is a layer?,"A read-only diff, stacked",docker basics\n'
        '"Why pin\nthe base image?",Reproducible builds,"docker,security"\n'
        "no,1.0\n"
        "\n"
        "What is a layer!,Another card with a similar front,\n",
    )
    assert main(["pack", "import-csv", str(source), str(tmp_path / "my-deck"), "--title", "My deck"]) == 0
    assert "the first row was a header" in capsys.readouterr().err
    assert imported_cards(tmp_path / "my-deck") == [
        ("what-is-a-layer", "What is a layer?", "A read-only diff, stacked", ["docker", "basics"]),
        ("why-pin-the-base-image", "Why pin\nthe base image?", "Reproducible builds", ["docker", "security"]),
        ("no", "no", "1.0", []),  # YAML would read these as false and 1.0 unless quoted
        ("what-is-a-layer-2", "What is a layer!", "Another card with a similar front", []),
    ]
    pack = load_pack(tmp_path / "my-deck").pack
    assert (pack.id, pack.meta.title) == ("my-deck", "My deck")
    text = (tmp_path / "my-deck" / "pack.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=pack.schema.json")
    assert (tmp_path / "my-deck" / "pack.schema.json").is_file()


def test_tsv_without_header_and_with_a_byte_order_mark(tmp_path: Path) -> None:
    source = write(
        tmp_path / "anki.txt",
        "\ufeffrunc\tthe low-level runtime\truntime oci\nmoby\tthe upstream project\t\n",
    )
    assert main(["pack", "import-csv", str(source), str(tmp_path / "out"), "--id", "from-anki"]) == 0
    assert imported_cards(tmp_path / "out") == [
        ("runc", "runc", "the low-level runtime", ["runtime", "oci"]),
        ("moby", "moby", "the upstream project", []),
    ]
    assert load_pack(tmp_path / "out").pack.id == "from-anki"


def test_semicolons_are_sniffed(tmp_path: Path) -> None:
    source = write(
        tmp_path / "cards.csv", "Frage;Antwort\nWas ist runc?;Die Laufzeit, ganz unten\nÜber?;darüber\n"
    )
    assert main(["pack", "import-csv", str(source), str(tmp_path / "de")]) == 0
    assert [card[:3] for card in imported_cards(tmp_path / "de")] == [
        ("frage", "Frage", "Antwort"),
        ("was-ist-runc", "Was ist runc?", "Die Laufzeit, ganz unten"),
        ("uber", "Über?", "darüber"),
    ]


def test_bad_rows_are_reported_by_line_and_nothing_is_written(tmp_path: Path, capsys) -> None:
    source = write(
        tmp_path / "bad.csv",
        "question,answer\n"
        "only a front\n"
        ",an empty front\n"
        '"a quoted\nfront over two lines",\n'
        "a,b,c,d\n"
        "good one,fine\n"
        "Good  One,repeated front\n",
    )
    assert main(["pack", "import-csv", str(source), str(tmp_path / "out")]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{source}:2: error [missing-back] the row has one column; each row needs a front and a back",
        f"{source}:3: error [empty-front] the front is empty",
        f"{source}:4: error [empty-back] the back is empty",
        f"{source}:6: error [too-many-columns] the row has 4 columns; expected front, back and optional tags (quote a field that contains ',')",
        f"{source}:8: error [duplicate-front] the same front as the row on line 7",
    ]
    assert "nothing was written" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "holds no cards"),
        (b"front,back\n", "holds no cards"),
        (b"\xff\xfeq\x00,\x00a\x00", "binary file"),
        (b"caf\xe9,coffee\n", "is not UTF-8 text"),
    ],
)
def test_unusable_files_get_one_sentence_and_exit_2(
    tmp_path: Path, capsys, content: bytes, message: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    assert main(["pack", "import-csv", str(source), str(tmp_path / "out")]) == 2
    assert message in capsys.readouterr().err


def test_usage_mistakes_exit_2(tmp_path: Path, capsys) -> None:
    source = write(tmp_path / "in.csv", "a,b\n")
    assert main(["pack", "import-csv", str(tmp_path / "missing.csv"), str(tmp_path / "out")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["pack", "import-csv", str(source), str(tmp_path / "out"), "--id", "Not Valid"]) == 2
    assert "not a valid pack id" in capsys.readouterr().err
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["pack", "import-csv", str(source), str(taken)]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert (taken / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_unterminated_quote_is_a_located_problem(tmp_path: Path, capsys) -> None:
    source = write(tmp_path / "in.csv", 'a,b\n"open quote,never closed\n')
    assert main(["pack", "import-csv", str(source), str(tmp_path / "out")]) == 1
    assert capsys.readouterr().out.startswith(f"{source}:2: error [csv-syntax]")


def test_ids_come_from_the_front_and_stay_unique() -> None:
    assert slug("What's the `--init` flag for?") == "what-s-the-init-flag-for"
    assert slug("Ünïcödé façade") == "unicode-facade"
    assert unique_ids(["Hello", "hello!", "日本語", "HELLO"]) == ["hello", "hello-2", "card-3", "hello-3"]
    long_id = slug(" ".join(["word"] * 40))
    assert long_id == "-".join(["word"] * 8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_gives_cards_or_located_problems_never_a_crash(tmp_path_factory, text: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    source = folder / "in.csv"
    source.write_text(text, encoding="utf-8")
    try:
        reading, written = import_csv(source, folder / "pack")
    except CsvImportError as error:
        assert str(error)
        return
    if reading.problems:
        assert written == [] and all(problem.line >= 1 for problem in reading.problems)
    else:
        assert check_pack(load_pack(folder / "pack")) == []


_cell = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters='\n\t;,"'),
    min_size=1,
    max_size=40,
).filter(str.strip)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(_cell, _cell),
        min_size=1,
        max_size=8,
        unique_by=lambda row: " ".join(row[0].casefold().split()),
    )
)
def test_rows_written_by_a_csv_writer_round_trip(tmp_path_factory, rows: list[tuple[str, str]]) -> None:
    folder = tmp_path_factory.mktemp("round")
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    (folder / "in.csv").write_text(buffer.getvalue(), encoding="utf-8")
    try:
        reading, _ = import_csv(folder / "in.csv", folder / "pack")
    except CsvImportError:
        return  # e.g. the sniffer read a one-row file with another delimiter: refused, not crashed
    if reading.problems:
        return
    result = load_pack(folder / "pack")
    assert check_pack(result) == []
    got = [(card.front, card.back) for card in result.pack.cards]
    expected = [(front.strip(), back.strip()) for front, back in rows]
    assert got == expected or (reading.had_header and got == expected[1:])


def test_a_tag_outside_the_basic_plane_is_kept_as_written(tmp_path: Path) -> None:
    # found by the fuzz test above: the tag was written as a surrogate pair the loader refused
    source = tmp_path / "in.tsv"
    source.write_text("What is PID 1?\tThe first process\tdocker \U0001f433 linux\n", encoding="utf-8")
    reading, _ = import_csv(source, tmp_path / "pack")
    assert reading.problems == []
    result = load_pack(tmp_path / "pack")
    assert check_pack(result) == []
    assert list(result.pack.cards[0].tags) == ["docker", "\U0001f433", "linux"]
