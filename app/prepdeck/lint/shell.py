"""Shell scripts of RUN instructions, split into simple commands with word spans.

This is not a shell: it is a careful tokenizer that knows quotes, escapes, `$(...)`, `${...}`,
backticks, comments, redirections, line continuations and here-documents, and a grouper that cuts
the token stream into commands at `&&`, `||`, `;`, `|`, `&`, newlines and subshell parentheses,
skipping the words of control structures (`if ... then`, `for x in ...; do`, `case ... esac`).
That is what package-manager rules need: "every `apt-get install` command, its options and its
package words, each with a span".

    for command in instruction.script.find("apt-get", "install"):
        for word in command.positional(takes_value={"-o", "-t"})[1:]:   # [0] is "install"
            ... word.value, word.span ...

`Script.find` looks through wrappers (`sudo`, `env A=b`, `nice`, `time`, ...) unless told not to.
"""

from __future__ import annotations

import re

from prepdeck.lint.model import Span, TextMap, Word, _Record
from prepdeck.lint.registry import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable, Iterator

    from prepdeck.lint.model import Heredoc, Instruction

__all__ = [
    "SHELLS",
    "Command",
    "Redirect",
    "Script",
    "inline_script",
    "parse_script",
    "script_of_instruction",
    "substitutions",
]

SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh"})
_WRAPPERS = frozenset({"sudo", "env", "nice", "nohup", "time", "exec", "command", "doas", "stdbuf", "ionice"})
_WRAPPER_VALUE_OPTIONS = {
    "sudo": {"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"},
    "nice": {"-n"},
    "env": {"-u", "-C", "-S"},
    "stdbuf": {"-i", "-o", "-e"},
    "ionice": {"-c", "-n", "-p"},
}
GLOBAL_VALUE_OPTIONS = frozenset(
    {
        "-o",
        "-t",
        "-c",
        "-C",
        "--option",
        "--target-release",
        "--config",
        "--root",
        "--installroot",
        "--prefix",
        "--cwd",
    }
)
_OPENERS = frozenset({"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}"})
_LOOP_HEADS = frozenset({"for", "select"})
_SEPARATORS = frozenset({"&&", "||", ";", "|", "|&", "&", "\n", ";;"})
_REDIRECT = re.compile(r"\d*(?:<<<|<<-|&>>|<<|>>|>&|<&|&>|>\||<>|<|>)")
_PLAIN = re.compile(r"[^\s;&|()<>\\'\"$`]+")
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=")
_SPACE = " \t\r\f\v"


class Redirect(_Record):
    """`>`, `2>&`+`1`, `<<EOF`...: the operator (with its fd) and its target word."""

    __slots__ = ("operator", "span", "target")

    def __init__(self, operator: str, target: Word | None, span: Span) -> None:
        self.operator = operator
        self.target = target
        self.span = span


