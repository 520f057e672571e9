"""Splitting RUN scripts into commands, words and spans."""

from __future__ import annotations

import pytest

from prepdeck.lint import parse
from prepdeck.lint.shell import parse_script


def commands(script: str) -> list[list[str]]:
    return [[w.value for w in c.words] for c in parse_script(script).commands]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("a && b || c ; d | e & f", [["a"], ["b"], ["c"], ["d"], ["e"], ["f"]]),
        ("(cd /x && make) && echo ok", [["cd", "/x"], ["make"], ["echo", "ok"]]),
        ("echo 'a && b' \"c; d\" e\\ f", [["echo", "a && b", "c; d", "e f"]]),
        ("echo $(date +%s) ${HOME:-/root} `id -u`", [["echo", "$(date +%s)", "${HOME:-/root}", "`id -u`"]]),
        ("if [ -f x ]; then rm x; else touch x; fi", [["[", "-f", "x", "]"], ["rm", "x"], ["touch", "x"]]),
        ("for p in a b; do pip install $p; done", [["pip", "install", "$p"]]),
        ("while read l; do echo $l; done < f", [["read", "l"], ["echo", "$l"]]),
        (
            "case $x in a) echo A ;; b|c) echo B ;; esac; echo end",
            [["echo", "A"], ["echo", "B"], ["echo", "end"]],
        ),
        ("{ echo a; echo b; } > log", [["echo", "a"], ["echo", "b"]]),
        ("echo a # a comment && rm -rf /\necho b", [["echo", "a"], ["echo", "b"]]),
        ("cat <<EOF > f\nnot a command\nEOF\necho after", [["cat"], ["echo", "after"]]),
        ("! grep -q x f", [["grep", "-q", "x", "f"]]),
        ("", []),
    ],
)
def test_commands_are_split_like_a_shell(script: str, expected: list[list[str]]) -> None:
    assert commands(script) == expected


def test_operators_assignments_and_redirects() -> None:
    script = parse_script("DEBIAN_FRONTEND=noninteractive apt-get install -y x 2>&1 | tee log")
    first, second = script.commands
    assert [w.value for w in first.assignments] == ["DEBIAN_FRONTEND=noninteractive"]
    assert [(r.operator, r.target.value) for r in first.redirects] == [("2>&", "1")]
    assert (first.before, first.after, second.before, second.after) == (None, "|", "|", None)
    assert first.in_pipeline and second.in_pipeline and script.has_pipe


def test_options_positional_and_subcommand() -> None:
    command = parse_script(
        "apt-get -q -o Dpkg::Use-Pty=0 install -qy --no-install-recommends curl=7.88* git"
    ).commands[0]
    assert command.program == "apt-get" and command.subcommand.value == "install"
    assert command.has_option("-y", "--yes") and command.has_option("--no-install-recommends")
    assert not command.has_option("--assume-yes")
    assert [w.value for w in command.positional(takes_value={"-o"})] == ["install", "curl=7.88*", "git"]
    assert command.is_("apt-get", "install") and not command.is_("apt-get", "update")


def test_wrappers_are_looked_through() -> None:
    script = parse_script("sudo -u root env A=1 /usr/bin/apt-get update && nice -n 5 make")
    found = script.find("apt-get", "update")
    assert len(found) == 1 and [w.value for w in found[0].wrappers] == ["sudo", "-u", "root", "env", "A=1"]
    assert [w.value for w in found[0].assignments] == ["A=1"]
    assert script.find("apt-get", unwrap=False) == []
    assert script.programs() == {"apt-get", "make"}


def test_word_spans_point_into_the_dockerfile() -> None:
    df = parse("FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y \\\n      curl\n")
    install = df.instructions[1].script.find("apt-get", "install")[0]
    curl = install.positional()[-1]
    assert (curl.value, str(curl.span)) == ("curl", "4:7-4:11")
    assert str(install.span) == "3:5-4:11"


def test_heredoc_body_is_the_script_when_the_line_has_no_command() -> None:
    df = parse(
        "FROM debian:12\nRUN <<EOF\nset -e\napt-get install -y vim\nEOF\nRUN bash <<EOF\necho hi\nEOF\n"
    )
    first, second = df.instructions[1:]
    assert [c.program for c in first.script.commands] == ["set", "apt-get"]
    assert str(first.script.find("apt-get")[0].words[-1].span) == "4:20-4:23"
    assert [c.program for c in second.script.commands] == ["bash", "echo"]


def test_exec_form_run_is_one_command_without_a_shell() -> None:
    df = parse('FROM debian:12\nRUN ["apt-get", "install", "-y", "a b"]\n')
    (command,) = df.instructions[1].script.commands
    assert [w.value for w in command.words] == ["apt-get", "install", "-y", "a b"]


@pytest.mark.parametrize(
    "script", ["echo 'unterminated", 'echo "open', "echo $(open", "a &&", "|| b", ")(", "\\"]
)
def test_broken_scripts_do_not_raise(script: str) -> None:
    parse_script(script)
