"""check_drill as a whole: what `passed` means, one lint run per call, and no input can break it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from prepdeck.drills import check_drill, evaluate
from prepdeck.lint import lint_text

EVERY_CHECK = (
    {"check": "min_stages", "params": {"count": 2}},
    {"check": "final_user_not_root"},
    {
        "check": "instruction_present",
        "params": {"instruction": "HEALTHCHECK", "flag": "interval", "args_regex": "CMD"},
    },
    {"check": "instruction_absent", "params": {"instruction": "ADD", "stage": "any"}},
    {"check": "exec_form", "params": {"instructions": ["CMD", "ENTRYPOINT", "RUN", "SHELL", "HEALTHCHECK"]}},
    {"check": "base_image_pinned", "params": {"by": "digest", "stage": "final", "match": ["gcr.io/*"]}},
    {"check": "copy_before_run", "params": {"copy": "package*.json", "run": "npm ci"}},
    {"check": "run_mount", "params": {"type": "secret", "target": "/run/secrets/x", "run": "npm"}},
    {"check": "no_secrets"},
    {"check": "rule_absent", "params": {"codes": ["DL3007", "DL3057"]}},
    {"check": "max_level", "params": {"level": "style"}},
    {"check": "regex", "params": {"pattern": "^FROM", "must_match": False}},
)

MESSY = (
    """\
ARG BASE=node:22
FROM ${BASE} AS build
RUN --mount=type=secret,id=x NPM_TOKEN="$(cat /run/secrets/x)" npm ci
COPY . .
FROM gcr.io/distroless/nodejs22@sha256:"""
    + "b" * 64
    + """
HEALTHCHECK --interval=5s CMD ["node", "hc.js"]
USER 1000
"""
)


def test_passed_means_every_error_requirement_met(make_drill):
    drill = make_drill(
        {"check": "min_stages", "params": {"count": 2}},
        {"check": "final_user_not_root"},
        {"check": "instruction_present", "params": {"instruction": "EXPOSE"}, "severity": "warning"},
    )
    result = check_drill(drill, MESSY)
    assert result.passed
    assert [(r.id, r.met) for r in result.requirements] == [
        ("req-0", True),
        ("req-1", True),
        ("req-2", False),
    ]
    assert [r.id for r in result.unmet] == ["req-2"]
    assert not check_drill(drill, "FROM node:22\n").passed


def test_results_carry_the_requirement_text(make_drill):
    drill = make_drill(
        {"check": "final_user_not_root", "message": "Drop root.", "hint": "USER node", "id": "user"}
    )
    checked = check_drill(drill, "FROM node:22\n")
    [result] = checked.requirements
    assert (result.id, result.check, result.message, result.hint, result.severity) == (
        "user",
        "final_user_not_root",
        "Drop root.",
        "USER node",
        "error",
    )
    assert checked.result("user") is result and checked.result("other") is None


def test_one_lint_run_serves_every_requirement(make_drill, monkeypatch):
    calls = []

    def counting(*args, **kwargs):
        calls.append(args)
        return lint_text(*args, **kwargs)

    monkeypatch.setattr(evaluate, "lint_text", counting)
    result = check_drill(make_drill(*EVERY_CHECK), MESSY)
    assert len(calls) == 1
    assert len(result.requirements) == len(EVERY_CHECK)
    assert result.findings is not None and result.dockerfile is not None


def test_a_rule_off_by_default_is_switched_on_when_a_requirement_names_it(make_drill):
    # DL3057 (no HEALTHCHECK) is off unless enabled; naming it in rule_absent enables it.
    quiet = check_drill(
        make_drill({"check": "max_level", "params": {"level": "style"}}), "FROM node:22-slim\n"
    )
    assert "DL3057" not in [finding.code for finding in quiet.findings]
    named = check_drill(
        make_drill({"check": "rule_absent", "params": {"codes": ["DL3057"]}}), "FROM node:22-slim\n"
    )
    assert not named.passed
    assert named.requirements[0].reason.startswith("DL3057 on line 1")


def test_every_check_on_a_realistic_file(make_drill):
    result = check_drill(make_drill(*EVERY_CHECK), MESSY)
    unmet = {r.check: r for r in result.requirements if not r.met}
    assert set(unmet) == {"exec_form", "copy_before_run", "max_level", "regex"}


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("FROMRUNCOPYUSERHEALTHCHECK ARGENV=:@$/.\\\n\"[]{}-#<>&|'abc0123 \t")),
        max_size=300,
    )
)
def test_no_text_breaks_any_check(text):
    from prepdeck.content import model as m

    listed = [{"id": f"r{i}", "message": "m", **requirement} for i, requirement in enumerate(EVERY_CHECK)]
    drill = m.Drill.model_validate(
        {
            "id": "d",
            "title": "t",
            "instructions": "i",
            "starter": "s",
            "solution": "s",
            "requirements": listed,
        }
    )
    result = check_drill(drill, text)
    line_count = max(1, len(text.split("\n")))
    for requirement in result.requirements:
        if not requirement.met:
            assert requirement.span is not None and requirement.reason
            assert 1 <= requirement.span.line <= requirement.span.end_line <= line_count


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_no_bytes_break_any_check(data):
    from prepdeck.content import model as m

    listed = [{"id": f"r{i}", "message": "m", **requirement} for i, requirement in enumerate(EVERY_CHECK)]
    drill = m.Drill.model_validate(
        {
            "id": "d",
            "title": "t",
            "instructions": "i",
            "starter": "s",
            "solution": "s",
            "requirements": listed,
        }
    )
    assert len(check_drill(drill, data).requirements) == len(EVERY_CHECK)


def test_a_given_lint_config_is_used_but_pragmas_stay_off(make_drill):
    from prepdeck.lint.config import LintConfig

    drill = make_drill({"check": "max_level", "params": {"level": "warning"}})
    text = "# hadolint ignore=DL3007\nFROM node:latest\nUSER node\n"
    assert not check_drill(drill, text, lint_config=LintConfig()).passed
    lowered = LintConfig(overrides={"DL3007": "info"})
    result = check_drill(drill, text, lint_config=lowered)
    assert [(f.code, f.level) for f in result.findings if f.code == "DL3007"] == [("DL3007", "info")]
