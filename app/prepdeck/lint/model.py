"""The parsed Dockerfile: what rules, drill requirements and the editor read.

Positions are 1-based lines and columns counted in characters, as an editor shows them. A `Span`
runs from (line, column) to (end_line, end_column) where the end column is *exclusive*: it is the
column just after the last character, as in SARIF and most editors. An empty span (same start and
end) marks a place, e.g. where a missing argument should go.

Everything here is plain data plus small accessors; `parser.py` builds it and nothing in this module
parses text except the image-reference and mount helpers, which are tiny and pure.

Quick tour (the names rules and drills use most):

    df = parse(text)                     # from prepdeck.lint import parse
    df.stages[-1] / df.final_stage       # Stage: .base (ImageRef), .name, .instructions, .user
    df.instructions_of("COPY")           # every COPY in file order (ONBUILD contents excluded)
    ins.keyword, ins.flags, ins.flag("from"), ins.words, ins.is_json, ins.exec_args,
    ins.command_text, ins.heredocs, ins.pairs (ENV/LABEL/ARG), ins.image (FROM), ins.mounts (RUN)
    ins.script.commands                  # RUN only: shell commands with word spans (shell.py)
    df.variables_at(ins), df.expand("$APP/bin", at=ins)   # ARG/ENV values known at that point
"""

from __future__ import annotations

import bisect
from collections import namedtuple

from prepdeck.lint.registry import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterator
    from typing import NamedTuple

    from prepdeck.lint.parser import Chunk
    from prepdeck.lint.shell import Script

__all__ = [
    "KNOWN_INSTRUCTIONS",
    "Comment",
    "Diagnostic",
    "Dockerfile",
    "Flag",
    "Heredoc",
    "ImageRef",
    "Instruction",
    "KeyValue",
    "Mount",
    "Span",
    "Stage",
    "TextMap",
    "Word",
]

KNOWN_INSTRUCTIONS = frozenset(
    {
        "ADD",
        "ARG",
        "CMD",
        "COPY",
        "ENTRYPOINT",
        "ENV",
        "EXPOSE",
        "FROM",
        "HEALTHCHECK",
        "LABEL",
        "MAINTAINER",
        "ONBUILD",
        "RUN",
        "SHELL",
        "STOPSIGNAL",
        "USER",
        "VOLUME",
        "WORKDIR",
    }
)


if TYPE_CHECKING:  # pragma: no cover: the type checker sees the fields' types

    class _SpanFields(NamedTuple):
        line: int
        column: int
        end_line: int
        end_column: int

else:  # at run time a plain namedtuple: `typing` stays off the path of `prepdeck lint FILE`
    _SpanFields = namedtuple("Span", "line column end_line end_column")


class Span(_SpanFields):
    """A region of the source: 1-based, end column exclusive (an immutable tuple)."""

    __slots__ = ()

    @classmethod
    def point(cls, line: int, column: int) -> Span:
        return cls(line, column, line, column)

    def cover(self, other: Span) -> Span:
        """The smallest span holding both."""
        start = min((self.line, self.column), (other.line, other.column))
        end = max((self.end_line, self.end_column), (other.end_line, other.end_column))
        return Span(start[0], start[1], end[0], end[1])

    def contains_line(self, line: int) -> bool:
        return self.line <= line <= self.end_line

    def __str__(self) -> str:
        return f"{self.line}:{self.column}-{self.end_line}:{self.end_column}"


