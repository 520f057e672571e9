"""A text editor for the learner's files, with the keys of common editors.

- ctrl+a selects the whole file (a TextArea moves to the line start on it);
- ctrl+c copies the selection and says so; with nothing selected it says how to select, instead
  of Textual's "press ctrl+q to quit" prompt, so a copy is never taken for a wish to quit.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea

from prepdeck.tui.text import plural


class FileEditor(TextArea):
    BINDINGS = [
        Binding("ctrl+a", "select_all", "Select all", show=False, id="editor.select_all"),
        Binding("ctrl+c", "copy", "Copy", show=False, id="editor.copy"),
    ]

    def action_copy(self) -> None:
        selected = self.selected_text
        if not selected:
            self.notify("Nothing is selected: ctrl+a selects the whole file, shift+arrows a part.", timeout=3)
            return
        self.app.copy_to_clipboard(selected)
        lines = selected.count("\n") + (not selected.endswith("\n"))
        self.notify(f"Copied {plural(lines, 'line')}.", timeout=2)
