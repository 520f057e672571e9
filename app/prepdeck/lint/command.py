"""`prepdeck lint`: lint Dockerfiles, explain a rule, or list the rules.

Exit codes: 0 no finding at or over the failure threshold; 1 at least one; 2 usage error, an
unreadable file or config, an unknown code for --explain.
"""

from __future__ import annotations

import os
import sys

from prepdeck.lint.registry import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import argparse
    from collections.abc import Sequence

    from prepdeck.lint.config import LintConfig
    from prepdeck.lint.model import Dockerfile
    from prepdeck.lint.registry import Rule

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class PlainArguments:
    """What argparse would give for `prepdeck lint ...` (same attribute names and defaults)."""

    def __init__(self) -> None:
        self.pack: list[str] = []
        self.command = "lint"
        self.handler = "prepdeck.lint.command:run"
        self.files: list[str] = []
        self.format = "tty"
        self.failure_threshold: str | None = None
        self.ignore: list[str] = []
        self.config: str | None = None
        self.context: str | None = None
        self.no_color = False
        self.no_shellcheck = False
        self.explain: str | None = None
        self.list_rules = False


# Option -> (attribute, allowed values or None for any), for the options that take a value.
_VALUED = {
    "--format": ("format", ("tty", "json", "sarif")),
    "-f": ("format", ("tty", "json", "sarif")),
    "--failure-threshold": ("failure_threshold", ("error", "warning", "info", "style", "ignore", "none")),
    "-t": ("failure_threshold", ("error", "warning", "info", "style", "ignore", "none")),
    "--ignore": ("ignore", None),
    "--config": ("config", None),
    "-c": ("config", None),
    "--context": ("context", None),
}
_SWITCHES = {"--no-color": "no_color", "--no-shellcheck": "no_shellcheck"}


def plain_arguments(arguments: list[str]) -> PlainArguments | None:
    """Read the arguments of `prepdeck lint` that need no argparse: files and the plain options.

    argparse and its gettext/locale imports are 6 ms of a 40 ms `prepdeck lint FILE`; editors and
    hooks start one process per file. Anything unusual (help, --explain, a misspelt, abbreviated or
    bundled option, a value argparse would refuse, files on both sides of an option) gives None, and
    the caller lets argparse read it all, with its own messages. A test holds both readings equal.
    """
    args = PlainArguments()
    index = 0
    files_closed = False  # argparse reads one run of files; files after an option are an error there
    while index < len(arguments):
        token = arguments[index]
        index += 1
        if token == "-" or not token.startswith("-"):
            if files_closed:
                return None
            args.files.append(token)
            continue
        if args.files:
            files_closed = True
        name, equals, value = token.partition("=")
        if name in _SWITCHES and not equals:
            setattr(args, _SWITCHES[name], True)
            continue
        if name not in _VALUED or (equals and not name.startswith("--")):
            return None
        if not equals:
            if index == len(arguments):
                return None
            value = arguments[index]
            index += 1
        if value.startswith("-") or not value:
            return None
        attribute, allowed = _VALUED[name]
        if allowed is not None and value not in allowed:
            return None
        if attribute == "ignore":
            args.ignore.append(value)
        else:
            setattr(args, attribute, value)
    return args


def _error(message: str) -> int:
    print(f"prepdeck lint: {message}", file=sys.stderr)
    return EXIT_USAGE


def explain_text(rule: Rule) -> str:
    """The full teaching text of one rule, as `--explain` prints it."""
    lines = [
        f"{rule.code}  {rule.title}",
        f"level: {rule.severity}    origin: {rule.origin}"
        + (f"    BuildKit check: {rule.buildkit_name}" if rule.buildkit_name else "")
        + (f"    theory: {rule.section}" if rule.section else ""),
        "",
        "Why",
        _indent(rule.rationale),
        "",
        "Bad",
        _indent(rule.bad),
        "",
        "Good",
        _indent(rule.good),
        "",
        "Fix",
        _indent(rule.fix),
    ]
    return "\n".join(lines) + "\n"


def _indent(text: str) -> str:
    import textwrap

    out = []
    for line in text.splitlines() or [""]:
        out.extend(textwrap.wrap(line, 96) if len(line) > 96 else [line])
    return "\n".join("    " + line if line else "" for line in out)


def rules_table(rules: Sequence[Rule]) -> str:
    width = max((len(rule.code) for rule in rules), default=6)
    lines = [f"{'code':<{width}}  {'level':<7}  {'origin':<8}  title"]
    for rule in rules:
        lines.append(f"{rule.code:<{width}}  {rule.severity:<7}  {rule.origin:<8}  {rule.title}")
    lines.append(f"{len(rules)} rules")
    return "\n".join(lines) + "\n"


