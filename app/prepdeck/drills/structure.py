"""Checks on the shape of the file: stages, the final user, instructions present or absent, exec form."""

from __future__ import annotations

import json
import shlex

from prepdeck.build.patterns import PatternError, compile_pattern
from prepdeck.content import model as m
from prepdeck.drills.outcome import Verdict
from prepdeck.drills.subject import Subject, and_more, quoted, stage_chain
from prepdeck.lint import lexing
from prepdeck.lint.model import Instruction

ROOT_USERS = frozenset({"root", "0"})


def min_stages(requirement: m.MinStages, subject: Subject) -> Verdict:
    wanted = requirement.params.count
    found = len(subject.dockerfile.stages)
    if found >= wanted:
        return Verdict.ok()
    noun = "stage" if found == 1 else "stages"
    return Verdict.fail(
        subject.missing_span(), f"the file has {found} {noun} (FROM lines); it needs at least {wanted}"
    )


def final_user_not_root(requirement: m.FinalUserNotRoot, subject: Subject) -> Verdict:
    stage = subject.final_stage
    if stage is None:
        return Verdict.fail(subject.missing_span(), "the file has no FROM, so no final stage")
    user = next((s.user for s in reversed(stage_chain(stage)) if s.user is not None), None)
    if user is None:
        return Verdict.fail(subject.missing_span(), "the final stage never sets USER, so it runs as root")
    target = user.words[0].span if user.words else user.head_span
    name = user_name(user, _known_values(user))
    if name == "":
        return Verdict.fail(user.head_span, f"the USER on line {user.line} names no user")
    if name is not None and name in ROOT_USERS:
        return Verdict.fail(
            target, f"the last USER of the final stage is {quoted(user.arguments)}, which is root"
        )
    return Verdict.ok()


def user_name(user: Instruction, values: dict[str, str | None]) -> str | None:
    """The user part of `USER name[:group]` with known variables expanded; None when unknown."""
    expanded = lexing.expand(user.arguments.strip(), values)
    if expanded is None:
        return None
    return expanded.partition(":")[0].strip().lower()


def _known_values(target: Instruction) -> dict[str, str | None]:
    """ARG defaults and ENV values visible at `target` (the file's global ARGs and its stage chain)."""
    values: dict[str, str | None] = {}
    if target.stage is None:
        return values
    for stage in stage_chain(target.stage):
        for ins in stage.instructions:
            if ins is target:
                return values
            if ins.keyword in ("ARG", "ENV"):
                for pair in ins.pairs:
                    if pair.value is not None or pair.name not in values:
                        values[pair.name] = pair.value.value if pair.value is not None else None
    return values


def _matching(params: m.InstructionParams, subject: Subject) -> tuple[list[Instruction], list[Instruction]]:
    """(instructions of the wanted kind in scope, those that also carry the flag and match the regex)."""
    keyword = params.instruction.strip().upper()
    kind = [ins for ins in subject.scope(params.stage) if ins.keyword == keyword]
    return kind, [
        ins
        for ins in kind
        if _has_flag(ins, params.flag, subject) and _args_match(ins, params.args_regex, subject)
    ]


def _has_flag(ins: Instruction, wanted: str | None, subject: Subject) -> bool:
    """`chown` needs a --chown flag; `from=build` needs --from with that value once variables are
    expanded (`--platform=${BUILDPLATFORM}` is `--platform=$BUILDPLATFORM`)."""
    if not wanted:
        return True
    name, has_value, value = wanted.lstrip("-").partition("=")
    flag = ins.flag(name.lower())
    if flag is None:
        return False
    if not has_value:
        return True
    written = flag.value or ""
    if written == value:
        return True
    dockerfile = subject.dockerfile
    # A FROM sees the global ARGs; any other instruction what its stage has declared so far.
    values = dockerfile.global_arg_defaults() if ins.keyword == "FROM" else dockerfile.variables_at(ins)
    return lexing.canonical_references(written, values) == lexing.canonical_references(value, values)


