"""The next steps of an empty queue (study/next_step.py) on a screen: their keys and their lines.

A screen that offers them adds `step_bindings(name)` to its BINDINGS, shows `steps_text(steps)`,
lets its `check_action` answer `offers(steps, parameters)` for the "step" action, and calls
`take_step(app, steps, key)` from `action_step`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.binding import Binding

from prepdeck.study.next_step import DRILL_KEY, QUESTIONS_KEY, QUIZ_KEY, READ_KEY, Step
from prepdeck.tui.text import strip_controls

_LABELS = {
    QUESTIONS_KEY: ("Questions", "questions", "Answer the interview questions due"),
    READ_KEY: ("Read", "read", "Read the next unread section"),
    DRILL_KEY: ("Drill", "drill", "Try a drill not passed yet"),
    QUIZ_KEY: ("Quiz", "quiz", "A quick quiz on your weakest sections"),
}


def step_bindings(screen: str, skip: Sequence[str] = ()) -> list[Binding]:
    """One binding per step key (shown in the footer only while that step is offered)."""
    return [
        Binding(key, f"step('{key}')", label, id=f"{screen}.step_{name}", tooltip=tooltip)
        for key, (label, name, tooltip) in _LABELS.items()
        if key not in skip
    ]


def steps_text(steps: Sequence[Step], heading: str = "Meanwhile:") -> Text:
    text = Text()
    if steps:
        text.append(f"{heading}\n")
        for step in steps:
            text.append(f"  {step.key}", style="bold")
            text.append(f"  {strip_controls(step.text)}\n")
    return text


def take_step(app: Any, step: Step | None) -> None:
    """Start a step through the app's open_* method it names."""
    if step is not None:
        getattr(app, step.action)(**step.arguments)
