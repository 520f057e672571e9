"""The four grade buttons (Again, Hard, Good, Easy), each showing the wait it would schedule.

The screens own the 1-4 keys; the buttons are for the mouse, so they never take focus (space
and enter keep their meaning on the screen). `select(rating)` marks one button, for the
Interview screen's suggested rating.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button
from textual.widgets.button import ButtonVariant

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
_VARIANTS: dict[int, ButtonVariant] = {1: "error", 2: "warning", 3: "success", 4: "primary"}


class GradeBar(Horizontal):
    DEFAULT_CSS = """
    GradeBar { height: 3; align-horizontal: center; }
    GradeBar > Button { width: 1fr; max-width: 22; margin: 0 1; min-width: 10; }
    GradeBar > Button.-selected { text-style: bold reverse; }
    """

    class Chosen(Message):
        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.selected: int | None = None

    def compose(self) -> ComposeResult:
        for rating, name in RATING_NAMES.items():
            button = Button(f"{rating} {name}", id=f"grade-{rating}", variant=_VARIANTS[rating], compact=True)
            button.can_focus = False
            yield button

    def show_intervals(self, labels: dict[int, str]) -> None:
        """Put each rating's next interval on its button, e.g. {1: "1m", 3: "10m"}."""
        for rating, name in RATING_NAMES.items():
            interval = labels.get(rating)
            label = f"{rating} {name} · {interval}" if interval else f"{rating} {name}"
            button = self.query_one(f"#grade-{rating}", Button)
            if str(button.label) != label:  # an unchanged label would still be redrawn
                button.label = label

    def select(self, rating: int | None) -> None:
        self.selected = rating
        for number in RATING_NAMES:
            self.query_one(f"#grade-{number}", Button).set_class(number == rating, "-selected")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        rating = int((event.button.id or "grade-0").removeprefix("grade-"))
        self.post_message(self.Chosen(rating))
