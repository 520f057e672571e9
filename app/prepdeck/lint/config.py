"""Lint configuration: hadolint's `.hadolint.yaml` keys, and the inline pragmas.

Supported file keys (as hadolint): `ignored`, `override` (`error`/`warning`/`info`/`style` lists
of codes), `failure-threshold`, `trustedRegistries`, `label-schema`, `strict-labels`,
`disable-ignore-pragma`, and `shellcheck: false` (ours: no ShellCheck on RUN scripts). Unknown keys are ignored, as hadolint does (`format`, `no-color` ... are
command-line matters).

Inline pragmas (comment lines):
- `# hadolint ignore=DL3008,DL3015` and `# prepdeck ignore=...`: the next instruction only;
- `# hadolint global ignore=...` and `# prepdeck global ignore=...`: the whole file;
- the BuildKit directive `# check=skip=Name1,Name2;error=true` at the top: skips BuildKit-named
  checks (`skip=all` skips them all); `error=true` makes their findings errors.
"""

from __future__ import annotations

import os
import re

from prepdeck.lint.model import Comment, Dockerfile
from prepdeck.lint.registry import LEVELS, TYPE_CHECKING

if (
    TYPE_CHECKING
):  # pragma: no cover - pathlib (with urllib.parse and ipaddress) is 3 ms of `prepdeck lint FILE`
    from pathlib import Path

__all__ = [
    "ConfigError",
    "LintConfig",
    "Pragmas",
    "config_from_mapping",
    "default_config_path",
    "load_config",
    "read_pragmas",
]

CONFIG_NAMES = (".hadolint.yaml", ".hadolint.yml")
THRESHOLDS = (*LEVELS, "none")
# Kept as pattern strings: `re` compiles each on first use (and caches it), not on every start
# of `prepdeck lint FILE` (3.5 ms of regex compiling for files that mostly never need them).
_CODE = r"^[A-Za-z]+[0-9]*$"


class ConfigError(Exception):
    """A config file that cannot be used; the message says where and why."""


class LintConfig:
    """Settings of a lint run; the defaults are hadolint's."""

    __slots__ = (
        "disable_ignore_pragma",
        "failure_threshold",
        "ignored",
        "label_schema",
        "overrides",
        "shellcheck",
        "strict_labels",
        "trusted_registries",
    )

    def __init__(
        self,
        ignored: frozenset[str] = frozenset(),
        overrides: dict[str, str] | None = None,
        failure_threshold: str = "info",
        trusted_registries: tuple[str, ...] = (),
        label_schema: dict[str, str] | None = None,
        strict_labels: bool = False,
        disable_ignore_pragma: bool = False,
        shellcheck: bool = True,
    ) -> None:
        self.ignored = frozenset(ignored)
        self.overrides: dict[str, str] = dict(overrides or {})
        self.failure_threshold = failure_threshold
        self.trusted_registries = tuple(trusted_registries)
        self.label_schema: dict[str, str] = dict(label_schema or {})
        self.strict_labels = strict_labels
        self.disable_ignore_pragma = disable_ignore_pragma
        self.shellcheck = shellcheck

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LintConfig) and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "LintConfig(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__) + ")"

    def replace(self, **changes: object) -> LintConfig:
        """A copy with some settings changed, e.g. `config.replace(disable_ignore_pragma=True)`."""
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return LintConfig(**values)

    def with_ignored(self, codes: list[str] | tuple[str, ...]) -> LintConfig:
        return self.replace(ignored=self.ignored | {code.upper() for code in codes})

    def level_for(self, code: str, default: str) -> str:
        """The level a rule's findings get: the override if any, else the rule's own."""
        return self.overrides.get(code.upper(), default)


def default_config_path(directory: str | Path | None = None) -> str | Path | None:
    """The `.hadolint.yaml` hadolint would read from the current folder (a path of the same type), if present."""
    base = directory if directory is not None else os.getcwd()
    for name in CONFIG_NAMES:
        candidate = os.path.join(base, name)
        if os.path.isfile(candidate):
            return type(base)(candidate) if not isinstance(base, str) else candidate
    return None


CONFIG_LIMIT = 1024 * 1024


def load_config(path: str | Path) -> LintConfig:
    """Read a hadolint-style YAML config (str or Path); raises ConfigError with a clear message."""
    from prepdeck.capped import InputRefused, read_capped_text

    try:
        text = read_capped_text(path, CONFIG_LIMIT)
    except InputRefused as refused:
        raise ConfigError(f"{path}: cannot read the config file: {refused.reason}") from None
    import yaml  # lazily: most lint runs have no config and should not pay for the import

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(f"{where}: error [config] the config is not valid YAML: {problem}") from None
    return config_from_mapping(data if data is not None else {}, str(path))