class TextMap:
    """Maps offsets in a *logical* text (continuation lines joined) back to source positions.

    The logical text is made of segments; each segment is a run of characters copied from one
    source line starting at a given column. Offsets past the end map to the end of the last segment.
    """

    __slots__ = ("_columns", "_lengths", "_lines", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._lines: list[int] = []
        self._columns: list[int] = []
        self._lengths: list[int] = []

    def add(self, offset: int, line: int, column: int, length: int) -> None:
        self._starts.append(offset)
        self._lines.append(line)
        self._columns.append(column)
        self._lengths.append(length)

    def position(self, offset: int, *, end: bool = False) -> tuple[int, int]:
        """Source (line, column) of the character at `offset`.

        With end=True, `offset` is an exclusive end: the position just after the character at
        offset-1, which stays on that character's line even when offset starts the next segment.
        """
        starts = self._starts
        if not starts:
            return (1, 1)
        probe = offset - 1 if end and offset > 0 else offset
        if len(starts) == 1:
            delta = probe + (1 if end and offset > 0 else 0)
            return (self._lines[0], self._columns[0] + max(delta, 0))
        index = bisect.bisect_right(self._starts, probe) - 1
        if index < 0:
            index = 0
        delta = probe - self._starts[index]
        if end and offset > 0:
            delta += 1
        return (self._lines[index], self._columns[index] + max(delta, 0))

    def span(self, start: int, end: int) -> Span:
        starts = self._starts
        if len(starts) == 1:  # one source line: plain arithmetic (the common case)
            line = self._lines[0]
            base = self._columns[0] - starts[0]
            first = base + max(start, starts[0])
            return Span(line, first, line, base + end if end > start else first)
        line, column = self.position(start)
        if end <= start:
            return Span(line, column, line, column)
        end_line, end_column = self.position(end, end=True)
        return Span(line, column, end_line, end_column)


class Word:
    """One token: `text` exactly as written, `value` with quotes and escapes removed, and `span`.

    The span is worked out on first use (most words are never reported), from the offsets of the
    word in its instruction's logical line.
    """

    __slots__ = ("_end", "_map", "_span", "_start", "text", "value")

    def __init__(self, text: str, value: str, span: Span | None = None) -> None:
        self.text = text
        self.value = value
        self._span = span
        self._map: TextMap | None = None
        self._start = 0
        self._end = 0

    @classmethod
    def located(cls, text: str, value: str, text_map: TextMap, start: int, end: int) -> Word:
        word = cls(text, value)
        word._map, word._start, word._end = text_map, start, end
        return word

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._map.span(self._start, self._end) if self._map is not None else Span(1, 1, 1, 1)
        return self._span

    @span.setter
    def span(self, value: Span) -> None:
        self._span = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Word) and (self.text, self.value, self.span) == (
            other.text,
            other.value,
            other.span,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Word(text={self.text!r}, value={self.value!r}, span={self.span!r})"

    def __str__(self) -> str:
        return self.value


class _Record:
    """Plain data with a readable repr and field-wise equality (dataclasses are slow to import)."""

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__ if not name.startswith("_"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Record) and type(other) is type(self) and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={getattr(self, name)!r}" for name in self.__slots__ if not name.startswith("_")
        )
        return f"{type(self).__name__}({shown})"


class Flag(_Record):
    """A builder flag such as `--from=build` (`name` "from", `value` "build") or `--link` (value None)."""

    __slots__ = ("name", "span", "text", "value", "value_span")

    def __init__(
        self, name: str, value: str | None, text: str, span: Span, value_span: Span | None = None
    ) -> None:
        self.name = name
        self.value = value
        self.text = text
        self.span = span
        self.value_span = value_span


class Mount(_Record):
    """A parsed `RUN --mount=...` flag: `type` (default "bind") and its other options."""

    __slots__ = ("flag", "options", "type")

    def __init__(self, type: str, options: dict[str, str], flag: Flag) -> None:
        self.type = type
        self.options = options
        self.flag = flag

    @property
    def target(self) -> str | None:
        return self.options.get("target") or self.options.get("dst") or self.options.get("destination")

    @classmethod
    def from_flag(cls, flag: Flag) -> Mount:
        options: dict[str, str] = {}
        for part in (flag.value or "").split(","):
            key, sep, value = part.partition("=")
            key = key.strip().lower()
            if key:
                options[key] = value.strip() if sep else "true"
        return cls(type=options.get("type", "bind").lower(), options=options, flag=flag)


