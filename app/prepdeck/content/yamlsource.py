"""YAML read at node level, so every value remembers where it was written.

PyYAML's C loader composes the node graph; we turn nodes into plain Python data ourselves, which
lets us catch what `yaml.safe_load` hides: duplicate keys (it keeps the last one silently), alias
bombs (it expands them all), and scalars that load as another type than the author meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from prepdeck.content.problems import Position, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
# Values reached again through aliases; a normal pack re-uses a handful, a "billion laughs"
# document tries to reach billions.
MAX_ALIAS_EXPANSION = 50_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_STR_TAG = "tag:yaml.org,2002:str"

DataPath = tuple[Any, ...]


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
    """Where each value (and each mapping key) of the loaded data was written."""

    values: dict[DataPath, Position] = field(default_factory=dict)
    keys: dict[DataPath, Position] = field(default_factory=dict)
    scalars: dict[DataPath, ScalarSource] = field(default_factory=dict)

    def position(self, path: DataPath) -> Position | None:
        """The closest known position: the value itself, else its nearest parent."""
        while True:
            found = self.values.get(path)
            if found is not None:
                return found
            if not path:
                return None
            path = path[:-1]

    def key_position(self, path: DataPath) -> Position | None:
        return self.keys.get(path) or self.position(path)

    def merge(self, other: SourceMap, old_prefix: DataPath, new_prefix: DataPath) -> None:
        """Copy `other`'s positions under `old_prefix` to live under `new_prefix` here."""
        size = len(old_prefix)
        for mine, theirs in ((self.values, other.values), (self.keys, other.keys), (self.scalars, other.scalars)):
            for path, value in theirs.items():
                if path[:size] == old_prefix:
                    mine[new_prefix + path[size:]] = value


def read_text(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A pack's text file as a string, or a YamlError that says clearly what is wrong with it."""
    try:
        if path.is_dir():
            raise YamlError(Problem.at(None, "error", "unreadable", "is a folder, not a file", file=path))
        size = path.stat().st_size
        if size > max_bytes:
            raise YamlError(
                Problem.at(
                    None,
                    "error",
                    "too-large",
                    f"is {size / 1024 / 1024:.1f} MB; pack files are limited to {max_bytes // 1024 // 1024} MB",
                    file=path,
                )
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise YamlError(Problem.at(None, "error", "unreadable", f"cannot be read: {reason}", file=path)) from None
    if b"\x00" in raw:
        raise YamlError(Problem.at(None, "error", "not-text", "is a binary file, not text", file=path))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlError(
            Problem(path, line, column, "error", "not-utf8", f"is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8")
        ) from None
    return text.removeprefix("\ufeff")


def load_yaml(path: Path) -> tuple[Any, SourceMap, list[Problem]]:
    """Read one YAML file into plain data, a map of where every value came from, and the
    problems that did not stop the reading (duplicate keys, forbidden tags).

    A file that cannot be read at all raises YamlError."""
    text = read_text(path)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = _yaml_message(error, text, mark)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YamlError(Problem(path, line, column, "error", "yaml-syntax", message)) from None
    except yaml.YAMLError as error:
        raise YamlError(Problem.at(None, "error", "yaml-syntax", str(error), file=path)) from None
    finally:
        loader.dispose()
    source = SourceMap()
    if node is None:
        return None, source, []
    converter = _Converter(path, loader, source)
    data = converter.convert(node, ())
    return data, source, converter.problems


def _yaml_message(error: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    problem = (error.problem or "invalid YAML").strip()
    context = (error.context or "").strip()
    if mark is not None and text[mark.index : mark.index + 1] == "\t" or "'\\t'" in problem:
        return "a tab character here; YAML indents with spaces only"
    if context:
        return f"{problem} ({context})"
    return problem


class _Converter:
    def __init__(self, path: Path, loader: Any, source: SourceMap):
        self.path = path
        self.loader = loader
        self.source = source
        self.visited: set[int] = set()
        self.alias_budget = MAX_ALIAS_EXPANSION
        self.problems: list[Problem] = []

    def position(self, node: yaml.Node) -> Position:
        return Position(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: yaml.Node, code: str, message: str) -> Problem:
        where = self.position(node)
        return Problem(where.file, where.line, where.column, "error", code, message)

    def fail(self, node: yaml.Node, code: str, message: str) -> YamlError:
        return YamlError(self.problem(node, code, message))

    def forbidden_tag(self, node: yaml.Node) -> None:
        self.problems.append(self.problem(node, "yaml-tag", f"the tag {node.tag} is not allowed in a pack"))

    def convert(self, node: yaml.Node, path: DataPath) -> Any:
        if id(node) in self.visited:
            # Reached again through an alias: count it, so a "billion laughs" stops early.
            self.alias_budget -= 1
            if self.alias_budget < 0:
                raise self.fail(node, "alias-bomb", "aliases expand to too many values (a 'billion laughs' document?)")
        else:
            self.visited.add(id(node))
        self.source.values[path] = self.position(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self.forbidden_tag(node)
                return None
            return [self.convert(child, path + (index,)) for index, child in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        if node.tag != _MAP_TAG:
            self.forbidden_tag(node)
            return None
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(self.problem(key_node, "yaml-merge", "merge keys (<<) are not supported; write the fields out"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(self.problem(key_node, "yaml-key", "a key must be a plain name, not a list or mapping"))
                continue
            key = str(key_node.value)
            if key in first_seen:
                earlier = first_seen[key].start_mark.line + 1
                self.problems.append(
                    self.problem(
                        key_node,
                        "duplicate-key",
                        f"duplicate key '{key}' (first written on line {earlier}); YAML would silently keep only the last",
                    )
                )
                continue
            first_seen[key] = key_node
            if key.startswith("x-"):
                continue  # free extension data: not validated, not kept
            self.source.keys[path + (key,)] = self.position(key_node)
            result[key] = self.convert(value_node, path + (key,))
        return result

    def scalar(self, node: yaml.ScalarNode, path: DataPath) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            self.forbidden_tag(node)
            return None
        except (ValueError, OverflowError) as error:
            self.problems.append(self.problem(node, "yaml-value", f"cannot read '{node.value}': {error}"))
            return None
        if node.tag != _STR_TAG or not node.style:
            self.source.scalars[path] = ScalarSource(node.value, plain=not node.style, tag=node.tag)
        return value
