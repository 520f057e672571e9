"""Hostile or broken pack files: a located message, a documented exit code, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prepdeck.cli import main

VALID_HEADER = 'format: 1\npack:\n  id: sample\n  title: Sample\n  version: "1.0.0"\n'


def run_check(capsys, *paths: Path, fmt: str = "text") -> tuple[int, str, str]:
    code = main(["pack", "check", *map(str, paths), "--format", fmt])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def pack_with(tmp_path: Path, content: bytes) -> Path:
    (tmp_path / "pack.yaml").write_bytes(content)
    return tmp_path


@pytest.mark.parametrize(
    ("content", "exit_code", "line", "column", "code", "words"),
    [
        (VALID_HEADER.encode() + b"sections:\n\t- id: a\n", 1, 7, 1, "yaml-syntax", "tab"),
        (b'format: 1\npack:\n  id: "sample\n', 1, 3, 7, "yaml-syntax", "double quote"),
        (VALID_HEADER.encode() + b"  summary: caf\xe9\n", 2, 6, 15, "not-utf8", "UTF-8"),
        (
            VALID_HEADER.encode() + b"sections: !!python/object:os.system {}\n",
            1,
            6,
            11,
            "yaml-tag",
            "python/object",
        ),
        (
            VALID_HEADER.encode() + b"cards: !!python/object/apply:os.system ['echo hi']\n",
            1,
            6,
            8,
            "yaml-tag",
            "Python object",
        ),
    ],
)
def test_broken_yaml_is_located(tmp_path, capsys, content, exit_code, line, column, code, words):
    folder = pack_with(tmp_path, content)
    found_code, out, _ = run_check(capsys, folder)
    assert found_code == exit_code
    (located,) = [row for row in out.splitlines() if f"[{code}]" in row]
    assert f"pack.yaml:{line}:{column}: error [{code}]" in located
    assert words in located


def test_empty_file(tmp_path, capsys):
    exit_code, out, _ = run_check(capsys, pack_with(tmp_path, b""))
    assert exit_code == 1
    assert "pack.yaml: error [not-a-pack] is empty" in out


def test_binary_file_is_unreadable(tmp_path, capsys):
    exit_code, out, _ = run_check(capsys, pack_with(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    assert exit_code == 2
    assert "error [not-text] is a binary file" in out


def test_huge_file_is_refused_without_reading_it(tmp_path, capsys):
    with (tmp_path / "pack.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    exit_code, out, _ = run_check(capsys, tmp_path)
    assert exit_code == 2
    assert "error [too-large] is 50 MB; the limit is 5 MB" in out


def test_alias_bomb_is_stopped(tmp_path, capsys):
    bomb = VALID_HEADER + "x-bomb: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 10):
        bomb += f"x-b{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]\n"
    bomb += "sections: [*a9]\n"
    exit_code, out, _ = run_check(capsys, pack_with(tmp_path, bomb.encode()))
    assert exit_code == 1
    assert "[alias-bomb]" in out


def test_folder_without_pack_yaml(tmp_path, capsys):
    exit_code, out, _ = run_check(capsys, tmp_path)
    assert exit_code == 2
    assert "has no pack.yaml" in out


def test_missing_path(tmp_path, capsys):
    exit_code, out, _ = run_check(capsys, tmp_path / "nope")
    assert exit_code == 2
    assert "does not exist" in out


def test_future_format(tmp_path, capsys):
    folder = pack_with(tmp_path, VALID_HEADER.replace("format: 1", "format: 99").encode())
    exit_code, out, _ = run_check(capsys, folder)
    assert exit_code == 1
    assert "pack.yaml:1:9: error [format-version] this pack is format 99" in out


def test_json_format_has_the_same_fields(tmp_path, capsys):
    folder = pack_with(tmp_path, (VALID_HEADER + "sectons: []\n").encode())
    exit_code, out, _ = run_check(capsys, folder, fmt="json")
    assert exit_code == 1
    (problem,) = json.loads(out)
    assert problem["line"] == 6 and problem["column"] == 1
    assert problem["level"] == "error" and problem["code"] == "unknown-key"
    assert problem["file"].endswith("pack.yaml")


def test_a_broken_pack_does_not_hide_a_good_one(tmp_path, capsys):
    good = tmp_path / "good"
    good.mkdir()
    (good / "pack.yaml").write_text(VALID_HEADER)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "pack.yaml").write_text(VALID_HEADER + "oops: 1\n")
    exit_code, out, _ = run_check(capsys, good, bad)
    assert exit_code == 1
    assert out.count("error [") == 1 and "bad/pack.yaml" in out


def test_warnings_fail_only_with_strict(tmp_path, capsys):
    cards = "cards:\n  - id: c\n    type: choice\n    prompt: P\n    options:\n      - {text: a, correct: true, why: right}\n      - {text: b}\n"
    folder = pack_with(tmp_path, (VALID_HEADER + cards).encode())
    assert run_check(capsys, folder)[0] == 0
    assert main(["pack", "check", str(folder), "--strict"]) == 1
