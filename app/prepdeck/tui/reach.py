"""Typed access from a screen or widget to the running `PrepdeckApp`.

Textual types `self.app` as `App[Any]`, so `self.app.context` and `self.app.open_drill(...)` would go
unchecked; screens and widgets mix in `ReachesApp` and call `self.prepdeck_app` instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from prepdeck.tui.app import PrepdeckApp


class ReachesApp(DOMNode):
    """Mix in after the Textual base (`class X(Screen, ReachesApp)`): Textual inherits CSS along the
    first DOMNode base only."""

    @property
    def prepdeck_app(self) -> PrepdeckApp:
        # Imported here: prepdeck.tui.app imports the screens that use this mixin.
        from prepdeck.tui.app import PrepdeckApp

        app = self.app
        if not isinstance(app, PrepdeckApp):
            raise TypeError(f"{type(self).__name__} runs only inside PrepdeckApp, not {type(app).__name__}")
        return app
