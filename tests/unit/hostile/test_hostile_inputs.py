"""Unbounded and odd inputs through the real CLI (subprocesses with a timeout): every file is read
through one capped reader, so /dev/zero, an endless pipe or a binary file is one sentence and a
documented exit code, never memory growing without end. Also: temp files are cleaned up on every
path, a newer database is left byte for byte untouched, and a large CSV import always loads."""

from __future__ import annotations

import csv
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from hostile_run import TIMEOUT_SECONDS, prepdeck
from progress_docs import STUDY_PACK

DOCKERFILE = "FROM alpine:3.20\nRUN echo hi\n"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def grade(home: Path, answer_file: str | Path, **options):
    return prepdeck(
        "grade", "multi-stage-why", "--answer-file", answer_file, "--pack", STUDY_PACK, home=home, **options
    )


def test_an_answer_file_of_dev_zero_is_one_sentence_and_exit_2(home):
    run = grade(home, "/dev/zero")
    assert run.code == 2
    assert run.err.strip().splitlines() == [
        "prepdeck: cannot read the answer file /dev/zero: is larger than 64 KB (or never ends); the limit is 64 KB"
    ]


def test_an_endless_pipe_as_the_answer_is_refused(home):
    endless = subprocess.Popen(["yes", "an answer"], stdout=subprocess.PIPE)
    try:
        env = {**os.environ, "PREPDECK_HOME": str(home)}
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "prepdeck",
                "grade",
                "multi-stage-why",
                "--answer-file",
                "-",
                "--pack",
                str(STUDY_PACK),
            ],
            stdin=endless.stdout,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            env=env,
        )
    finally:
        endless.kill()
        endless.wait()
    assert result.returncode == 2
    assert "standard input: is larger than 64 KB (or never ends)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file, not text"),
        ("café".encode("latin-1"), "is not UTF-8 text"),
        (b"word " * 14_000, "is 68 KB; the limit is 64 KB"),
    ],
)
def test_an_answer_file_that_is_not_a_typed_answer_is_exit_2(home, tmp_path, content, expected):
    answer = tmp_path / "answer.bin"
    answer.write_bytes(content)
    run = grade(home, answer)
    assert run.code == 2
    assert expected in run.err and run.out == ""


def test_a_fifo_answer_file_with_no_writer_does_not_block(home, tmp_path):
    os.mkfifo(tmp_path / "answer")
    run = grade(home, tmp_path / "answer")
    assert run.code == 0  # read as empty: an empty answer, graded as such
    assert "score 0.00" in run.out


@pytest.mark.parametrize(
    "command",
    [
        ["lint", "/dev/zero"],
        ["lint", "--config", "/dev/zero", "{dockerfile}"],
        ["drill", "check", "d-pin-slim-base", "/dev/zero"],
        ["pack", "import-csv", "/dev/zero", "{out}"],
        ["import", "/dev/zero"],
    ],
)
def test_dev_zero_is_refused_by_every_command_that_reads_a_file(home, tmp_path, command):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(DOCKERFILE)
    args = [part.format(dockerfile=dockerfile, out=tmp_path / "out") for part in command]
    run = prepdeck(*args, home=home)
    assert run.code == 2, run.text
    assert "/dev/zero" in run.err and "larger than" in run.err
    assert not (tmp_path / "out").exists()


def test_a_large_csv_import_is_split_and_loads_and_checks(home, tmp_path):
    source = tmp_path / "cards.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for number in range(6_000):
            writer.writerow([f"Question {number}?", f"Answer {number}: " + "long text " * 100, "t1 t2"])
    run = prepdeck("pack", "import-csv", source, tmp_path / "out", home=home)
    assert run.code == 0, run.text
    parts = sorted((tmp_path / "out" / "cards").glob("part-*.yaml"))
    assert len(parts) >= 6 and all(part.stat().st_size <= 1024 * 1024 for part in parts)
    assert prepdeck("pack", "check", tmp_path / "out", home=home).code == 0
    info = prepdeck("pack", "info", tmp_path / "out", "--format", "json", home=home)
    assert '"cards": 6000' in info.out


def make_pack(folder: Path) -> Path:
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        'format: 1\npack:\n  id: deck\n  title: Deck\n  version: "1.0.0"\n'
        "cards:\n  - {id: c1, type: basic, front: Front, back: Back}\n"
    )
    return folder


def test_export_anki_leaves_nothing_in_the_temp_folder_even_when_it_fails(home, tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    pack = make_pack(tmp_path / "deck")
    env = {"TMPDIR": str(temp)}
    good = prepdeck(
        "pack",
        "export-anki",
        pack,
        tmp_path / "deck.apkg",
        home=home,
        extra_env=env,
    )
    assert good.code == 0
    assert zipfile.ZipFile(tmp_path / "deck.apkg").namelist() == ["collection.anki2", "media"]
    (tmp_path / "taken.apkg").mkdir()  # the output cannot be written: a folder is in its place
    bad = prepdeck(
        "pack",
        "export-anki",
        pack,
        tmp_path / "taken.apkg",
        home=home,
        extra_env=env,
    )
    assert bad.code == 2 and "cannot write the deck" in bad.err
    assert list(temp.iterdir()) == []
    # No partial deck beside the output either (prepdeck-home is the test's own data folder).
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "deck",
        "deck.apkg",
        "home",
        "prepdeck-home",
        "taken.apkg",
        "tmp",
    ]


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_leaves_no_cache_tmp_file(home):
    """The parsed-pack cache (the built-in packs pickle to well over 4 KB) cannot be written."""
    script = (
        "from prepdeck.content.cache import load_catalog_cached\nprint(len(load_catalog_cached([]).packs))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        env={**os.environ, "PREPDECK_HOME": str(home)},
        preexec_fn=_file_size_limit(4096),
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 1
    assert list((home / "cache").glob("*")) == []


def test_a_database_from_a_newer_prepdeck_is_left_byte_for_byte_untouched(home):
    database = home / "progress.sqlite3"
    db = sqlite3.connect(database)
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("CREATE TABLE future (x)")
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    before = database.read_bytes()
    for command in (["stats"], ["export"], ["import", "/dev/null"]):
        run = prepdeck(*command, home=home)
        assert run.code in (1, 2)
    run = prepdeck("stats", home=home)
    assert "written by a newer prepdeck (schema 99" in run.err and "left untouched" in run.err
    assert database.read_bytes() == before
    assert sorted(path.name for path in home.iterdir()) == ["progress.sqlite3"]  # no -wal, no -shm