# Instructions whose arguments BuildKit expands with the ARG and ENV values in scope.
EXPANDED_KEYWORDS = frozenset(
    {"ADD", "COPY", "ENV", "EXPOSE", "LABEL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}
)


def _args_match(ins: Instruction, pattern: str | None, subject: Subject) -> bool:
    """The pattern is searched in the text as written (a pattern may ask for `$GIT_SHA` itself)
    and in what Docker reads: `EXPOSE ${PORT}` after `ARG PORT=8080` is `EXPOSE 8080`."""
    if not pattern:
        return True
    texts = [ins.arguments]
    if ins.keyword in EXPANDED_KEYWORDS and "$" in ins.arguments:
        expanded = subject.dockerfile.expand(ins.arguments, ins)
        if expanded is not None:
            texts.append(expanded)
    try:
        compiled = compile_pattern(pattern)
        return any(compiled.search(text) is not None for text in texts)
    except PatternError:
        return False  # refused by `pack check`; never counted as a match


def _describe(params: m.InstructionParams) -> str:
    parts = [params.instruction.strip().upper()]
    if params.flag:
        parts.append(f"--{params.flag.lstrip('-')}")
    text = "`" + " ".join(parts) + "`"
    if params.args_regex:
        text += " with the arguments this requirement asks for"
    return text


def _where(params: m.InstructionParams) -> str:
    return "the final stage" if params.stage == "final" else "the file"


def instruction_present(requirement: m.InstructionPresent, subject: Subject) -> Verdict:
    params = requirement.params
    kind, matching = _matching(params, subject)
    if matching:
        return Verdict.ok()
    wanted = _describe(params)
    if kind:
        # The instruction is there but lacks the flag or the arguments: point at it.
        closest = _closest(kind, params)
        shown = quoted(closest.keyword_text + " " + closest.arguments)
        return Verdict.fail(
            closest.head_span,
            f"{_where(params)} has no {wanted} ({shown} on line {closest.line} does not qualify)",
        )
    return Verdict.fail(subject.missing_span(), f"{_where(params)} has no {wanted}")


def _closest(kind: list[Instruction], params: m.InstructionParams) -> Instruction:
    """The instruction to quote when none qualifies: one carrying the wanted flag with another
    value; else, for a flag, the first (the builder's FROM when `--platform` is wanted); else the last."""
    if not params.flag:
        return kind[-1]
    name = params.flag.lstrip("-").partition("=")[0].lower()
    flagged = [ins for ins in kind if ins.flag(name) is not None]
    return flagged[0] if flagged else kind[0]


def instruction_absent(requirement: m.InstructionAbsent, subject: Subject) -> Verdict:
    params = requirement.params
    _, matching = _matching(params, subject)
    if not matching:
        return Verdict.ok()
    first = matching[0]
    return Verdict.fail(
        first.head_span,
        f"{_where(params)} still has {_describe(params)} on line {first.line}{and_more(matching)}",
    )


def exec_form(requirement: m.ExecForm, subject: Subject) -> Verdict:
    wanted = set(requirement.params.instructions)
    for ins in subject.dockerfile.instructions:
        if ins.keyword not in wanted or ins.is_json or _has_no_command(ins):
            continue
        span = ins.arguments_span or ins.head_span
        if ins.keyword == "HEALTHCHECK" and ins.words:
            span = ins.words[0].span.cover(span)
        return Verdict.fail(span, f"{ins.keyword} on line {ins.line} {_shell_form_advice(ins)}")
    return Verdict.ok()


def _has_no_command(ins: Instruction) -> bool:
    """`HEALTHCHECK NONE` and a bare keyword have no command whose form could be wrong."""
    if ins.keyword == "HEALTHCHECK":
        return not ins.words or ins.words[0].value.upper() != "CMD"
    return not ins.arguments.strip()


# Characters a shell reads as syntax, not as plain words: no JSON array can mean the same. Inside
# double quotes only expansions stay special; inside single quotes nothing does.
_SHELL_SYNTAX = frozenset("$`|&;<>*?(){}[]~\\#")
_SYNTAX_IN_DOUBLE_QUOTES = frozenset("$`\\")
_EXAMPLE_WORDS = 6


def _shell_form_advice(ins: Instruction) -> str:
    """Why the line is in shell form and, when one can be written safely, its exec-form twin.

    An example is offered only when the command is plain words: anything a shell would interpret
    (variables, pipes, `&&`, globs, redirections) has no JSON array that does the same, and a
    broken JSON array (single quotes, text after `]`) is pointed out rather than split into words.
    """
    text = ins.command_text.strip()
    if text.startswith("["):
        return f"is in shell form: it starts like a JSON array, but {_why_not_json(text)}"
    example = _as_json(ins, text)
    if example is None:
        return "is in shell form; write it as a JSON array (it uses shell syntax: move that into a script)"
    return f"is in shell form; write it as a JSON array, e.g. {example}"


def _why_not_json(text: str) -> str:
    try:
        _, end = json.JSONDecoder().raw_decode(text)
    except ValueError:
        if "'" in text:
            return "JSON strings need double quotes, not single ones"
        return 'it is not valid JSON (a string array such as `["app", "--flag"]`)'
    rest = text[end:].strip()
    if not rest:
        return "its items must all be strings"
    return f"`{rest}` follows the closing `]`; nothing may"


def _uses_shell_syntax(text: str) -> bool:
    quote = ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""
            elif quote == '"' and char in _SYNTAX_IN_DOUBLE_QUOTES:
                return True
        elif char in "'\"":
            quote = char
        elif char in _SHELL_SYNTAX:
            return True
    return False


def _as_json(ins: Instruction, text: str) -> str | None:
    """`CMD ["python", "-m", "app"]` for `python -m app`; None when the words are not plain."""
    if _uses_shell_syntax(text):
        return None
    try:
        words = shlex.split(text)
    except ValueError:  # an unclosed quote
        return None
    if not words:
        return None
    items = [json.dumps(word, ensure_ascii=False) for word in words[:_EXAMPLE_WORDS]]
    if len(words) > _EXAMPLE_WORDS:
        items.append("…")
    # HEALTHCHECK keeps its options and the CMD word that come before the command.
    arguments = ins.arguments.strip()
    prefix = arguments[: len(arguments) - len(text)] if arguments.endswith(text) else ""
    prefix = "".join(f"{flag.text} " for flag in ins.flags) + prefix
    return f"`{ins.keyword} {prefix}[{', '.join(items)}]`"
