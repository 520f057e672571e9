"""YAML read at node level, so every value remembers where it was written.

PyYAML's C loader composes the node graph; we turn nodes into plain Python data ourselves, which
lets us catch what `yaml.safe_load` hides: duplicate keys (it keeps the last one silently), alias
bombs (it expands them all), and scalars that load as another type than the author meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from prepdeck.capped import InputRefused, read_capped
from prepdeck.content.problems import Position, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
# Values a file may expand to, aliases counted each time they are used: far above any real pack,
# far below what a "billion laughs" document tries to reach.
MAX_EXPANDED_VALUES = 5_000_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_STR_TAG = "tag:yaml.org,2002:str"
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"

DataPath = tuple[Any, ...]
PositionMap = dict[DataPath, tuple[int, int]]  # where a value (or a key) was written: (line, column)


class YamlError(Exception):
    """The file cannot be turned into data at all; `problem` says where and why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class ScalarSource:
    """How a scalar was written, to explain values that load as something else."""

    text: str
    plain: bool  # written without quotes
    tag: str


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one file's data was written, as (line, column).

    Positions are only needed to report a problem, and recording one for every value was a third
    of reading a large pack; so the file is read once without them, and read again, recording
    them, the first time one is asked for (`values`, `keys`). Both reads see the same text."""

    file: Path
    scalars: dict[DataPath, ScalarSource] = field(default_factory=dict)
    text: str | None = field(default=None, repr=False)  # what to read again for the positions
    _values: dict[DataPath, tuple[int, int]] | None = field(default=None, repr=False)
    _keys: dict[DataPath, tuple[int, int]] | None = field(default=None, repr=False)

    @property
    def values(self) -> dict[DataPath, tuple[int, int]]:
        if self._values is None:
            self._record_positions()
        assert self._values is not None
        return self._values

    @property
    def keys(self) -> dict[DataPath, tuple[int, int]]:
        if self._keys is None:
            self._record_positions()
        assert self._keys is not None
        return self._keys

    def _record_positions(self) -> None:
        self._values, self._keys = {}, {}
        if self.text is None:
            return
        recorder = _Builder(self.file, SourceMap(self.file), positions=(self._values, self._keys))
        loader = _Loader(self.text)
        try:
            recorder.document(loader.get_event)
        except (yaml.YAMLError, YamlError, RecursionError):
            pass  # the first read raised these already; what was recorded before them stands
        finally:
            loader.dispose()
        self.text = None

    def position(self, path: DataPath) -> Position | None:
        """The closest known position: the value itself, else its nearest parent."""
        values = self.values
        while True:
            found = values.get(path)
            if found is not None:
                return Position(self.file, *found)
            if not path:
                return None
            path = path[:-1]

    def key_position(self, path: DataPath) -> Position | None:
        found = self.keys.get(path)
        return Position(self.file, *found) if found else self.position(path)


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A pack's text file as a string, or a YamlError that says clearly what is wrong with it.

    Only regular files are read (a FIFO would block), and never more than `max_bytes` + 1 bytes."""
    try:
        raw = read_capped(path, max_bytes, regular_only=True, stdin=False)
    except InputRefused as refused:
        code = "unreadable" if refused.code == "missing-file" else refused.code
        raise YamlError(Problem.at(None, "error", code, refused.reason, file=path)) from None
    if b"\x00" in raw:
        raise YamlError(Problem.at(None, "error", "not-text", "is a binary file, not text", file=path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlError(
            Problem(
                path,
                line,
                column,
                "error",
                "not-utf8",
                f"is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8",
            )
        ) from None
    return text.removeprefix("\ufeff")


def load_yaml(path: Path) -> tuple[Any, SourceMap, list[Problem]]:
    """Read one YAML file into plain data, a map of where every value came from, and the
    problems that did not stop the reading (duplicate keys, forbidden tags).

    A file that cannot be read at all raises YamlError."""
    text = read_text(path)
    source = SourceMap(path, text=text)
    builder = _Builder(path, source)
    loader = _Loader(text)
    try:
        data = builder.document(loader.get_event)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if _unclosed_quote(error, text):
            mark = error.context_mark
        message = _yaml_message(error, text, mark)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YamlError(Problem(path, line, column, "error", "yaml-syntax", message)) from None
    except yaml.YAMLError as error:
        raise YamlError(Problem.at(None, "error", "yaml-syntax", str(error), file=path)) from None
    except RecursionError:
        raise YamlError(
            Problem.at(None, "error", "yaml-depth", "is nested too deeply to be a pack file", file=path)
        ) from None
    finally:
        loader.dispose()
    return data, source, builder.problems


def _unclosed_quote(error: yaml.MarkedYAMLError, text: str) -> str | None:
    """The quote character when libyaml ran off the end of a quoted string, else None."""
    mark = error.context_mark
    if mark is None or "quoted scalar" not in (error.context or ""):
        return None
    quote = text[mark.index : mark.index + 1]
    return quote if quote in ("'", '"') else None


def _yaml_message(error: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    quote = _unclosed_quote(error, text)
    if quote:
        kind = "double" if quote == '"' else "single"
        return (
            f"the {kind} quote ({quote}) opened here, on line {mark.line + 1}, is never closed; "
            f"add the closing {quote}"
        )
    problem = (error.problem or "invalid YAML").strip()
    context = (error.context or "").strip()
    if (mark is not None and text[mark.index : mark.index + 1] == "\t") or "'\\t'" in problem:
        return "a tab character here; YAML indents with spaces only"
    if context:
        return f"{problem} ({context})"
    return problem


_ALLOWED_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SHORT_TAGS = {"!!" + tag.rsplit(":", 1)[1]: tag for tag in _ALLOWED_SCALAR_TAGS | {_MAP_TAG, _SEQ_TAG}}
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = yaml.resolver.Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_NO_RESOLVERS: list[tuple[str, re.Pattern[str]]] = []
_ScalarEvent = yaml.ScalarEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_UNUSUAL_KEYS = ("x-", "<<")  # extension data and merge keys
_MappingEndEvent = yaml.MappingEndEvent


def _resolve_plain(value: str) -> str:
    """The tag YAML 1.1 gives an unquoted scalar (as PyYAML's resolver does, without its overhead)."""
    for tag, pattern in _IMPLICIT.get(value[:1], _NO_RESOLVERS):
        if pattern.match(value):
            return tag
    return _STR_TAG


def _tag_message(tag: str) -> str:
    shown = "!!" + tag.removeprefix(_YAML_TAG_PREFIX) if tag.startswith(_YAML_TAG_PREFIX) else tag
    if shown.startswith("!!python/"):
        return (
            f"the tag {shown} asks YAML to build a Python object; packs hold only text, numbers, "
            "lists and mappings, so remove the tag"
        )
    return f"the tag {shown} is not allowed in a pack; remove it (packs use plain YAML values)"


class _Builder:
    """Builds plain data straight from the parser's events (the C parser's, when available).

    Skipping PyYAML's node graph and Python resolver makes reading a large pack several times faster.
    With `positions` (two dicts: values and keys), it also records where each one was written.
    """

    def __init__(
        self,
        path: Path,
        source: SourceMap,
        positions: tuple[PositionMap, PositionMap] | None = None,
    ):
        self.path = path
        self.source = source
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0  # values reachable, aliases counted as often as they are used
        self.values: PositionMap | None = None
        self.keys: PositionMap | None = None
        if positions is not None:
            self.values, self.keys = positions

    def problem(self, mark: Any, code: str, message: str) -> Problem:
        return Problem(self.path, mark.line + 1, mark.column + 1, "error", code, message)

    def document(self, next_event: Any) -> Any:
        self.next_event = next_event
        data = None
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is yaml.StreamStartEvent or kind is yaml.DocumentStartEvent:
                continue
            if kind is yaml.DocumentEndEvent or kind is yaml.StreamEndEvent:
                break
            data, _ = self.value(event, ())
        while (event := next_event()) is not None:
            if type(event) is yaml.DocumentStartEvent:
                self.problems.append(
                    self.problem(
                        event.start_mark,
                        "yaml-documents",
                        "a pack file holds one YAML document; remove the extra `---`",
                    )
                )
                break
            if type(event) is yaml.StreamEndEvent:
                break
        return data

    def value(self, event: Any, path: DataPath) -> tuple[Any, int]:
        """The value that starts with `event`, and how many values it expands to."""
        mark = event.start_mark
        if self.values is not None:
            self.values[path] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is _ScalarEvent:
            if event.tag is None and not event.anchor:
                # The common case, kept short: a plain or quoted scalar with no tag or anchor.
                if event.style:
                    self.expanded += 1
                    return event.value, 1
                if _resolve_plain(event.value) is _STR_TAG:
                    self.expanded += 1
                    return event.value, 1
            result = self.scalar(event, path), 1
        elif kind is yaml.MappingStartEvent:
            result = self.mapping(event, path)
        elif kind is yaml.SequenceStartEvent:
            result = self.sequence(event, path)
        elif kind is yaml.AliasEvent:
            if event.anchor not in self.anchors:
                self.problems.append(
                    self.problem(
                        mark, "yaml-alias", f"the alias *{event.anchor} names no anchor defined before it"
                    )
                )
                return None, 1
            result = self.anchors[event.anchor]
        else:  # pragma: no cover - the parser only starts values with the events above
            raise YamlError(self.problem(mark, "yaml-syntax", f"unexpected {kind.__name__}"))
        self.expanded += result[1]
        if self.expanded > MAX_EXPANDED_VALUES:
            raise YamlError(
                self.problem(
                    mark, "alias-bomb", "aliases expand to too many values (a 'billion laughs' document?)"
                )
            )
        if event.anchor and kind is not yaml.AliasEvent:
            self.anchors[event.anchor] = result
        return result

    def collection_tag_ok(self, event: Any, expected: str) -> bool:
        if event.tag is None:
            return True
        tag = _SHORT_TAGS.get(event.tag, event.tag)
        if tag in ("!", expected):
            return True
        self.problems.append(self.problem(event.start_mark, "yaml-tag", _tag_message(event.tag)))
        return False

    # `sequence` and `mapping` read most values themselves: a plain or quoted string with no tag or
    # anchor (the short case of `value`, written out, as a call per value was a tenth of the walk).

    def sequence(self, event: Any, path: DataPath) -> tuple[Any, int]:
        allowed = self.collection_tag_ok(event, _SEQ_TAG)
        items: list[Any] = []
        size = 1
        unsummed = 0  # strings read here, not yet added to self.expanded
        index = 0
        next_event = self.next_event
        values = self.values
        while type(child := next_event()) is not _SequenceEndEvent:
            if (
                type(child) is _ScalarEvent
                and child.tag is None
                and not child.anchor
                and (child.style or _resolve_plain(child.value) is _STR_TAG)
            ):
                # (the parser always gives an event its mark; the stubs allow None)
                if values is not None and (mark := child.start_mark) is not None:
                    values[(*path, index)] = (mark.line + 1, mark.column + 1)
                items.append(child.value)
                size += 1
                unsummed += 1
            else:
                self.expanded += unsummed  # `value` checks the running total: keep it exact
                unsummed = 0
                value, child_size = self.value(child, (*path, index))
                items.append(value)
                size += child_size
            index += 1
        self.expanded += unsummed
        return (items if allowed else None), size

    def mapping(self, event: Any, path: DataPath) -> tuple[Any, int]:
        allowed = self.collection_tag_ok(event, _MAP_TAG)
        result: dict[str, Any] = {}
        skipped: dict[str, int] = {}  # extension keys (x-...) and the line of each: read, not kept
        size = 1
        unsummed = 0  # as in `sequence`
        next_event = self.next_event
        values, keys = self.values, self.keys
        while type(key_event := next_event()) is not _MappingEndEvent:
            if type(key_event) is not _ScalarEvent:
                self.problems.append(
                    self.problem(
                        key_event.start_mark, "yaml-key", "a key must be a plain name, not a list or mapping"
                    )
                )
                self.value(key_event, (*path, "<key>"))
                self.value(next_event(), (*path, "<key>"))
                continue
            key = key_event.value
            value_event = next_event()
            if (key in result or key.startswith(_UNUSUAL_KEYS) or key in skipped) and self.unusual_key(
                key_event, value_event, path, result, skipped
            ):
                continue
            if keys is not None and (mark := key_event.start_mark) is not None:
                keys[(*path, key)] = (mark.line + 1, mark.column + 1)
            if (
                type(value_event) is _ScalarEvent
                and value_event.tag is None
                and not value_event.anchor
                and (value_event.style or _resolve_plain(value_event.value) is _STR_TAG)
            ):
                if values is not None and (mark := value_event.start_mark) is not None:
                    values[(*path, key)] = (mark.line + 1, mark.column + 1)
                result[key] = value_event.value
                size += 1
                unsummed += 1
                continue
            self.expanded += unsummed
            unsummed = 0
            result[key], child_size = self.value(value_event, (*path, key))
            size += child_size
        self.expanded += unsummed
        return (result if allowed else None), size

    def unusual_key(
        self,
        key_event: Any,
        value_event: Any,
        path: DataPath,
        result: dict[str, Any],
        skipped: dict[str, int],
    ) -> bool:
        """A merge key, a key written twice or an extension key (x-...): its value is read, not
        kept, and True is returned; False for a key that only looked unusual ("<<" in quotes)."""
        key, mark = key_event.value, key_event.start_mark
        if key == "<<" and key_event.implicit[0]:
            self.problems.append(
                self.problem(mark, "yaml-merge", "merge keys (<<) are not supported; write the fields out")
            )
        elif key in result or key in skipped:
            keys = self.keys if self.keys is not None else self.source.keys
            first = skipped[key] if key in skipped else keys[(*path, key)][0]
            self.problems.append(
                self.problem(
                    mark,
                    "duplicate-key",
                    f"duplicate key '{key}' (first written on line {first}); YAML would silently keep only the last",
                )
            )
        elif key.startswith("x-"):
            skipped[key] = mark.line + 1  # free extension data
        else:
            return False
        self.value(value_event, (*path, "<key>"))
        return True

    def scalar(self, event: Any, path: DataPath) -> Any:
        text = event.value
        plain = not event.style
        tag = _SHORT_TAGS.get(event.tag, event.tag)
        if tag in (None, "!"):
            tag = _resolve_plain(text) if plain and event.implicit[0] else _STR_TAG
        if tag == _STR_TAG:
            return text
        if tag not in _ALLOWED_SCALAR_TAGS:
            self.problems.append(self.problem(event.start_mark, "yaml-tag", _tag_message(event.tag)))
            return text  # reported once, here; the value itself is not checked further
        self.source.scalars[path] = ScalarSource(text, plain=plain, tag=tag)
        node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, style=event.style)
        try:
            return _CONSTRUCTOR.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError) as error:
            self.problems.append(
                self.problem(event.start_mark, "yaml-value", f"cannot read '{text}': {error}")
            )
            return None
