"""The box a type-in answer is typed into, for keys that come faster than the screen redraws.

A key goes to the widget that has focus when the app reads it, and waits in that widget's queue.
Textual's Input checks its text on enter through a message the screen handles later, so a grade
key pressed right after enter was typed into the box (and into the answer being checked). Here
enter runs the screen's `reveal` action at once, in the box's own turn: the keys typed before it
are in the answer, and the screen moves focus away before the next key is read. A key that was
already waiting for the box when focus left is not typed: it goes on to the screen's keys.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class AnswerInput(Input):
    async def _on_key(self, event: events.Key) -> None:
        if self.screen.focused is not self:  # (`has_focus` changes later, with the Blur message)
            event.prevent_default()  # not typed here; it bubbles on to the screen's bindings
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            await self.screen.run_action("reveal")
