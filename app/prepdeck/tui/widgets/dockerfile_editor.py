"""A Dockerfile editor: tree-sitter highlighting when the grammar is installed, and lint spans marked.

Highlighting comes from `tree_sitter_dockerfile.language()` and the highlight query the package
ships (`queries/highlights.scm`), registered on the TextArea; without the grammar the editor is
plain text and everything else works the same.

`mark(spans)` underlines regions given as 1-based (line, column, end_line, end_column) with the
end column exclusive (the lint engine's convention) and a level; they are drawn on top of the
syntax colours and redrawn after every edit until the next `mark` call replaces them.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rich.style import Style

from prepdeck.tui.widgets.file_editor import FileEditor

LANGUAGE_NAME = "dockerfile"
MARK_STYLES = {
    "error": Style(underline=True, bgcolor="#5f1f1f"),
    "warning": Style(underline=True, bgcolor="#4f4300"),
    "info": Style(underline=True),
    "style": Style(underline=True),
}


@dataclass(frozen=True)
class Mark:
    line: int
    column: int
    end_line: int
    end_column: int
    level: str


@cache
def dockerfile_grammar() -> tuple[Any, str] | None:
    """(tree-sitter Language, highlight query), or None when the grammar is not installed."""
    try:
        import tree_sitter_dockerfile
        from tree_sitter import Language

        query = (Path(tree_sitter_dockerfile.__file__).parent / "queries" / "highlights.scm").read_text(
            encoding="utf-8"
        )
        with warnings.catch_warnings():
            # Older grammar wheels hand back an int pointer, which tree-sitter still accepts but warns about.
            warnings.simplefilter("ignore", DeprecationWarning)
            return Language(tree_sitter_dockerfile.language()), query
    except (ImportError, OSError, ValueError, TypeError):
        return None


def _byte_column(line: str, column: int) -> int:
    """The UTF-8 byte offset of a 0-based character column (the highlight map counts bytes)."""
    return len(line[:column].encode("utf-8"))


class DockerfileEditor(FileEditor):
    DEFAULT_CSS = """
    DockerfileEditor { height: 1fr; }
    """

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(
            text,
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=True,
            theme="monokai",
            **kwargs,
        )
        self.marks: list[Mark] = []
        self.highlighted = False
        grammar = dockerfile_grammar()
        if grammar is not None:
            language, query = grammar
            self.register_language(LANGUAGE_NAME, language, query)
            self.language = LANGUAGE_NAME
            self.highlighted = True

    def mark(self, marks: Iterable[Mark]) -> None:
        self.marks = list(marks)
        self._build_highlight_map()
        self.refresh()

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        # The theme object is shared with other editors: give this one its own style table.
        styles = dict(self._theme.syntax_styles)
        styles.update({f"prepdeck.{level}": style for level, style in MARK_STYLES.items()})
        self._theme.syntax_styles = styles

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        lines = self.document.lines
        for mark in getattr(self, "marks", ()):
            name = f"prepdeck.{mark.level if mark.level in MARK_STYLES else 'info'}"
            first, last = mark.line - 1, mark.end_line - 1
            if first < 0 or first >= len(lines):
                continue
            last = min(last, len(lines) - 1)
            for row in range(first, last + 1):
                text = lines[row]
                start = mark.column - 1 if row == first else 0
                end = mark.end_column - 1 if row == last else len(text)
                if end <= start:  # a point: mark the character there (or the end of the line)
                    end = start + 1
                    if start >= len(text):
                        start, end = max(0, len(text) - 1), max(1, len(text))
                if not text:
                    continue
                self._highlights[row].append((_byte_column(text, start), _byte_column(text, end), name))
        self._line_cache.clear()
