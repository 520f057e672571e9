"""A grade the store could not save (a full disk): kept on screen and retried until it is saved.

Nothing committed is lost when a write fails: SQLite rolls the failed transaction back, and the
study service changes nothing in memory before the write succeeds. So the screen only has to
keep the card and the chosen grade where they are, say why, and try again.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.timer import Timer

from prepdeck.tui.widgets.grade_bar import RATING_NAMES

RETRY_SECONDS = 5.0


class UnsavedGrade:
    def __init__(self, screen: Screen, retry: Callable[[int], None], show: Callable[[str], None]) -> None:
        self.screen = screen
        self.retry = retry  # grades again with the kept rating
        self.show = show  # puts a line where the learner looks (the grade prompt)
        self.rating: int | None = None
        self._timer: Timer | None = None

    def failed(self, rating: int, error: Exception) -> None:
        first = self.rating is None
        self.rating = rating
        name = RATING_NAMES.get(rating, str(rating))
        self.show(
            f"NOT SAVED YET: {name} ({rating}) - {error}. Retrying every {RETRY_SECONDS:.0f} s; "
            f"free some space, or press {rating} to retry now."
        )
        if first:
            reason = str(error)
            self.screen.notify(
                f"{reason[:1].upper()}{reason[1:]}: your grade ({name}) was not saved. It stays on screen "
                "and is saved as soon as there is space; everything saved before is safe.",
                title="Not saved",
                severity="error",
                timeout=15,
                markup=False,
            )
        if self._timer is None:
            self._timer = self.screen.set_interval(RETRY_SECONDS, self._again)

    def saved(self) -> None:
        if self.rating is None:
            return
        name = RATING_NAMES.get(self.rating, str(self.rating))
        self.rating = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.screen.notify(f"Saved: your grade ({name}) is stored now.", timeout=4, markup=False)

    def _again(self) -> None:
        if self.rating is not None:
            self.retry(self.rating)