class KeyValue(_Record):
    """One ENV/LABEL pair or ARG declaration. `value` is None for `ARG NAME` without a default.

    `legacy` is True for the space-separated form `ENV key value`.
    """

    __slots__ = ("key", "legacy", "span", "value")

    def __init__(self, key: Word, value: Word | None, legacy: bool = False, span: Span | None = None) -> None:
        self.key = key
        self.value = value
        self.legacy = legacy
        self.span = span

    @property
    def name(self) -> str:
        return self.key.value


class Heredoc(_Record):
    """A here-document attached to RUN/COPY/ADD, e.g. `<<EOF` ... `EOF`.

    `content` is the body exactly as BuildKit keeps it (each line followed by a newline; with `<<-`
    the leading tabs are still present). `marker` is the `<<EOF` word on the instruction line,
    `body_span` runs from the first body line to the end of the terminator line.
    """

    __slots__ = (
        "body_line",
        "body_span",
        "chomp",
        "content",
        "file_descriptor",
        "marker",
        "name",
        "quoted",
        "terminated",
    )

    def __init__(
        self,
        name: str,
        marker: Word,
        chomp: bool,
        quoted: bool,
        file_descriptor: int,
        content: str,
        body_line: int,
        body_span: Span,
        terminated: bool = True,
    ) -> None:
        self.name = name
        self.marker = marker
        self.chomp = chomp
        self.quoted = quoted
        self.file_descriptor = file_descriptor
        self.content = content
        self.body_line = body_line
        self.body_span = body_span
        self.terminated = terminated

    @property
    def expands_variables(self) -> bool:
        return not self.quoted


class ImageRef(_Record):
    """A FROM image reference, split into its parts.

    `text` is as written; `resolved` is the text with known ARG values substituted (None when a
    variable has no known value). `registry` is None for Docker Hub; `stage` is set when the name
    refers to an earlier build stage instead of an image.
    """

    __slots__ = (
        "digest",
        "digest_span",
        "registry",
        "repository",
        "resolved",
        "span",
        "stage",
        "tag",
        "tag_span",
        "text",
    )

    def __init__(
        self,
        text: str,
        span: Span,
        resolved: str | None = None,
        registry: str | None = None,
        repository: str = "",
        tag: str | None = None,
        digest: str | None = None,
        tag_span: Span | None = None,
        digest_span: Span | None = None,
        stage: Stage | None = None,
    ) -> None:
        self.text = text
        self.span = span
        self.resolved = resolved
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.tag_span = tag_span
        self.digest_span = digest_span
        self.stage = stage

    def __repr__(self) -> str:
        stage = f", stage={self.stage.index}" if self.stage is not None else ""
        return f"ImageRef(text={self.text!r}, resolved={self.resolved!r}, tag={self.tag!r}, digest={self.digest!r}{stage})"

    @property
    def uses_variables(self) -> bool:
        return "$" in self.text

    @property
    def is_scratch(self) -> bool:
        return (self.resolved or self.text).lower() == "scratch"

    @property
    def pinned(self) -> bool:
        """Pinned by tag or digest (scratch and stage references count as pinned)."""
        return bool(self.tag or self.digest or self.is_scratch or self.stage is not None)

    @staticmethod
    def split(reference: str) -> tuple[str | None, str, str | None, str | None]:
        """(registry, repository, tag, digest) of a reference like `ghcr.io/a/b:1.2@sha256:...`."""
        digest = None
        at = reference.find("@")
        if at >= 0:
            digest = reference[at + 1 :]
            reference = reference[:at]
        registry = None
        first, slash, remainder = reference.partition("/")
        if slash and ("." in first or ":" in first or first == "localhost"):
            registry = first
            reference = remainder
        tag = None
        colon = reference.rfind(":")
        if colon >= 0 and "/" not in reference[colon:]:
            tag = reference[colon + 1 :]
            reference = reference[:colon]
        return registry, reference, tag, digest


class Comment(_Record):
    """A comment line (`# ...`); `text` is what follows the `#`, stripped."""

    __slots__ = ("inside_instruction", "span", "text")

    def __init__(self, text: str, span: Span, inside_instruction: bool = False) -> None:
        self.text = text
        self.span = span
        self.inside_instruction = inside_instruction


