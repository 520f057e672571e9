"""Reading a file or standard input with a size cap: never more than `limit` + 1 bytes.

Every file the CLI reads goes through `read_capped` (or `read_capped_text`), so `--answer-file
/dev/zero`, a never-ending pipe, or a 50 GB log named by mistake is refused with one sentence
instead of filling memory. A FIFO is opened without blocking, so naming one never hangs.
"""

from __future__ import annotations

import os
import stat
import sys

TYPE_CHECKING = False
if (
    TYPE_CHECKING
):  # pragma: no cover - pathlib costs 3 ms on the path of `prepdeck lint FILE`, which passes a str
    from pathlib import Path

KB = 1024
MB = 1024 * KB


class InputRefused(Exception):
    """The input cannot be used; `reason` says why (without the name), `code` for located reports."""

    def __init__(self, name: str, code: str, reason: str):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.code = code
        self.reason = reason


def size_text(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.0f} MB" if size % MB == 0 else f"{size / MB:.1f} MB"
    return f"{size / KB:.0f} KB" if size >= KB else f"{size} bytes"


def file_kind(mode: int) -> str:
    """What a file that is neither a regular file nor a folder is, for messages."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_capped(name: str | Path, limit: int, *, regular_only: bool = False, stdin: bool = True) -> bytes:
    """The bytes of file `name` (or standard input for "-"), refusing anything over `limit`.

    `regular_only` also refuses FIFOs and devices (pack files must be plain files)."""
    shown = str(name)
    if stdin and shown == "-":
        data = sys.stdin.buffer.read(limit + 1)
        shown = "standard input"
    else:
        data = _read_path(name, shown, limit, regular_only)
    if len(data) > limit:
        raise InputRefused(
            shown,
            "too-large",
            f"is larger than {size_text(limit)} (or never ends); the limit is {size_text(limit)}",
        )
    return data


def _read_path(path: str | Path, shown: str, limit: int, regular_only: bool) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputRefused(shown, "missing-file", "no such file") from None
    except OSError as error:
        raise InputRefused(shown, "unreadable", f"cannot be read ({error.strerror or error})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputRefused(shown, "unreadable", "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode) and regular_only:
            raise InputRefused(shown, "not-regular", f"is {file_kind(info.st_mode)}, not a regular file")
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise InputRefused(
                shown,
                "too-large",
                f"is {size_text(info.st_size)}; the limit is {size_text(limit)}",
            )
        os.set_blocking(fd, True)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, MB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise InputRefused(shown, "unreadable", f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM dropped), or InputRefused for binary data or another encoding."""
    if b"\x00" in data:
        raise InputRefused(name, "not-text", "is a binary file, not text")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputRefused(
            name, "not-utf8", f"is not UTF-8 text (byte {error.start + 1} is 0x{data[error.start]:02x})"
        ) from None


def read_capped_text(name: str | Path, limit: int, *, regular_only: bool = False) -> str:
    data = read_capped(name, limit, regular_only=regular_only)
    return decode_text(data, "standard input" if str(name) == "-" else str(name))