class Command:
    """One simple command: `DEBIAN_FRONTEND=noninteractive apt-get install -y curl`.

    words         the command name and its arguments (assignments and redirections excluded)
    assignments   leading `NAME=value` words
    redirects     `>`/`<`/`2>&1`... with their targets
    before/after  the operator joining it to the previous/next command ("&&", "||", ";", "|", "&")
                  or None at either end of the script; a newline counts as ";"
    depth         how many subshells `( ... )` it sits in
    """

    __slots__ = (
        "_program",
        "_unwrapped",
        "after",
        "assignments",
        "before",
        "depth",
        "redirects",
        "words",
        "wrappers",
    )

    def __init__(
        self,
        words: list[Word] | None = None,
        assignments: list[Word] | None = None,
        redirects: list[Redirect] | None = None,
        before: str | None = None,
        after: str | None = None,
        depth: int = 0,
        wrappers: list[Word] | None = None,
    ) -> None:
        self.words: list[Word] = words if words is not None else []
        self.assignments: list[Word] = assignments if assignments is not None else []
        self.redirects: list[Redirect] = redirects if redirects is not None else []
        self.before = before
        self.after = after
        self.depth = depth
        self.wrappers: list[Word] = wrappers if wrappers is not None else []
        self._unwrapped: Command | None = None
        self._program: str | None = None

    # -- names -------------------------------------------------------------------------------
    @property
    def name(self) -> Word | None:
        return self.words[0] if self.words else None

    @property
    def program(self) -> str:
        """The command's base name: `/usr/bin/apt-get` -> `apt-get`; '' for a bare assignment."""
        program = self._program
        if program is None:
            words = self.words
            if not words:
                return ""  # not cached: a command under construction may still get its name
            value = words[0].value
            program = self._program = value[value.rfind("/") + 1 :]
        return program

    @property
    def args(self) -> list[Word]:
        return self.words[1:]

    @property
    def subcommand(self) -> Word | None:
        """The first argument that is not an option (`install` in `apt-get -q install x`).

        The value after a common value-taking global option (`-o`, `-t`, `-c`, `-C`, `--option`...,
        see GLOBAL_VALUE_OPTIONS) is skipped, so `apt-get -o Dpkg::Use-Pty=0 install` finds `install`.
        """
        skip = False
        for word in self.args:
            value = word.value
            if skip:
                skip = False
                continue
            if value in GLOBAL_VALUE_OPTIONS:
                skip = True
            elif not value.startswith("-") or value == "-":
                return word
        return None

    # -- options -----------------------------------------------------------------------------
    def option(self, *names: str) -> Word | None:
        """The first argument matching one of `names` ("-y", "--yes"...), or None.

        Short names also match inside a cluster (`-qy` has `-y`); long names match `--name=value`.
        Arguments after a bare `--` are not options.
        """
        shorts = {name[1] for name in names if len(name) == 2 and name[0] == "-" and name[1] != "-"}
        longs = {name for name in names if name.startswith("--") or len(name) > 2}
        for word in self.args:
            value = word.value
            if value == "--":
                break
            if value in longs or value in names:
                return word
            if value.startswith("--"):
                if value.partition("=")[0] in longs:
                    return word
            elif (
                value.startswith("-")
                and len(value) > 1
                and shorts
                and any(char in shorts for char in value[1:])
            ):
                return word
        return None

    def has_option(self, *names: str) -> bool:
        return self.option(*names) is not None

    def positional(self, takes_value: Iterable[str] = ()) -> list[Word]:
        """Arguments that are not options, skipping the value after each option in `takes_value`."""
        needs_value = set(takes_value)
        result: list[Word] = []
        skip_next = False
        options_done = False
        for word in self.args:
            value = word.value
            if skip_next:
                skip_next = False
                continue
            if options_done or not value.startswith("-") or value == "-":
                result.append(word)
            elif value == "--":
                options_done = True
            elif value in needs_value:
                skip_next = True
        return result

    # -- position ----------------------------------------------------------------------------
    @property
    def span(self) -> Span:
        parts = [w.span for w in (*self.wrappers, *self.assignments, *self.words)] + [
            r.span for r in self.redirects
        ]
        first = parts[0]
        for other in parts[1:]:
            first = first.cover(other)
        return first

    @property
    def in_pipeline(self) -> bool:
        return self.before in ("|", "|&") or self.after in ("|", "|&")

    def is_(self, program: str, *subcommand: str) -> bool:
        """`command.is_("apt-get", "install")`: this program, and this first non-option argument."""
        if self.program != program:
            return False
        if not subcommand:
            return True
        sub = self.subcommand
        return sub is not None and sub.value in subcommand

    def unwrap(self) -> Command:
        """The command a wrapper runs: `sudo -u x apt-get install` -> `apt-get install`.

        The wrapper words are kept in `.wrappers`; a command without wrapper is returned as is.
        """
        if self._unwrapped is None:
            self._unwrapped = self._unwrap()
        return self._unwrapped

    def _unwrap(self) -> Command:
        index = 0
        words = self.words
        assignments = list(self.assignments)
        while index < len(words) and words[index].value.rsplit("/", 1)[-1] in _WRAPPERS:
            wrapper = words[index].value.rsplit("/", 1)[-1]
            index += 1
            value_options = _WRAPPER_VALUE_OPTIONS.get(wrapper, set())
            while index < len(words):
                value = words[index].value
                if value.startswith("-") and value != "-":
                    index += 2 if value in value_options else 1
                elif wrapper == "env" and _ASSIGNMENT.match(value):
                    assignments.append(words[index])
                    index += 1
                else:
                    break
        if index == 0:
            return self
        return Command(
            words=words[index:],
            assignments=assignments,
            redirects=self.redirects,
            before=self.before,
            after=self.after,
            depth=self.depth,
            wrappers=self.wrappers + words[:index],
        )

    def __repr__(self) -> str:
        return "Command(" + " ".join(word.text for word in self.words) + ")"