class Diagnostic(_Record):
    """A parse problem. It becomes a DL1000 finding; parsing carries on after it."""

    __slots__ = ("level", "message", "span")

    def __init__(self, message: str, span: Span, level: str = "error") -> None:
        self.message = message
        self.span = span
        self.level = level


class Instruction:
    """One Dockerfile instruction, continuation lines and heredocs included.

    keyword        upper-case name ("RUN"); `keyword_text` as typed ("run")
    known          False for an unknown instruction (also reported as a diagnostic)
    span           from the keyword to the end of the last line (heredoc bodies included)
    flags          builder flags (`--from=...`) in order
    arguments      the text after the flags, continuations joined (BuildKit's view); `arguments_span`
    words          the arguments split into words (whitespace; quotes respected where BuildKit does)
    is_json        exec (JSON array) form; then `exec_args` holds the array items
    heredocs       here-documents in order
    pairs          ENV/LABEL pairs and ARG declarations
    image, stage_name   FROM only: the base image and the `AS name` word
    sub            ONBUILD only: the instruction it registers
    comments       the comment lines directly above (hadolint reads its pragmas here)
    """

    __slots__ = (
        "_script",
        "arguments",
        "arguments_offset",
        "arguments_span",
        "comments",
        "exec_args",
        "flags",
        "heredocs",
        "image",
        "index",
        "is_json",
        "keyword",
        "keyword_span",
        "keyword_text",
        "known",
        "pairs",
        "parent",
        "span",
        "stage",
        "stage_name",
        "sub",
        "text_map",
        "words",
    )

    def __init__(
        self,
        keyword: str,
        keyword_text: str,
        known: bool,
        span: Span,
        keyword_span: Span,
        *,
        index: int = 0,
        text_map: TextMap | None = None,
        parent: Instruction | None = None,
    ) -> None:
        self.keyword = keyword
        self.keyword_text = keyword_text
        self.known = known
        self.span = span
        self.keyword_span = keyword_span
        self.index = index
        self.flags: list[Flag] = []
        self.arguments = ""
        self.arguments_span: Span | None = None
        self.arguments_offset = 0
        self.words: list[Word] = []
        self.is_json = False
        self.exec_args: list[Word] = []
        self.heredocs: list[Heredoc] = []
        self.pairs: list[KeyValue] = []
        self.image: ImageRef | None = None
        self.stage_name: Word | None = None
        self.sub: Instruction | None = None
        self.parent = parent
        self.comments: list[Comment] = []
        self.stage: Stage | None = None
        self.text_map = text_map
        self._script: Script | None = None

    # -- positions ---------------------------------------------------------------------------
    @property
    def line(self) -> int:
        return self.span.line

    @property
    def end_line(self) -> int:
        return self.span.end_line

    @property
    def head_span(self) -> Span:
        """The instruction's own lines, without heredoc bodies: a good span for whole-instruction findings."""
        if self.arguments_span is not None:
            return self.keyword_span.cover(self.arguments_span)
        return self.keyword_span

    # -- flags -------------------------------------------------------------------------------
    def flag(self, name: str) -> Flag | None:
        """The last flag called `name` (without the dashes), as BuildKit lets the last one win."""
        found = None
        for flag in self.flags:
            if flag.name == name:
                found = flag
        return found

    def flags_named(self, name: str) -> list[Flag]:
        return [flag for flag in self.flags if flag.name == name]

    @property
    def mounts(self) -> list[Mount]:
        return [Mount.from_flag(flag) for flag in self.flags if flag.name == "mount"]

    # -- forms -------------------------------------------------------------------------------
    @property
    def is_shell_form(self) -> bool:
        return not self.is_json

    @property
    def command_text(self) -> str:
        """Shell-form command text (RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK CMD); '' in exec form."""
        if self.is_json:
            return ""
        if self.keyword == "HEALTHCHECK":
            return self.arguments[len(self.words[0].text) :].strip() if self.words else ""
        return self.arguments

    @property
    def script(self) -> Script:
        """RUN only (also works for any shell-form text): the shell commands, with word spans.

        `RUN <<EOF` with nothing else on the line runs the heredoc body as the script, so its
        commands are the body's; otherwise the line itself is the script.
        """
        if self._script is None:
            from prepdeck.lint.shell import script_of_instruction

            self._script = script_of_instruction(self)
        return self._script

    @property
    def sources(self) -> list[Word]:
        """COPY/ADD: every argument but the last (the destination)."""
        args = self.exec_args if self.is_json else self.words
        return list(args[:-1])

    @property
    def destination(self) -> Word | None:
        """COPY/ADD: the last argument."""
        args = self.exec_args if self.is_json else self.words
        return args[-1] if len(args) >= 2 else None

    def span_of(self, start: int, end: int) -> Span:
        """The source span of characters [start, end) of `arguments`' logical line (see TextMap)."""
        assert self.text_map is not None
        return self.text_map.span(start, end)

    def __repr__(self) -> str:
        return f"Instruction({self.keyword} {self.arguments!r} @{self.span})"


