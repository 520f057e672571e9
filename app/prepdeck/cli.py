"""Command-line parsing and dispatch, nothing else.

Every handler lives in its subsystem and is imported only when its command runs, so
`prepdeck --version`, `prepdeck lint` and `prepdeck pack check` never import Textual.
A handler takes the parsed arguments and returns the process exit code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from prepdeck import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:  # argparse is imported only when a command needs it: `prepdeck lint FILE` does not
    import argparse

# Exit codes shared by every command (documented in the README).
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse  # 6 ms with gettext and locale: not on the path of `prepdeck lint FILE`
    from typing import NoReturn  # typing too: only where argparse is

    class _Parser(argparse.ArgumentParser):
        """argparse exits with 2 on usage errors already; keep its message short and clear."""

        def error(self, message: str) -> NoReturn:  # pragma: no cover - argparse calls sys.exit
            self.print_usage(sys.stderr)
            self.exit(EXIT_USAGE, f"prepdeck: error: {message}\n")

        def _get_formatter(self) -> argparse.HelpFormatter:
            # argparse makes a formatter for every add_argument, and its default width imports shutil
            # (2.5 ms of the 50 ms `prepdeck lint FILE` takes); the same width, read without it.
            # typeshed types formatter_class as taking `prog` only; HelpFormatter and its subclasses take width.
            make: Callable[..., argparse.HelpFormatter] = self.formatter_class
            return make(prog=self.prog, width=_terminal_columns() - 2)

    return _Parser


def _terminal_columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _add_pack_option(parser: argparse.ArgumentParser, dest: str = "pack_here") -> None:
    # Given before or after the command, --pack means the same; main() joins the two lists.
    parser.add_argument(
        "--pack",
        dest=dest,
        action="append",
        default=[],
        metavar="PATH",
        help="use the pack in PATH as well as the built-in and installed ones (repeatable)",
    )


def _handler(parser: argparse.ArgumentParser, target: str) -> None:
    """Name the handler as 'module:function'; it is imported only when the command runs."""
    parser.set_defaults(handler=target)


def build_parser() -> argparse.ArgumentParser:
    _Parser = _parser_class()
    parser = _Parser(
        prog="prepdeck",
        description="Prepare technical interviews: theory, spaced-repetition cards, graded "
        "interview answers, and Dockerfile drills checked by a teaching linter.",
    )
    parser.add_argument("--version", action="version", version=f"prepdeck {__version__}")
    _add_pack_option(parser, dest="pack")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    # prepdeck lint
    lint = commands.add_parser("lint", help="lint Dockerfiles (speaks hadolint's rule codes)")
    lint.add_argument("files", nargs="*", metavar="FILE", help="Dockerfiles to lint; - reads standard input")
    lint.add_argument("--format", "-f", choices=["tty", "json", "sarif"], default="tty")
    lint.add_argument(
        "--failure-threshold",
        "-t",
        choices=["error", "warning", "info", "style", "ignore", "none"],
        default=None,
        help="lowest level that makes the exit code 1 (default: info, as hadolint)",
    )
    lint.add_argument(
        "--ignore", action="append", default=[], metavar="CODE", help="skip a rule (repeatable)"
    )
    lint.add_argument("--config", "-c", metavar="FILE", help="a .hadolint.yaml-style config file")
    lint.add_argument("--context", metavar="DIR", help="the build context, for .dockerignore checks")
    lint.add_argument("--no-color", action="store_true", help="plain text even on a terminal")
    lint.add_argument(
        "--no-shellcheck", action="store_true", help="do not run ShellCheck on RUN scripts (SCxxxx findings)"
    )
    lint.add_argument("--explain", metavar="CODE", help="print the teaching text of one rule")
    lint.add_argument("--list-rules", action="store_true", help="print the table of rules")
    _handler(lint, "prepdeck.lint.command:run")

    # prepdeck pack ...
    pack = commands.add_parser("pack", help="write, check and convert content packs")
    pack_commands = pack.add_subparsers(dest="pack_command", metavar="ACTION", parser_class=_Parser)
    pack_commands.required = True

    check = pack_commands.add_parser("check", help="validate packs; every problem at file:line:col")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    _handler(check, "prepdeck.content.command:check")

    new = pack_commands.add_parser("new", help="write a commented starter pack")
    new.add_argument("directory", metavar="DIR")
    new.add_argument("--id", dest="pack_id", help="the pack id (default: from DIR's name)")
    _handler(new, "prepdeck.content.command:new")

    schema = pack_commands.add_parser("schema", help="print the pack JSON Schema (draft-07)")
    schema.add_argument(
        "--part",
        choices=["pack", "include"],
        default="pack",
        help="pack: the schema of pack.yaml; include: of the files it includes",
    )
    _handler(schema, "prepdeck.content.command:schema")

    info = pack_commands.add_parser("info", help="counts of sections, cards, questions and drills")
    info.add_argument("path", metavar="PATH")
    info.add_argument("--format", choices=["text", "json"], default="text")
    _handler(info, "prepdeck.content.command:info")

    anki = pack_commands.add_parser("export-anki", help="export a pack's cards as an Anki deck")
    anki.add_argument("path", metavar="PATH")
    anki.add_argument("output", metavar="OUT.apkg")
    _handler(anki, "prepdeck.interop.command:export_anki")

    csv_in = pack_commands.add_parser("import-csv", help="turn a CSV/TSV of cards into a new pack")
    csv_in.add_argument("file", metavar="FILE")
    csv_in.add_argument("directory", metavar="DIR")
    csv_in.add_argument("--id", dest="pack_id", help="the new pack's id (default: from DIR's name)")
    csv_in.add_argument("--title", help="the new pack's title")
    _handler(csv_in, "prepdeck.interop.command:import_csv")

    # prepdeck drill check
    drill = commands.add_parser("drill", help="check a Dockerfile against a drill")
    drill_commands = drill.add_subparsers(dest="drill_command", metavar="ACTION", parser_class=_Parser)
    drill_commands.required = True
    drill_check = drill_commands.add_parser("check", help="which requirements are met, and the lint findings")
    drill_check.add_argument("drill_id", metavar="DRILL_ID")
    drill_check.add_argument("file", metavar="FILE", help="the Dockerfile; - reads standard input")
    drill_check.add_argument("--format", choices=["text", "json"], default="text")
    drill_check.add_argument(
        "--dockerignore",
        metavar="FILE",
        help="the .dockerignore to build with (default: FILE.dockerignore beside the Dockerfile, else the drill's)",
    )
    _add_pack_option(drill_check)
    _handler(drill_check, "prepdeck.drills.command:check")

    # prepdeck grade
    grade = commands.add_parser("grade", help="grade a typed interview answer")
    grade.add_argument("question_id", metavar="QUESTION_ID")
    grade.add_argument(
        "--answer-file", required=True, metavar="FILE", help="the answer; - reads standard input"
    )
    grade.add_argument("--format", choices=["text", "json"], default="text")
    _add_pack_option(grade)
    _handler(grade, "prepdeck.study.command:grade")

    # prepdeck stats / export / import
    stats = commands.add_parser("stats", help="the learner's progress")
    stats.add_argument("--format", choices=["text", "json"], default="text")
    _add_pack_option(stats)
    _handler(stats, "prepdeck.study.command:stats")

    export = commands.add_parser("export", help="write progress (versioned JSON) or a report")
    export.add_argument("output", nargs="?", default="-", metavar="FILE", help="default: standard output")
    export.add_argument(
        "--report",
        choices=["progress", "mock"],
        default=None,
        help="instead of the progress data, a readable report (Markdown or JSON by FILE's suffix)",
    )
    export.add_argument(
        "--session", metavar="ID", help="with --report mock: which session (default: the latest)"
    )
    _add_pack_option(export)
    _handler(export, "prepdeck.study.command:export_progress")

    import_ = commands.add_parser("import", help="read progress written by `prepdeck export`")
    import_.add_argument("input", metavar="FILE")
    _handler(import_, "prepdeck.study.command:import_progress")

    # prepdeck unsuspend
    unsuspend = commands.add_parser(
        "unsuspend", help="list suspended cards and questions, or bring them back into the schedule"
    )
    unsuspend.add_argument(
        "items", nargs="*", metavar="ITEM", help="an item id or PACK/ITEM (none: list what is suspended)"
    )
    unsuspend.add_argument("--all", action="store_true", help="bring back every suspended side")
    _add_pack_option(unsuspend)
    _handler(unsuspend, "prepdeck.study.command:unsuspend")

    # prepdeck mock
    mock = commands.add_parser("mock", help="start a timed mock interview in the app")
    mock.add_argument("--questions", type=int, default=5, metavar="N")
    mock.add_argument("--minutes", type=int, default=30, metavar="M")
    mock.add_argument("--level", choices=["junior", "mid", "senior"], default=None)
    _add_pack_option(mock)
    _handler(mock, "prepdeck.tui.launch:mock")

    # prepdeck serve
    serve = commands.add_parser("serve", help="study in a browser (each tab runs its own app)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, metavar="N", help="port (default: 8000)")
    serve.add_argument(
        "--public",
        action="store_true",
        help="allow an address other than loopback; anyone who reaches it studies as you",
    )
    _add_pack_option(serve)
    _handler(serve, "prepdeck.tui.serve:run")

    return parser


def _plain_lint_args(arguments: list[str]) -> argparse.Namespace | None:
    """`prepdeck lint` with plain options read without argparse, else None (argparse then reads them)."""
    if arguments[:1] != ["lint"]:
        return None
    from prepdeck.lint.command import plain_arguments

    return plain_arguments(arguments[1:])  # type: ignore[return-value]


def _resolve(target: str):
    module_name, _, function_name = target.partition(":")
    # __import__, not importlib.import_module: importlib and warnings are 0.5 ms of `prepdeck lint FILE`
    __import__(module_name)
    return getattr(sys.modules[module_name], function_name)


def parse_args(arguments: list[str]) -> argparse.Namespace:
    """The command line as handlers read it: the --pack lists given before and after the command
    are joined into `args.pack`."""
    args = _plain_lint_args(arguments)
    if args is None:
        args = build_parser().parse_args(arguments)
    args.pack = [*args.pack, *getattr(args, "pack_here", [])]
    return args


# Set by a command once its output is written when its process holds nothing left to close (no
# database, no temporary file, no thread): see `end_at_once`.
_ends_at_once = False


def end_at_once() -> None:
    """Let the program end without Python's teardown once this command returns: freeing every
    object of a large pack one by one and clearing some 300 modules cost a first `pack check` of
    10,000 cards about 110 ms of its 1.1 s. Only the program's own command line ends that way
    (`main()` without arguments, as the `prepdeck` script and `python -m prepdeck` call it); a
    caller in the same process (a test, `main([...])`) gets the exit code back as usual."""
    global _ends_at_once
    _ends_at_once = True


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["lint"]:
        # Editors and hooks start `prepdeck lint FILE` once per file: the collector would only walk
        # the young objects of the imports, which all stay alive (the lint runs with it paused).
        import gc

        gc.disable()
    code = _run(argv)
    if argv is None and _ends_at_once:
        for stream in (sys.stdout, sys.stderr):
            try:  # noqa: SIM105 - contextlib (0.4 ms to import) is not on the path of `prepdeck lint FILE`
                stream.flush()
            except (OSError, ValueError):
                pass  # a closed pipe (`| head`): nothing more can be said
        os._exit(code)
    return code


def _run(argv: Sequence[str] | None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    target = getattr(args, "handler", None) or "prepdeck.tui.launch:app"
    try:
        return int(_resolve(target)(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `prepdeck lint ... | head` closes the pipe early; that is not an error.
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last line of defence against a traceback
        return _report_crash(error)


EXIT_INTERNAL = 70


def _report_crash(error: Exception) -> int:
    """A bug of ours: keep the details in a file, tell the user one clear sentence."""
    import traceback

    from prepdeck import locations

    details = "".join(traceback.format_exception(error))
    where = ""
    try:
        log = locations.data_dir() / "crash.log"
        partial = log.with_name(f"crash.log.{os.getpid()}.tmp")
        try:
            # Written aside, then renamed: a full disk leaves no empty or cut-off crash.log.
            partial.write_text(details, encoding="utf-8")
            os.replace(partial, log)
            where = f"; details are in {log}"
        finally:
            partial.unlink(missing_ok=True)
    except OSError:
        pass
    print(
        f"prepdeck: internal error ({type(error).__name__}: {error}){where}. Please report it.",
        file=sys.stderr,
    )
    return EXIT_INTERNAL