class Script:
    """A shell script: its text and its commands in order."""

    __slots__ = ("_programs", "_unwrapped", "commands", "text")

    def __init__(self, text: str, commands: list[Command] | None = None) -> None:
        self.text = text
        self.commands: list[Command] = commands if commands is not None else []
        self._programs: frozenset[str] | None = None
        self._unwrapped: list[Command] | None = None

    def __repr__(self) -> str:
        return f"Script({self.commands!r})"

    def __iter__(self) -> Iterator[Command]:
        return iter(self.commands)

    def find(self, program: str, *subcommand: str, unwrap: bool = True) -> list[Command]:
        """Commands running `program` (with one of `subcommand` as first non-option argument, if given)."""
        found = []
        for command in self.commands:
            candidate = command.unwrap() if unwrap else command
            if candidate.is_(program, *subcommand):
                found.append(candidate)
        return found

    def unwrapped(self) -> list[Command]:
        """Every command that has words, wrappers such as `sudo` looked through; computed once."""
        if self._unwrapped is None:
            self._unwrapped = [command.unwrap() for command in self.commands if command.words]
        return self._unwrapped

    def programs(self) -> frozenset[str]:
        """The programs the script runs (wrappers looked through), computed once."""
        if self._programs is None:
            self._programs = frozenset(command.program for command in self.unwrapped())
        return self._programs

    @property
    def has_pipe(self) -> bool:
        return any(command.after in ("|", "|&") for command in self.commands)


# -- tokenizer ---------------------------------------------------------------------------------
# A token: (kind, raw, value, start, end); kind is "word", "op" or "redir".
_Token = tuple[str, str, str, int, int]


def _skip_balanced(text: str, index: int, opener: str, closer: str) -> int:
    """Index just past the `closer` matching the `opener` at text[index]; end of text if unbalanced."""
    depth = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "'" and opener == "(":
            end = text.find("'", index + 1)
            index = length if end < 0 else end + 1
            continue
        if char == '"' and opener == "(":
            index = _skip_double_quoted(text, index)
            continue
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return length


def _skip_double_quoted(text: str, index: int) -> int:
    """Index just past the closing quote of the double-quoted string starting at text[index]."""
    index += 1
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\\":
            index += 2
        elif char == '"':
            return index + 1
        elif text.startswith("$(", index):
            index = _skip_balanced(text, index + 1, "(", ")")
        elif char == "`":
            end = text.find("`", index + 1)
            index = length if end < 0 else end + 1
        else:
            index += 1
    return length


def _read_word(text: str, index: int) -> tuple[str, int]:
    """Reads one word from text[index]; returns (value without quotes, end index)."""
    length = len(text)
    value: list[str] = []
    while index < length:
        plain = _PLAIN.match(text, index)
        if plain is not None:
            value.append(plain.group())
            index = plain.end()
            continue
        char = text[index]
        if char in " \t\r\n\f\v;&|()<>":
            break
        if char == "\\":
            if index + 1 < length:
                if text[index + 1] != "\n":
                    value.append(text[index + 1])
                index += 2
            else:
                index += 1
        elif char == "'":
            end = text.find("'", index + 1)
            end = length if end < 0 else end
            value.append(text[index + 1 : end])
            index = end + 1
        elif char == '"':
            end = _skip_double_quoted(text, index)
            inner = text[index + 1 : end - 1 if end <= length and text[end - 1 : end] == '"' else end]
            value.append(re.sub(r'\\([\\"$`\n])', lambda m: "" if m.group(1) == "\n" else m.group(1), inner))
            index = end
        elif text.startswith("$(", index):
            end = _skip_balanced(text, index + 1, "(", ")")
            value.append(text[index:end])
            index = end
        elif text.startswith("${", index):
            end = text.find("}", index)
            end = length if end < 0 else end + 1
            value.append(text[index:end])
            index = end
        elif char == "`":
            end = text.find("`", index + 1)
            end = length if end < 0 else end + 1
            value.append(text[index:end])
            index = end
        else:  # a lone `$`
            value.append(char)
            index += 1
    return "".join(value), index


