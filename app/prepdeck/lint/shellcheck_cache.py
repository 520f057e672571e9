"""ShellCheck's comments on a script, kept between runs so an unchanged RUN is not checked again.

ShellCheck is most of what `prepdeck lint` costs (the corpus bench: about 8.6 s with it, 2.2 s
without), and editors, pre-commit hooks and CI lint the same files again and again. An entry is
one script's comments as ShellCheck's json1 gives them, stored under a hash of the script text,
the excluded codes and the binary (its path, size and modification time), so a new ShellCheck
or another `--ignore` never reads an old entry.

The entries live in `<data dir>/cache/shellcheck/` (PREPDECK_HOME moves it), 256 folders by the
first byte of the hash; a folder that grows past `_KEEP_PER_FOLDER` entries drops its older half,
which caps the cache near 64k scripts (a few MB). Any error reading or writing an entry only
means ShellCheck runs for that script.
"""

from __future__ import annotations

import os

from prepdeck.lint.json_read import loads
from prepdeck.lint.registry import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

__all__ = ["CommentCache"]

_FORMAT = "1"  # bump when what an entry holds changes
_KEEP_PER_FOLDER = 256


class CommentCache:
    __slots__ = ("folder", "prefix", "written")

    def __init__(self, folder: str, prefix: bytes) -> None:
        self.folder = folder
        self.prefix = prefix
        self.written: set[str] = set()  # subfolders that took new entries in this run

    @classmethod
    def open(cls, executable: str, exclude: str) -> CommentCache | None:
        """The cache for this ShellCheck binary and excluded codes; None when there is no place for it."""
        try:
            from prepdeck import locations

            folder = os.path.join(locations.data_folder(), "cache", "shellcheck")
            status = os.stat(executable)
        except OSError:
            return None
        identity = (
            f"{_FORMAT}\0{os.path.realpath(executable)}\0{status.st_size}\0{status.st_mtime_ns}\0{exclude}\0"
        )
        return cls(folder, identity.encode("utf-8"))

    def _path(self, text: str) -> tuple[str, str]:
        try:  # hashlib's import loads OpenSSL: 2.5 ms of `prepdeck lint FILE`; _blake2 is 0.3 ms
            from _blake2 import blake2b
        except ImportError:  # pragma: no cover - CPython always builds _blake2
            from hashlib import blake2b

        key = blake2b(self.prefix + text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()
        return os.path.join(self.folder, key[:2]), key + ".json"

    def get(self, text: str) -> list[dict[str, Any]] | None:
        """The comments stored for `text`, or None when it was never checked (or the entry is unreadable)."""
        subfolder, name = self._path(text)
        try:
            with open(os.path.join(subfolder, name), encoding="utf-8") as handle:
                comments = loads(handle.read())
        except (OSError, ValueError):
            return None
        if not isinstance(comments, list) or not all(isinstance(item, dict) for item in comments):
            return None
        return comments

    def put(self, text: str, comments: list[dict[str, Any]]) -> None:
        subfolder, name = self._path(text)
        partial = os.path.join(subfolder, f"{name}.{os.getpid()}.tmp")
        try:
            os.makedirs(subfolder, exist_ok=True)
            entry = _encode([{k: v for k, v in item.items() if k != "file"} for item in comments])
            with open(partial, "w", encoding="utf-8") as handle:
                handle.write(entry)
            os.replace(partial, os.path.join(subfolder, name))  # readers never see half an entry
        except OSError:
            import contextlib

            with contextlib.suppress(OSError):
                os.unlink(partial)
            return
        self.written.add(subfolder)

    def trim(self) -> None:
        """Drop the older half of each folder written to in this run that holds too many entries."""
        for subfolder in self.written:
            try:
                entries = [entry for entry in os.scandir(subfolder) if entry.name.endswith(".json")]
                if len(entries) <= _KEEP_PER_FOLDER:
                    continue
                entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
                for entry in entries[: len(entries) // 2]:
                    os.unlink(entry.path)
            except OSError:
                continue
        self.written.clear()


def _encode(value: object) -> str:
    """json.dumps(value) for what ShellCheck's json1 holds (objects, arrays, strings, integers,
    null, booleans), without importing json (1.2 ms of a one-file lint); json.dumps for the rest."""
    try:
        return _encode_plain(value)
    except TypeError:
        import json

        return json.dumps(value)


def _encode_plain(value: object) -> str:
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, list):
        return "[" + ",".join(_encode_plain(item) for item in value) + "]"
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return "{" + ",".join(_string(key) + ":" + _encode_plain(item) for key, item in value.items()) + "}"
    raise TypeError(f"not a plain JSON value: {type(value).__name__}")


def _string(text: str) -> str:
    try:
        from _json import encode_basestring_ascii
    except ImportError:  # pragma: no cover - CPython always builds _json
        from json.encoder import py_encode_basestring_ascii as encode_basestring_ascii
    return encode_basestring_ascii(text)
