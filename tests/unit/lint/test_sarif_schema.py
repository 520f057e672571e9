"""SARIF that tools accept: every document `prepdeck lint --format sarif` writes is valid against the
official SARIF 2.1.0 JSON schema (tests/fixtures/sarif, see ORIGIN.md there), declares its
`columnKind`, counts columns in UTF-16 code units and percent-encodes file URIs."""

from __future__ import annotations

import contextlib
import io
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from prepdeck.cli import main
from prepdeck.lint import lint_text
from prepdeck.lint.report import SARIF_SCHEMA, format_sarif, sarif_uri

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parents[3]
SCHEMA = REPO / "tests" / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
FIXTURES = REPO / "tests" / "fixtures" / "dockerfiles"
# RFC 3986 characters of a URI reference: anything else (a space, a raw `#` in a path) must be encoded.
_URI_REFERENCE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$")


@lru_cache(maxsize=1)
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def assert_valid(document: dict) -> None:
    errors = sorted(validator().iter_errors(document), key=lambda error: list(error.path))
    assert document["$schema"] == SARIF_SCHEMA
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:10])
    for run in document["runs"]:
        if run.get("results"):
            assert run["columnKind"] == "utf16CodeUnits"
        for result in run["results"]:
            for location in result["locations"] + result.get("relatedLocations", []):
                uri = location["physicalLocation"]["artifactLocation"]["uri"]
                assert _URI_REFERENCE.match(uri), uri
                region = location["physicalLocation"]["region"]
                assert (region["endLine"], region["endColumn"]) >= (
                    region["startLine"],
                    region["startColumn"],
                )


def sarif_of_cli(*arguments: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(["lint", "--format", "sarif", "--no-color", *arguments])
    return json.loads(out.getvalue())


def test_the_schema_is_the_official_one() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"] == SARIF_SCHEMA  # the OASIS 2.1.0 errata 01 schema, which documents point at
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_every_fixture_gives_valid_sarif() -> None:
    files = sorted(FIXTURES.glob("*.Dockerfile"))
    assert len(files) > 100
    document = json.loads(format_sarif([lint_text(path.read_bytes(), path=str(path)) for path in files]))
    assert_valid(document)
    assert len(document["runs"][0]["results"]) > 100


def test_the_command_line_writes_valid_sarif(tmp_path: Path) -> None:
    weird = tmp_path / "with space#1 é.Dockerfile"
    weird.write_text("FROM debian:12.5-slim\nRUN apt-get install -y curl\n", encoding="utf-8")
    clean = tmp_path / "clean.Dockerfile"
    clean.write_text("FROM scratch\nCOPY a /a\n", encoding="utf-8")
    document = sarif_of_cli(str(weird), str(clean))
    assert_valid(document)
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in document["runs"][0]["results"]
    }
    assert any(uri.endswith("/with%20space%231%20%C3%A9.Dockerfile") for uri in uris), uris
    assert all(uri.startswith("file:///") for uri in uris)


def test_no_findings_is_valid_too() -> None:
    assert_valid(json.loads(format_sarif([lint_text("FROM scratch\n")])))
    assert_valid(json.loads(format_sarif([])))


def test_columns_are_counted_in_utf16_code_units() -> None:
    # the emoji before the package is one character but two UTF-16 code units
    text = 'FROM debian:12.5-slim\nRUN echo "\U0001f433" && apt-get install -y --no-install-recommends curl\n'
    result = lint_text(text, path="Dockerfile")
    (finding,) = [f for f in result.findings if f.code == "DL3008"]
    assert (finding.column, finding.end_column) == (60, 64)  # characters, as an editor shows them
    document = json.loads(format_sarif([result]))
    assert_valid(document)
    (record,) = [r for r in document["runs"][0]["results"] if r["ruleId"] == "DL3008"]
    region = record["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (61, 65)


def test_related_locations_are_valid() -> None:
    text = "FROM debian:12.5-slim\nENV DEPS='curl'\nRUN apt-get install -y --no-install-recommends $DEPS\n"
    document = json.loads(format_sarif([lint_text(text)]))
    assert_valid(document)
    (record,) = [r for r in document["runs"][0]["results"] if r["ruleId"] == "DL3008"]
    (related,) = record["relatedLocations"]
    assert related["physicalLocation"]["region"]["startLine"] == 2
    assert related["message"]["text"] == "`DEPS` is set here (ENV)"


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("Dockerfile", "Dockerfile"),
        ("with space#1.Dockerfile", "with%20space%231.Dockerfile"),
        ("sub/dir/100%.Dockerfile", "sub/dir/100%25.Dockerfile"),
        ("/abs/a b/Dockerfile", "file:///abs/a%20b/Dockerfile"),
        ("C:\\work\\Dockerfile", "file:///C:/work/Dockerfile"),
        ("a:b.Dockerfile", "a%3Ab.Dockerfile"),
        ("-", "-"),
    ],
)
def test_file_uris_are_percent_encoded(path: str, uri: str) -> None:
    assert sarif_uri(path) == uri
