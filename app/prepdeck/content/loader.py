"""Load a pack folder into a validated `Pack`, collecting every problem instead of stopping.

Each item is validated on its own, so one broken card is reported and the rest of the pack is
still loaded (and checked further by `prepdeck.content.check`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from prepdeck.collector import collector_paused
from prepdeck.content import model as m
from prepdeck.content.packtree import MAX_ENTRIES, OutsidePack, PackTree
from prepdeck.content.problems import Position, Problem
from prepdeck.content.validation import problems_from_error
from prepdeck.content.yamlsource import DataPath, SourceMap, YamlError, load_yaml, read_text

PACK_FILE = "pack.yaml"
ITEM_LISTS: dict[str, Any] = {
    "sections": m.Section,
    "cards": m.Card,
    "questions": m.Question,
    "drills": m.Drill,
}


# Each list's items as read from YAML, before validation: (data, its file's source map, its data path).
ItemEntries = dict[str, list[tuple[Any, SourceMap, DataPath]]]


@cache
def _adapter(list_name: str) -> TypeAdapter[Any]:
    """Built on first use: building them costs start-up time the cached app never needs."""
    return TypeAdapter(ITEM_LISTS[list_name])


class PackFileError(Exception):
    """A file a pack names cannot be used; `problem` says which and why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Pack:
    root: Path
    meta: m.PackMeta
    sections: list[m.Section] = field(default_factory=list)
    cards: list[Any] = field(default_factory=list)
    questions: list[m.Question] = field(default_factory=list)
    drills: list[m.Drill] = field(default_factory=list)
    include: list[str] = field(default_factory=list)
    synonyms: list[list[str]] = field(default_factory=list)  # pack.yaml's table, read when grading
    # Where each item was written: its file's source map and its data path, e.g. ("cards", 3).
    locations: dict[int, tuple[SourceMap, DataPath]] = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str:
        return self.meta.id

    def items(self) -> list[Any]:
        """Everything a learner has progress on: cards, questions and drills."""
        return [*self.cards, *self.questions, *self.drills]

    def section(self, section_id: str) -> m.Section | None:
        return next((section for section in self.sections if section.id == section_id), None)

    def item(self, item_id: str) -> Any | None:
        return next((item for item in self.items() if item.id == item_id), None)

    def position_of(self, item: Any, *fields: Any) -> Position | None:
        location = self.locations.get(id(item))
        if location is None:
            return None
        source, path = location
        return source.position(path + fields)

    def resolve_file(self, relative: str) -> Path:
        """A file named in the pack, which must stay inside the pack folder (symlinks included);
        raises OutsidePack (a ValueError) when it does not."""
        return PackTree(self.root).contain(relative)

    def read_file(self, relative: str) -> str:
        try:
            return read_text(self.resolve_file(relative))
        except YamlError as error:
            raise PackFileError(error.problem) from None
        except ValueError as error:
            raise PackFileError(
                Problem.at(None, "error", "outside-pack", str(error), file=self.root)
            ) from None

    def section_body(self, section: m.Section) -> str:
        return section.body if section.body is not None else self.read_file(section.body_file or "")

    def drill_instructions(self, drill: m.Drill) -> str:
        return (
            drill.instructions
            if drill.instructions is not None
            else self.read_file(drill.instructions_file or "")
        )

    def drill_text(self, value: str) -> str:
        """A drill's starter or solution: inline text when it spans lines, else a file."""
        return value if "\n" in value else self.read_file(value)


@dataclass
class LoadResult:
    pack: Pack | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.level == "error"]


def find_pack_file(path: Path) -> Path:
    """The pack.yaml of a folder, or the file itself when a file (even a FIFO) was named."""
    if path.name == PACK_FILE or (os.path.lexists(path) and not path.is_dir()):
        return path
    return path / PACK_FILE


def load_pack(path: Path | str) -> LoadResult:
    """Load the pack in folder `path` (or the pack.yaml itself)."""
    with collector_paused():  # 798 -> 453 ms CPU on a 10,000-card pack (prepdeck/collector.py)
        return _load_pack(path)


def _load_pack(path: Path | str) -> LoadResult:
    pack_file = find_pack_file(Path(path))
    root = pack_file.parent
    if os.path.islink(pack_file):
        try:
            PackTree(root).contain(pack_file.name)
        except OutsidePack as error:
            # Never read it: the target may be any file of the machine (its text would be echoed).
            message = f"{error}; a pack's files must lie inside its folder, so it was not read"
            return LoadResult(None, [Problem.at(None, "error", "outside-pack", message, file=pack_file)])
    if not os.path.lexists(pack_file):
        where = Path(path)
        reason = (
            "does not exist"
            if not where.exists()
            else f"has no {PACK_FILE}; a pack is a folder with a {PACK_FILE}"
        )
        return LoadResult(None, [Problem.at(None, "error", "no-pack", reason, file=where)])
    problems: list[Problem] = []
    try:
        data, source, yaml_problems = load_yaml(pack_file)
    except YamlError as error:
        return LoadResult(None, [error.problem])
    problems += yaml_problems
    if not isinstance(data, dict):
        message = (
            "is empty; a pack starts with `format: 1` and `pack:`"
            if data is None
            else "must be a mapping of keys (format, pack, ...)"
        )
        return LoadResult(None, [*problems, Problem.at(None, "error", "not-a-pack", message, file=pack_file)])

    meta = _load_meta(data, source, pack_file, problems)
    entries: ItemEntries = {name: [] for name in ITEM_LISTS}
    _collect_items(data, source, entries, problems)
    tree = PackTree(root)
    for index, pattern in enumerate(_include_patterns(data)):
        for included in _expand_include(tree, pattern, source.position(("include", index)), problems):
            _load_included(included, entries, problems)
    problems = _without_echoes(problems)
    if meta is None:
        return LoadResult(None, problems)

    pack = Pack(root=root, meta=meta, include=[pattern for pattern in _include_patterns(data) if pattern])
    pack.synonyms = [list(group) for group in data.get("synonyms") or []]  # validated with the header
    for list_name, found in entries.items():
        adapter = _adapter(list_name)
        for data_item, item_source, data_path in found:
            try:
                item = adapter.validate_python(data_item)
            except ValidationError as error:
                problems += problems_from_error(
                    error, data_path, data_item, item_source, ITEM_LISTS[list_name]
                )
                continue
            getattr(pack, list_name).append(item)
            pack.locations[id(item)] = (item_source, data_path)
    return LoadResult(pack, problems)


