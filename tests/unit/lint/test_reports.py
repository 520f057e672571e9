"""tty, json and SARIF output."""

from __future__ import annotations

import json

from prepdeck.lint import lint_text
from prepdeck.lint.report import format_json, format_sarif, format_tty

TEXT = "FROM node:latest\nWORKDIR app\nRUN echo a \\\n  && echo b\n"


def result():
    return lint_text(TEXT, path="web/Dockerfile")


def test_tty_shows_the_source_line_with_the_span_underlined() -> None:
    out = format_tty([result()], color=False)
    assert "web/Dockerfile:1:10: warning [DL3007] `node:latest` uses the `latest` tag; pin a version\n" in out
    assert "    1 | FROM node:latest\n      |          ^~~~~~~\n" in out
    assert "    2 | WORKDIR app\n      |         ^~~\n" in out
    assert "\x1b[" not in out
    assert out.rstrip().splitlines()[-1].endswith("in 1 file")


def test_tty_colour_only_when_asked() -> None:
    assert "\x1b[33mwarning\x1b[0m" in format_tty([result()], color=True)


def test_tty_clean_file() -> None:
    clean = lint_text('FROM scratch\nCOPY app /app\nUSER 1000\nCMD ["/app"]\n', path="ok/Dockerfile")
    assert format_tty([clean]) == "no findings in 1 file\n"


def test_tty_underline_keeps_tabs_and_multi_line_spans_run_to_the_line_end() -> None:
    out = format_tty([lint_text("FROM node:22\nCMD node \\\n\tserver.js\n", path="D")])
    assert "    2 | CMD node \\\n      |     ^~~~~~\n" in out


def test_json_is_an_array_of_flat_objects() -> None:
    data = json.loads(format_json([result()]))
    assert isinstance(data, list) and data
    first = next(item for item in data if item["code"] == "DL3007")
    assert first == {
        "file": "web/Dockerfile",
        "line": 1,
        "column": 10,
        "end_line": 1,
        "end_column": 17,
        "code": "DL3007",
        "level": "warning",
        "message": "`node:latest` uses the `latest` tag; pin a version",
    }
    assert json.loads(format_json([])) == []


def test_sarif_2_1_0_structure() -> None:
    document = json.loads(format_sarif([result()], version="1.2.3"))
    assert document["version"] == "2.1.0" and "sarif" in document["$schema"]
    run = document["runs"][0]
    assert run["tool"]["driver"]["name"] == "prepdeck" and run["tool"]["driver"]["version"] == "1.2.3"
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rule_ids == sorted(set(rule_ids)) and "DL3007" in rule_ids
    finding = next(r for r in run["results"] if r["ruleId"] == "DL3007")
    assert finding["level"] == "warning"
    assert finding["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "web/Dockerfile"},
        "region": {"startLine": 1, "startColumn": 10, "endLine": 1, "endColumn": 17},
    }
    levels = {r["level"] for r in run["results"]}
    assert levels <= {"error", "warning", "note"}


def test_json_output_is_laid_out_as_json_dumps_with_indent_two() -> None:
    text = "FROM ubuntu\nRUN apt-get install -y \"curl\" && echo 'é\\\\n'\nCMD python app.py\n"
    results = [lint_text(text, path='dir/"quoted".Dockerfile'), lint_text("FROM alpine:3.19.1\nUSER 1000\n")]
    expected = (
        json.dumps([finding.to_dict() for result in results for finding in result.findings], indent=2) + "\n"
    )
    assert format_json(results) == expected
    assert format_json([]) == json.dumps([], indent=2) + "\n"
