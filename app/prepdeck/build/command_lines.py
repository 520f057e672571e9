"""What a command line means, for the programs in command_lines.yaml: two argvs are the same when
they run the same program with the same options (in any order, by any alias, `--bind=X` or
`--bind X`) and the same positionals, with what the program reads from the environment
(`GUNICORN_CMD_ARGS`, `PORT`) and its defaults filled in.

    got = invocation(["python", "-m", "gunicorn", "-b", ":8080", "app:app"], env, "/app")
    want = invocation(["gunicorn", "--bind", "0.0.0.0:8080", "app:app"], {}, "/app")
    difference(got, want)   # '' when they mean the same, else why not

A program not in the file gives None: the caller compares the words as they are.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from prepdeck.build.filesystem import normpath

COMMAND_LINES = Path(__file__).with_name("command_lines.yaml")


@dataclass(frozen=True)
class OptionSpec:
    name: str
    value: bool = False
    repeat: bool = False
    kind: str = ""
    default_port: str = ""
    changes_run: str = ""


@dataclass(frozen=True)
class ProgramSpec:
    name: str
    options: Mapping[str, OptionSpec]  # every spelling -> its spec
    module: str | None = None
    reject_unknown: bool = True
    positionals_end_options: bool = False
    positional_paths: bool = False
    env_args: str | None = None
    env_prefix: str | None = None
    listens_on: str | None = None
    defaults: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass
class Invocation:
    """A command line read with its program's spec: options by canonical name, each with its values."""

    program: str
    options: dict[str, list[str]] = field(default_factory=dict)
    module: str | None = None
    positionals: list[str] = field(default_factory=list)
    problem: str = ""  # the program cannot run it this way (an unknown option)
    changes_run: str = ""  # an option that makes it do something else than serve
    sources: dict[str, str] = field(default_factory=dict)  # option -> where its value came from
    listens_on: str | None = None  # the option holding the address or port it serves on

    def ports(self) -> list[int]:
        """The TCP ports it listens on (empty when its spec does not say)."""
        found = []
        for value in self.options.get(self.listens_on or "", []):
            port = value.rpartition(":")[2] if ":" in value else value
            if port.isdigit():
                found.append(int(port))
        return found


@cache
def _specs() -> dict[str, ProgramSpec]:
    raw = yaml.safe_load(COMMAND_LINES.read_text(encoding="utf-8"))["programs"]
    specs: dict[str, ProgramSpec] = {}
    for name, entry in raw.items():
        options: dict[str, OptionSpec] = {}
        for canonical, fields in (entry.get("options") or {}).items():
            fields = fields or {}
            spec = OptionSpec(
                canonical,
                value=bool(fields.get("value")),
                repeat=bool(fields.get("repeat")),
                kind=str(fields.get("kind", "")),
                default_port=str(fields.get("default_port", "")),
                changes_run=str(fields.get("changes_run", "")),
            )
            for spelling in [canonical, *(fields.get("aliases") or [])]:
                options[spelling] = spec
        specs[name] = ProgramSpec(
            name,
            options,
            module=entry.get("module"),
            reject_unknown=entry.get("unknown_options", "reject") == "reject",
            positionals_end_options=bool(entry.get("positionals_end_options")),
            positional_paths=bool(entry.get("positional_paths")),
            env_args=entry.get("env_args"),
            env_prefix=entry.get("env_prefix"),
            listens_on=entry.get("listens_on"),
            defaults={
                key: {k: str(v) for k, v in value.items()}
                for key, value in (entry.get("defaults") or {}).items()
            },
        )
    return specs


def program_name(word: str) -> str:
    """The program a word runs: its base name, python3 / python3.12 as python."""
    name = word.rsplit("/", 1)[-1]
    if name.startswith("python") and name[6:].replace(".", "").isdigit():
        return "python"
    return name


def invocation(argv: Sequence[str], env: Mapping[str, str | None], workdir: str) -> Invocation | None:
    """The meaning of `argv` when its program has a spec (None otherwise)."""
    if not argv:
        return None
    spec = _specs().get(program_name(argv[0]))
    if spec is None:
        return None
    got = _parse(spec, list(argv[1:]), workdir)
    if spec.name == "python" and got.module is not None and not got.problem:
        inner = next((s for s in _specs().values() if s.module == got.module), None)
        if inner is not None:
            got = _parse(inner, got.positionals, workdir)
            spec = inner
    _from_environment(spec, got, env, workdir)
    return got


def _split_option(spec: ProgramSpec, word: str) -> tuple[OptionSpec | None, str | None]:
    """(its spec, a value attached to it: `--bind=X`, `-bX`)."""
    if word in spec.options:
        return spec.options[word], None
    if word.startswith("--") and "=" in word:
        name, _, value = word.partition("=")
        return spec.options.get(name), value
    if not word.startswith("--") and len(word) > 2:
        short = spec.options.get(word[:2])
        if short is not None and short.value:
            return short, word[2:]
    return None, None


