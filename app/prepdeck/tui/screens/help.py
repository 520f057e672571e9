"""Help: the shipped `help.md` (every key of every screen), then the keys active where you came from."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

HELP_FILE = Path(__file__).resolve().parent.parent / "help.md"


def help_text() -> str:
    try:
        return HELP_FILE.read_text(encoding="utf-8")
    except OSError as error:
        return f"# Help\n\nThe help file could not be read ({error.strerror}): {HELP_FILE}"


def bindings_markdown(screen: Screen) -> str:
    """A table of the keys the given screen (and the app) answer to right now."""
    rows = []
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or not (binding.show or binding.id):
            continue  # scrolling and focus keys of the focused widget: listed in help.md already
        display = screen.app.get_key_display(binding)
        rows.append(f"| `{display}` | {binding.description} | {binding.tooltip or ''} |")
    if not rows:
        return ""
    return "\n".join(["| key | does | |", "|---|---|---|", *rows])


class HelpScreen(Screen[None]):
    SUB_TITLE = "Help"

    BINDINGS = [
        Binding("escape", "back", "Back", id="help.back", tooltip="Back to where you came from"),
        Binding("q", "back", "Back", id="help.close", tooltip="Back to where you came from", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-scroll"):
            yield Markdown(self._document(), id="help-text")
        yield Footer()

    def _document(self) -> str:
        text = help_text()
        below = [screen for screen in self.app.screen_stack if screen is not self]
        previous = below[-1] if below else None
        if previous is not None:
            table = bindings_markdown(previous)
            if table:
                title = previous.sub_title or type(previous).__name__
                text += f"\n\n## Keys active on the screen you came from ({title})\n\n{table}\n"
        return text

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_back(self) -> None:
        self.dismiss()
