"""Our own tolerant Dockerfile parser, following BuildKit's grammar, with exact spans.

`parse(text)` never raises on any str or bytes input. What BuildKit would refuse becomes a
`Diagnostic` (reported as DL1000) and parsing goes on with the next instruction, so a half-typed
file in the drill editor still gets all its other findings.

How lines are read, as BuildKit reads them:
- parser directives (`# syntax=`, `# escape=`, `# check=`) only at the very top, before anything else;
- a line ending in the escape character (optionally followed by blanks) continues on the next line;
  comment lines and blank lines inside a continuation are skipped, and the pieces are joined as they
  are (no space added, no indentation removed);
- after a RUN/COPY/ADD line holding `<<WORD` markers, the following lines are the heredoc bodies,
  one per marker, each up to a line equal to WORD (`<<-` allows leading tabs before it).
"""

from __future__ import annotations

import re

from prepdeck.lint import lexing
from prepdeck.lint.model import (
    KNOWN_INSTRUCTIONS,
    Comment,
    Diagnostic,
    Dockerfile,
    Flag,
    Heredoc,
    ImageRef,
    Instruction,
    KeyValue,
    Span,
    Stage,
    TextMap,
    Word,
)

__all__ = ["decode", "parse"]

_DIRECTIVE = re.compile(r"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")
_DIRECTIVE_NAMES = ("syntax", "escape", "check")
_HEREDOC = re.compile(r"^(\d*)<<(-?)([^<]*)$")
_KEYWORD = re.compile(r"[^\t\v\f\r ]+")
_NOTHING = re.compile("")  # an empty match, for the (defensive) case of no keyword at all
_HEREDOC_KEYWORDS = frozenset({"RUN", "COPY", "ADD"})
_MAYBE_JSON = frozenset({"RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME"})
_WHITESPACE_ARGS = frozenset({"FROM", "EXPOSE", "COPY", "ADD", "VOLUME"})
_ALLOWED_FLAGS = {
    "FROM": {"platform"},
    "RUN": {"mount", "network", "security", "device"},
    "COPY": {"from", "chown", "chmod", "link", "parents", "exclude"},
    "ADD": {"chown", "chmod", "checksum", "link", "keep-git-dir", "exclude", "unpack"},
    "HEALTHCHECK": {"interval", "timeout", "start-period", "start-interval", "retries"},
}
_NEEDS_ARGUMENTS = frozenset(
    {
        "FROM",
        "RUN",
        "COPY",
        "ADD",
        "ENV",
        "LABEL",
        "ARG",
        "EXPOSE",
        "USER",
        "WORKDIR",
        "MAINTAINER",
        "STOPSIGNAL",
        "VOLUME",
        "SHELL",
        "HEALTHCHECK",
        "ONBUILD",
    }
)


def decode(data: str | bytes) -> tuple[str, list[str]]:
    """Text of a Dockerfile and the problems met decoding it (invalid UTF-8)."""
    problems: list[str] = []
    if isinstance(data, bytes) and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # UTF-16 with a byte-order mark (Windows editors write it); hadolint reads it too
        text = data.decode("utf-16", errors="replace")
        if "\ufffd" in text:
            problems.append("the file is not valid UTF-16; undecodable bytes were replaced")
    elif isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(
                f"the file is not valid UTF-8 (byte {error.start}); undecodable bytes were replaced"
            )
            text = data.decode("utf-8", errors="replace")
    else:
        text = data
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, problems


def parse(data: str | bytes, previous: Dockerfile | None = None) -> Dockerfile:
    """Parse a whole Dockerfile. Never raises; problems land in `.diagnostics`.

    `previous`, the parse of an earlier version of the same text (the drill editor, one keystroke
    ago), lends the new parse every instruction whose lines are unchanged and at the same line
    numbers: it is not parsed again. Those instructions then belong to the new parse (their
    index and stage are set for it), so `previous` must not be used afterwards.
    """
    text, problems = decode(data)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    dockerfile = Dockerfile(text=text, lines=lines)
    for problem in problems:
        dockerfile.diagnostics.append(Diagnostic(problem, Span(1, 1, 1, 1)))
    if "\x00" in text:
        line_number = text.count("\n", 0, text.index("\x00")) + 1
        dockerfile.diagnostics.append(
            Diagnostic(
                "the file contains a NUL byte; is it really a text file?",
                Span(line_number, 1, line_number, 1),
            )
        )
    _Reader(dockerfile, previous).run()
    _build_stages(dockerfile)
    return dockerfile


