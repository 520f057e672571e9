"""A stage's filesystem as the layers built it: what each instruction added, changed and removed.

Only what the Dockerfile itself puts there is tracked (the base image's own files are the
catalogue's business). `history` keeps every entry a layer wrote, so a file deleted by a later
instruction is still found "in the layer of line N": layers only ever add.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Binary:
    """A program compiled in the build (go build): what it was built for."""

    tool: str
    cgo: bool | None  # None: cannot tell
    goos: str | None
    goarch: str | None  # a value, or a placeholder such as "{target arch}"; None: cannot tell
    line: int


@dataclass(frozen=True)
class Entry:
    path: str
    kind: str  # "file", "dir" or "link"
    uid: int | None
    gid: int | None
    mode: int | None  # permission bits; None when unknown
    line: int  # the instruction that wrote it (its layer)
    origin: str  # how it got there, for messages
    target: str | None = None  # a link's target
    secret: str | None = None  # why it holds a secret
    binary: Binary | None = None
    opaque: bool = False  # a folder whose contents the model cannot list (tar -x, npm run build...)
    owner_text: str | None = None  # the owner as written (`app:app`), for messages
    copied_from: tuple[int, str] | None = None  # (stage index, path there) for COPY --from
    content: str | None = None  # a file's text, when the build wrote it (heredoc, echo > file, context)
    dev_dependencies: bool | None = None  # node_modules: holds devDependencies (None: not node_modules)
    # False for a context file whose mode the drill did not declare (0644 assumed for reading, never
    # used to say a script cannot be executed)
    mode_declared: bool = True
    kind_known: bool = True  # False: moved out of a folder the model cannot list (file or folder?)

    @property
    def owner(self) -> str:
        if self.owner_text:
            return self.owner_text
        if self.uid is None:
            return "an unknown user"
        return f"{self.uid}:{self.gid if self.gid is not None else self.uid}"


def normpath(path: str, cwd: str = "/") -> str:
    joined = path if path.startswith("/") else posixpath.join(cwd or "/", path)
    cleaned = posixpath.normpath(joined)
    return "/" + cleaned.lstrip("/") if cleaned != "/" else "/"


def is_under(path: str, folder: str) -> bool:
    return folder == "/" or path == folder or path.startswith(folder.rstrip("/") + "/")


class FileSystem:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.history: list[Entry] = []
        self.removed: dict[str, int] = {}
        self.rewrites: list[tuple[Entry, int]] = []  # (entry an earlier layer added, line that changed it)

    def copy(self) -> FileSystem:
        other = FileSystem()
        other.entries = dict(self.entries)
        other.history = list(self.history)
        other.removed = dict(self.removed)
        other.rewrites = list(self.rewrites)
        return other

    def get(self, path: str) -> Entry | None:
        return self.entries.get(path)

    def put(self, entry: Entry) -> None:
        self.entries[entry.path] = entry
        self.history.append(entry)
        self.removed.pop(entry.path, None)

    def ensure_dir(self, path: str, line: int, uid: int | None, gid: int | None, origin: str) -> None:
        """Create `path` and missing parents as folders (mkdir -p, WORKDIR, COPY's destination)."""
        parts = [part for part in path.split("/") if part]
        current = ""
        for part in parts:
            current += "/" + part
            if current not in self.entries:
                self.put(Entry(current, "dir", uid, gid, 0o755, line, origin))

    def under(self, folder: str) -> list[Entry]:
        return [entry for path, entry in self.entries.items() if is_under(path, folder)]

    def history_under(self, folder: str) -> list[Entry]:
        return [entry for entry in self.history if is_under(entry.path, folder)]

    def remove(self, path: str, line: int, recursive: bool = True) -> list[Entry]:
        gone = self.under(path) if recursive else [e for e in (self.entries.get(path),) if e is not None]
        for entry in gone:
            del self.entries[entry.path]
            self.removed[entry.path] = line
        made_here = {entry.path for entry in gone if entry.line == line}
        if made_here:  # written and deleted by the same RUN: never in a layer
            self.history = [e for e in self.history if not (e.line == line and e.path in made_here)]
        return gone

    def change(self, path: str, recursive: bool, line: int, **changes: Any) -> list[Entry]:
        """Set owner/mode (chown/chmod) on `path` (and below): a new layer holds the changed copies."""
        targets = self.under(path) if recursive else [e for e in (self.entries.get(path),) if e is not None]
        changed = []
        for entry in targets:
            values = {key: (value(entry) if callable(value) else value) for key, value in changes.items()}
            if "mode" in values:
                values["mode_declared"] = True
            new = replace(entry, line=line, **values)
            if entry.line != line and (entry.kind != "dir" or entry.opaque):
                self.rewrites.append((entry, line))
            self.put(new)
            changed.append(new)
        return changed

    def move(self, source: str, destination: str, line: int) -> None:
        for entry in self.under(source):
            del self.entries[entry.path]
            self.removed[entry.path] = line
            moved = destination + entry.path[len(source) :]
            self.put(replace(entry, path=moved, line=line))


def elsewhere(fs: FileSystem, path: str) -> str:
    """Where the build put a file of that name instead, for a message: "; line 7 puts it at /etc/config.yaml"."""
    name = posixpath.basename(path)
    found = next(
        (e for e in fs.entries.values() if e.kind == "file" and posixpath.basename(e.path) == name), None
    )
    return (
        f"; line {found.line} puts {name} at {found.path}" if found is not None and found.path != path else ""
    )


def writable_by(entry: Entry, uid: int, gid: int | None) -> bool | None:
    """Can this user write the entry? None when the owner or the mode is unknown."""
    if uid == 0:
        return True
    if entry.mode is None:
        return None
    if entry.mode & 0o002:
        return True
    if entry.uid is None:
        return None
    if entry.uid == uid:
        return bool(entry.mode & 0o200)
    if gid is not None and entry.gid == gid:
        return bool(entry.mode & 0o020)
    return False


def readable_by(entry: Entry, uid: int, gid: int | None) -> bool | None:
    if uid == 0:
        return True
    if entry.mode is None:
        return None
    bit = 0o005 if entry.kind == "dir" else 0o004
    if entry.mode & bit == bit:
        return True
    if entry.uid is None:
        return None
    if entry.uid == uid:
        return entry.mode & (bit << 6) == bit << 6
    if gid is not None and entry.gid == gid:
        return entry.mode & (bit << 3) == bit << 3
    return False
