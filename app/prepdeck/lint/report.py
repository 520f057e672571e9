"""Output formats for lint results: tty (a compiler-style view), json and SARIF 2.1.0."""

from __future__ import annotations

from prepdeck.lint.engine import Finding, LintResult
from prepdeck.lint.registry import TYPE_CHECKING, Rule

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable, Sequence
    from typing import Any

__all__ = [
    "format_json",
    "format_sarif",
    "format_tty",
    "printable",
    "sarif_uri",
    "underline",
    "utf16_column",
]

_COLORS = {"error": "31", "warning": "33", "info": "36", "style": "35"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


# Control characters from the file (a NUL, an escape sequence) must never reach the terminal raw:
# each becomes one visible character, so the carets under the line still line up.
_VISIBLE = {code: chr(0x2400 + code) for code in range(32) if code != 9}
_VISIBLE[0x7F] = "\u2421"
_VISIBLE.update({code: "\ufffd" for code in range(0x80, 0xA0)})


def printable(text: str) -> str:
    """`text` with control characters (tab excepted) shown as visible symbols, such as NUL as \u2400."""
    return text.translate(_VISIBLE)


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}{_RESET}" if color else text


def underline(source_line: str, finding: Finding) -> str:
    """Carets under the finding's span on its first line (to the line's end if the span goes on)."""
    start = max(finding.column, 1)
    if finding.end_line == finding.line:
        end = max(finding.end_column, start + 1)
    else:
        end = max(len(source_line) + 1, start + 1)
    # Keep tabs so the carets line up under tab-indented text.
    prefix = "".join("\t" if char == "\t" else " " for char in source_line[: start - 1])
    return prefix + "^" + "~" * (end - start - 1)


def _summary(findings: Sequence[Finding], files: int) -> str:
    if not findings:
        return f"no findings in {files} file{'s' if files != 1 else ''}"
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.level] = counts.get(finding.level, 0) + 1
    parts = [
        f"{count} {level}{'s' if count != 1 and level != 'info' else ''}" for level, count in counts.items()
    ]
    return f"{len(findings)} finding{'s' if len(findings) != 1 else ''} ({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}"


def format_tty(results: Iterable[LintResult], *, color: bool = False) -> str:
    lines: list[str] = []
    all_findings: list[Finding] = []
    count = 0
    for result in results:
        count += 1
        source = result.dockerfile.lines
        for finding in result.findings:
            all_findings.append(finding)
            finding = _shown(finding)
            level = _paint(finding.level, _COLORS.get(finding.level, "0"), color)
            head = (
                f"{finding.file}:{finding.line}:{finding.column}: {level} [{finding.code}] {finding.message}"
            )
            lines.append(
                _paint(head, "1", False)
                if not color
                else f"{_BOLD}{finding.file}:{finding.line}:{finding.column}:{_RESET} {level} {_paint('[' + finding.code + ']', '2', True)} {finding.message}"
            )
            if 1 <= finding.line <= len(source):
                text = printable(source[finding.line - 1])
                gutter = f"{finding.line:>5} | "
                lines.append(gutter + text)
                marks = underline(text, finding)
                lines.append(
                    " " * (len(gutter) - 2) + "| " + _paint(marks, _COLORS.get(finding.level, "0"), color)
                )
            for span, note in finding.related:
                lines.append(f"      = {finding.file}:{span.line}:{span.column}: {printable(note)}")
    lines.append(_summary(all_findings, count))
    return "\n".join(lines) + "\n"


def _shown(finding: Finding) -> Finding:
    """The finding with its file name and message safe to print on a terminal."""
    file, message = printable(finding.file), printable(finding.message)
    if file == finding.file and message == finding.message:
        return finding
    return Finding(
        finding.code,
        finding.level,
        message,
        finding.line,
        finding.column,
        finding.end_line,
        finding.end_column,
        finding.rule,
        file,
        finding.related,
    )


def format_json(results: Iterable[LintResult]) -> str:
    """The findings as `json.dumps(records, indent=2)` lays them out, written here with json's C
    string encoder: with `indent`, json.dumps runs its pure-Python encoder, which took 0.47 s of a
    7 s profile of `prepdeck lint --format json` on the 563 corpus files."""
    records = [finding.to_dict() for result in results for finding in result.findings]
    return _json_value(records, "") + "\n"