class _Reader:
    """Walks the lines once, building instructions; one instance per parse."""

    def __init__(self, dockerfile: Dockerfile, previous: Dockerfile | None = None) -> None:
        self.df = dockerfile
        self.lines = dockerfile.lines
        self.escape = "\\"
        self.continuation = re.compile(r"\\[ \t]*$")
        self.previous = previous
        self.read_to_end = False  # set by gather() when a continuation ran into the end of the file

    # -- directives --------------------------------------------------------------------------
    def read_directives(self) -> int:
        """Reads the parser directives at the top; returns the index of the first other line."""
        index = 0
        for index, line in enumerate(self.lines):
            stripped = line.lstrip()
            match = _DIRECTIVE.match(stripped)
            if match is None or match.group(1).lower() not in _DIRECTIVE_NAMES:
                return index
            name, value = match.group(1).lower(), match.group(2)
            column = len(line) - len(stripped) + 1
            span = Span(index + 1, column, index + 1, len(line.rstrip()) + 1)
            self.df.comments.append(Comment(stripped[1:].strip(), span))
            if name in self.df.directives:
                self.diagnose(f"only one `{name}` parser directive can be used; this one is ignored", span)
                continue
            self.df.directives[name] = value
            if name == "escape":
                if value in ("\\", "`"):
                    self.escape = value
                    self.continuation = re.compile(re.escape(value) + r"[ \t]*$")
                else:
                    self.diagnose(f"invalid escape character {value!r}: it must be ` or \\; using \\", span)
        return len(self.lines)

    def diagnose(self, message: str, span: Span) -> None:
        self.df.diagnostics.append(Diagnostic(message, span))

    # -- main loop ---------------------------------------------------------------------------
    def run(self) -> None:
        index = self.read_directives()
        self.df.escape = self.escape
        pending_comments: list[Comment] = []
        count = len(self.lines)
        while index < count:
            line = self.lines[index]
            stripped = line.lstrip()
            if not stripped:
                index += 1
                continue
            column = len(line) - len(stripped) + 1
            if stripped.startswith("#"):
                comment = Comment(
                    stripped[1:].strip(), Span(index + 1, column, index + 1, len(line.rstrip()) + 1)
                )
                self.df.comments.append(comment)
                if comment.text:
                    pending_comments.append(comment)
                else:
                    pending_comments = []
                index += 1
                continue
            index = self.read_instruction(index, column, pending_comments)
            pending_comments = []

    def gather(self, index: int, column: int) -> tuple[str, TextMap, int, int]:
        """Join an instruction's continuation lines; returns (logical text, map, last line index, end column)."""
        text_map = TextMap()
        line = self.lines[index]
        piece = line[column - 1 :]
        if self.escape not in piece:  # the common one-line instruction: nothing to join
            text_map.add(0, index + 1, column, len(piece))
            return piece, text_map, index, len(line.rstrip()) + 1
        parts: list[str] = []
        offset = 0
        last_index = index
        end_column = len(line.rstrip()) + 1
        continues = True
        while True:
            match = self.continuation.search(piece)
            if match is not None:
                piece = piece[: match.start()]
            else:
                continues = False
            text_map.add(offset, index + 1, column, len(piece))
            parts.append(piece)
            offset += len(piece)
            last_index = index
            end_column = len(self.lines[index].rstrip()) + 1
            if not continues:
                break
            # Skip comment and blank lines inside the continuation, as BuildKit does.
            index += 1
            while index < len(self.lines):
                following = self.lines[index].lstrip()
                if following.startswith("#"):
                    self.df.comments.append(
                        Comment(
                            following[1:].strip(),
                            Span(
                                index + 1,
                                len(self.lines[index]) - len(following) + 1,
                                index + 1,
                                len(self.lines[index].rstrip()) + 1,
                            ),
                            True,
                        )
                    )
                    index += 1
                elif not following:
                    index += 1
                else:
                    break
            if index >= len(self.lines):
                self.read_to_end = True  # only comments and blank lines followed: a line added changes it
                break
            column = 1
            piece = self.lines[index]
        if not parts[-1:] or offset == 0:
            text_map.add(offset, last_index + 1, end_column, 0)
        return "".join(parts), text_map, last_index, end_column

    def read_instruction(self, index: int, column: int, comments: list[Comment]) -> int:
        chunk = self.reuse(index)
        if chunk is not None:
            instruction = chunk.instruction
            instruction.comments = comments
            instruction.index = len(self.df.instructions)
            self.df.diagnostics.extend(chunk.diagnostics)
            self.df.comments.extend(chunk.comments)
            self.df.instructions.append(instruction)
            self.df.chunks[index] = chunk
            return chunk.next_index
        diagnostics_before, comments_before = len(self.df.diagnostics), len(self.df.comments)
        self.read_to_end = False
        next_index = self.read_new_instruction(index, column, comments)
        self.df.chunks[index] = Chunk(
            self.df.instructions[-1],
            next_index,
            len(self.lines) if self.read_to_end else next_index,
            self.df.diagnostics[diagnostics_before:],
            self.df.comments[comments_before:],
        )
        return next_index

    def reuse(self, index: int) -> Chunk | None:
        """The previous parse's instruction starting on line `index` (0-based) when every line it
        was read from is unchanged. An ONBUILD is read again (its instruction's stage is set
        through it); a FROM's image is resolved afresh by _build_stages."""
        previous = self.previous
        if previous is None or previous.escape != self.escape:
            return None
        chunk = previous.chunks.get(index)
        if chunk is None or chunk.instruction.keyword == "ONBUILD":
            return None
        read_until = chunk.read_until
        if read_until >= len(previous.lines) and len(self.lines) != len(previous.lines):
            return None  # it was read up to the end of the file (an open heredoc, say), which moved
        if self.lines[index:read_until] != previous.lines[index:read_until]:
            return None
        return chunk

    def read_new_instruction(self, index: int, column: int, comments: list[Comment]) -> int:
        logical, text_map, last_index, end_column = self.gather(index, column)
        instruction = self.build(logical, text_map, 0)
        instruction.span = Span(index + 1, column, last_index + 1, end_column)
        instruction.comments = comments
        instruction.index = len(self.df.instructions)
        next_index = last_index + 1
        target = instruction.sub if instruction.sub is not None else instruction
        if target.keyword in _HEREDOC_KEYWORDS and not target.is_json and "<<" in target.arguments:
            next_index = self.read_heredocs(target, next_index)
            if target.heredocs:
                last = target.heredocs[-1].body_span
                instruction.span = Span(
                    instruction.span.line, instruction.span.column, last.end_line, last.end_column
                )
        self.df.instructions.append(instruction)
        return next_index

    # -- one instruction ---------------------------------------------------------------------
    def build(
        self, logical: str, text_map: TextMap, base: int, parent: Instruction | None = None
    ) -> Instruction:
        """Parse the logical text from offset `base` as one instruction."""
        keyword_match = _KEYWORD.search(logical, base) or _NOTHING.match(logical, base)
        assert keyword_match is not None  # the empty pattern matches at any position
        keyword_text = keyword_match.group()
        keyword = keyword_text.upper()
        keyword_span = text_map.span(keyword_match.start(), keyword_match.end())
        instruction = Instruction(
            keyword=keyword,
            keyword_text=keyword_text,
            known=keyword in KNOWN_INSTRUCTIONS,
            span=keyword_span,
            keyword_span=keyword_span,
            text_map=text_map,
            parent=parent,
        )
        rest_start = keyword_match.end()
        rest = logical[rest_start:]
        flag_tokens, args_start = lexing.extract_flags(rest, rest_start)
        for raw, value, start, end in flag_tokens:
            name, has_value, _ = value[2:].partition("=")
            flag_value = value[2 + len(name) + 1 :] if has_value else None
            value_span = None
            if has_value:
                equals = raw.find("=")
                value_span = text_map.span(start + equals + 1, end)
            instruction.flags.append(
                Flag(name.lower(), flag_value, raw, text_map.span(start, end), value_span)
            )
        arguments = logical[args_start:]
        stripped = arguments.strip()
        lead = len(arguments) - len(arguments.lstrip())
        start = args_start + lead
        instruction.arguments = stripped
        instruction.arguments_offset = start
        instruction.arguments_span = text_map.span(start, start + len(stripped)) if stripped else None
        if not instruction.known:
            guess = _closest(keyword)
            self.diagnose(
                f"unknown instruction `{keyword_text}`" + (f" (did you mean {guess}?)" if guess else ""),
                keyword_span,
            )
        self.check_flags(instruction)
        self.fill_arguments(instruction, stripped, start, text_map)
        return instruction

    def check_flags(self, instruction: Instruction) -> None:
        if not instruction.flags or not instruction.known or instruction.keyword == "ONBUILD":
            return
        allowed = _ALLOWED_FLAGS.get(instruction.keyword, set())
        for flag in instruction.flags:
            if flag.name not in allowed:
                hint = (
                    f"; {instruction.keyword} takes " + ", ".join(f"--{n}" for n in sorted(allowed))
                    if allowed
                    else ""
                )
                self.diagnose(f"unknown flag --{flag.name} for {instruction.keyword}{hint}", flag.span)

    def words(self, tokens: list[lexing.Token], text_map: TextMap) -> list[Word]:
        located = Word.located
        return [located(raw, value, text_map, start, end) for raw, value, start, end in tokens]

    def fill_arguments(self, ins: Instruction, text: str, start: int, text_map: TextMap) -> None:
        keyword = ins.keyword
        if keyword == "ONBUILD":
            if text:
                ins.sub = self.build(text_map_text(text, start), text_map, start, parent=ins)
                ins.sub.span = ins.sub.keyword_span.cover(ins.sub.arguments_span or ins.sub.keyword_span)
            else:
                self.missing(ins)
            return
        if keyword == "HEALTHCHECK":
            self.fill_healthcheck(ins, text, start, text_map)
            return
        if keyword in _MAYBE_JSON:
            try:
                items = lexing.json_array(text, start)
            except lexing.NotStringArray as error:
                self.diagnose(f"{keyword}: {error}", ins.arguments_span or ins.keyword_span)
                items = None
            if items is not None:
                ins.is_json = True
                ins.exec_args = self.words(items, text_map)
                ins.words = list(ins.exec_args)
        tokens: list[lexing.Token] = []
        if not ins.is_json:
            if keyword in _WHITESPACE_ARGS:
                tokens = lexing.split_whitespace(text, start, self.escape)
            else:
                tokens = lexing.split_words(text, self.escape, start)
            ins.words = self.words(tokens, text_map)
        if keyword in ("ENV", "LABEL"):
            self.fill_pairs(ins, text, start, text_map, tokens)
        elif keyword == "ARG":
            for raw, _value, token_start, token_end in tokens:
                name, equals, raw_value = raw.partition("=")
                key = self.part(name, token_start, text_map)
                value = self.part(raw_value, token_start + len(name) + 1, text_map) if equals else None
                ins.pairs.append(KeyValue(key, value, False, text_map.span(token_start, token_end)))
        elif keyword == "FROM":
            self.fill_from(ins)
        elif keyword == "SHELL" and text and not ins.is_json:
            self.diagnose(
                'SHELL needs the exec (JSON array) form, e.g. SHELL ["/bin/bash", "-c"]',
                ins.arguments_span or ins.keyword_span,
            )
        elif keyword in ("COPY", "ADD") and ins.words and len(ins.words) < 2 and "<<" not in text:
            self.diagnose(
                f"{keyword} needs at least a source and a destination", ins.arguments_span or ins.keyword_span
            )
        if not text and keyword in _NEEDS_ARGUMENTS:
            self.missing(ins)

    def missing(self, ins: Instruction) -> None:
        end = ins.keyword_span
        self.diagnose(
            f"{ins.keyword} needs an argument",
            Span(end.end_line, end.end_column, end.end_line, end.end_column),
        )

    def fill_healthcheck(self, ins: Instruction, text: str, start: int, text_map: TextMap) -> None:
        if not text:
            self.missing(ins)
            return
        kind_match = _KEYWORD.match(text)
        assert kind_match is not None
        kind = Word(kind_match.group(), kind_match.group(), text_map.span(start, start + kind_match.end()))
        ins.words = [kind]
        command = text[kind_match.end() :]
        command_start = start + kind_match.end() + (len(command) - len(command.lstrip()))
        command = command.strip()
        upper = kind.value.upper()
        if upper not in ("CMD", "NONE"):
            self.diagnose(f"HEALTHCHECK takes CMD or NONE, not `{kind.value}`", kind.span)
            return
        if upper == "NONE":
            if command:
                self.diagnose(
                    "HEALTHCHECK NONE takes no other argument",
                    text_map.span(command_start, command_start + len(command)),
                )
            return
        if not command:
            self.diagnose("HEALTHCHECK CMD needs a command", kind.span)
            return
        try:
            items = lexing.json_array(command, command_start)
        except lexing.NotStringArray as error:
            self.diagnose(f"HEALTHCHECK: {error}", text_map.span(command_start, command_start + len(command)))
            items = None
        if items is not None:
            ins.is_json = True
            ins.exec_args = self.words(items, text_map)
            ins.words.extend(ins.exec_args)
        else:
            ins.words.append(
                Word(command, command, text_map.span(command_start, command_start + len(command)))
            )

    def part(self, raw: str, offset: int, text_map: TextMap) -> Word:
        """A Word for `raw`, a piece of a token starting at logical `offset`."""
        return Word.located(raw, lexing.unquote(raw, self.escape), text_map, offset, offset + len(raw))

    def fill_pairs(
        self, ins: Instruction, text: str, start: int, text_map: TextMap, tokens: list[lexing.Token]
    ) -> None:
        if not ins.words:
            return
        if "=" not in ins.words[0].text:
            # Legacy form: `ENV key value with spaces`; the key is the first blank-separated word.
            key_token = lexing.split_whitespace(text, start)[0]
            key = Word(key_token[0], key_token[0], text_map.span(key_token[2], key_token[3]))
            remainder = text[len(key_token[0]) :]
            value_start = key_token[3] + len(remainder) - len(remainder.lstrip())
            value_text = remainder.strip()
            if not value_text:
                self.diagnose(
                    f"{ins.keyword} needs a value after `{key.value}` (or use {key.value}=value)", key.span
                )
                ins.pairs.append(KeyValue(key, None, True, key.span))
                return
            value = Word(
                value_text,
                lexing.unquote(value_text, self.escape),
                text_map.span(value_start, value_start + len(value_text)),
            )
            ins.pairs.append(KeyValue(key, value, True, key.span.cover(value.span)))
            return
        for raw, _value, token_start, token_end in tokens:
            name, equals, raw_value = raw.partition("=")
            span = text_map.span(token_start, token_end)
            if not equals:
                self.diagnose(f"{ins.keyword}: `{raw}` has no `=`; write key=value", span)
                continue
            key = self.part(name, token_start, text_map)
            value = self.part(raw_value, token_start + len(name) + 1, text_map)
            ins.pairs.append(KeyValue(key, value, False, span))

    def fill_from(self, ins: Instruction) -> None:
        words = ins.words
        if not words:
            return
        if len(words) == 3 and words[1].value.lower() == "as":
            ins.stage_name = words[2]
        elif len(words) != 1:
            self.diagnose(
                "FROM takes an image and optionally `AS name`: FROM image[:tag] [AS name]",
                words[1].span.cover(words[-1].span),
            )
            if len(words) >= 3 and words[1].value.lower() == "as":
                ins.stage_name = words[2]
        ins.image = ImageRef(text=words[0].text, span=words[0].span)

    # -- heredocs ----------------------------------------------------------------------------
    def read_heredocs(self, ins: Instruction, index: int) -> int:
        assert ins.text_map is not None
        tokens = lexing.split_words(ins.arguments, "\\", 0)
        base_span = ins.arguments_span
        offset = ins.arguments_offset
        for raw, _value, start, end in tokens:
            match = _HEREDOC.match(raw)
            if match is None or not match.group(3):
                continue
            name_text = match.group(3)
            name = lexing.unquote(name_text)
            if not name:
                continue
            marker = Word(
                raw, raw, ins.text_map.span(offset + start, offset + end) if base_span else ins.keyword_span
            )
            chomp = match.group(2) == "-"
            body_line = index + 1
            content: list[str] = []
            terminated = False
            while index < len(self.lines):
                line = self.lines[index]
                index += 1
                candidate = line.lstrip("\t") if chomp else line
                if candidate == name:
                    terminated = True
                    break
                content.append(line + "\n")
            end_line = index if index > 0 else 1
            end_column = len(self.lines[end_line - 1]) + 1 if self.lines else 1
            heredoc = Heredoc(
                name=name,
                marker=marker,
                chomp=chomp,
                quoted=any(q in name_text for q in ("'", '"')),
                file_descriptor=int(match.group(1) or 0),
                content="".join(content),
                body_line=body_line,
                body_span=Span(min(body_line, end_line), 1, end_line, end_column),
                terminated=terminated,
            )
            ins.heredocs.append(heredoc)
            if not terminated:
                self.diagnose(
                    f"heredoc `{raw}` is never closed: add a line `{name}` after its body", marker.span
                )
        return index


