"""A Footer that rebuilds its keys only when the keys it shows change.

Textual's Footer recomposes (removes and mounts every key widget) on each bindings update, and
a focus change is one. On the study screens focus moves between the card's input, its option
picker and the screen on almost every key, while the keys on show stay the same; rebuilding
the footer then costs more than drawing the next card.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown_keys: tuple | None = None

    @staticmethod
    def _keys_on_show(screen: Screen) -> tuple:
        return tuple(
            (binding.key, binding.description, enabled, tooltip)
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            shown = self._keys_on_show(screen)
            if shown == self._shown_keys:
                return
            self._shown_keys = shown
        super().bindings_changed(screen)