def _codes(value: object, key: str, source: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(
            f"{source}: error [config] `{key}` must be a list of rule codes, like [DL3008, DL3015]"
        )
    return [item.strip().upper() for item in value]


def config_from_mapping(data: object, source: str = "config") -> LintConfig:
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: error [config] the config must be a mapping of keys such as `ignored:`")
    overrides: dict[str, str] = {}
    override = data.get("override") or {}
    if not isinstance(override, dict):
        raise ConfigError(
            f"{source}: error [config] `override` must map levels (error, warning, info, style) to code lists"
        )
    for level, codes in override.items():
        if level not in LEVELS:
            raise ConfigError(
                f"{source}: error [config] unknown level `{level}` under `override`; use one of {', '.join(LEVELS)}"
            )
        for code in _codes(codes, f"override.{level}", source):
            overrides[code] = level
    threshold = data.get("failure-threshold", "info")
    if threshold not in THRESHOLDS:
        raise ConfigError(
            f"{source}: error [config] `failure-threshold` must be one of {', '.join(THRESHOLDS)}, not `{threshold}`"
        )
    registries = data.get("trustedRegistries") or []
    if isinstance(registries, str):
        registries = [registries]
    if not isinstance(registries, list) or not all(isinstance(item, str) for item in registries):
        raise ConfigError(f"{source}: error [config] `trustedRegistries` must be a list of registry names")
    schema = data.get("label-schema") or {}
    if not isinstance(schema, dict):
        raise ConfigError(
            f"{source}: error [config] `label-schema` must map label names to types (text, url, semver...)"
        )
    shellcheck = data.get("shellcheck", True)
    if not isinstance(shellcheck, bool):
        raise ConfigError(f"{source}: error [config] `shellcheck` must be true or false, not `{shellcheck}`")
    return LintConfig(
        ignored=frozenset(_codes(data.get("ignored"), "ignored", source)),
        overrides=overrides,
        failure_threshold=str(threshold),
        trusted_registries=tuple(registries),
        label_schema={str(key): str(value) for key, value in schema.items()},
        strict_labels=bool(data.get("strict-labels", False)),
        disable_ignore_pragma=bool(data.get("disable-ignore-pragma", False)),
        shellcheck=shellcheck,
    )


# -- pragmas -----------------------------------------------------------------------------------
_PRAGMA = r"(?i)^(hadolint|prepdeck)\s+(global\s+)?ignore\s*=\s*(.*)$"


class Pragmas:
    """The ignore pragmas of one file: per instruction index, and for the whole file."""

    __slots__ = ("by_instruction", "checks_are_errors", "file_codes", "pragma_comments", "skip_checks")

    def __init__(self) -> None:
        self.file_codes: set[str] = set()
        self.by_instruction: dict[int, set[str]] = {}
        self.skip_checks: set[str] = set()
        self.checks_are_errors = False
        self.pragma_comments: list[Comment] = []


def _split_codes(text: str) -> set[str]:
    codes = set()
    for part in re.split(r"[,\s]+", text.strip()):
        if part and re.match(_CODE, part):
            codes.add(part.upper())
    return codes


def read_pragmas(dockerfile: Dockerfile) -> Pragmas:
    """Collect `# hadolint ignore=`/`# prepdeck ignore=` comments and the `# check=` directive."""
    import bisect

    pragmas = Pragmas()
    starts = [ins.span.line for ins in dockerfile.instructions]
    for comment in dockerfile.comments:
        if "ignore" not in comment.text.lower():  # no pragma: skip the pattern (and compiling it)
            continue
        match = re.match(_PRAGMA, comment.text)
        if match is None:
            continue
        pragmas.pragma_comments.append(comment)
        codes = _split_codes(match.group(3))
        if match.group(2):
            pragmas.file_codes |= codes
            continue
        following = bisect.bisect_right(starts, comment.span.line)
        if following < len(starts):
            pragmas.by_instruction.setdefault(following, set()).update(codes)
    check = dockerfile.directives.get("check")
    if check:
        for part in check.split(";"):
            key, _, value = part.partition("=")
            key = key.strip().lower()
            if key == "skip":
                pragmas.skip_checks |= {name.strip().lower() for name in value.split(",") if name.strip()}
            elif key == "error":
                pragmas.checks_are_errors = value.strip().lower() == "true"
    return pragmas