def text_map_text(text: str, start: int) -> str:
    """A logical line for a nested instruction: padding keeps offsets equal to the parent's."""
    return " " * start + text


def _closest(keyword: str) -> str | None:
    """A known instruction one or two edits away (typos like RUNN, COPPY, ENTRYPONT)."""
    best = None
    allowed = 1 if len(keyword) <= 4 else 2
    for known in sorted(KNOWN_INSTRUCTIONS):
        distance = _edit_distance(keyword, known)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, known)
    return best[1] if best else None


def _edit_distance(a: str, b: str) -> int:
    if abs(len(a) - len(b)) > 2:
        return 3
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


class Chunk:
    """One instruction as read from its lines, kept for the next parse of an edited text: the lines
    from its first to `read_until` (0-based, exclusive) were read, parsing goes on at
    `next_index`, and reading it added `diagnostics` and `comments` (those inside a continuation)."""

    __slots__ = ("comments", "diagnostics", "instruction", "next_index", "read_until")

    def __init__(
        self,
        instruction: Instruction,
        next_index: int,
        read_until: int,
        diagnostics: list[Diagnostic],
        comments: list[Comment],
    ) -> None:
        self.instruction = instruction
        self.next_index = next_index
        self.read_until = read_until
        self.diagnostics = diagnostics
        self.comments = comments


