"""`prepdeck drill check DRILL_ID FILE [--pack PATH] [--format text|json]`.

Exit codes: 0 the file passes the drill; 1 not yet (an error-severity requirement is unmet);
2 usage (an unknown drill id, an unreadable file).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from prepdeck.capped import InputRefused, read_capped
from prepdeck.drills.outcome import DrillResult, RequirementResult
from prepdeck.lint.command import DOCKERFILE_LIMIT

EXIT_PASS, EXIT_NOT_YET, EXIT_USAGE = 0, 1, 2
STDIN_NAME = "<stdin>"
MAX_IGNORE_BYTES = 1_000_000


def _say(message: str) -> None:
    print(f"prepdeck: {message}", file=sys.stderr)


def check(args: argparse.Namespace) -> int:
    from prepdeck.content.catalog import load_catalog
    from prepdeck.drills.evaluate import check_drill

    catalog = load_catalog(list(getattr(args, "pack", None) or []))
    for folder, problems in catalog.broken:
        first = problems[0].message if problems else "it did not load"
        _say(f"skipped the pack in {folder}: {first} (run `prepdeck pack check {folder}`)")
    found = catalog.find_item(args.drill_id, "drills")
    if found is None:
        _say(
            f"no drill '{args.drill_id}' in the loaded packs{_did_you_mean(args.drill_id, catalog.item_ids('drills'))}"
        )
        return EXIT_USAGE
    pack, drill = found
    try:
        data = read_capped(args.file, DOCKERFILE_LIMIT)
    except InputRefused as refused:
        _say(f"cannot read {refused}")
        return EXIT_USAGE
    name = STDIN_NAME if args.file == "-" else args.file
    ignore_path = getattr(args, "dockerignore", None)
    if ignore_path is None and args.file != "-" and Path(args.file + ".dockerignore").is_file():
        ignore_path = args.file + ".dockerignore"  # BuildKit's Dockerfile-specific ignore file
    if ignore_path is not None:
        try:
            ignore_text = Path(ignore_path).read_bytes()[:MAX_IGNORE_BYTES].decode("utf-8", "replace")
        except OSError as error:
            _say(f"cannot read {ignore_path}: {error.strerror or error}")
            return EXIT_USAGE
        result = check_drill(drill, data, path=name, dockerignore=ignore_text)
    else:
        result = check_drill(drill, data, path=name)
    if args.format == "json":
        print(json.dumps(as_json(result, pack.id, name), indent=2, ensure_ascii=False))
    else:
        print(render_text(result, drill.title, name, _marks()))
    return EXIT_PASS if result.passed else EXIT_NOT_YET


def _did_you_mean(wrong: str, known: list[str]) -> str:
    from rapidfuzz import process

    match = process.extractOne(wrong, known, score_cutoff=70) if known else None
    return f"; did you mean '{match[0]}'?" if match else ""


def as_json(result: DrillResult, pack_id: str, file: str) -> dict[str, Any]:
    return {"drill": result.drill_id, "pack": pack_id, "file": file, **result.as_json()}


def _marks() -> tuple[str, str]:
    """✓ and ✗ where the terminal can print them, else plain letters."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "✓✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "+", "x"
    return "✓", "✗"


def render_text(result: DrillResult, title: str, file: str, marks: tuple[str, str] = ("✓", "✗")) -> str:
    met_mark, unmet_mark = marks
    done = sum(requirement.met for requirement in result.requirements)
    verdict = "passed" if result.passed else "not yet"
    lines = [
        f"{result.drill_id}: {title}",
        f"{file}: {verdict}, {done} of {len(result.requirements)} requirements met",
        "",
    ]
    for requirement in result.requirements:
        if requirement.met:
            lines.append(f"{met_mark} {requirement.message}")
        else:
            lines += _unmet_lines(requirement, file, unmet_mark)
    lines.append("")
    if result.findings:
        lines.append(f"lint findings ({len(result.findings)}):")
        lines += [f"  {finding}" for finding in result.findings]
    else:
        lines.append("lint findings: none")
    return "\n".join(lines)


def _unmet_lines(requirement: RequirementResult, file: str, mark: str) -> list[str]:
    note = " (warning: does not block a pass)" if requirement.severity == "warning" else ""
    if requirement.undecided:
        mark = "?"
    lines = [f"{mark} {requirement.message}{note}"]
    span = requirement.span
    place = f"{file}:{span.line}:{span.column}: " if span is not None else ""
    lines.append(f"    {place}{requirement.reason}")
    if requirement.hint:
        lines.append(f"    hint: {requirement.hint}")
    return lines