class Stage:
    """A build stage: a FROM and the instructions that follow it up to the next FROM."""

    __slots__ = ("from_instruction", "index", "instructions")

    def __init__(
        self, index: int, from_instruction: Instruction, instructions: list[Instruction] | None = None
    ) -> None:
        self.index = index
        self.from_instruction = from_instruction
        self.instructions: list[Instruction] = instructions if instructions is not None else []

    def __repr__(self) -> str:
        return f"Stage({self.index}, name={self.name!r}, {len(self.instructions)} instructions)"

    @property
    def name(self) -> str | None:
        """The `AS name`, lower-cased as BuildKit compares names; None when unnamed."""
        word = self.from_instruction.stage_name
        return word.value.lower() if word is not None else None

    @property
    def base(self) -> ImageRef | None:
        return self.from_instruction.image

    @property
    def base_stage(self) -> Stage | None:
        """The earlier stage this one builds on (`FROM build AS test`), if any."""
        return self.base.stage if self.base is not None else None

    @property
    def platform(self) -> Flag | None:
        return self.from_instruction.flag("platform")

    def instructions_of(self, *keywords: str) -> list[Instruction]:
        return [ins for ins in self.instructions if ins.keyword in keywords]

    def last(self, keyword: str) -> Instruction | None:
        for ins in reversed(self.instructions):
            if ins.keyword == keyword:
                return ins
        return None

    @property
    def user(self) -> Instruction | None:
        """The last USER instruction of this stage (not following FROM chains)."""
        return self.last("USER")

    def effective_user(self) -> str | None:
        """The user this stage runs as: its last USER, else the one inherited from a parent stage.

        None means no USER anywhere in the chain (the image's default, usually root).
        """
        stage: Stage | None = self
        seen = set()
        while stage is not None and stage.index not in seen:
            seen.add(stage.index)
            user = stage.user
            if user is not None:
                return user.arguments.strip()
            stage = stage.base_stage
        return None

    @property
    def span(self) -> Span:
        last = self.instructions[-1] if self.instructions else self.from_instruction
        return self.from_instruction.span.cover(last.span)


