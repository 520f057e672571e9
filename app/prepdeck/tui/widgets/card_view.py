"""One flashcard side, front first, then the answer: every card type of the pack format.

`CardView.show(card, order)` draws a new side by updating the widgets it already has (no mounting,
so a grade key re-renders within a frame); `reveal()` shows the answer. Pack text always goes
through `prepdeck.tui.text`, so markup or escape sequences in a pack show literally.

Answering before the reveal depends on the type: type-in has an input (enter checks it), choice,
multi-choice and order cards use a `ChoicePicker`; basic, reversed and cloze just reveal.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from prepdeck.study.typein import check_card
from prepdeck.tui.inline_markdown import cloze_markdown, inline_markdown
from prepdeck.tui.text import strip_controls
from prepdeck.tui.widgets.answer_input import AnswerInput
from prepdeck.tui.widgets.answers import EXTRA, MISSING, char_diff, cloze_number, cloze_pieces
from prepdeck.tui.widgets.choice_picker import MULTI, ORDER, SINGLE, ChoicePicker, PickedOption

PICKER_TYPES = (SINGLE, MULTI, ORDER)
TYPE_NAMES = {
    "basic": "basic",
    "reversed": "reversed",
    "cloze": "cloze",
    "type_in": "type the answer",
    "choice": "choose one",
    "multi_choice": "choose all that apply",
    "order": "put in order",
}


def _plain(text: str | None) -> str:
    return strip_controls(text or "")


class CardView(VerticalScroll):
    DEFAULT_CSS = """
    CardView { height: 1fr; padding: 0 2; }
    CardView > #card-front { margin-bottom: 1; }
    CardView > #card-input { margin-bottom: 1; }
    CardView > #card-back { border-top: solid $primary; padding-top: 1; }
    CardView > #card-extra { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.card: Any = None
        self.revealed = False
        self.typed_correct: bool | None = None
        # Kept from compose: the grade key path must not pay for queries.
        self._front = Static(id="card-front")
        self._input = AnswerInput(id="card-input", placeholder="type your answer, then enter")
        self._picker = ChoicePicker(id="card-picker")
        self._back = Static(id="card-back")
        self._extra = Static(id="card-extra")

    def compose(self) -> ComposeResult:
        yield self._front
        yield self._input
        yield self._picker
        yield self._back
        yield self._extra

    @staticmethod
    def _show_widget(widget: Any, shown: bool) -> None:
        if widget.display != shown:
            widget.display = shown

    # --- a new side ----------------------------------------------------------------------

    @property
    def content(self) -> Any:
        return self.card.content if self.card is not None else None

    @property
    def card_type(self) -> str:
        return getattr(self.content, "type", "")

    def show(self, card: Any, order: list[int], where: str = "") -> None:
        """Draw the front of `card` (a StudyCard); `order` is the order to show its options or
        steps in (`StudyService.option_order`); `where` is a short "pack · section" line."""
        self.card = card
        self.revealed = False
        self.typed_correct = None
        content = card.content
        # Where the card is from, its front and its hint are one widget: one redraw per card.
        kind = TYPE_NAMES.get(content.type, content.type)
        front = Text()
        front.append(f"{_plain(where)} · {kind}" if where else kind, style="dim")
        front.append("\n\n")
        front.append_text(self._front_text(card))
        if content.hint:
            front.append("\n\nhint: ", style="dim")
            front.append_text(inline_markdown(content.hint, style="dim"))
        self._front.update(front)
        self._input.value = ""
        self._show_widget(self._input, content.type == "type_in")
        self._show_widget(self._picker, content.type in PICKER_TYPES)
        if content.type in PICKER_TYPES:
            self._load_picker(self._picker, content, order)
        self._show_widget(self._back, False)
        self._show_widget(self._extra, False)
        self.scroll_home(animate=False)
        self.focus_answer()

    def focus_answer(self) -> None:
        """Give focus to what the learner answers with (the input or the picker), if any."""
        if self.revealed:
            return
        wanted: Widget | None = None
        if self.card_type == "type_in":
            wanted = self._input
        elif self.card_type in PICKER_TYPES:
            wanted = self._picker
        if wanted is not None and not wanted.has_focus:
            # At once, not after a refresh as `focus()` does: the next key is read with it in place.
            self.screen.set_focus(wanted)

    def _front_text(self, card: Any) -> Text:
        content = card.content
        if content.type == "reversed":
            return inline_markdown(content.back if card.variant == "reverse" else content.front, style="bold")
        if content.type == "basic":
            return inline_markdown(content.front, style="bold")
        if content.type == "cloze":
            return self._cloze_text(content.text, card.variant, revealed=False)
        return inline_markdown(content.prompt, style="bold")

    @staticmethod
    def _cloze_text(text: str, variant: str, *, revealed: bool) -> Text:
        styles = {"text": "", "blank": "bold reverse", "answer": "bold green underline"}
        return cloze_markdown(cloze_pieces(_plain(text), cloze_number(variant), revealed=revealed), styles)

    @staticmethod
    def _load_picker(picker: ChoicePicker, content: Any, order: list[int]) -> None:
        if content.type == ORDER:
            options = [PickedOption(item, False, None) for item in content.items]
        else:
            options = [PickedOption(option.text, option.correct, option.why) for option in content.options]
        picker.load(content.type, options, order)

    # --- answering and revealing ---------------------------------------------------------

    def check_typed(self) -> None:
        """Check the type-in answer and reveal (enter in the input, or space)."""
        content = self.content
        typed = self._input
        verdict = check_card(content, typed.value)
        self.typed_correct = verdict.correct
        self.reveal(typed_value=typed.value, expected=verdict.closest)

    def reveal(self, typed_value: str | None = None, expected: str | None = None) -> None:
        if self.card is None or self.revealed:
            return
        content = self.content
        if content.type == "type_in" and typed_value is None:
            self.check_typed()
            return
        self.revealed = True
        self._back.update(self._back_text(typed_value, expected))
        self._show_widget(self._back, True)
        # The typed answer is repeated in the diff below; hiding the input also frees 1-4 for grading.
        self._show_widget(self._input, False)
        if content.type in PICKER_TYPES:
            self._picker.reveal()
        self._extra.update(inline_markdown(content.extra) if content.extra else "")
        self._show_widget(self._extra, bool(content.extra))

    def _back_text(self, typed_value: str | None, expected: str | None) -> Text:
        content, card = self.content, self.card
        if content.type == "basic":
            return inline_markdown(content.back)
        if content.type == "reversed":
            return inline_markdown(content.front if card.variant == "reverse" else content.back)
        if content.type == "cloze":
            return self._cloze_text(content.text, card.variant, revealed=True)
        if content.type == "type_in":
            return self._typed_result(typed_value or "", expected or content.answers[0])
        picker = self._picker
        return self._verdict_line(picker.answered_correctly if picker.chosen else None)

    @staticmethod
    def _verdict_line(correct: bool | None) -> Text:
        if correct is None:
            return Text("Not answered: here is the answer.", style="italic")
        return Text("Correct." if correct else "Not quite.", style="bold green" if correct else "bold red")

    def _typed_result(self, typed: str, expected: str) -> Text:
        content = self.content
        result = self._verdict_line(self.typed_correct if typed.strip() else None)
        result.append("\n")
        if typed.strip():
            result.append("you typed:  ", style="dim")
            for kind, piece in char_diff(_plain(typed), _plain(expected), case=content.match.case):
                if kind == EXTRA:
                    result.append(piece, style="red strike")
                elif kind == MISSING:
                    result.append(piece, style="black on yellow")
                else:
                    result.append(piece, style="green")
            result.append("\n")
        result.append("answer:     ", style="dim")
        result.append(_plain(expected), style="bold")
        others = [answer for answer in content.answers if answer != expected]
        if others:
            result.append("\nalso accepted: " + ", ".join(_plain(answer) for answer in others), style="dim")
        return result
