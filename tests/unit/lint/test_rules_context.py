"""Rules that read the build context (`--context DIR`): PD015 and BuildKit's CopyIgnoredFile."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.lint import lint_text
from prepdeck.lint.rules.pd_context import IgnoreRules

COPY_ALL = "FROM node:20.11.1-slim\nWORKDIR /app\nCOPY . .\nUSER node\n"


def lint_in(context: Path, text: str, code: str) -> list[tuple[str, str]]:
    dockerfile = context / "Dockerfile"
    dockerfile.write_text(text, encoding="utf-8")
    result = lint_text(text, path=str(dockerfile), context_dir=str(context))
    return [(str(f.span), f.message) for f in result.findings if f.code == code]


@pytest.fixture
def context(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "node_modules").mkdir()
    (tmp_path / ".env").write_text("TOKEN=x\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# app\n", encoding="utf-8")
    return tmp_path


def test_no_dockerignore_is_reported_at_the_copy_source(context: Path) -> None:
    found = lint_in(context, COPY_ALL, "PD015")
    assert [span for span, _ in found] == ["3:6-3:7"]
    assert "no .dockerignore" in found[0][1] and ".git, node_modules, .env" in found[0][1]


def test_each_sensitive_entry_still_sent_is_named(context: Path) -> None:
    (context / ".dockerignore").write_text("node_modules\n", encoding="utf-8")
    messages = [message for _, message in lint_in(context, COPY_ALL, "PD015")]
    assert sorted(message.split(" ", 1)[0] for message in messages) == ["`.env`", "`.git`"]


def test_a_complete_dockerignore_is_quiet(context: Path) -> None:
    (context / ".dockerignore").write_text(".git\n**/node_modules\n.env\n", encoding="utf-8")
    assert lint_in(context, COPY_ALL, "PD015") == []


def test_a_dockerfile_specific_ignore_file_wins(context: Path) -> None:
    (context / ".dockerignore").write_text("node_modules\n", encoding="utf-8")
    (context / "Dockerfile.dockerignore").write_text("*\n!package.json\n", encoding="utf-8")
    assert lint_in(context, COPY_ALL, "PD015") == []


def test_no_context_or_no_whole_copy_is_quiet(context: Path) -> None:
    assert [f for f in lint_text(COPY_ALL).findings if f.code == "PD015"] == []
    assert lint_in(context, "FROM node:20.11.1-slim\nCOPY package.json ./\n", "PD015") == []


def test_copy_of_an_ignored_file_is_reported(context: Path) -> None:
    (context / ".dockerignore").write_text("*.md\n.git\n", encoding="utf-8")
    text = "FROM alpine:3.19.1\nCOPY README.md /docs/\nCOPY ./src /src\n"
    assert [span for span, _ in lint_in(context, text, "CopyIgnoredFile")] == ["2:6-2:15"]


def test_copy_of_a_re_included_file_is_fine(context: Path) -> None:
    (context / ".dockerignore").write_text("*.md\n!README.md\n", encoding="utf-8")
    text = "FROM alpine:3.19.1\nCOPY README.md /docs/\n"
    assert lint_in(context, text, "CopyIgnoredFile") == []


@pytest.mark.parametrize(
    ("patterns", "path", "ignored"),
    [
        (".git", ".git/config", True),
        ("**/node_modules", "packages/web/node_modules/x", True),
        ("*.md\n!README.md", "README.md", False),
        ("*.md", "docs/guide.md", False),
        ("/dist/", "dist/app.js", True),
        ("# only a comment", "anything", False),
        ("src/*/test_?.py", "src/pkg/test_a.py", True),
    ],
)
def test_ignore_patterns_follow_dockerignore_rules(patterns: str, path: str, ignored: bool) -> None:
    assert IgnoreRules(patterns).ignores(path) is ignored
