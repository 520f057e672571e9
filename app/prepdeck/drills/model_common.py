"""Shared pieces of the checks that read the build model (vocabulary v2)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from prepdeck.build.state import StageBuild
from prepdeck.drills.outcome import Verdict
from prepdeck.drills.subject import Subject, quoted
from prepdeck.lint.model import Instruction, Span

PYTHON_NAMES = ("python", "python3")
# Names that run the same program as the name a requirement uses (`pip3 install` is `pip install`).
PROGRAM_ALIASES = {"pip3": "pip", "python3": "python"}


def final_or_verdict(subject: Subject) -> tuple[StageBuild | None, Verdict | None]:
    """The final stage's model, or the verdict to give when there is none (or the model stopped)."""
    build = subject.build
    if build.final is None:
        return None, Verdict.fail(subject.missing_span(), "the file has no FROM line, so it builds no image")
    if build.too_large is not None:
        ins = build.too_large
        return None, Verdict.cannot_tell(
            ins.head_span, f"the file is too large to model (stopped at line {ins.line})"
        )
    for stage in build.shipped_stages():
        if stage.failure is not None:
            line, why = stage.failure
            return None, Verdict.fail(line_span(subject, line), why)
    return build.final, None


def line_span(subject: Subject, line: int | None) -> Span:
    if line is None:
        return subject.missing_span()
    ins = subject.dockerfile.instruction_at(line)
    return ins.head_span if ins is not None else subject.missing_span()


def instruction_at(subject: Subject, line: int | None) -> Instruction | None:
    return subject.dockerfile.instruction_at(line) if line else None


def show(argv: Iterable[str]) -> str:
    """A command as the learner reads it: words joined by spaces, or the JSON array when a word
    holds a space (`["serve --port 8080"]` is one argument, not three)."""
    items = list(argv)
    if any(not item or any(char.isspace() for char in item) for item in items):
        return quoted(json.dumps(items), 80)
    return quoted(" ".join(items), 80)


def normalise_argv(argv: Iterable[str]) -> list[str]:
    """For comparing commands: `--port=8080` is `--port 8080`; the program is its base name, and
    python3 / python3.11 / a venv's python are all `python`."""
    out: list[str] = []
    for index, item in enumerate(argv):
        if index == 0:
            name = item.rsplit("/", 1)[-1]
            if name.startswith("python"):
                name = "python"
            out.append(name)
            continue
        if item.startswith("--") and "=" in item:
            flag, _, value = item.partition("=")
            out += [flag, value]
        else:
            out.append(item)
    return out


def run_matches(text: str, piece: str) -> bool:
    """`npm ci` is in `npm ci --omit=dev` (whole words), not in `pnpm ci`; a program named by its
    path counts as its name (`/venv/bin/pip install` runs `pip install`)."""
    wanted = piece.split()
    if not all(want in text for want in wanted):
        return False  # every way a word can match contains the wanted word (pip3, /venv/bin/pip)
    words = text.split()

    def same(word: str, want: str) -> bool:
        if "/" not in want and word.startswith("/"):
            word = word.rsplit("/", 1)[-1]
        return word == want or PROGRAM_ALIASES.get(word) == want

    return any(
        all(same(word, want) for word, want in zip(words[index : index + len(wanted)], wanted, strict=True))
        for index in range(len(words) - len(wanted) + 1)
    )


def run_text(ins: Instruction) -> str:
    pieces = [" ".join(word.value for word in ins.exec_args)] if ins.is_json else [ins.arguments]
    pieces += [heredoc.content for heredoc in ins.heredocs]
    return " ".join(" ".join(pieces).replace("&&", " && ").replace(";", " ; ").split())
