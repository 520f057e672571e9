"""`prepdeck drill check`: what the learner sees, and the exit codes 0 pass / 1 not yet / 2 usage."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from prepdeck.cli import main

PACK = """\
format: 1
pack: {id: sample, title: Sample, version: "1.0.0"}
drills:
  - id: node-cache
    title: Make a Node build cache-friendly
    instructions: Reorder it and pin the base image.
    starter: |
      FROM node:latest
      COPY . .
      RUN npm ci
    solution: |
      FROM node:22-slim
      COPY package*.json ./
      RUN npm ci
      COPY . .
    requirements:
      - id: base-pinned
        check: base_image_pinned
        message: Pin the base image.
        hint: "`node:22-slim` is pinned; `node:latest` is not."
      - id: deps-first
        check: copy_before_run
        params: {copy: package*.json, run: npm ci}
        message: Copy the manifests and install before the source.
      - id: user
        check: final_user_not_root
        severity: warning
        message: Run as a non-root user.
"""
STARTER = "FROM node:latest\nCOPY . .\nRUN npm ci\n"
SOLUTION = "FROM node:22-slim\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    root.mkdir()
    (root / "pack.yaml").write_text(PACK, encoding="utf-8")
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_failing_file_lists_met_and_unmet_requirements_then_findings(pack, tmp_path, capsys):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(STARTER, encoding="utf-8")
    code, out, _ = run(capsys, "drill", "check", "node-cache", str(dockerfile), "--pack", str(pack))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "node-cache: Make a Node build cache-friendly"
    assert lines[1] == f"{dockerfile}: not yet, 0 of 3 requirements met"
    assert "✗ Pin the base image." in lines
    assert f"    {dockerfile}:1:10: `node:latest` uses the moving `latest` tag; name a version tag" in lines
    assert "    hint: `node:22-slim` is pinned; `node:latest` is not." in lines
    assert any(line.startswith(f"    {dockerfile}:2:1: `COPY . .` on line 2") for line in lines)
    assert "✗ Run as a non-root user. (warning: does not block a pass)" in lines
    findings_at = next(index for index, line in enumerate(lines) if line.startswith("lint findings ("))
    assert findings_at > lines.index("✗ Run as a non-root user. (warning: does not block a pass)")
    assert (
        f"  {dockerfile}:1:10: warning [DL3007] `node:latest` uses the `latest` tag; pin a version" in lines
    )


def test_a_passing_file_exits_0_even_with_an_unmet_warning(pack, tmp_path, capsys):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(SOLUTION, encoding="utf-8")
    code, out, _ = run(capsys, "drill", "check", "node-cache", str(dockerfile), "--pack", str(pack))
    assert code == 0
    assert f"{dockerfile}: passed, 2 of 3 requirements met" in out
    assert "✓ Pin the base image." in out and "✓ Copy the manifests and install before the source." in out


def test_json_output_from_standard_input(pack, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STARTER.encode())))
    code, out, _ = run(capsys, "drill", "check", "node-cache", "-", "--pack", str(pack), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert (data["drill"], data["pack"], data["file"], data["passed"]) == (
        "node-cache",
        "sample",
        "<stdin>",
        False,
    )
    first = data["requirements"][0]
    assert first == {
        "id": "base-pinned",
        "check": "base_image_pinned",
        "met": False,
        "status": "unmet",
        "severity": "error",
        "message": "Pin the base image.",
        "hint": "`node:22-slim` is pinned; `node:latest` is not.",
        "reason": "`node:latest` uses the moving `latest` tag; name a version tag",
        "line": 1,
        "column": 10,
        "end_line": 1,
        "end_column": 17,
    }
    assert {
        "file": "<stdin>",
        "line": 1,
        "column": 10,
        "end_line": 1,
        "end_column": 17,
        "code": "DL3007",
        "level": "warning",
        "message": "`node:latest` uses the `latest` tag; pin a version",
    } in data["findings"]
    assert all(
        set(finding) == {"file", "line", "column", "end_line", "end_column", "code", "level", "message"}
        for finding in data["findings"]
    )


def test_a_met_requirement_has_no_position_in_json(pack, tmp_path, capsys):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(SOLUTION, encoding="utf-8")
    code, out, _ = run(
        capsys, "drill", "check", "node-cache", str(dockerfile), "--pack", str(pack), "--format", "json"
    )
    assert code == 0
    met = json.loads(out)["requirements"][0]
    assert met["met"] is True and met["line"] is None and met["reason"] is None


def test_an_unknown_drill_suggests_the_closest_id(pack, tmp_path, capsys):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(SOLUTION, encoding="utf-8")
    code, out, err = run(capsys, "drill", "check", "node-cach", str(dockerfile), "--pack", str(pack))
    assert code == 2 and out == ""
    assert "no drill 'node-cach' in the loaded packs; did you mean 'node-cache'?" in err


@pytest.mark.parametrize(
    ("name", "why"), [("missing.Dockerfile", "no such file"), (".", "is a folder, not a file")]
)
def test_an_unreadable_file_is_a_usage_error(pack, tmp_path, capsys, name, why):
    code, out, err = run(capsys, "drill", "check", "node-cache", str(tmp_path / name), "--pack", str(pack))
    assert code == 2 and out == ""
    assert f"prepdeck: cannot read {tmp_path / name}: {why}" in err


def test_invalid_utf8_is_checked_with_a_parse_finding_not_a_crash(pack, tmp_path, capsys):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_bytes(b"FROM node:22-slim\nCOPY package*.json ./\nRUN npm ci \xff\n")
    code, out, _ = run(capsys, "drill", "check", "node-cache", str(dockerfile), "--pack", str(pack))
    assert code == 0
    assert "DL1000" in out and "not valid UTF-8" in out