def _cluster(spec: ProgramSpec, word: str) -> bool:
    """Is `word` several one-letter options of this program written as one (`-Bu`, `-um`)?"""
    if word.startswith("--") or len(word) < 3 or not word[1:].isalpha():
        return False
    options = [spec.options.get(f"-{char}") for char in word[1:]]
    return all(
        option is not None and (not option.value or position == len(options) - 1)
        for position, option in enumerate(options)
    )


def _parse(spec: ProgramSpec, words: list[str], workdir: str) -> Invocation:
    got = Invocation(spec.name, listens_on=spec.listens_on)
    words = list(words)
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word == "--":
            got.positionals += words[index:]
            break
        if not word.startswith("-") or word == "-":
            got.positionals.append(word)
            if spec.positionals_end_options:
                got.positionals += words[index:]
                break
            continue
        option, attached = _split_option(spec, word)
        if option is None and _cluster(spec, word):
            # `python -Bu -m app`: short flags written together, a value-taking one last
            words[index:index] = [f"-{char}" for char in word[1:]]
            continue
        if option is None:
            if spec.reject_unknown:
                got.problem = got.problem or f"{spec.name} has no option {word.partition('=')[0]}"
            else:
                got.options.setdefault(word, [])
            continue
        if option.changes_run:
            got.changes_run = got.changes_run or option.changes_run
        if not option.value:
            got.options.setdefault(option.name, [])
            continue
        if attached is None:
            if index >= len(words):
                got.problem = got.problem or f"{word} needs a value"
                break
            attached = words[index]
            index += 1
        if spec.name == "python" and option.name == "-m":
            got.module = attached
            got.positionals = words[index:]
            break
        values = got.options.setdefault(option.name, [])
        if option.repeat:
            values.append(_value(option, attached))
        else:
            values[:] = [_value(option, attached)]
    if spec.positional_paths and got.positionals and got.module is None and "-c" not in got.options:
        first = got.positionals[0]
        if "$" not in first:
            got.positionals[0] = normpath(first, workdir)
    return got


def _value(option: OptionSpec, value: str) -> str:
    if option.kind != "address":
        return value
    text = value.removeprefix("tcp://")
    if text.startswith(("unix:", "fd://")):
        return text
    host, colon, port = text.rpartition(":")
    if not colon:
        host, port = text, ""
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return f"{host or '0.0.0.0'}:{port or option.default_port}"


def _from_environment(
    spec: ProgramSpec, got: Invocation, env: Mapping[str, str | None], workdir: str
) -> None:
    """Options the program reads from its environment, then its defaults; the command line wins."""
    if spec.env_args and env.get(spec.env_args):
        extra = _parse(spec, shlex.split(str(env[spec.env_args])), workdir)
        got.problem = got.problem or extra.problem
        for name, values in extra.options.items():
            if name not in got.options:
                got.options[name] = values
                got.sources[name] = f"ENV {spec.env_args}"
    if spec.env_prefix:
        for option in set(spec.options.values()):
            variable = spec.env_prefix + option.name.lstrip("-").upper().replace("-", "_")
            if option.name not in got.options and env.get(variable):
                got.options[option.name] = [_value(option, str(env[variable]))]
                got.sources[option.name] = f"ENV {variable}"
    for name, default in spec.defaults.items():
        if name in got.options:
            continue
        option = spec.options[name]
        from_env = default.get("env")
        if from_env and env.get(from_env):
            got.options[name] = [_value(option, default["format"].format(env[from_env]))]
            got.sources[name] = f"ENV {from_env}"
        elif "value" in default or "otherwise" in default:
            got.options[name] = [_value(option, default.get("value", default.get("otherwise", "")))]
            got.sources[name] = f"{spec.name}'s default"


def difference(got: Invocation, want: Invocation) -> str:
    """'' when `got` runs what `want` asks for (extra harmless options allowed), else why not."""
    if got.program != want.program:
        return f"it runs {got.program}, not {want.program}"
    if got.problem:
        return got.problem
    if got.changes_run:
        return got.changes_run
    if got.module != want.module:
        return f"it runs the module {got.module}, not {want.module}"
    if got.positionals != want.positionals:
        return f"its arguments are {' '.join(got.positionals) or 'none'}, not {' '.join(want.positionals) or 'none'}"
    for name, values in want.options.items():
        have = got.options.get(name)
        if have is None:
            return f"it has no {name}"
        if sorted(have) != sorted(values):
            source = got.sources.get(name)
            where = f" (from {source})" if source else ""
            literal = next((value for value in have if "$" in value), "")
            if literal and not where:
                where = f" (`{literal}` reaches {got.program} as written: only a shell expands variables)"
            return f"its {name} is {' '.join(have) or 'set'}{where}, not {' '.join(values) or 'set'}"
    return ""
