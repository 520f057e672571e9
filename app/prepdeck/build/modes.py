"""chmod modes: octal (`755`, `0640`) and symbolic (`u+x`, `go-w`, `a=rX`, `u=rwx,g=rx,o=`)."""

from __future__ import annotations

import re

_SYMBOLIC = re.compile(r"^([ugoa]*)([-+=])([rwxXst]*)$")
_WHO = {"u": 0o4700, "g": 0o2070, "o": 0o1007}
_PERMS = {"r": 0o444, "w": 0o222, "x": 0o111, "s": 0o6000, "t": 0o1000}


def apply_chmod(mode: int | None, text: str | None, is_dir: bool = False) -> int | None:
    """The mode after `chmod text` on a file of `mode` (None when the result cannot be known)."""
    if text is None:
        return mode
    text = text.strip()
    if re.fullmatch(r"[0-7]{1,4}", text):
        return int(text, 8)
    result = mode
    for clause in text.split(","):
        match = _SYMBOLIC.match(clause)
        if match is None:
            return None
        who, op, perms = match.groups()
        mask = 0
        for letter in who or "a":
            mask |= 0o7777 if letter == "a" else _WHO[letter]
        if not who:
            mask &= ~0o022 if op == "+" else 0o7777  # as with the default umask
        bits = 0
        for perm in perms:
            if perm == "X":
                if is_dir or (result is not None and result & 0o111):
                    bits |= 0o111
            else:
                bits |= _PERMS[perm]
        bits &= mask
        if op == "=":
            result = (0 if result is None else result & ~mask) | bits if result is not None or who else None
            if result is None:
                return None
        elif result is None:
            return None
        elif op == "+":
            result |= bits
        else:
            result &= ~bits
    return result
