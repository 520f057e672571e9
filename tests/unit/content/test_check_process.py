"""`prepdeck pack check` run as its own program ends without Python's teardown (cli.end_at_once):
everything it printed must still arrive, in order, with the right exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from prepdeck.cli import main

PROBLEM_CARDS = 400  # enough lines to fill more than one pipe buffer


def _pack_with_problems(folder: Path, count: int = PROBLEM_CARDS) -> Path:
    folder.mkdir()
    cards = "".join(
        f"  - {{id: c{number}, type: basic, front: F{number}, back: B{number}, colour: red}}\n"
        for number in range(count)
    )
    (folder / "pack.yaml").write_text(
        'format: 1\npack: {id: noisy, title: Noisy, version: "1.0.0"}\ncards:\n' + cards
    )
    return folder


def _as_program(arguments: list[str], home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PREPDECK_HOME": str(home)}
    environment.pop("PYTHONUNBUFFERED", None)  # as a user's shell runs it: output held in buffers
    return subprocess.run(
        [sys.executable, "-m", "prepdeck", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
    )


def test_every_problem_reaches_a_pipe_before_the_program_ends(tmp_path, capsys, monkeypatch):
    pack = _pack_with_problems(tmp_path / "noisy")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PREPDECK_HOME", str(tmp_path / "home-in-process"))
    in_process = main(["pack", "check", "noisy"])  # returns: this test's process goes on
    printed = capsys.readouterr()

    ran = _as_program(["pack", "check", "noisy"], tmp_path / "home", tmp_path)

    assert in_process == ran.returncode == 1
    assert ran.stdout == printed.out
    assert ran.stdout.count("unknown key 'colour'") == PROBLEM_CARDS
    assert ran.stderr.strip().splitlines()[-1] == f"{PROBLEM_CARDS} error(s), 0 warning(s)"
    assert pack.exists()


def test_json_report_is_whole_when_the_program_ends(tmp_path):
    for count in (1, PROBLEM_CARDS):  # a short report stays in the buffer until the end
        _pack_with_problems(tmp_path / f"noisy-{count}", count)
        ran = _as_program(
            ["pack", "check", "--format", "json", f"noisy-{count}"], tmp_path / "home", tmp_path
        )
        assert ran.returncode == 1
        report = json.loads(ran.stdout)
        assert len(report) == count
        assert {entry["code"] for entry in report} == {"unknown-key"}


def test_a_clean_pack_and_a_missing_one_keep_their_exit_codes(tmp_path):
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "pack.yaml").write_text(
        'format: 1\npack: {id: clean, title: Clean, version: "1.0.0"}\n'
        "cards:\n  - {id: c1, type: basic, front: Question?, back: Answer.}\n"
    )
    ok = _as_program(["pack", "check", "clean"], tmp_path / "home", tmp_path)
    assert (ok.returncode, ok.stdout, ok.stderr.strip()) == (0, "", "ok: clean")
    missing = _as_program(["pack", "check", "nowhere"], tmp_path / "home", tmp_path)
    assert missing.returncode == 2
    assert "does not exist" in missing.stdout
