"""`prepdeck lint` as its own process (as editors and hooks start it): everything written reaches
the reader, the exit codes are the documented ones, and a reader that stops early is no error."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

from prepdeck.cli import main

REALWORLD = Path(__file__).resolve().parents[2] / "fixtures" / "realworld"


def command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "prepdeck", "lint", *arguments]


def in_process(*arguments: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["lint", *arguments])
    return code, out.getvalue()


def test_a_long_report_arrives_whole_with_its_exit_code() -> None:
    files = [str(path) for path in sorted(REALWORLD.glob("*.Dockerfile"))[:60]]
    finished = subprocess.run(
        command("--format", "json", "--no-shellcheck", *files), capture_output=True, check=False
    )
    code, expected = in_process("--format", "json", "--no-shellcheck", *files)
    assert finished.returncode == code == 1
    assert finished.stdout.decode("utf-8") == expected
    assert len(expected) > 100_000  # more than any pipe holds at once
    assert finished.stderr == b""


def test_clean_and_unreadable_files_give_their_codes(tmp_path: Path) -> None:
    clean = tmp_path / "Dockerfile"
    clean.write_text('FROM scratch\nCOPY app /app\nUSER 1000\nCMD ["/app"]\n', encoding="utf-8")
    finished = subprocess.run(command("--no-shellcheck", str(clean)), capture_output=True, check=False)
    assert (finished.returncode, finished.stdout) == (0, b"no findings in 1 file\n")
    missing = subprocess.run(command(str(tmp_path / "nope")), capture_output=True, check=False)
    assert missing.returncode == 2
    assert b"cannot read" in missing.stderr


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    files = [str(path) for path in sorted(REALWORLD.glob("*.Dockerfile"))[:60]]
    with subprocess.Popen(
        command("--no-shellcheck", *files), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()  # as `| head` does
        errors = process.stderr.read()
        code = process.wait(timeout=120)
    assert code in (0, 1)  # 1 when the whole report fit in the pipe before it closed
    assert b"Traceback" not in errors
    assert b"BrokenPipe" not in errors


def test_other_commands_end_as_before() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "prepdeck", "--version"],
        capture_output=True,
        check=False,
        env=dict(os.environ),
    )
    assert finished.returncode == 0
    assert finished.stdout.strip()
