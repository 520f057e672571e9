"""A Footer that rebuilds its keys only when the keys it shows change, and shows those that fit.

Textual's Footer recomposes (removes and mounts every key widget) on each bindings update, and
a focus change is one. On the study screens focus moves between the card's input, its option
picker and the screen on almost every key, while the keys on show stay the same; rebuilding
the footer then costs more than drawing the next card.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# When the keys do not fit the footer (80 columns), keys give way in this order: the palette key,
# then Quit, then the screen's FOOTER_LEAST_NEEDED actions in order, and Help last. They still
# work, and Help lists them; a key cut in half shows nothing useful.
FIRST_TO_GO = ("quit",)
LAST_TO_GO = ("open_help",)


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
            if screen.app.app_focus:  # else Footer skips this update: keep the keys to compare unset
                self._shown_keys = shown
        super().bindings_changed(screen)

    _fitted_width = 0

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._fitted_width:  # another width: other keys fit
            self._fitted_width = event.size.width
            # As Footer does on a bindings change (refresh(recompose=True) here could compose
            # after that update with the keys of before it: Theory kept only Back and Search).
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        screen, app = self.screen, self.app
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled, tooltip)
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            palette = screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)

        def width(binding: Binding) -> int:  # a FooterKey: ` key description ` plus a space
            return len(app.get_key_display(binding)) + len(binding.description) + 3

        room = (self.size.width or app.size.width) - 1
        used = sum(width(binding) for binding, _, _ in shown.values())
        if palette is not None and used + width(palette[1]) + 1 > room:
            palette = None
        least_needed = getattr(screen, "FOOTER_LEAST_NEEDED", ())
        for name in (*FIRST_TO_GO, *least_needed, *LAST_TO_GO):
            for action in [action for action in shown if action.partition("(")[0] == name]:
                if used > room:
                    used -= width(shown.pop(action)[0])
        for binding, enabled, tooltip in shown.values():
            yield FooterKey(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        if palette is not None:
            _node, binding, enabled, tooltip = palette
            yield FooterKey(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )
