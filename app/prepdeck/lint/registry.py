"""The one registry of lint rules, read by the engine, `--explain`, `--list-rules` and drills.

A rule is a function plus its teaching text, registered with the `@rule(...)` decorator (see the
guide in `prepdeck/lint/rules/__init__.py`). Two shapes of check function:

- `on=("RUN", ...)` given: `check(instruction, ctx)` is called for each instruction with one of
  those keywords (ONBUILD contents included), and yields `Hit`s;
- no `on`: `check(dockerfile, ctx)` is called once per file and yields `Hit`s.

A RUN rule about particular programs may add `programs=("apt-get", "apt")`: the engine then calls
it only for RUNs whose script runs one of them (wrappers such as sudo looked through), which keeps
the per-keystroke lint of the drill editor cheap. Leave it out when the rule must see every RUN.

A rule that says what another rule already says (BuildKit's JSONArgsRecommended and hadolint's
DL3025, say) declares `same_as=("DL3025",)`: the engine drops its finding when one of those codes
is reported on the same instruction, so a learner reads one finding per problem; it still speaks
when the other rule is ignored or disabled.

A `Hit` is a span and a message; the engine turns it into a `Finding` with the rule's code and
level (after config overrides).
"""

from __future__ import annotations

from collections import namedtuple

# The lint modules' one stand-in for typing.TYPE_CHECKING (mypy and ruff read the name). `typing`
# is on no other module's path of `prepdeck lint FILE`, and importing it costs 2.8-15 ms there (best
# and typical of 5 `-X importtime` runs on this machine; the whole process is about 60 ms CPU).
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable, Iterable
    from typing import Any, TypeVar

    from prepdeck.lint.config import LintConfig
    from prepdeck.lint.model import Dockerfile

    Computed = TypeVar("Computed")

__all__ = [
    "LEVELS",
    "ORIGINS",
    "Hit",
    "Rule",
    "RuleContext",
    "all_rules",
    "every_rule_loaded",
    "get_rule",
    "level_rank",
    "rule",
    "rules_for_programs",
]

# Most severe first; "ignore" means the rule is off unless configured.
LEVELS = ("error", "warning", "info", "style", "ignore")
ORIGINS = ("hadolint", "buildkit", "prepdeck")


def level_rank(level: str) -> int:
    """Higher is more severe: error 4, warning 3, info 2, style 1, ignore 0; unknown levels -1."""
    try:
        return len(LEVELS) - 1 - LEVELS.index(level)
    except ValueError:
        return -1


class Hit(namedtuple("Hit", "span message related", defaults=((),))):
    """What a check yields: where (the exact token at fault, a Span) and what to say.

    `related` holds other places the message refers to, as (Span, note) pairs: the ENV that set
    the variable a package list was read from, say. SARIF shows them as related locations.
    """

    __slots__ = ()


class RuleContext:
    """What a check may need besides the node it looks at."""

    __slots__ = ("cache", "config", "context_dir", "dockerfile", "path")

    def __init__(
        self,
        dockerfile: Dockerfile,
        config: LintConfig,
        path: str = "Dockerfile",
        context_dir: str | None = None,
    ) -> None:
        self.dockerfile = dockerfile
        self.config = config
        self.path = path
        self.context_dir = context_dir
        self.cache: dict[str, Any] = {}

    def once(self, key: str, compute: Callable[[], Computed]) -> Computed:
        """Share a computed value between rules of one lint run (e.g. a per-stage summary); a key
        always names the same computation, so the cached value has its type."""
        if key not in self.cache:
            self.cache[key] = compute()
        value: Computed = self.cache[key]
        return value


