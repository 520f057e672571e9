"""Suspended cards: every side you suspended (or that was suspended as a leech), to bring back.

The list comes from `study.suspended.suspended_sides`; `u` or `enter` unsuspends the highlighted
side through the study service, and it comes back when it is due.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from prepdeck.study.quiz import item_prompt
from prepdeck.study.service import StudyCard
from prepdeck.study.suspended import suspended_sides
from prepdeck.tui.reach import ReachesApp
from prepdeck.tui.text import one_line

LABEL_WIDTH = 70


class SuspendedScreen(Screen[None], ReachesApp):
    DEFAULT_CSS = """
    SuspendedScreen #suspended-title { height: 1; padding: 0 2; background: $primary 30%; text-style: bold; }
    SuspendedScreen #suspended-status { height: 1; padding: 0 2; color: $text-muted; }
    SuspendedScreen OptionList { height: 1fr; margin: 0 1; }
    """

    BINDINGS = [
        Binding(
            "u",
            "unsuspend",
            "Unsuspend",
            id="suspended.unsuspend",
            tooltip="Put the highlighted card back on your schedule (enter does too)",
        ),
        Binding("escape", "back", "Back", id="suspended.back", tooltip="Back to where you came from"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sides: list[StudyCard] = []

    def compose(self) -> ComposeResult:
        yield Static("Suspended cards", id="suspended-title", markup=False)
        yield Static(id="suspended-status", markup=False)
        yield OptionList(id="suspended-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sides = suspended_sides(self.prepdeck_app.context.study)
        listed = self.query_one(OptionList)
        listed.add_options([Option(self._label(card)) for card in self.sides])
        if self.sides:
            listed.highlighted = 0  # u works at once, on the first card
        self._show_status()
        listed.focus()

    def _label(self, card: StudyCard) -> str:
        """The side as the learner saw it (its front), and where it comes from, never an id."""
        pack = self.prepdeck_app.context.pack(card.key.pack_id)
        section = pack.section(card.item.section) if pack is not None and card.item.section else None
        where = section.title if section is not None else (pack.meta.title if pack else card.key.pack_id)
        return f"{one_line(item_prompt(card.content, card.variant), LABEL_WIDTH)} · {one_line(where, 40)}"

    def _show_status(self) -> None:
        count = len(self.sides)
        self.query_one("#suspended-status", Static).update(
            f"{count} suspended card{'s' if count != 1 else ''} · u or enter: unsuspend · escape: back"
            if count
            else "No card is suspended (s in a review suspends one) · escape: back"
        )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.sides) if action == "unsuspend" else True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._unsuspend(event.option_index)

    def action_unsuspend(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self._unsuspend(highlighted)

    def _unsuspend(self, position: int) -> None:
        if not 0 <= position < len(self.sides):
            return
        card = self.sides.pop(position)
        self.prepdeck_app.context.study.unsuspend(card)
        self.query_one(OptionList).remove_option_at_index(position)
        self.notify("Unsuspended: it comes back when it is due.", timeout=3)
        self._show_status()

    def action_back(self) -> None:
        self.dismiss()
