"""`prepdeck lint` as a user runs it: output, exit codes, config discovery, stdin, bad input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from prepdeck.cli import main

BAD = "FROM node:latest\nWORKDIR app\n"
CLEAN = 'FROM scratch\nCOPY app /app\nUSER 1000\nCMD ["/app"]\n'


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def write(folder: Path, name: str, text: str | bytes) -> str:
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return str(path)


def test_findings_exit_1_and_print_compiler_style(workdir: Path, capsys) -> None:
    path = write(workdir, "Dockerfile", BAD)
    assert main(["lint", path]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2:9: error [DL3000]" in out and "    2 | WORKDIR app" in out


def test_clean_file_exits_0(workdir: Path, capsys) -> None:
    assert main(["lint", write(workdir, "Dockerfile", CLEAN)]) == 0
    assert capsys.readouterr().out == "no findings in 1 file\n"


def test_failure_threshold_decides_the_exit_code(workdir: Path, capsys) -> None:
    path = write(workdir, "Dockerfile", "FROM node:latest\n")  # warnings and infos only
    assert main(["lint", path, "--failure-threshold", "error"]) == 0
    assert main(["lint", path, "-t", "warning"]) == 1
    assert main(["lint", path, "-t", "none"]) == 0


def test_ignore_option_and_json_output(workdir: Path, capsys) -> None:
    path = write(workdir, "Dockerfile", BAD)
    assert main(["lint", path, "--ignore", "DL3000", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert "DL3000" not in {item["code"] for item in data} and "DL3007" in {item["code"] for item in data}


def test_sarif_output(workdir: Path, capsys) -> None:
    main(["lint", write(workdir, "Dockerfile", BAD), "-f", "sarif"])
    assert json.loads(capsys.readouterr().out)["version"] == "2.1.0"


def test_hadolint_yaml_in_the_current_folder_is_read(workdir: Path, capsys) -> None:
    path = write(workdir, "Dockerfile", BAD)
    write(workdir, ".hadolint.yaml", "ignored: [DL3000]\nfailure-threshold: error\n")
    assert main(["lint", path, "-f", "json"]) == 0
    assert "DL3000" not in capsys.readouterr().out


def test_explicit_config_and_a_broken_one(workdir: Path, capsys) -> None:
    path = write(workdir, "Dockerfile", BAD)
    config = write(workdir, "lint.yaml", "override:\n  ignore: [DL3000, DL3007, PD002]\n")
    assert main(["lint", path, "--config", config, "-t", "warning"]) == 0
    broken = write(workdir, "broken.yaml", "ignored: [DL3000\n")
    capsys.readouterr()
    assert main(["lint", path, "--config", broken]) == 2
    assert "not valid YAML" in capsys.readouterr().err


def test_standard_input(workdir: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    assert main(["lint", "-", "-f", "json"]) == 1
    assert {item["file"] for item in json.loads(capsys.readouterr().out)} == {"-"}


def test_unreadable_input_exits_2_with_a_sentence(workdir: Path, capsys) -> None:
    assert main(["lint", str(workdir / "missing")]) == 2
    assert "cannot read" in capsys.readouterr().err
    clean = write(workdir, "Dockerfile", CLEAN)
    assert main(["lint", clean, str(workdir / "missing")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["lint", str(workdir)]) == 2
    assert "it is a folder" in capsys.readouterr().err


def test_no_file_is_a_usage_error(workdir: Path, capsys) -> None:
    assert main(["lint"]) == 2
    assert "give one or more Dockerfiles" in capsys.readouterr().err


def test_context_must_be_a_folder(workdir: Path, capsys) -> None:
    path = write(workdir, "Dockerfile", CLEAN)
    assert main(["lint", path, "--context", str(workdir / "nope")]) == 2
    assert main(["lint", path, "--context", str(workdir)]) in (0, 1)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"# only a comment\n",
        b"FROM a\x00\n",
        b"\xff\xfeFROM x\n",
        b"FROM alpine:3\r\nRUN x\r\n",
        b"FROM a:1\nRUN <<EOF\n",
    ],
)
def test_odd_files_give_a_result_not_a_traceback(workdir: Path, capsys, data: bytes) -> None:
    assert main(["lint", write(workdir, "Dockerfile", data), "-f", "json"]) in (0, 1)
    json.loads(capsys.readouterr().out)


def test_explain_prints_the_teaching_text(capsys) -> None:
    assert main(["lint", "--explain", "dl3007"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("DL3007  Do not build on the `latest` tag\n")
    for heading in ("Why", "Bad", "Good", "Fix"):
        assert f"\n{heading}\n" in out
    assert "FROM node:latest" in out and "origin: hadolint" in out


def test_explain_unknown_code_exits_2_with_a_suggestion(capsys) -> None:
    assert main(["lint", "--explain", "DL300"]) == 2
    assert "unknown rule code `DL300`" in capsys.readouterr().err


def test_list_rules_shows_level_and_origin(capsys) -> None:
    assert main(["lint", "--list-rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["code", "level", "origin", "title"]
    row = next(line for line in lines if line.startswith("DL3007"))
    assert row.split()[1:3] == ["warning", "hadolint"]
    assert any(line.split()[2:3] == ["prepdeck"] for line in lines[1:-1])
    assert lines[-1].endswith("rules")


PLAIN_READINGS = [
    ["a"],
    ["a", "b", "-"],
    ["-"],
    [],
    ["--format", "json", "a"],
    ["--format=sarif", "a", "b"],
    ["-f", "json", "-t", "warning", "a"],
    ["a", "--failure-threshold", "none"],
    ["--ignore", "DL3008", "--ignore=DL3009", "a"],
    ["-c", "cfg.yaml", "--context", "ctx", "a"],
    ["--config=cfg.yaml", "a"],
    ["--no-color", "--no-shellcheck", "a", "b"],
    ["a", "b", "--no-color"],
    ["--format", "tty", "--format", "json", "a"],
]

ARGPARSE_ONLY = [
    ["--help"],
    ["-h"],
    ["--explain", "DL3008"],
    ["--list-rules"],
    ["--form", "json", "a"],  # abbreviation
    ["-fjson", "a"],
    ["--format", "yaml", "a"],  # refused value
    ["--format"],
    ["--config", "-", "a"],
    ["a", "--no-color", "b"],  # files on both sides of an option: argparse's error
    ["--", "-a"],
    ["--no-color=yes", "a"],
    ["--unknown", "a"],
]


@pytest.mark.parametrize("arguments", PLAIN_READINGS)
def test_plain_lint_arguments_read_as_argparse_does(arguments: list[str]) -> None:
    from prepdeck.cli import build_parser
    from prepdeck.lint.command import plain_arguments

    plain = plain_arguments(arguments)
    assert plain is not None
    expected = vars(build_parser().parse_args(["lint", *arguments]))
    assert vars(plain) == expected


@pytest.mark.parametrize("arguments", ARGPARSE_ONLY)
def test_unusual_lint_arguments_are_left_to_argparse(arguments: list[str]) -> None:
    from prepdeck.lint.command import plain_arguments

    assert plain_arguments(arguments) is None


def test_argparse_still_reports_a_bad_lint_option(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["lint", "--format", "yaml", "Dockerfile"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'yaml'" in capsys.readouterr().err