class Rule:
    """A registered rule: its code, default level, teaching text and check function."""

    __slots__ = (
        "_bad",
        "_fix",
        "_good",
        "_rationale",
        "buildkit_name",
        "check",
        "code",
        "help_uri",
        "on",
        "origin",
        "programs",
        "same_as",
        "section",
        "severity",
        "title",
    )

    def __init__(
        self,
        code: str,
        severity: str,
        title: str,
        rationale: str,
        bad: str,
        good: str,
        fix: str,
        origin: str,
        check: Callable[..., Iterable[Hit]],
        on: tuple[str, ...] | None = None,
        section: str | None = None,
        buildkit_name: str | None = None,
        programs: frozenset[str] | None = None,
        same_as: tuple[str, ...] = (),
        help_uri: str | None = None,
    ) -> None:
        self.code = code
        self.severity = severity
        self.title = title
        # The teaching texts are dedented when read (--explain, the docs, drills), not at import:
        # 400 dedents are 0.8 ms of `prepdeck lint FILE`, which never shows them.
        self._rationale = rationale
        self._bad = bad
        self._good = good
        self._fix = fix
        self.origin = origin
        self.check = check
        self.on = on
        self.section = section
        self.buildkit_name = buildkit_name
        self.programs = programs
        self.same_as = same_as
        self.help_uri = help_uri  # a page that explains the rule (ShellCheck's wiki for SC codes)

    @property
    def rationale(self) -> str:
        return _dedent(self._rationale)

    @property
    def bad(self) -> str:
        return _dedent(self._bad)

    @property
    def good(self) -> str:
        return _dedent(self._good)

    @property
    def fix(self) -> str:
        return _dedent(self._fix)

    def __repr__(self) -> str:
        return f"Rule({self.code}, {self.severity}, {self.origin}, {self.title!r})"

    @property
    def per_instruction(self) -> bool:
        return self.on is not None


_RULES: dict[str, Rule] = {}
_loaded = False


def rule(
    code: str,
    *,
    severity: str,
    title: str,
    rationale: str,
    bad: str,
    good: str,
    fix: str,
    origin: str = "hadolint",
    on: Iterable[str] | None = None,
    section: str | None = None,
    buildkit_name: str | None = None,
    programs: Iterable[str] | None = None,
    same_as: Iterable[str] = (),
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register the decorated check function as rule `code` (see the module docstring)."""
    if severity not in LEVELS:
        raise ValueError(f"{code}: severity must be one of {LEVELS}, not {severity!r}")
    if origin not in ORIGINS:
        raise ValueError(f"{code}: origin must be one of {ORIGINS}, not {origin!r}")

    def register(check: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if code in _RULES and _RULES[code].check is not check:
            raise ValueError(f"rule {code} is registered twice")
        _RULES[code] = Rule(
            code=code,
            severity=severity,
            title=title,
            rationale=rationale,
            bad=bad,
            good=good,
            fix=fix,
            origin=origin,
            check=check,
            on=tuple(keyword.upper() for keyword in on) if on is not None else None,
            section=section,
            buildkit_name=buildkit_name,
            programs=frozenset(programs) if programs is not None else None,
            same_as=tuple(same_as),
        )
        return check

    return register


def _dedent(text: str) -> str:
    """Strip a common indentation (for triple-quoted texts) without importing textwrap."""
    text = text.strip("\n")
    lines = text.split("\n")
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    margin = min(indents, default=0)
    return "\n".join(line[margin:] for line in lines) if margin else text


_core_loaded = False
_sorted: list[Rule] | None = None  # the registered rules by code, while no module is added


def _load() -> None:
    global _loaded, _core_loaded, _sorted
    if not _loaded:
        _loaded = _core_loaded = True
        _sorted = None
        from prepdeck.lint import rules

        rules.load_all()


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code."""
    _load()
    return _registered()


def every_rule_loaded() -> bool:
    """True once every rule module is imported (then rules_for_programs needs no programs)."""
    return _loaded


def rules_for_programs(programs: set[str]) -> list[Rule]:
    """The rules that can fire on a file whose RUNs run `programs`, sorted by code: every rule
    but those of a rule module about other programs (see rules.PROGRAM_MODULES), unless loaded."""
    global _core_loaded, _sorted
    if not _loaded:
        from prepdeck.lint import rules

        if not _core_loaded:
            _core_loaded = True
            rules.load_core()
        count = len(_RULES)
        rules.load_for_programs(programs)
        if len(_RULES) != count:
            _sorted = None
    return _registered()


def _registered() -> list[Rule]:
    global _sorted
    if _sorted is None or len(_sorted) != len(_RULES):
        _sorted = [_RULES[code] for code in sorted(_RULES)]
    return list(_sorted)


def get_rule(code: str) -> Rule | None:
    """The rule with this code (case-insensitive), also found by its BuildKit check name."""
    _load()
    found = _RULES.get(code.upper()) or _RULES.get(code)
    if found is not None:
        return found
    lowered = code.lower()
    for candidate in _RULES.values():
        if candidate.buildkit_name and candidate.buildkit_name.lower() == lowered:
            return candidate
    return None
