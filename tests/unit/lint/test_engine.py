"""The engine: one entry point, sorted findings, pragmas, levels, BuildKit check directives, faulty rules."""

from __future__ import annotations

from prepdeck.lint import lint_dockerfile, lint_text, parse
from prepdeck.lint.config import LintConfig
from prepdeck.lint.registry import Hit, Rule, all_rules, get_rule, level_rank

BAD = "FROM node:latest\nWORKDIR app\nCMD node server.js\n"


def codes(text: str, config: LintConfig | None = None) -> list[str]:
    return [f.code for f in lint_text(text, config=config).findings]


def test_findings_are_sorted_by_position_and_carry_everything_a_report_needs() -> None:
    result = lint_text(BAD, path="svc/Dockerfile")
    mine = [f for f in result.findings if f.code in {"DL3007", "DL3000", "DL3025"}]
    assert [(f.code, f.line, f.column) for f in mine] == [
        ("DL3007", 1, 10),
        ("DL3000", 2, 9),
        ("DL3025", 3, 5),
    ]
    positions = [(f.line, f.column) for f in result.findings]
    assert positions == sorted(positions)
    first = mine[0]
    assert first.file == "svc/Dockerfile" and first.level == "warning" and first.rule is get_rule("DL3007")
    assert first.to_dict() == {
        "file": "svc/Dockerfile",
        "line": 1,
        "column": 10,
        "end_line": 1,
        "end_column": 17,
        "code": "DL3007",
        "level": "warning",
        "message": first.message,
    }
    assert str(first) == f"svc/Dockerfile:1:10: warning [DL3007] {first.message}"
    assert result.dockerfile.final_stage.base.text == "node:latest"


def test_parse_problems_are_findings_and_the_rest_is_still_checked() -> None:
    result = lint_text("FROM node:latest\nRUNN make\nWORKDIR app\n")
    found = [(f.code, f.line) for f in result.findings]
    assert ("DL1000", 2) in found and ("DL3007", 1) in found and ("DL3000", 3) in found


def test_hadolint_ignore_pragma_covers_the_next_instruction_only() -> None:
    text = "FROM node:latest\n# hadolint ignore=DL3000,DL3025\nWORKDIR app\nWORKDIR other\n"
    found = [(f.code, f.line) for f in lint_text(text).findings if f.code == "DL3000"]
    assert found == [("DL3000", 4)]


def test_pragma_before_a_multi_line_instruction_covers_all_its_lines() -> None:
    text = "FROM node:22\n# prepdeck ignore=DL3025\nCMD node \\\n  server.js\n"
    assert "DL3025" not in codes(text)


def test_global_pragmas_cover_the_file() -> None:
    text = "# hadolint global ignore=DL3000\nFROM node:22\nWORKDIR a\nWORKDIR b\n# prepdeck global ignore=DL3025\nCMD x\n"
    found = codes(text)
    assert "DL3000" not in found and "DL3025" not in found


def test_config_ignores_overrides_and_can_disable_pragmas() -> None:
    assert "DL3000" not in codes(BAD, LintConfig(ignored=frozenset({"DL3000"})))
    levels = {
        f.code: f.level for f in lint_text(BAD, config=LintConfig(overrides={"DL3007": "error"})).findings
    }
    assert levels["DL3007"] == "error"
    assert "DL3007" not in codes(BAD, LintConfig(overrides={"DL3007": "ignore"}))
    text = "FROM node:22\n# hadolint ignore=DL3025\nCMD x\n"
    assert "DL3025" in codes(text, LintConfig(disable_ignore_pragma=True))


def test_check_directive_skips_buildkit_checks_by_name_or_all() -> None:
    buildkit = [rule for rule in all_rules() if rule.origin == "buildkit" and rule.buildkit_name]
    assert buildkit, "the BuildKit-named checks are registered"
    text = "FROM node:22 as build\nCMD x\n"  # FromAsCasing-style text; DL3025 is a hadolint rule
    everything = set(codes(text))
    skipped_all = set(codes("# check=skip=all\n" + text))
    assert "DL3025" in skipped_all
    assert not {r.code for r in buildkit} & skipped_all
    assert "FromAsCasing" in everything  # lowercase `as` after an uppercase FROM
    assert "FromAsCasing" not in codes("# check=skip=FromAsCasing\n" + text)
    assert "DL3025" in codes("# check=skip=FromAsCasing\n" + text)  # only the named check is skipped
    assert {
        f.level for f in lint_text("# check=error=true\n" + text).findings if f.code == "FromAsCasing"
    } == {"error"}


def test_a_faulty_rule_is_contained() -> None:
    def explode(dockerfile, ctx):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    broken = Rule("PD999", "error", "t", "r", "b", "g", "f", "prepdeck", explode)
    result = lint_dockerfile(parse("FROM a:1\n"), rules=[broken, get_rule("DL3007")])
    assert result.findings == [] and result.rule_errors == ["rule PD999 failed: RuntimeError: boom"]


def test_restricting_rules_and_per_instruction_dispatch() -> None:
    def every_run(ins, ctx):
        yield Hit(ins.keyword_span, f"saw {ins.keyword} on line {ins.line}")

    seen = Rule("PD998", "info", "t", "r", "b", "g", "f", "prepdeck", every_run, on=("RUN",))
    result = lint_dockerfile(parse("FROM a:1\nRUN x\nONBUILD RUN y\n"), rules=[seen])
    assert [f.message for f in result.findings] == ["saw RUN on line 2", "saw RUN on line 3"]


def test_levels_and_thresholds() -> None:
    assert (
        level_rank("error")
        > level_rank("warning")
        > level_rank("info")
        > level_rank("style")
        > level_rank("ignore")
    )
    result = lint_text(BAD)
    assert {f.level for f in result.at_or_above("error")} <= {"error"}
    assert result.at_or_above("none") == []
    assert len(result.at_or_above("style")) == len(result.findings)


def test_every_rule_has_teaching_text() -> None:
    for rule in all_rules():
        assert rule.title and rule.rationale and rule.bad and rule.good and rule.fix, rule.code
        assert rule.origin in {"hadolint", "buildkit", "prepdeck"}


def test_every_hadolint_rule_code_is_registered() -> None:
    expected = (
        {"DL1001"}
        | {f"DL{n}" for n in range(3000, 3068)}
        | {"DL4000", "DL4001", "DL4003", "DL4004", "DL4005", "DL4006"}
    )
    expected -= {"DL3005", "DL3017", "DL3031", "DL3039"}  # codes hadolint retired
    registered = {rule.code for rule in all_rules()}
    assert expected - registered == set()


def test_program_filtered_rules_only_see_runs_of_their_programs() -> None:
    seen: list[int] = []

    def apt_runs(ins, ctx):
        seen.append(ins.line)
        return ()

    rule = Rule(
        "PD997",
        "info",
        "t",
        "r",
        "b",
        "g",
        "f",
        "prepdeck",
        apt_runs,
        on=("RUN",),
        programs=frozenset({"apt-get"}),
    )
    lint_dockerfile(
        parse("FROM a:1\nRUN echo hi\nRUN sudo apt-get update\nRUN <<EOF\napt-get install -y x\nEOF\n"),
        rules=[rule],
    )
    assert seen == [3, 4]
