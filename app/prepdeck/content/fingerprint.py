"""Digests that say whether something cached from a pack still holds: the pack's files, and the code.

A cache of parsed packs (`content.cache`) or of a pack's check (`content.check_cache`) is valid
only for the same file contents read by the same code. The code digest covers prepdeck's version,
Python's, and the source of every module that reads, models or checks a pack (the pack model
included), so an upgrade that adds a field to the model never unpickles an object of the old
class (issue 18): the digest heads the cache file and is compared before anything is unpickled.
Only hashlib, pickle and the file system here: a cache hit must not import pydantic.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from prepdeck import __version__
from prepdeck.content.packtree import PackTree

# Bumped when what the caches store changes shape without any source change.
CACHE_FORMAT = 2
# Files larger than this are digested by size and modification time, not read (a pack file that
# large is refused by the loader anyway, and reading gigabytes would stall a start).
LARGEST_HASHED_FILE = 8 * 1024 * 1024
# The package's parts whose source decides what a pack loads to and what a check reports
# (the screens do not).
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
NOT_PACK_CODE = ("tui",)


@cache
def code_digest() -> str:
    """prepdeck's and Python's versions and the source of the code that reads and checks packs."""
    return source_digest(PACKAGE_ROOT)


def source_digest(package_root: Path) -> str:
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{sys.version}".encode())
    for path in sorted(package_root.rglob("*.py")):
        relative = path.relative_to(package_root)
        if relative.parts[0] in NOT_PACK_CODE:
            continue
        digest.update(f"\0{relative.as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def folders_digest(folders: Iterable[Path]) -> str:
    """The code digest and every file under the folders: name, kind and content.

    Links are followed only inside a pack folder and each real folder is seen once, so a link
    loop (`ln -s . l1`) or a link to `/` costs nothing (`PackTree.walk`); only regular files are
    read (a FIFO in a pack folder would block)."""
    digest = hashlib.sha256(code_digest().encode())
    for folder in folders:
        tree = PackTree(Path(folder))
        digest.update(f"\0folder:{tree.real_root}".encode())
        for name, info in tree.walk():
            digest.update(f"\0{name}\0{stat.S_IFMT(info.st_mode)}\0{info.st_size}\0".encode())
            if not stat.S_ISREG(info.st_mode):
                continue
            if info.st_size > LARGEST_HASHED_FILE:
                digest.update(f"mtime:{info.st_mtime_ns}".encode())
                continue
            try:
                digest.update(hashlib.sha256((tree.real_root / name).read_bytes()).digest())
            except OSError:
                digest.update(b"unreadable")
    return digest.hexdigest()


def write_pickle(path: Path, fingerprint: str, value: object) -> None:
    """The fingerprint on the first line, then the pickle: a reader compares before unpickling.

    Written atomically (another prepdeck may be reading it right now); a failure (a full disk)
    only means no cache next time, and leaves no partial file."""
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as stream:
            stream.write(fingerprint.encode() + b"\n")
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def read_pickle(path: Path, fingerprint: str) -> object | None:
    """The value pickled under this fingerprint, or None: a pickle written by other code (another
    prepdeck, another model) or for other files is never unpickled, since its classes may differ."""
    with path.open("rb") as stream:
        if stream.readline(len(fingerprint) + 1) != fingerprint.encode() + b"\n":
            return None
        value: object = pickle.load(stream)
        return value
