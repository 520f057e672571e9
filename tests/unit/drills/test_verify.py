"""verify_pack_drills and `pack check`: solutions pass, starters do not, counterexamples fail exactly as stated."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from prepdeck.cli import main
from prepdeck.content.loader import load_pack
from prepdeck.drills.verify import verify_pack_drills

PACK = """\
format: 1
pack: {id: sample, title: Sample, version: "1.0.0"}
drills:
  - id: node-cache
    title: Make a Node build cache-friendly
    instructions: Reorder it and pin the base image.
    starter: starter.Dockerfile
    solution: solution.Dockerfile
    requirements:
      - id: base-pinned
        check: base_image_pinned
        message: Pin the base image.
      - id: deps-first
        check: copy_before_run
        params: {copy: package*.json, run: npm ci}
        message: Copy the manifests and install before the source.
      - id: healthcheck
        check: instruction_present
        params: {instruction: HEALTHCHECK}
        severity: warning
        message: Add a HEALTHCHECK.
    counterexamples:
      - file: latest.Dockerfile
        must_fail: [base-pinned]
"""
STARTER = "FROM node:latest\nWORKDIR /app\nCOPY . .\nRUN npm ci\n"
SOLUTION = 'FROM node:22-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nHEALTHCHECK CMD ["node", "hc.js"]\n'
LATEST = 'FROM node\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nHEALTHCHECK CMD ["node", "hc.js"]\n'


def write_pack(root: Path, pack: str = PACK, **files: str) -> Path:
    contents = {"starter": STARTER, "solution": SOLUTION, "latest": LATEST, **files}
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text(pack, encoding="utf-8")
    for name, text in contents.items():
        (root / f"{name}.Dockerfile").write_text(text, encoding="utf-8")
    return root


def problems_of(root: Path):
    result = load_pack(root)
    assert result.pack is not None, result.problems
    return verify_pack_drills(result.pack)


def where(problem) -> tuple[int | None, int | None, str, str]:
    return problem.line, problem.column, problem.level, problem.code


def test_a_sound_drill_has_no_problems(tmp_path, capsys):
    root = write_pack(tmp_path / "pack")
    assert problems_of(root) == []
    assert main(["pack", "check", str(root), "--strict"]) == 0


def test_a_failing_solution_is_reported_at_the_solution_field(tmp_path):
    root = write_pack(
        tmp_path / "pack", solution="FROM node:22-slim\nCOPY . .\nRUN npm ci\nHEALTHCHECK NONE\n"
    )
    [problem] = problems_of(root)
    assert where(problem) == (8, 15, "error", "solution-fails")
    assert "requirement 'deps-first'" in problem.message
    assert "`COPY . .` on line 2" in problem.message and "(solution.Dockerfile:2:1)" in problem.message


def test_a_solution_missing_a_warning_requirement_is_a_warning(tmp_path):
    root = write_pack(
        tmp_path / "pack",
        solution="FROM node:22-slim\nCOPY package.json ./\nRUN npm ci\n",
        latest='FROM node\nCOPY package.json ./\nRUN npm ci\nHEALTHCHECK CMD ["true"]\n',
    )
    [problem] = problems_of(root)
    assert where(problem) == (8, 15, "warning", "solution-fails")
    assert "'healthcheck'" in problem.message
    assert main(["pack", "check", str(root)]) == 0
    assert main(["pack", "check", str(root), "--strict"]) == 1


def test_a_starter_that_already_passes_is_reported(tmp_path):
    root = write_pack(tmp_path / "pack", starter="FROM node:22\nCOPY package.json ./\nRUN npm ci\n")
    [problem] = problems_of(root)
    assert where(problem) == (7, 14, "error", "starter-passes")


def test_a_counterexample_failing_more_than_listed(tmp_path):
    root = write_pack(tmp_path / "pack", latest="FROM node\nCOPY . .\nRUN npm ci\n")
    problems = problems_of(root)
    assert [where(problem) for problem in problems] == [(24, 20, "error", "counterexample-fails-more")] * 2
    messages = " ".join(problem.message for problem in problems)
    assert "also fails requirement 'deps-first'" in messages and "(latest.Dockerfile:2:1)" in messages
    assert "also fails requirement 'healthcheck'" in messages


def test_a_counterexample_failing_fewer_than_listed(tmp_path):
    root = write_pack(tmp_path / "pack", latest=SOLUTION)
    [problem] = problems_of(root)
    assert where(problem) == (24, 21, "error", "counterexample-passes")
    assert "latest.Dockerfile meets requirement 'base-pinned'" in problem.message


def test_inline_starter_and_solution(tmp_path):
    pack = PACK.replace(
        "starter: starter.Dockerfile", "starter: |\n      FROM node\n      COPY . .\n      RUN npm ci\n"
    )
    pack = pack.replace("solution: solution.Dockerfile", "solution: |\n" + textwrap.indent(SOLUTION, " " * 6))
    root = write_pack(tmp_path / "pack", pack=pack)
    assert problems_of(root) == []


def test_missing_files_are_left_to_the_file_check(tmp_path, capsys):
    root = write_pack(tmp_path / "pack")
    (root / "solution.Dockerfile").unlink()
    assert problems_of(root) == []
    assert main(["pack", "check", str(root)]) == 1
    assert "[missing-file] 'solution.Dockerfile' does not exist" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("requirement", "code", "suggestion"),
    [
        ("{id: r, check: rule_absent, params: {codes: [DL3007, DL3080]}, message: m}", "unknown-rule", None),
        (
            "{id: r, check: instruction_present, params: {instruction: HEALTHCHEK}, message: m}",
            "unknown-instruction",
            "HEALTHCHECK",
        ),
    ],
)
def test_params_that_can_never_match_are_reported(tmp_path, requirement, code, suggestion):
    pack = PACK.replace("    requirements:\n", f"    requirements:\n      - {requirement}\n")
    pack = pack.replace("must_fail: [base-pinned]", "must_fail: [base-pinned, r]")
    root = write_pack(tmp_path / "pack", pack=pack, latest="FROM node\n")
    found = [problem for problem in problems_of(root) if problem.code == code]
    assert len(found) == 1 and found[0].line == 10
    if suggestion:
        assert f"did you mean '{suggestion}'?" in found[0].message


def test_a_solution_that_does_not_parse_is_a_warning(tmp_path):
    root = write_pack(tmp_path / "pack", solution=SOLUTION + "COPYY x y\n")
    [problem] = problems_of(root)
    assert where(problem) == (8, 15, "warning", "solution-parse-error")
    assert "(solution.Dockerfile:7:1)" in problem.message


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"^(\w+\s?)+\1$", "invalid escape sequence: \\1"),  # backtracking-only: a ReDoS shape
        (r"(?=(a+))+b", "invalid perl operator: (?="),  # lookaround: RE2 has none
        (r"RUN [unclosed", "missing ]"),
    ],
)
def test_a_pack_pattern_re2_cannot_run_is_refused_at_its_position(tmp_path, capsys, pattern, why):
    requirement = (
        "      - id: r\n"
        "        check: instruction_absent\n"
        "        params:\n"
        "          instruction: RUN\n"
        f"          args_regex: '{pattern}'\n"
        "        message: m\n"
    )
    pack = PACK.replace("    requirements:\n", "    requirements:\n" + requirement)
    root = write_pack(tmp_path / "pack", pack=pack)
    [problem] = [problem for problem in problems_of(root) if problem.code == "bad-pattern"]
    assert (problem.line, problem.column, problem.level) == (14, 23, "error")
    assert problem.message.startswith(f"the pattern {pattern!r} cannot run on RE2")
    assert why in problem.message
    assert main(["pack", "check", str(root)]) == 1
    assert f"pack.yaml:14:23: error [bad-pattern] the pattern {pattern!r}" in capsys.readouterr().out


def test_a_nested_quantifier_runs_in_linear_time_on_re2_and_is_accepted(tmp_path):
    # `(a+)+$` makes Python's re backtrack exponentially on "aaaa...!"; RE2 runs it in linear time.
    requirement = (
        "      - {id: r, check: regex, params: {pattern: '(a+)+$', must_match: false}, message: m}\n"
    )
    pack = PACK.replace("    requirements:\n", "    requirements:\n" + requirement)
    root = write_pack(tmp_path / "pack", pack=pack, starter=STARTER + "# " + "a" * 5000 + "!\n")
    assert [p for p in problems_of(root) if p.code == "bad-pattern"] == []
