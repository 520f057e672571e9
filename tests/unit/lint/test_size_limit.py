"""A Dockerfile too large to lint in bounded time and memory is refused with a clear message,
never linted by halves and never passed (engine.MAX_WORK, engine.MAX_TEXT_BYTES)."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.cli import main
from prepdeck.lint import lint_text
from prepdeck.lint.config import LintConfig

DENSE = "RUN apt-get update && apt-get install -y curl | tee\n"
TOO_MUCH = (
    "error [DL1000] this Dockerfile holds more lines and words outside comments than prepdeck lints "
    "(real Dockerfiles are a few KB); nothing in it was checked"
)


def dense(size: int) -> str:
    return "FROM debian:12.5-slim\n" + DENSE * (size // len(DENSE) + 1)


def test_a_10_mb_file_of_dense_run_lines_is_refused_with_one_error_saying_why() -> None:
    result = lint_text(dense(10_000_000), config=LintConfig().with_ignored(["DL1000"]))
    assert [str(finding) for finding in result.findings] == [f"Dockerfile:1:1: {TOO_MUCH}"]
    assert result.at_or_above("error")  # it never passes, whatever is ignored


def test_a_file_over_16_mb_is_refused_by_its_size_even_if_all_comments() -> None:
    text = "FROM scratch\n" + "# " + "\u00e9" * (5 * 1024 * 1024) + "\n"  # 10 MB of bytes, 5 M characters
    assert "DL1000" not in lint_text(text).codes()
    text = (
        "FROM scratch\n" + "# " + "\u00e9" * (9 * 1024 * 1024) + "\n"
    )  # 18 MB of bytes, under 16 M characters
    result = lint_text(text)
    assert [finding.message for finding in result.findings] == [
        "this Dockerfile is 18.0 MB, over the 16 MB prepdeck lints (real Dockerfiles are a few KB); "
        "nothing in it was checked"
    ]


def test_a_large_but_ordinary_file_is_linted() -> None:
    text = dense(100_000)  # over the size where the work is counted, far under the limit
    result = lint_text(text)
    assert "DL1000" not in result.codes() and len(result.findings) > 1000


def test_prepdeck_lint_says_why_it_did_not_check_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text(dense(1_500_000))
    assert main(["lint", "--no-shellcheck", str(path)]) == 1
    assert f"{path}:1:1: {TOO_MUCH}" in capsys.readouterr().out
