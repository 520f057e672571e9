"""Picking options on choice, multi-choice and order cards, then showing what was right and why.

One focusable widget for the three card types, drawn as styled text so a new card costs a single
render (no widgets are mounted on the review key path). Keys while it has focus:

- up/down move the cursor;
- enter picks (choice: answers at once; multi_choice: toggles the option; order: puts the
  highlighted item next in the sequence, and the last one placed answers);
- backspace takes back the last item placed (order);
- 1-9 pick the option shown with that number, as enter would on it. Once the card is revealed
  the digits are passed on to the screen (they grade there).

Space is left to the screen, which uses it to check the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.actions import SkipAction
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from prepdeck.tui.inline_markdown import inline_markdown
from prepdeck.tui.text import strip_controls
from prepdeck.tui.widgets.answers import order_marks

SINGLE, MULTI, ORDER = "choice", "multi_choice", "order"


@dataclass(frozen=True)
class PickedOption:
    text: str
    correct: bool
    why: str | None


class ChoicePicker(Widget, can_focus=True):
    DEFAULT_CSS = """
    ChoicePicker { height: auto; padding: 0 1; }
    ChoicePicker:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding(
            "enter", "pick", "Pick", id="picker.pick", show=False, tooltip="Choose the highlighted option"
        ),
        Binding("backspace", "take_back", "Take back", show=False),
        *(
            Binding(str(number), f"pick_number({number})", f"Pick {number}", show=False)
            for number in range(1, 10)
        ),
    ]

    cursor: reactive[int] = reactive(0)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.mode = SINGLE
        self.options: list[PickedOption] = []
        self.display_order: list[int] = []  # option indexes in the order shown
        self.chosen: list[int] = []  # option indexes chosen, in the order chosen
        self.revealed = False

    # --- setting up and answering -----------------------------------------------------------

    def load(self, mode: str, options: list[PickedOption], display_order: list[int]) -> None:
        self.mode = mode
        self.options = options
        self.display_order = display_order
        self.chosen = []
        self.revealed = False
        self.cursor = 0
        self.refresh(layout=True)

    def reveal(self) -> None:
        self.revealed = True
        self.refresh(layout=True)

    @property
    def answered_correctly(self) -> bool:
        if self.mode == ORDER:
            return self.chosen == list(range(len(self.options)))
        wanted = {index for index, option in enumerate(self.options) if option.correct}
        return set(self.chosen) == wanted

    def action_move(self, step: int) -> None:
        if self.display_order:
            self.cursor = (self.cursor + step) % len(self.display_order)

    async def action_pick(self) -> None:
        if self.revealed or not self.display_order:
            return
        index = self.display_order[self.cursor]
        if self.mode == SINGLE:
            self.chosen = [index]
            await self._answered()
        elif self.mode == MULTI:
            self.chosen = (
                [i for i in self.chosen if i != index] if index in self.chosen else [*self.chosen, index]
            )
        elif index not in self.chosen:
            self.chosen.append(index)
            if len(self.chosen) == len(self.options):
                await self._answered()
            else:
                self.action_move(1)
        self.refresh(layout=True)

    async def _answered(self) -> None:
        """The learner finished choosing (a choice picked, or every order item placed): the screen
        shows the answer now, before the next key is read (a message would be handled after it,
        and a grade key pressed right away would pick an option instead)."""
        self.refresh(layout=True)
        await self.screen.run_action("reveal")

    async def action_pick_number(self, number: int) -> None:
        """Pick the `number`-th option shown (1-based); the digit goes to the screen when there is
        nothing to pick (revealed, or no such option)."""
        if self.revealed or not 1 <= number <= len(self.display_order):
            raise SkipAction()
        self.cursor = number - 1
        await self.action_pick()

    def action_take_back(self) -> None:
        if self.mode == ORDER and self.chosen and not self.revealed:
            self.chosen.pop()
            self.refresh(layout=True)

    def watch_cursor(self) -> None:
        self.refresh()

    # --- drawing -------------------------------------------------------------------------

    def render(self) -> Text:
        if self.revealed:
            return self._render_order_result() if self.mode == ORDER else self._render_result()
        lines = Text()
        for row, index in enumerate(self.display_order):
            pointer = "> " if row == self.cursor and self.has_focus else "  "
            lines.append(pointer, style="bold")
            lines.append(f"{row + 1}. " if row < 9 else "   ", style="dim")
            lines.append(self._box(index))
            lines.append_text(
                inline_markdown(self.options[index].text, style="bold" if row == self.cursor else "")
            )
            lines.append("\n")
        lines.append(self._instructions(), style="dim")
        return lines

    def _box(self, index: int) -> str:
        if self.mode == ORDER:
            return f"[{self.chosen.index(index) + 1}] " if index in self.chosen else "[ ] "
        if self.mode == MULTI:
            return "[x] " if index in self.chosen else "[ ] "
        return "( ) "

    def _instructions(self) -> str:
        if self.mode == SINGLE:
            return "1-9 or up/down and enter to choose, space if you don't know"
        if self.mode == MULTI:
            return "1-9 or enter to tick every correct option, then space to check"
        return "1-9 or enter to place a step next, backspace to take one back, space to check"

    def _render_result(self) -> Text:
        lines = Text()
        for index in self.display_order:
            option = self.options[index]
            picked = index in self.chosen
            if option.correct:
                mark, style = ("✓ ", "bold green") if picked or self.mode == SINGLE else ("✓ ", "green")
            else:
                mark, style = ("✗ ", "bold red") if picked else ("  ", "dim")
            lines.append(mark, style=style)
            lines.append_text(inline_markdown(option.text, style=style))
            if picked:
                lines.append("  (your choice)", style="italic")
            lines.append("\n")
            if option.why:
                lines.append("    ")
                lines.append_text(inline_markdown(option.why, style="dim" if not option.correct else ""))
                lines.append("\n")
        return lines

    def _render_order_result(self) -> Text:
        lines = Text()
        marks = order_marks([option.text for option in self.options], self.chosen)
        if self.chosen:
            lines.append("Your order:\n", style="bold")
            for position, (index, right) in enumerate(zip(self.chosen, marks, strict=False), start=1):
                lines.append("✓ " if right else "✗ ", style="green" if right else "red")
                lines.append(f"{position}. {strip_controls(self.options[index].text)}\n")
        lines.append("Correct order:\n", style="bold")
        for position, option in enumerate(self.options, start=1):
            lines.append(f"  {position}. {strip_controls(option.text)}\n", style="green")
        return lines
