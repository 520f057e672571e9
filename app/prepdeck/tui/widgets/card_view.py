"""One flashcard side, front first, then the answer: every card type of the pack format.

`CardView.show(card, rng)` draws a new side by updating the widgets it already has (no mounting,
so a grade key re-renders within a frame); `reveal()` shows the answer. Pack text always goes
through `prepdeck.tui.text`, so markup or escape sequences in a pack show literally.

Answering before the reveal depends on the type: type-in has an input (enter checks it), choice,
multi-choice and order cards use a `ChoicePicker`; basic, reversed and cloze just reveal.
"""

from __future__ import annotations

import random
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from prepdeck.tui.text import strip_controls
from prepdeck.tui.widgets.answers import EXTRA, MISSING, check_typed, char_diff, cloze_number, cloze_pieces
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
    CardView > #card-meta { color: $text-muted; margin-bottom: 1; }
    CardView > #card-front { margin-bottom: 1; }
    CardView > #card-input { margin-bottom: 1; }
    CardView > #card-back { border-top: solid $primary; padding-top: 1; }
    CardView > #card-extra { color: $text-muted; margin-top: 1; }
    CardView > #card-hint { color: $text-muted; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.card: Any = None
        self.revealed = False
        self.typed_correct: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="card-meta")
        yield Static(id="card-front")
        yield Static(id="card-hint")
        yield Input(id="card-input", placeholder="type your answer, then enter")
        yield ChoicePicker(id="card-picker")
        yield Static(id="card-back")
        yield Static(id="card-extra")

    # --- a new side ----------------------------------------------------------------------

    @property
    def content(self) -> Any:
        return self.card.content if self.card is not None else None

    @property
    def card_type(self) -> str:
        return getattr(self.content, "type", "")

    def show(self, card: Any, rng: random.Random, where: str = "") -> None:
        """Draw the front of `card` (a StudyCard); `where` is a short "pack · section" line."""
        self.card = card
        self.revealed = False
        self.typed_correct = None
        content = card.content
        kind = TYPE_NAMES.get(content.type, content.type)
        self.query_one("#card-meta", Static).update(Text(f"{_plain(where)} · {kind}" if where else kind))
        self.query_one("#card-front", Static).update(self._front_text(card))
        hint = self.query_one("#card-hint", Static)
        hint.update(Text(f"hint: {_plain(content.hint)}") if content.hint else "")
        hint.display = bool(content.hint)
        typed = self.query_one("#card-input", Input)
        typed.display = content.type == "type_in"
        typed.disabled = content.type != "type_in"
        typed.value = ""
        picker = self.query_one(ChoicePicker)
        picker.display = content.type in PICKER_TYPES
        if content.type in PICKER_TYPES:
            self._load_picker(picker, content, rng)
        self.query_one("#card-back", Static).display = False
        self.query_one("#card-extra", Static).display = False
        self.scroll_home(animate=False)
        self.focus_answer()

    def focus_answer(self) -> None:
        """Give focus to what the learner answers with (the input or the picker), if any."""
        if self.revealed:
            return
        wanted = None
        if self.card_type == "type_in":
            wanted = self.query_one("#card-input", Input)
        elif self.card_type in PICKER_TYPES:
            wanted = self.query_one(ChoicePicker)
        if wanted is not None and not wanted.has_focus:
            wanted.focus()

    def _front_text(self, card: Any) -> Text:
        content = card.content
        if content.type == "reversed":
            return Text(_plain(content.back if card.variant == "reverse" else content.front), style="bold")
        if content.type == "basic":
            return Text(_plain(content.front), style="bold")
        if content.type == "cloze":
            return self._cloze_text(content.text, card.variant, revealed=False)
        return Text(_plain(content.prompt), style="bold")

    @staticmethod
    def _cloze_text(text: str, variant: str, *, revealed: bool) -> Text:
        styles = {"text": "", "blank": "bold reverse", "answer": "bold green underline"}
        result = Text()
        for kind, piece in cloze_pieces(_plain(text), cloze_number(variant), revealed=revealed):
            result.append(piece, style=styles[kind])
        return result

    @staticmethod
    def _load_picker(picker: ChoicePicker, content: Any, rng: random.Random) -> None:
        if content.type == ORDER:
            options = [PickedOption(item, False, None) for item in content.items]
            order = list(range(len(options)))
            while len(order) > 1 and order == sorted(order):
                rng.shuffle(order)  # never show the items already in the right order
        else:
            options = [PickedOption(option.text, option.correct, option.why) for option in content.options]
            order = list(range(len(options)))
        picker.load(content.type, options, order)

    # --- answering and revealing ---------------------------------------------------------

    def check_typed(self) -> None:
        """Check the type-in answer and reveal (enter in the input, or space)."""
        content = self.content
        typed = self.query_one("#card-input", Input)
        verdict = check_typed(
            typed.value, list(content.answers), case=content.match.case, trim=content.match.trim, fuzzy=content.match.fuzzy
        )
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
        back = self.query_one("#card-back", Static)
        back.update(self._back_text(typed_value, expected))
        back.display = True
        typed = self.query_one("#card-input", Input)
        typed.disabled = True
        if content.type in PICKER_TYPES:
            self.query_one(ChoicePicker).reveal()
        extra = self.query_one("#card-extra", Static)
        extra.update(Text(_plain(content.extra)) if content.extra else "")
        extra.display = bool(content.extra)

    def _back_text(self, typed_value: str | None, expected: str | None) -> Text:
        content, card = self.content, self.card
        if content.type == "basic":
            return Text(_plain(content.back))
        if content.type == "reversed":
            return Text(_plain(content.front if card.variant == "reverse" else content.back))
        if content.type == "cloze":
            return self._cloze_text(content.text, card.variant, revealed=True)
        if content.type == "type_in":
            return self._typed_result(typed_value or "", expected or content.answers[0])
        if content.type in (SINGLE, MULTI):
            verdict = self.query_one(ChoicePicker).answered_correctly
            picked = bool(self.query_one(ChoicePicker).chosen)
            return self._verdict_line(verdict if picked else None)
        verdict = self.query_one(ChoicePicker).answered_correctly
        return self._verdict_line(verdict if self.query_one(ChoicePicker).chosen else None)

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
