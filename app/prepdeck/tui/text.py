"""Make pack text safe to show: Rich markup is escaped, terminal control characters are replaced.

Pack text is written by instructors we do not control. `[bold]` or `[link=...]` must show as typed,
and an escape sequence (`\\x1b]52;...` writes the clipboard, `\\x1b[2J` clears the screen) must never
reach the terminal. Every screen that shows pack text passes it through one of these helpers.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 controls (0x80-0x9f; 0x9b is a one-byte CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SYMBOLS = {0x1B: "␛", 0x7F: "␡"}


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code in _SYMBOLS:
        return _SYMBOLS[code]
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" of that character, e.g. ␀
    return "\ufffd"


def strip_controls(text: str) -> str:
    """Replace control characters with visible symbols; tabs and newlines stay.

    Carriage returns become ␍ too, except in CRLF line ends, which become plain newlines.
    """
    return _CONTROL.sub(_visible, str(text).replace("\r\n", "\n"))


def escape_markup(text: str) -> str:
    """Escape Rich/Textual content markup so `[bold]` shows as typed."""
    from rich.markup import escape

    return escape(text)


def safe_markup(text: str) -> str:
    """Pack text ready to place inside a markup string (e.g. f"[b]{safe_markup(title)}[/b]")."""
    return escape_markup(strip_controls(text))


def safe_text(text: str):
    """Pack text as a `rich.text.Text` that is never parsed for markup."""
    from rich.text import Text

    return Text(strip_controls(text))


def safe_markdown(text: str) -> str:
    """Markdown source for a Markdown widget: control characters replaced.

    Textual's Markdown widget does not interpret Rich markup, so square brackets are kept as
    Markdown (links still work); only control characters are made visible.
    """
    return strip_controls(text)


def plural(count: int, noun: str) -> str:
    """`1 card`, `2 cards`: a count with its noun."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def one_line(text: str, limit: int = 0) -> str:
    """Pack text as one readable line: controls made visible, whitespace runs collapsed, and when
    longer than `limit` (0: no limit) cut at the last word break that fits, ending in `…`."""
    line = " ".join(strip_controls(text).split())
    if not limit or len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # a word break not too far back; else cut inside the long word
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"
