"""A pack folder's files, found without ever leaving the folder.

Packs are shared between people, so a pack folder may hold links that lead elsewhere
(`pack.yaml -> /etc/passwd`, `data -> /`), links that loop (`ln -s . l1`), FIFOs and devices.
Everything that lists or opens a pack's files comes through here:

- a path is resolved and checked to lie inside the pack's real folder *before* anything under
  it is listed or opened, so a link to `/` is refused without walking `/`;
- folder links are followed only when they stay inside the pack and lead to a folder not on the
  way there already (a loop is skipped, never walked);
- only regular files are returned: a FIFO would block a reader forever.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from prepdeck.capped import file_kind

# Entries one walk may look at: far above any real pack, far below a home folder or `/`.
MAX_ENTRIES = 20_000
_MAGIC = frozenset("*?[")


class OutsidePack(ValueError):
    """A name that leads outside the pack folder (or loops); the message says which."""


def resolved(path: Path) -> Path | None:
    """The real path, or None when links loop or the path cannot be resolved."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def kind_of(path: Path) -> str:
    """'file', 'folder', 'missing', or what else it is (a FIFO, a device...), following links."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "missing"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    return file_kind(mode)


@dataclass
class GlobResult:
    files: list[Path] = field(default_factory=list)  # as named under the pack folder
    outside: list[str] = field(default_factory=list)  # names (relative) that lead outside or loop
    truncated: bool = False


class PackTree:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.real_root = resolved(self.root) or self.root.absolute()

    def contain(self, relative: str | Path) -> Path:
        """The real path of a file named relative to the pack; OutsidePack if it leaves it."""
        target = resolved(self.root / relative)
        if target is None:
            raise OutsidePack(f"'{relative}' is a link that loops")
        if not target.is_relative_to(self.real_root):
            raise OutsidePack(f"'{relative}' points outside the pack folder")
        return target

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # --- globbing ------------------------------------------------------------------------------

    def glob(self, pattern: str) -> GlobResult:
        """Regular files matching `pattern` (`*`, `?`, `[...]` within a name, `**` for any folders).

        Each step is resolved and contained before it is listed, so nothing outside is ever read."""
        result = GlobResult()
        parts = [part for part in Path(pattern).parts if part not in ("", ".")]
        seen: set[Path] = set()
        budget = [MAX_ENTRIES]
        self._match(self.root, self.real_root, parts, frozenset({self.real_root}), result, seen, budget)
        result.files.sort()
        return result

    def _match(
        self,
        named: Path,
        real: Path,
        parts: list[str],
        chain: frozenset[Path],
        result: GlobResult,
        seen: set[Path],
        budget: list[int],
    ) -> None:
        if not parts:
            return
        part, rest = parts[0], parts[1:]
        if part == "**":
            self._match(named, real, rest, chain, result, seen, budget)
            names = [name for name in self._names(real, result, budget) if not name.startswith(".")]
            for name in names:
                step = self._step(named / name, real / name, chain, result)
                if step is not None and step.is_dir():
                    self._match(named / name, step, parts, chain | {step}, result, seen, budget)
            return
        if _MAGIC.isdisjoint(part):
            names = [part] if os.path.lexists(real / part) else []
        else:
            names = [name for name in self._names(real, result, budget) if fnmatchcase(name, part)]
        for name in names:
            step = self._step(named / name, real / name, chain, result)
            if step is None:
                continue
            if rest:
                if step.is_dir():
                    self._match(named / name, step, rest, chain | {step}, result, seen, budget)
            elif kind_of(step) == "file" and step not in seen:
                seen.add(step)
                result.files.append(named / name)

    def _names(self, real: Path, result: GlobResult, budget: list[int]) -> list[str]:
        try:
            with os.scandir(real) as entries:
                names = []
                for entry in entries:
                    budget[0] -= 1
                    if budget[0] < 0:
                        result.truncated = True
                        break
                    names.append(entry.name)
        except OSError:
            return []
        return sorted(names)

    def _step(self, named: Path, real: Path, chain: frozenset[Path], result: GlobResult) -> Path | None:
        """The real path of one more step, if it stays inside and does not loop back."""
        if not os.path.islink(real):
            return real
        target = resolved(real)
        if target is None or not target.is_relative_to(self.real_root):
            result.outside.append(self.relative(named))
            return None
        if target in chain:
            return None  # a loop back to a folder on the way here: `pack check` reports it
        return target

    # --- walking ---------------------------------------------------------------------------------

    def walk(self) -> Iterator[tuple[str, os.stat_result]]:
        """Every entry under the pack as (relative name, stat): regular files reached through
        links that stay inside (each real folder once), and the links themselves (lstat) where
        they lead outside or loop, so that editing a link still changes what is seen."""
        visited = {self.real_root}
        stack = [(self.root, self.real_root)]
        budget = MAX_ENTRIES
        while stack:
            named, real = stack.pop()
            try:
                with os.scandir(real) as scan:
                    entries = sorted(scan, key=lambda entry: entry.name)
            except OSError:
                continue
            for entry in entries:
                budget -= 1
                if budget < 0:
                    return
                name = named / entry.name
                try:
                    if entry.is_symlink():
                        target = resolved(Path(entry.path))
                        if target is None or not target.is_relative_to(self.real_root):
                            yield self.relative(name), entry.stat(follow_symlinks=False)
                            continue
                        info = os.stat(target)
                    else:
                        target = Path(entry.path)
                        info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISDIR(info.st_mode):
                    if target not in visited:
                        visited.add(target)
                        stack.append((name, target))
                else:
                    yield self.relative(name), info

    def link_loops(self) -> list[Path]:
        """Links in the pack that lead back to a folder containing them (or to each other)."""
        loops = []
        budget = MAX_ENTRIES
        for folder, dirs, files in os.walk(self.real_root):
            real_folder = Path(folder)
            budget -= len(dirs) + len(files)
            if budget < 0:
                break
            for name in sorted(dirs + files):
                path = real_folder / name
                if not os.path.islink(path):
                    continue
                target = resolved(path)
                if target is None or (
                    target.is_dir() and (target == real_folder or target in real_folder.parents)
                ):
                    loops.append(self.root / path.relative_to(self.real_root))
        return loops
