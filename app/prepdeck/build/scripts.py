"""What a shell script ends up running when it is PID 1: `sh -c "migrate && exec server"`, or an
entrypoint script from the build context that migrates and then runs `exec "$@"`.

The shell runs each command as its child and waits; `exec` replaces the shell with the program
(same PID, so the program becomes PID 1) and nothing after it runs. Commands inside `if`, `case`
or loops run only on some paths: an `exec` there is conditional, and when the end of the script
depends on it the model says it cannot tell rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from prepdeck.lint.lexing import expand
from prepdeck.lint.shell import SHELLS, Command, parse_script

# Words that close a compound command: anything before the last of them may sit inside one.
_CLOSERS = re.compile(r"(?:^|[\s;&|])(fi|done|esac|\})(?=$|[\s;&|)])")
_OPENERS = re.compile(r"(?:^|[\s;&|(])(if|case|for|while|until|select)\s|\(\)\s*\{")
_POSITIONAL = re.compile(r"^\$(?:\{)?([1-9])(?:\})?$")


@dataclass(frozen=True)
class ScriptEnd:
    """`execs`: the argv the shell replaces itself with (None: no exec is reached); `last`: the last
    command, which the shell runs as its child when nothing execs; `skipped`: commands after the
    exec that never run; `background`: a job started with `&` before the exec; `unclear`: why
    the model cannot tell what the script ends up running."""

    execs: tuple[str, ...] | None
    last: tuple[str, ...]
    skipped: str = ""
    background: str = ""
    unclear: str = ""
    last_is_tail: bool = False  # the last command runs last on every path: a shell that execs it can


def shebang_shell(text: str) -> str | None:
    """The shell a script's `#!` line names (`#!/bin/sh`, `#!/usr/bin/env bash`), or None."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if not first.startswith("#!"):
        return None
    words = first[2:].split()
    if not words:
        return None
    program = words[0]
    if program.rsplit("/", 1)[-1] == "env" and len(words) > 1:
        program = words[1]
    return program if program.rsplit("/", 1)[-1] in SHELLS else None


def _expand(
    command: Command, positional: Sequence[str], env: Mapping[str, str | None] | None = None
) -> tuple[str, ...]:
    """The command's words as the shell passes them: `"$@"` and `$1` from the arguments, `$NAME`
    from the image's ENV (a word in single quotes, or a variable with no known value, stays as written)."""
    words: list[str] = []
    for word in command.words:
        value = word.value
        expandable = "$" in value and "'" not in word.text and value not in ("$@", "${@}", "$*", "${*}")
        if env is not None and expandable and _POSITIONAL.match(value) is None:
            value = expand(value, dict(env)) or value
        if value in ("$@", "${@}", "$*", "${*}"):
            words += positional
            continue
        match = _POSITIONAL.match(value)
        if match:
            index = int(match.group(1)) - 1
            words += positional[index : index + 1]
            continue
        words.append(value)
    return tuple(words)


def _text(command: Command) -> str:
    return " ".join(word.text for word in command.words)


def _last_closer(text: str) -> tuple[int, int] | None:
    """(line, column) of the last word that closes an if/loop/case/function, 1-based."""
    if not _OPENERS.search(text):
        return None
    found = None
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _CLOSERS.finditer(line):
            found = (number, match.start(1) + 1)
    return found


def script_end(
    text: str, positional: Sequence[str], env: Mapping[str, str | None] | None = None
) -> ScriptEnd:
    """What the shell running `text` with arguments `positional` ($1...) ends up running, with
    the variables of `env` (the image's ENV) expanded."""
    commands = [command for command in parse_script(text).commands if command.words]
    if not commands:
        return ScriptEnd(None, ())
    closer = _last_closer(text)
    conditional = ""
    for index, command in enumerate(commands):
        if command.words[0].value != "exec" or len(command.words) < 2:
            continue  # `exec >log 2>&1` only redirects the shell's own output
        inside = closer is not None and (command.span.line, command.span.column) < closer
        if inside or command.before == "||" or command.depth > 0 or command.in_pipeline:
            conditional = conditional or _text(command)
            continue
        earlier = commands[:index]
        background = next((c for c in earlier if c.after == "&"), None)
        rest = " ; ".join(_text(c) for c in commands[index + 1 :])
        return ScriptEnd(
            _expand(command, positional, env)[1:],
            _expand(commands[-1], positional, env),
            skipped=rest,
            background=_text(background) if background is not None else "",
        )
    last = _expand(commands[-1], positional, env)
    if conditional:
        return ScriptEnd(
            None,
            last,
            unclear=f"`{conditional}` runs only on some paths through the script, so I cannot tell what PID 1 ends up being",
        )
    tail = commands[-1]
    last_is_tail = (
        closer is None
        and tail.depth == 0
        and not tail.in_pipeline
        and tail.after != "&"
        and tail.before in (None, "&&", ";", "\n")
        and not any(command.words[0].value == "trap" for command in commands)
    )
    return ScriptEnd(None, last, last_is_tail=last_is_tail)