class Dockerfile:
    """The whole parsed file.

    instructions   every top-level instruction in order (those before the first FROM included)
    stages         one per FROM; `final_stage` is the last
    global_args    the ARGs before the first FROM
    directives     parser directives by lower-case name (`syntax`, `escape`, `check`)
    comments       every comment line (pragmas included)
    diagnostics    parse problems (reported as DL1000); the rest of the file is still parsed
    lines          the source lines (line N is lines[N-1]), without line endings
    """

    __slots__ = (
        "_named",
        "_starts",
        "chunks",
        "comments",
        "diagnostics",
        "directives",
        "escape",
        "instructions",
        "lines",
        "stages",
        "text",
    )

    def __init__(self, text: str, lines: list[str]) -> None:
        self.text = text
        self.lines = lines
        self.instructions: list[Instruction] = []
        self.stages: list[Stage] = []
        self.comments: list[Comment] = []
        self.diagnostics: list[Diagnostic] = []
        self.directives: dict[str, str] = {}
        self.escape = "\\"
        self._starts: list[int] | None = None
        self._named: tuple[int, dict[str, Stage]] | None = None
        self.chunks: dict[int, Chunk] = {}  # by first line (0-based): what parse(previous=) reuses

    def __repr__(self) -> str:
        return f"Dockerfile({len(self.instructions)} instructions, {len(self.stages)} stages)"

    @property
    def final_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    @property
    def global_args(self) -> list[Instruction]:
        first_from = self.stages[0].from_instruction.index if self.stages else len(self.instructions)
        return [ins for ins in self.instructions[:first_from] if ins.keyword == "ARG"]

    def global_arg_defaults(self) -> dict[str, str | None]:
        """Names declared by ARGs before the first FROM, with their default (None if none)."""
        values: dict[str, str | None] = {}
        for ins in self.global_args:
            for pair in ins.pairs:
                values[pair.name] = pair.value.value if pair.value is not None else None
        return values

    def variables_at(self, instruction: Instruction) -> dict[str, str | None]:
        """The build variables visible to `instruction`, with their known values (None if unknown).

        As BuildKit scopes them: a global ARG is visible in a stage only once re-declared there
        (`ARG NAME`, which takes the global default); the stage's own ARG and ENV pairs count
        from where they are written, and ENV is inherited from a parent stage (`FROM build`).
        Values are expanded as they are read, so `ENV B=$A/x` knows B when an earlier
        instruction set A (not when the same ENV does: BuildKit reads the old value there).
        """
        from prepdeck.lint.lexing import expand

        globals_ = self.global_arg_defaults()
        stage = instruction.stage
        if stage is None:
            return dict(globals_)
        chain = []
        current: Stage | None = stage
        while current is not None and current not in chain:
            chain.append(current)
            current = current.base_stage
        values: dict[str, str | None] = {}
        for index, owner in enumerate(reversed(chain)):
            inherited_env = index < len(chain) - 1
            for ins in owner.instructions:
                if ins is instruction:
                    break
                if ins.keyword not in ("ARG", "ENV") or (inherited_env and ins.keyword == "ARG"):
                    continue
                # One ENV reads the values from before it (see DL3044); ARG names are read in order.
                source = dict(values) if ins.keyword == "ENV" else values
                for pair in ins.pairs:
                    if pair.value is None:
                        values[pair.name] = globals_.get(pair.name) if ins.keyword == "ARG" else None
                    else:
                        values[pair.name] = expand(pair.value.value, source)
        return values

    def expand(self, text: str, at: Instruction) -> str | None:
        """`text` with the variables visible at `at` substituted; None when one has no known value."""
        from prepdeck.lint.lexing import expand

        return expand(text, self.variables_at(at))

    def instructions_of(self, *keywords: str) -> list[Instruction]:
        return [ins for ins in self.instructions if ins.keyword in keywords]

    def walk(self) -> Iterator[Instruction]:
        """Every instruction, ONBUILD contents right after their ONBUILD."""
        for ins in self.instructions:
            yield ins
            if ins.sub is not None:
                yield ins.sub

    def stage_named(self, name: str) -> Stage | None:
        """The first stage called `name` (case-insensitive); one dict look-up, rebuilt if stages change."""
        named = self._named
        if named is None or named[0] != len(self.stages):
            index: dict[str, Stage] = {}
            for stage in self.stages:
                stage_name = stage.name
                if stage_name is not None:
                    index.setdefault(stage_name, stage)
            named = self._named = (len(self.stages), index)
        return named[1].get(name.lower())

    def stage_of(self, instruction: Instruction) -> Stage | None:
        return instruction.stage

    def instruction_at(self, line: int) -> Instruction | None:
        """The instruction whose span holds `line`, if any."""
        starts = self._starts
        if starts is None or len(starts) != len(self.instructions):
            starts = self._starts = [ins.span.line for ins in self.instructions]
        index = bisect.bisect_right(starts, line) - 1
        if index >= 0 and self.instructions[index].span.contains_line(line):
            return self.instructions[index]
        return None

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 1 <= line <= len(self.lines) else ""