def _load_meta(
    data: dict[str, Any], source: SourceMap, pack_file: Path, problems: list[Problem]
) -> m.PackMeta | None:
    """Validate pack.yaml's own keys (format, pack, include, and any unknown ones)."""
    header = {key: value for key, value in data.items() if key not in ITEM_LISTS}
    header.setdefault("format", 1)  # a missing `format` is reported below, once
    if "format" not in data:
        problems.append(
            Problem.at(
                source.position(()),
                "error",
                "missing-field",
                "missing required field 'format' (write `format: 1`)",
                file=pack_file,
            )
        )
    if "pack" not in data:
        problems.append(
            Problem.at(
                source.position(()),
                "error",
                "missing-field",
                "missing required field 'pack' (the pack's id, title and version)",
                file=pack_file,
            )
        )
        header["pack"] = {"id": "x", "title": "x", "version": "0.0.0"}  # still report the other keys
    try:
        validated = m.PackFile.model_validate(header)
    except ValidationError as error:
        problems += problems_from_error(error, (), header, source, m.PackFile)
        return None
    return validated.pack if "pack" in data else None


def _collect_items(
    data: dict[str, Any], source: SourceMap, entries: ItemEntries, problems: list[Problem]
) -> None:
    for list_name in ITEM_LISTS:
        if list_name not in data or data[list_name] is None:
            continue
        values = data[list_name]
        if not isinstance(values, list):
            problems.append(
                Problem.at(
                    source.position((list_name,)), "error", "wrong-type", f"`{list_name}` must be a list"
                )
            )
            continue
        for index, value in enumerate(values):
            entries[list_name].append((value, source, (list_name, index)))


def _include_patterns(data: dict[str, Any]) -> list[str]:
    include = data.get("include", [])
    if not isinstance(include, list):
        return []  # reported by the header's validation
    return [entry if isinstance(entry, str) else "" for entry in include]


def _expand_include(
    tree: PackTree, pattern: str, where: Position | None, problems: list[Problem]
) -> list[Path]:
    if not pattern:
        return []  # a non-text entry, reported by the header's validation
    if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
        problems.append(
            Problem.at(
                where, "error", "outside-pack", f"include '{pattern}' must name files inside the pack folder"
            )
        )
        return []
    found = tree.glob(pattern)
    for name in found.outside:
        problems.append(
            Problem.at(
                where,
                "error",
                "outside-pack",
                f"include '{pattern}' goes through '{name}', a link that leads outside the pack folder "
                "(or loops); it was not followed",
            )
        )
    if found.truncated:
        problems.append(
            Problem.at(
                where,
                "error",
                "too-many-files",
                f"include '{pattern}' looks through more than {MAX_ENTRIES} files; name a smaller folder",
            )
        )
    if not found.files and not found.outside:
        problems.append(
            Problem.at(
                where, "error", "missing-file", f"include '{pattern}' matches no file in the pack folder"
            )
        )
    return [path for path in found.files if path.name != PACK_FILE]


def _without_echoes(problems: list[Problem]) -> list[Problem]:
    """A forbidden YAML tag is reported once: not again as the wrong value at the same place."""
    tagged = {
        (problem.file, problem.line, problem.column) for problem in problems if problem.code == "yaml-tag"
    }
    if not tagged:
        return problems
    return [
        problem
        for problem in problems
        if problem.code.startswith("yaml-") or (problem.file, problem.line, problem.column) not in tagged
    ]


def _load_included(path: Path, entries: ItemEntries, problems: list[Problem]) -> None:
    try:
        data, source, yaml_problems = load_yaml(path)
    except YamlError as error:
        problems.append(error.problem)
        return
    problems += yaml_problems
    if data is None:
        return
    if not isinstance(data, dict):
        problems.append(
            Problem.at(
                None,
                "error",
                "not-a-mapping",
                "an included file holds `sections:`, `cards:`, `questions:` or `drills:` lists",
                file=path,
            )
        )
        return
    others = {key: value for key, value in data.items() if key not in ITEM_LISTS}
    if others:
        try:
            m.ContentFile.model_validate(others)
        except ValidationError as error:
            problems += problems_from_error(error, (), others, source, m.ContentFile)
    _collect_items(data, source, entries, problems)
