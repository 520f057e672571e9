"""A drill's requirement checklist: each requirement turns green as the learner's file meets it.

Before the first check every requirement is listed as pending. After a check, an unmet
requirement shows why it fails and where (line:column), from the drill checker's result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.widgets import Static

from prepdeck.tui.inline_markdown import inline_markdown


class Checklist(Static):
    DEFAULT_CSS = """
    Checklist { height: auto; }
    """

    def __init__(self, requirements: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.requirements = list(requirements)
        self.results: dict[str, Any] = {}

    def on_mount(self) -> None:
        self.update(self._text())

    def show_results(self, results: Sequence[Any]) -> None:
        """`results`: the checker's RequirementResult objects (id, met, severity, reason, span)."""
        self.results = {result.id: result for result in results}
        self.update(self._text())

    def _text(self) -> Text:
        """Requirements and reasons with their inline Markdown drawn (`latest` as code, not in
        backticks), as cards show pack text."""
        text = Text()
        for requirement in self.requirements:
            result = self.results.get(requirement.id)
            if result is None:
                mark, style = "· ", "dim"
            elif result.met:
                mark, style = "✓ ", "green"
            else:
                blocking = result.severity == "error"
                mark, style = ("✗ ", "red") if blocking else ("! ", "yellow")
                text.append(mark, style=f"bold {style}")
                mark = ""
            text.append(mark, style=style)
            text.append_text(inline_markdown(requirement.message, style))
            text.append("\n")
            if result is not None and not result.met and result.reason:
                where = f"{result.span.line}:{result.span.column} " if result.span else ""
                text.append(f"    {where}", style="dim")
                text.append_text(inline_markdown(result.reason, "dim"))
                text.append("\n")
        return text
