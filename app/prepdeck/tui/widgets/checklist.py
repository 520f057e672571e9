"""A drill's requirement checklist: each requirement turns green as the learner's file meets it.

Before the first check every requirement is listed as pending. After a check, an unmet
requirement shows why it fails and where (line:column), from the drill checker's result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.widgets import Static

from prepdeck.tui.text import strip_controls


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
        text = Text()
        for requirement in self.requirements:
            result = self.results.get(requirement.id)
            message = strip_controls(requirement.message)
            if result is None:
                text.append(f"· {message}\n", style="dim")
            elif result.met:
                text.append(f"✓ {message}\n", style="green")
            else:
                blocking = result.severity == "error"
                text.append("✗ " if blocking else "! ", style="bold red" if blocking else "bold yellow")
                text.append(f"{message}\n", style="red" if blocking else "yellow")
                where = f"{result.span.line}:{result.span.column} " if result.span else ""
                if result.reason:
                    text.append(f"    {where}{strip_controls(result.reason)}\n", style="dim")
        return text
