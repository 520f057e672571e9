"""Lint rules, one module per family; every module here is imported by `load_all()`.

How to write a rule
===================

A rule is a small function decorated with `@rule(...)` from `prepdeck.lint.registry`. The
decorator carries the teaching text (`--explain` prints it, drills show it), and the function
yields `Hit(span, message)` for each problem, where `span` is the exact token at fault.

Per-instruction rules name the keywords they look at with `on=`; the engine calls them once per
matching instruction (ONBUILD contents included; `ins.parent` is the ONBUILD then) with the
instruction and a `RuleContext` (`ctx.dockerfile`, `ctx.config`, `ctx.path`, `ctx.context_dir`,
`ctx.once(key, compute)` to share work between rules).

Example: a rule that inspects RUN commands and reports a word's span::

    from prepdeck.lint.registry import Hit, rule

    @rule(
        "DL3027",
        severity="warning",
        title="Use apt-get or apt-cache instead of apt",
        rationale="`apt` is meant for people at a terminal; its output and options may change "
        "between releases, and it warns that it has no stable CLI. Scripts should use apt-get.",
        bad="RUN apt install -y curl",
        good="RUN apt-get install -y --no-install-recommends curl",
        fix="Replace `apt` with `apt-get` (or `apt-cache` for search/show).",
        on=("RUN",),
        programs=("apt",),               # optional: only RUNs that run `apt` are shown to the rule
        section="anti-patterns",         # optional: the Docker pack's theory section id
    )
    def apt_instead_of_apt_get(ins, ctx):
        for command in ins.script.find("apt"):          # wrappers like sudo are looked through
            yield Hit(command.name.span, "`apt` is for interactive use; use `apt-get` in a Dockerfile")

Useful pieces of the model (see `model.py` and `shell.py` docstrings for the rest):

- `ins.script.commands` / `ins.script.find("apt-get", "install")`: `Command`s with `.words`,
  `.program`, `.subcommand`, `.option("-y", "--yes")`, `.positional(takes_value={"-o"})`,
  `.assignments`, `.redirects`, `.before` / `.after` operators, `.span`; every `Word` has
  `.text` (as written), `.value` (unquoted) and `.span`.
- `ins.flags`, `ins.flag("from")`, `ins.mounts` (`Mount.type`, `.target`, `.options`),
  `ins.words`, `ins.is_json`, `ins.exec_args`, `ins.pairs` (ENV/LABEL/ARG: `.key`, `.value`,
  `.legacy`), `ins.image` (FROM: `.tag`, `.tag_span`, `.digest`, `.stage`, `.resolved`),
  `ins.stage` (the `Stage` it belongs to), `ins.head_span` (the instruction without heredoc bodies).

Whole-file rules leave out `on=` and take `(dockerfile, ctx)`; use them for "no HEALTHCHECK in the
final stage", "consecutive RUNs" and the like. Iterate `dockerfile.stages`,
`dockerfile.instructions`, `stage.instructions_of("COPY")`, `dockerfile.final_stage`.

Keep `prepdeck lint one-file` fast to start (every rule module is imported on each run): import
annotation-only names under `if TYPE_CHECKING:` (or from `collections.abc`, already loaded) rather
than from `typing`, and import heavy modules (`urllib.parse`, `pathlib`, `yaml`) inside the rule
that needs them.

Checklist for each rule: hadolint's code and default severity when the meaning is the same (the
table in the reference notes), origin "hadolint" | "buildkit" | "prepdeck", a BuildKit rule's
check name in `buildkit_name=` (so `# check=skip=Name` finds it; give a hadolint rule the name of
the BuildKit check it matches, too), `same_as=("DL3025",)` when the rule says what another rule
already says (the engine then drops it on an instruction where that rule fired), `programs=` on
every RUN rule that only looks at named programs, messages in our own words that
say what is wrong *here*, and tests with must-fire and must-not-fire snippets asserting the span.
"""

from __future__ import annotations

import os

__all__ = ["PROGRAM_MODULES", "load_all", "load_core", "load_for_programs"]

# Modules whose every rule looks only at RUNs that run one of these programs. `prepdeck lint FILE`
# imports one only when a RUN of the file runs one of them (the engine would not call its rules
# otherwise): six imports less for most files. tests/unit/lint/test_rule_loading.py holds this
# table to the rules the modules register.
PROGRAM_MODULES: dict[str, frozenset[str]] = {
    "apk": frozenset({"apk"}),
    "apt": frozenset({"apt", "apt-get"}),
    "gem": frozenset({"gem"}),
    "golang": frozenset({"go"}),
    "npm": frozenset({"npm", "yarn"}),
    "rpm": frozenset({"yum", "zypper", "dnf", "microdnf"}),
}


def _module_names() -> list[str]:
    """Every rule module of this package, by a plain directory listing (pkgutil would cost more
    start-up time than all the rules together)."""
    names = set()
    for folder in __path__:
        for entry in os.listdir(folder):
            stem, dot, suffix = entry.partition(".")
            if dot and suffix in ("py", "pyc") and stem.isidentifier() and not stem.startswith("_"):
                names.add(stem)
    return sorted(names)


def _import(name: str) -> None:
    __import__(f"{__name__}.{name}")  # importlib would import itself and warnings, 0.5 ms of start-up


def load_all() -> None:
    """Import every rule module of this package (each registers its rules on import)."""
    for name in _module_names():
        _import(name)


def load_core() -> None:
    """Import every rule module but those of PROGRAM_MODULES."""
    for name in _module_names():
        if name not in PROGRAM_MODULES:
            _import(name)


def load_for_programs(programs: frozenset[str] | set[str]) -> None:
    """Import the modules of PROGRAM_MODULES whose programs are among `programs`."""
    for name, runs in PROGRAM_MODULES.items():
        if not runs.isdisjoint(programs):
            _import(name)
