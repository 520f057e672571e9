"""Our parser against BuildKit's own (the `dockerfile` package) on every fixture Dockerfile.

For each instruction: the name, first and last line, flags, arguments as BuildKit splits them,
exec form or not, and heredocs. Where BuildKit refuses a file, we must report a DL1000 finding
(and still parse the rest, which BuildKit cannot).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.lint.model import Instruction
from prepdeck.lint.parser import parse

dockerfile = pytest.importorskip(
    "dockerfile", reason="the `dockerfile` package (BuildKit's parser) has no wheel here"
)

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "dockerfiles"
FILES = sorted(CORPUS.rglob("*.Dockerfile"))
_PLAIN_STRING = frozenset({"MAINTAINER", "USER", "WORKDIR", "STOPSIGNAL"})
_MAYBE_EXEC = frozenset({"RUN", "CMD", "ENTRYPOINT", "SHELL"})


def our_value(ins: Instruction) -> tuple[str, ...]:
    """Our instruction's arguments in the shape BuildKit's Node list gives them."""
    keyword = ins.keyword
    if ins.is_json and keyword != "HEALTHCHECK":
        return tuple(word.value for word in ins.exec_args)
    if keyword in ("ENV", "LABEL"):
        flat: list[str] = []
        for pair in ins.pairs:
            flat.append(pair.key.text)
            flat.append(pair.value.text if pair.value is not None else "")
        return tuple(flat)
    if keyword == "HEALTHCHECK":
        if not ins.words:
            return ()
        head = (ins.words[0].text,)
        if ins.is_json:
            return head + tuple(word.value for word in ins.exec_args)
        return head + tuple(word.text for word in ins.words[1:])
    if keyword in _MAYBE_EXEC or keyword in _PLAIN_STRING:
        return (ins.arguments,) if ins.arguments else ()
    return tuple(word.text for word in ins.words)


def our_flags(ins: Instruction) -> tuple[str, ...]:
    return tuple(
        f"--{flag.name}" + (f"={flag.value}" if flag.value is not None else "") for flag in ins.flags
    )


def describe_ours(ins: Instruction) -> dict:
    target = ins.sub if ins.sub is not None else ins
    return {
        "cmd": ins.keyword,
        "sub_cmd": ins.sub.keyword if ins.sub is not None else None,
        "start_line": ins.span.line,
        "end_line": ins.span.end_line,
        "flags": our_flags(target),
        "json": target.is_json,
        "value": our_value(target),
        "heredocs": tuple((h.name, h.file_descriptor, h.content) for h in ins.heredocs),
    }


def describe_buildkit(command) -> dict:
    return {
        "cmd": command.cmd.upper(),
        "sub_cmd": command.sub_cmd.upper() if command.sub_cmd else None,
        "start_line": command.start_line,
        "end_line": command.end_line,
        "flags": tuple(
            flag.split("=", 1)[0].lower() + flag[len(flag.split("=", 1)[0]) :] for flag in command.flags
        ),
        "json": command.json,
        "value": tuple(command.value),
        "heredocs": tuple((h.name, h.file_descriptor, h.content) for h in command.heredocs),
    }


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 12, "the fixture corpus (and its parser/ edge cases) should not be empty"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_same_instructions_as_buildkit(path: Path) -> None:
    data = path.read_bytes()
    ours = parse(data)
    try:
        theirs = dockerfile.parse_string(data.decode("utf-8"))
    except dockerfile.GoParseError as error:
        assert ours.diagnostics, f"BuildKit refuses this file ({error}) but we found no problem"
        return
    expected = [describe_buildkit(command) for command in theirs]
    got = [describe_ours(ins) for ins in ours.instructions]
    for index, (mine, reference) in enumerate(zip(got, expected, strict=False)):
        if reference["cmd"] not in {
            "ADD",
            "ARG",
            "CMD",
            "COPY",
            "ENTRYPOINT",
            "ENV",
            "EXPOSE",
            "FROM",
            "HEALTHCHECK",
            "LABEL",
            "MAINTAINER",
            "ONBUILD",
            "RUN",
            "SHELL",
            "STOPSIGNAL",
            "USER",
            "VOLUME",
            "WORKDIR",
        }:
            # BuildKit keeps an unknown instruction with an empty value; we report it (DL1000).
            assert mine["cmd"] == reference["cmd"]
            continue
        if reference["sub_cmd"] == "ONBUILD":
            # The package cannot show an ONBUILD inside an ONBUILD (BuildKit rejects it later anyway).
            reference["value"], reference["flags"] = mine["value"], mine["flags"]
        if reference["sub_cmd"] is not None:
            reference["heredocs"] = mine["heredocs"]  # the package does not expose ONBUILD heredocs
        assert mine == reference, f"instruction {index + 1} of {path.name} differs"
    assert len(got) == len(expected)