# -- stages ------------------------------------------------------------------------------------
def _build_stages(df: Dockerfile) -> None:
    globals_known: dict[str, str | None] = {}  # global ARG -> its default value, None without one
    named: dict[str, Stage] = {}  # the first stage of each name, so a FROM finds its base in one look-up
    stage: Stage | None = None
    for ins in df.instructions:
        if ins.keyword == "FROM":
            stage = Stage(index=len(df.stages), from_instruction=ins)
            df.stages.append(stage)
            ins.stage = stage
            if ins.image is not None:
                _resolve_image(ins.image, globals_known, named)
            name = stage.name
            if name is not None:
                named.setdefault(name, stage)
            continue
        if stage is None:
            ins.stage = None  # an instruction kept from an earlier parse may have had one
            if ins.keyword == "ARG":
                for pair in ins.pairs:
                    globals_known[pair.name] = pair.value.value if pair.value is not None else None
            continue
        ins.stage = stage
        stage.instructions.append(ins)
        if ins.sub is not None:
            ins.sub.stage = stage


def _resolve_image(image: ImageRef, known: dict[str, str | None], earlier_stages: dict[str, Stage]) -> None:
    # What this sets depends on other instructions; a FROM kept from an earlier parse starts clean.
    image.registry = image.tag = image.digest = image.tag_span = image.digest_span = image.stage = None
    image.repository = ""
    resolved = lexing.expand(image.text, known)
    image.resolved = resolved
    if resolved is None:
        return
    earlier = earlier_stages.get(resolved.lower())
    if earlier is not None:
        image.stage = earlier
        return
    registry, repository, tag, digest = ImageRef.split(resolved)
    image.registry, image.repository, image.tag, image.digest = registry, repository, tag, digest
    if "$" in image.text:
        # The tag came from a variable: point at the whole reference.
        image.tag_span = image.span if tag else None
        image.digest_span = image.span if digest else None
        return
    line, column = image.span.line, image.span.column
    if image.span.end_line != line:
        image.tag_span = image.span if tag else None
        image.digest_span = image.span if digest else None
        return
    text = image.text
    at = text.find("@")
    if digest is not None and at >= 0:
        image.digest_span = Span(line, column + at, line, column + len(text))
    if tag is not None:
        head = text[:at] if at >= 0 else text
        colon = head.rfind(":")
        image.tag_span = Span(line, column + colon, line, column + len(head))