def _tokenize(text: str, heredoc_bodies: bool) -> list[_Token]:
    tokens: list[_Token] = []
    length = len(text)
    index = 0
    pending: list[tuple[str, bool]] = []  # here-document delimiters waiting for the next newline
    expect_delimiter: bool | None = None  # after `<<` / `<<-`: strip tabs?
    while index < length:
        char = text[index]
        if char in _SPACE:
            index += 1
            continue
        if char == "\\" and text.startswith("\n", index + 1):
            index += 2
            continue
        if char == "#":
            end = text.find("\n", index)
            index = length if end < 0 else end
            continue
        if char == "\n":
            tokens.append(("op", "\n", "\n", index, index + 1))
            index += 1
            if pending and heredoc_bodies:
                index = _skip_heredoc_bodies(text, index, pending)
            pending = []
            continue
        redirect = _REDIRECT.match(text, index) if char in "<>&0123456789" else None
        if redirect is not None and (char in "<>&" or _REDIRECT.fullmatch(redirect.group())):
            operator = redirect.group()
            if char.isdigit() or operator.startswith(("<", ">", "&")):
                tokens.append(("redir", operator, operator, index, redirect.end()))
                index = redirect.end()
                if operator.endswith(("<<", "<<-")):
                    expect_delimiter = operator.endswith("<<-")
                continue
        two = text[index : index + 2]
        if two in ("&&", "||", ";;", "|&"):
            tokens.append(("op", two, two, index, index + 2))
            index += 2
            continue
        if char in ";|&()":
            tokens.append(("op", char, char, index, index + 1))
            index += 1
            continue
        value, end = _read_word(text, index)
        if end == index:  # never loop forever on an unexpected character
            end = index + 1
            value = text[index]
        tokens.append(("word", text[index:end], value, index, end))
        if expect_delimiter is not None:
            pending.append((value, expect_delimiter))
            expect_delimiter = None
        index = end
    return tokens


def _skip_heredoc_bodies(text: str, index: int, pending: list[tuple[str, bool]]) -> int:
    for delimiter, strip_tabs in pending:
        while index < len(text):
            end = text.find("\n", index)
            end = len(text) if end < 0 else end
            line = text[index:end]
            index = end + 1
            if (line.lstrip("\t") if strip_tabs else line) == delimiter:
                break
    return min(index, len(text))


# -- grouping ----------------------------------------------------------------------------------
def parse_script(
    text: str, text_map: TextMap | None = None, *, base: int = 0, heredoc_bodies: bool = True
) -> Script:
    """Split `text` into commands. `text_map` maps offset base+i of text to source positions."""
    if text_map is None:
        text_map = TextMap()
        line_start = 0
        for number, line in enumerate(text.split("\n"), 1):
            text_map.add(line_start, number, 1, len(line) + 1)
            line_start += len(line) + 1
        base = 0

    def word(raw: str, value: str, start: int, end: int) -> Word:
        return Word.located(raw, value, text_map, base + start, base + end)

    script = Script(text=text)
    current = Command()
    before: str | None = None
    depth = 0
    redirect: tuple[str, int, int] | None = None
    skip_mode: str | None = None  # "loop": `for x in a b` up to `;`/`do`; "case": `case x` up to `in`
    case_depth = 0
    in_pattern = False

    def finish(after: str | None) -> None:
        nonlocal current, before
        if current.words or current.assignments:
            current.before = before
            current.after = after
            current.depth = depth
            script.commands.append(current)
            before = after
        current = Command()

    for kind, raw, value, start, end in _tokenize(text, heredoc_bodies):
        if kind == "redir":
            redirect = (raw, start, end)
            continue
        if redirect is not None:
            operator, redirect_start, redirect_end = redirect
            redirect = None
            if kind == "word":
                target = word(raw, value, start, end)
                current.redirects.append(
                    Redirect(operator, target, text_map.span(base + redirect_start, base + end))
                )
                continue
            current.redirects.append(
                Redirect(operator, None, text_map.span(base + redirect_start, base + redirect_end))
            )
        if kind == "op":
            if in_pattern:
                if raw == ")":
                    in_pattern = False
                continue
            if raw == "(":
                finish(before)
                depth += 1
                continue
            if raw == ")":
                finish(None)
                depth = max(0, depth - 1)
                continue
            if skip_mode == "loop":
                skip_mode = None
            separator = ";" if raw in ("\n", ";;") else raw
            if raw == ";;" and case_depth:
                in_pattern = True
            if current.words or current.assignments:
                finish(separator)
            else:
                current = Command()  # a piece with only redirections (`done < f`) is no command
                if raw in ("&&", "||", "|", "|&"):
                    before = raw
            continue
        # a word
        if skip_mode is not None:
            if skip_mode == "loop" and value == "do":
                skip_mode = None
            elif skip_mode == "case" and value == "in":
                skip_mode = None
                in_pattern = True
            continue
        if in_pattern:
            if value == "esac":
                in_pattern = False
                case_depth -= 1
            continue
        if not current.words and not current.assignments:
            if value in _OPENERS:
                continue
            if value in _LOOP_HEADS:
                skip_mode = "loop"
                continue
            if value == "case":
                case_depth += 1
                skip_mode = "case"
                continue
            if value == "esac" and case_depth:
                case_depth -= 1
                continue
        if not current.words and _ASSIGNMENT.match(raw):
            # every `NAME=value` before the command name is an assignment: `A=1 B=2 apt-get ...`
            current.assignments.append(word(raw, value, start, end))
            continue
        current.words.append(word(raw, value, start, end))
    finish(None)
    return script