def _json_value(value: object, margin: str) -> str:
    from json.encoder import encode_basestring_ascii

    if isinstance(value, str):
        return encode_basestring_ascii(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = margin + "  "
        items = (
            f"{inner}{encode_basestring_ascii(key)}: {_json_value(item, inner)}"
            for key, item in value.items()
        )
        return "{\n" + ",\n".join(items) + "\n" + margin + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = margin + "  "
        return "[\n" + ",\n".join(inner + _json_value(item, inner) for item in value) + "\n" + margin + "]"
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    return repr(value)  # int (float never appears in a finding)


_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note", "style": "note"}
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    descriptor = {
        "id": rule.code,
        "name": rule.title,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.rationale}\n\nFix: {rule.fix}",
            "markdown": f"{rule.rationale}\n\n**Fix:** {rule.fix}"
            + (
                f"\n\nBad:\n```dockerfile\n{rule.bad}\n```\nGood:\n```dockerfile\n{rule.good}\n```"
                if rule.bad
                else ""
            ),
        },
        "defaultConfiguration": {"level": _SARIF_LEVELS.get(rule.severity, "none")},
        "properties": {"origin": rule.origin, "severity": rule.severity},
    }
    if rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    return descriptor


def sarif_uri(path: str) -> str:
    """A file name as a SARIF artifact URI: percent-encoded (`with space#1` -> `with%20space%231`),
    forward slashes, and `file:///...` for an absolute path."""
    from urllib.parse import quote

    posix = path.replace("\\", "/")
    if posix[1:3] == ":/" and posix[0].isalpha():  # C:/... on Windows
        return "file:///" + posix[:2] + quote(posix[2:], safe="/")
    encoded = quote(posix, safe="/")  # a `:` is encoded too, so `a:b` never reads as a scheme
    return "file://" + encoded if posix.startswith("/") else encoded


def utf16_column(line: str, column: int) -> int:
    """A 1-based column counted in characters, counted again in UTF-16 code units (SARIF's
    default `columnKind`): a character outside the Basic Multilingual Plane counts twice."""
    before = line[: column - 1]
    wide = sum(1 for char in before if ord(char) > 0xFFFF)
    return column + wide


def _sarif_region(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> dict[str, Any]:
    def text(number: int) -> str:
        return lines[number - 1] if 1 <= number <= len(lines) else ""

    start_line = max(line, 1)
    start_column = utf16_column(text(start_line), max(column, 1))
    last_line = max(end_line, start_line)
    last_column = utf16_column(text(last_line), max(end_column, 1))
    if last_line == start_line:
        last_column = max(last_column, start_column)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": last_line,
        "endColumn": last_column,
    }


def format_sarif(results: Iterable[LintResult], *, version: str = "0") -> str:
    """SARIF 2.1.0: one run, columns in UTF-16 code units (declared in `run.columnKind`)."""
    import json

    rules: dict[str, dict[str, Any]] = {}
    sarif_results: list[dict[str, Any]] = []
    for result in results:
        lines = result.dockerfile.lines
        for finding in result.findings:
            if finding.rule is not None and finding.code not in rules:
                rules[finding.code] = _sarif_rule(finding.rule)
            uri = sarif_uri(finding.file)
            record: dict[str, Any] = {
                "ruleId": finding.code,
                "level": _SARIF_LEVELS.get(finding.level, "none"),
                "message": {"text": finding.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": _sarif_region(
                                lines, finding.line, finding.column, finding.end_line, finding.end_column
                            ),
                        }
                    }
                ],
            }
            if finding.related:
                record["relatedLocations"] = [
                    {
                        "id": number,
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": _sarif_region(lines, *span),
                        },
                        "message": {"text": note},
                    }
                    for number, (span, note) in enumerate(finding.related)
                ]
            sarif_results.append(record)
    ordered = sorted(rules)
    index = {code: position for position, code in enumerate(ordered)}
    for record in sarif_results:
        if record["ruleId"] in index:
            record["ruleIndex"] = index[record["ruleId"]]
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "prepdeck",
                        "version": version,
                        "rules": [rules[code] for code in ordered],
                    }
                },
                "columnKind": "utf16CodeUnits",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"
