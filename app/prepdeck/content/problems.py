"""A problem found in a pack, with the place it was found, printed the way compilers print."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, order=True)
class Position:
    file: Path
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    column: int | None
    level: str  # "error" or "warning"
    code: str
    message: str

    @classmethod
    def at(
        cls, position: Position | None, level: str, code: str, message: str, file: Path | None = None
    ) -> Problem:
        if position is None:
            return cls(file or Path("."), None, None, level, code, message)
        return cls(position.file, position.line, position.column, level, code, message)

    def render(self, relative_to: Path | None = None) -> str:
        """`path:line:col: level [code] message`; a problem with no place omits line and column."""
        place = _display_path(self.file, relative_to)
        if self.line is not None:
            place += f":{self.line}:{self.column or 1}"
        return f"{place}: {self.level} [{self.code}] {_one_line(self.message)}"

    def as_json(self, relative_to: Path | None = None) -> dict[str, Any]:
        data = asdict(self)
        data["file"] = _display_path(self.file, relative_to)
        return data

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.file), self.line or 0, self.column or 0, self.code)


def _one_line(text: str) -> str:
    """Control characters a file put into a message (a newline, a carriage return, an escape)
    are shown escaped, so every problem stays one line and cannot redraw the terminal."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def _display_path(path: Path, relative_to: Path | None) -> str:
    if relative_to is not None:
        try:
            # The folder resolved, not the name itself: a problem about a link names the link.
            return str((path.parent.resolve() / path.name).relative_to(relative_to.resolve()))
        except ValueError:
            pass
    return str(path)