def _explain(code: str) -> int:
    from prepdeck.lint.registry import all_rules, get_rule
    from prepdeck.lint.shellcheck import explain_text as shellcheck_explain
    from prepdeck.lint.shellcheck import is_shellcheck_code

    if is_shellcheck_code(code):
        sys.stdout.write(shellcheck_explain(code))
        return EXIT_OK

    rule = get_rule(code)
    if rule is None:
        import difflib

        codes = [candidate.code for candidate in all_rules()]
        close = difflib.get_close_matches(code.upper(), codes, n=3)
        hint = (
            f"; did you mean {', '.join(close)}?"
            if close
            else "; `prepdeck lint --list-rules` shows them all"
        )
        return _error(f"unknown rule code `{code}`{hint}")
    sys.stdout.write(explain_text(rule))
    return EXIT_OK


def _load_config(args: argparse.Namespace) -> tuple[LintConfig | None, str | None]:
    from prepdeck.lint.config import ConfigError, LintConfig, default_config_path, load_config

    path = args.config or default_config_path()
    if path is None:
        return LintConfig(), None
    try:
        return load_config(path), None
    except ConfigError as error:
        return None, str(error)


DOCKERFILE_LIMIT = 2 * 1024 * 1024  # far above any real Dockerfile; /dev/zero is refused, not read


def _read(name: str) -> tuple[bytes | None, str | None]:
    from prepdeck.capped import InputRefused, read_capped

    try:
        return read_capped(name, DOCKERFILE_LIMIT), None
    except InputRefused as refused:
        if refused.reason == "is a folder, not a file":
            return None, f"cannot read {name}: it is a folder, not a Dockerfile"
        return None, f"cannot read {refused}"


def _use_color(args: argparse.Namespace) -> bool:
    if getattr(args, "no_color", False) or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def run(args: argparse.Namespace) -> int:
    if getattr(args, "list_rules", False):
        from prepdeck.lint.registry import all_rules

        sys.stdout.write(rules_table(all_rules()))
        return EXIT_OK
    if getattr(args, "explain", None):
        return _explain(args.explain)
    files = list(getattr(args, "files", []) or [])
    if not files:
        return _error("give one or more Dockerfiles to lint, or - to read standard input")
    context = getattr(args, "context", None)
    if context is not None and not os.path.isdir(context):
        return _error(f"--context {context}: not a folder")
    config, problem = _load_config(args)
    if config is None:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    if args.ignore:
        config = config.with_ignored(args.ignore)
    threshold = args.failure_threshold or config.failure_threshold

    from prepdeck.cli import end_at_once
    from prepdeck.collector import collector_paused

    with collector_paused():  # all the parsed files stay alive until ShellCheck and the report
        code = _lint_files(args, files, config, context, threshold)
    # the report is written and ShellCheck's processes and files are gone: nothing needs Python's
    # teardown, about 4 ms of a 30 ms `prepdeck lint FILE`
    end_at_once()
    return code


def _lint_files(
    args: argparse.Namespace, files: list[str], config: LintConfig, context: str | None, threshold: str
) -> int:
    from prepdeck.lint.engine import LintResult, lint_dockerfile, parse_for_lint

    parsed: list[tuple[str, Dockerfile | LintResult | str]] = []  # a str says why a file was unreadable
    for name in files:
        data, error = _read(name)
        if data is None:
            parsed.append((name, str(error)))
        else:
            parsed.append((name, parse_for_lint(data, path="-" if name == "-" else name)))
    # ShellCheck starts on the RUN scripts now, and works while our own rules run
    run = None
    if config.shellcheck and not getattr(args, "no_shellcheck", False):
        from prepdeck.lint.shellcheck import ShellCheckRun, binary

        if binary() is not None:  # as hadolint: ShellCheck runs when it is there
            models = [
                item.dockerfile if isinstance(item, LintResult) else item
                for _, item in parsed
                if not isinstance(item, str)
            ]
            run = ShellCheckRun(models, config)
    results = []
    unreadable = False
    try:
        for name, item in parsed:
            if isinstance(item, str):
                print(f"prepdeck lint: {item}", file=sys.stderr)
                unreadable = True
                continue
            if isinstance(item, LintResult):
                result = item
            else:
                result = lint_dockerfile(
                    item, path="-" if name == "-" else name, config=config, context_dir=context
                )
            for rule_error in result.rule_errors:
                print(f"prepdeck lint: internal error in {name}: {rule_error}", file=sys.stderr)
            results.append(result)
    except BaseException:
        if run is not None:
            run.cancel()
        raise
    if run is not None:
        run.add_findings(results)

    output_format = getattr(args, "format", "tty")
    if output_format == "json":
        from prepdeck.lint.report import format_json

        sys.stdout.write(format_json(results))
    elif output_format == "sarif":
        from prepdeck import __version__
        from prepdeck.lint.report import format_sarif

        sys.stdout.write(format_sarif(results, version=__version__))
    else:
        from prepdeck.lint.report import format_tty

        sys.stdout.write(format_tty(results, color=_use_color(args)))
    if unreadable:
        return EXIT_USAGE
    failing = any(result.at_or_above(threshold) for result in results)
    return EXIT_FINDINGS if failing else EXIT_OK
