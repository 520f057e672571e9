"""rule_absent and max_level read the lint findings; regex reads the text."""

from __future__ import annotations

import pytest


def test_rule_absent_passes_on_a_clean_file(judge):
    assert judge({"check": "rule_absent", "params": {"codes": ["DL3007"]}}, "FROM node:22-slim\n").met


def test_rule_absent_fails_at_the_finding(judge, span):
    result = judge({"check": "rule_absent", "params": {"codes": ["dl3007", "DL3008"]}}, "FROM node:latest\n")
    assert not result.met
    assert span(result) == (1, 10, 1, 17)
    assert result.reason.startswith("DL3007 on line 1:")


def test_an_ignore_pragma_in_the_learners_file_does_not_hide_a_finding(judge):
    text = "# hadolint ignore=DL3007\nFROM node:latest\n"
    assert not judge({"check": "rule_absent", "params": {"codes": ["DL3007"]}}, text).met


def test_a_parse_error_is_a_finding_too(judge, span):
    result = judge({"check": "rule_absent", "params": {"codes": ["DL1000"]}}, "FROM alpine:3.20\nRUNN true\n")
    assert not result.met and span(result)[0] == 2


@pytest.mark.parametrize(("level", "met"), [("error", True), ("warning", False), ("style", False)])
def test_max_level_compares_by_severity(judge, level, met):
    # DL3007 is a warning: it breaks "nothing at warning or above" but not "nothing at error".
    result = judge({"check": "max_level", "params": {"level": level}}, "FROM node:latest\nUSER node\n")
    assert result.met is met


def test_max_level_points_at_the_first_finding(judge, span):
    result = judge({"check": "max_level", "params": {"level": "warning"}}, "FROM node:latest\nUSER node\n")
    assert span(result) == (1, 10, 1, 17)
    assert result.reason.startswith("warning DL3007 on line 1:")


def test_regex_must_match(judge, span):
    requirement = {"check": "regex", "params": {"pattern": r"^EXPOSE\s+8080\b"}}
    assert judge(requirement, "FROM a:1\nEXPOSE 8080\n").met
    result = judge(requirement, "FROM a:1\nEXPOSE 80\n")
    assert not result.met and span(result) == (1, 1, 1, 9)


def test_regex_must_not_match_points_at_the_match(judge, span):
    requirement = {"check": "regex", "params": {"pattern": r"curl \S+ \| *sh", "must_match": False}}
    assert judge(requirement, "FROM a:1\nRUN curl -o x https://x\n").met
    result = judge(requirement, "FROM a:1\nRUN curl https://get.x.sh | sh\n")
    assert not result.met
    assert span(result) == (2, 5, 2, 31)


def test_an_invalid_regex_is_unmet_with_a_reason(judge):
    result = judge({"check": "regex", "params": {"pattern": "(unclosed"}}, "FROM a:1\n")
    assert not result.met and result.status == "cannot tell" and "cannot run" in result.reason


def test_a_redos_shaped_pattern_runs_in_linear_time_and_a_lookaround_is_refused(judge):
    # Python's re takes minutes on this; RE2 answers at once.
    result = judge(
        {"check": "regex", "params": {"pattern": "(a+)+$"}}, "FROM a:1\nLABEL x=" + "a" * 5000 + "b\n"
    )
    assert not result.met and result.status == "unmet"
    assert judge({"check": "regex", "params": {"pattern": "(?<=x)y"}}, "FROM a:1\n").status == "cannot tell"


def test_the_documented_curl_pipe_pattern(judge):
    requirement = {"check": "regex", "params": {"pattern": r"curl [^|]*\|\s*(ba)?sh", "must_match": False}}
    assert not judge(requirement, "FROM a:1\nRUN curl -fsSL https://x/install.sh | bash\n").met
    assert judge(
        requirement, "FROM a:1\nRUN curl -fsSLo install.sh https://x/install.sh && sh install.sh\n"
    ).met
