"""Shown over everything while the terminal is smaller than the app can lay out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24


def too_small_message(width: int, height: int) -> str:
    return f"Make the window larger\n(now {width}x{height}, needs {MIN_WIDTH}x{MIN_HEIGHT})"


class TooSmallScreen(ModalScreen[None]):
    """The app closes this itself as soon as the terminal is large enough again."""

    BINDINGS = [
        Binding("ctrl+q", "app.quit", "Quit", id="guard.quit", tooltip="Leave prepdeck", priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(too_small_message(*self.app.size), id="too-small-message", markup=False)

    def show_size(self, width: int, height: int) -> None:
        for message in self.query("#too-small-message").results(Static):
            message.update(too_small_message(width, height))  # before compose, compose reads the size