def script_of_instruction(instruction: Instruction) -> Script:
    """The script a RUN (or other shell-form instruction) runs; see Instruction.script."""
    if instruction.is_json:
        words = instruction.exec_args
        return Script(
            text=" ".join(w.value for w in words), commands=[Command(words=list(words))] if words else []
        )
    text = instruction.command_text
    text_map = instruction.text_map
    offset = instruction.arguments_offset
    if instruction.keyword == "HEALTHCHECK" and instruction.words:
        offset = instruction.arguments_offset + instruction.arguments.find(text) if text else offset
    if text_map is None:
        return parse_script(text)
    heredoc_markers = {heredoc.marker.text for heredoc in instruction.heredocs}
    line_words = [word for word in text.split() if word not in heredoc_markers]
    if instruction.heredocs and not line_words:
        return _heredoc_script(instruction.heredocs[0])
    script = parse_script(text, text_map, base=offset, heredoc_bodies=False)
    if instruction.heredocs:
        runs_shell = any(
            command.program in SHELLS and not command.has_option("-c") for command in script.commands
        )
        if runs_shell:
            for heredoc in instruction.heredocs:
                script.commands.extend(_heredoc_script(heredoc).commands)
    return script


def _heredoc_script(heredoc: Heredoc) -> Script:
    text_map = TextMap()
    offset = 0
    body = heredoc.content
    for number, line in enumerate(body.split("\n")[:-1] if body else []):
        text_map.add(offset, heredoc.body_line + number, 1, len(line) + 1)
        offset += len(line) + 1
    if not body:
        text_map.add(0, heredoc.body_line, 1, 0)
    return parse_script(body, text_map)


# -- scripts inside words ------------------------------------------------------------------------
def substitutions(word: Word) -> list[Script]:
    """The scripts of the command substitutions in a word: `$(...)` and backticks, with exact spans.

    `"$(dpkg --print-architecture | awk ...)"` holds a pipeline that the outer script never sees
    as a command; rules about pipes and commands look inside with this. Single-quoted text is
    literal and skipped; `$((...))` is arithmetic, not a command.
    """
    text = word.text
    if "$(" not in text and "`" not in text:
        return []
    text_map = word._map
    if text_map is None:
        return []
    found: list[Script] = []
    index = 0
    length = len(text)
    in_double = False
    while index < length:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "'" and not in_double:
            end = text.find("'", index + 1)
            index = length if end < 0 else end + 1
            continue
        if char == '"':
            in_double = not in_double
            index += 1
            continue
        if text.startswith("$((", index):
            index = _skip_balanced(text, index + 1, "(", ")")
            continue
        if text.startswith("$(", index):
            end = _skip_balanced(text, index + 1, "(", ")")
            body_end = end - 1 if text[end - 1 : end] == ")" else end
            found.append(parse_script(text[index + 2 : body_end], text_map, base=word._start + index + 2))
            index = end
            continue
        if char == "`":
            end = text.find("`", index + 1)
            body_end = length if end < 0 else end
            found.append(parse_script(text[index + 1 : body_end], text_map, base=word._start + index + 1))
            index = body_end + 1
            continue
        index += 1
    return found


def inline_script(command: Command) -> Script | None:
    """The script of `sh -c '...'` (any shell in SHELLS), spans pointing into the quoted text."""
    if command.program not in SHELLS:
        return None
    args = command.args
    for position, word in enumerate(args[:-1]):
        value = word.value
        if value.startswith("-") and not value.startswith("--") and "c" in value[1:]:
            script_word = args[position + 1]
            text_map = script_word._map
            raw = script_word.text
            quoted = (
                len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0] and raw[1:-1] == script_word.value
            )
            if text_map is None or not (quoted or raw == script_word.value):
                # escapes inside the quotes: every command is placed at the start of the word
                span = script_word.span
                approximate = TextMap()
                approximate.add(0, span.line, span.column, 0)
                return parse_script(script_word.value, approximate)
            return parse_script(script_word.value, text_map, base=script_word._start + (1 if quoted else 0))
    return None


def sets_pipefail(words: list[str]) -> bool:
    """`-o pipefail`, `-eo pipefail`, `-euxo pipefail` or `set -o pipefail` among the words."""
    for position in range(len(words) - 1):
        word = words[position]
        if (
            words[position + 1] == "pipefail"
            and word.startswith("-")
            and not word.startswith("--")
            and word.endswith("o")
        ):
            return True
    return False
