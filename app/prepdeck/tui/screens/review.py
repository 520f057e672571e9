"""Review: flashcards one side at a time, graded 1-4 onto the FSRS schedule.

The sitting (today's queue, or extra practice that leaves the schedule alone) is a
`study.session.ReviewSession`; this screen draws its cards and passes keys on.

The grade key path is: commit (a few ms in SQLite), take the next card from the cached queue,
update the widgets already on screen (nothing is mounted, shown or hidden, so the screen's
layout around the card stays put). The next card's interval preview is computed as it is shown;
the grade then commits that preview as it is, without computing it again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from prepdeck.store.database import StoreWriteError
from prepdeck.study.next_step import WhenEmpty, when_empty, when_text
from prepdeck.study.session import PRACTICE, SECTION_ON_SCHEDULE, ReviewFilters, ReviewSession
from prepdeck.tui.next_steps import step_bindings, steps_text, take_step
from prepdeck.tui.reach import ReachesApp
from prepdeck.tui.text import strip_controls
from prepdeck.tui.unsaved import UnsavedGrade
from prepdeck.tui.widgets.card_view import CardView
from prepdeck.tui.widgets.choice_picker import ChoicePicker
from prepdeck.tui.widgets.grade_bar import RATING_NAMES, GradeBar
from prepdeck.tui.widgets.steady_footer import SteadyFooter

WAIT_CHECK_SECONDS = 2


class ReviewScreen(Screen, ReachesApp):
    DEFAULT_CSS = """
    ReviewScreen { layout: vertical; }
    ReviewScreen #review-title { height: 1; padding: 0 2; background: $primary 30%; text-style: bold; }
    ReviewScreen #review-progress { height: 1; padding: 0 2; color: $text-muted; }
    ReviewScreen #review-card-box { height: 1fr; border: round $primary 60%; margin: 0 1; }
    ReviewScreen #review-prompt { height: 1; padding: 0 2; color: $text-muted; }
    ReviewScreen GradeBar { margin: 0 1; height: 1; }
    ReviewScreen #review-summary { height: 1fr; padding: 1 3; border: round $success; margin: 0 1; display: none; }
    """

    # Focus moves on a grade key whenever the next card answers differently (the answer box, the
    # option picker, nothing). Textual's Screen repaints every widget when its focus changes, though
    # only the widget that gains focus and the one that loses it look different, and those two
    # restyle and repaint themselves: that full repaint was the costliest part of such a key.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    # At 80 columns not every key fits the footer: these give way first (the card's header names its section).
    FOOTER_LEAST_NEEDED = ("open_section",)

    BINDINGS = [
        Binding(
            "space",
            "reveal",
            "Show answer",
            id="review.reveal",
            tooltip="Show the answer (checks a typed or chosen one)",
        ),
        Binding(
            "1", "grade(1)", "Again", id="review.again", show=False, tooltip="Forgot it: see it again soon"
        ),
        Binding(
            "2", "grade(2)", "Hard", id="review.hard", show=False, tooltip="Recalled with serious difficulty"
        ),
        Binding("3", "grade(3)", "Good", id="review.good", show=False, tooltip="Recalled after some thought"),
        Binding("4", "grade(4)", "Easy", id="review.easy", show=False, tooltip="Recalled at once"),
        Binding("u", "undo", "Undo", id="review.undo", tooltip="Take back the last grade"),
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            id="review.undo_anywhere",
            priority=True,  # also while typing an answer, where u is a letter (the footer shows it then)
            tooltip="Take back the last grade, also while typing an answer",
        ),
        Binding("b", "bury", "Bury", id="review.bury", tooltip="Hide this card until tomorrow"),
        Binding(
            "s",
            "suspend",
            "Suspend",
            id="review.suspend",
            tooltip="Stop showing this card until you unsuspend it",
        ),
        Binding(
            "S",
            "unsuspend",
            "Unsuspend",
            id="review.unsuspend",
            show=False,
            tooltip="Unsuspend the card suspended last in this review",
        ),
        Binding(
            "o",
            "open_section",
            "Section",
            id="review.section",
            tooltip="Read the theory this card comes from",
        ),
        *step_bindings("review"),  # the next steps of an empty queue, only while offered
        Binding(
            "escape",
            "leave",
            "Back",
            id="review.back",
            tooltip="Leave the answer box, then the review (every grade is already saved)",
        ),
    ]

    def __init__(
        self,
        pack_id: str | None = None,
        tag: str | None = None,
        section: str | None = None,
        weakest: bool = False,
        again_today: bool = False,
        scheduled: bool = False,
        **kwargs: Any,
    ) -> None:
        """`scheduled` with `pack_id` and `section`: that section's due and new cards, graded on
        the schedule (offered after reading it); without it a section is practice."""
        super().__init__(**kwargs)
        self.filters = ReviewFilters(pack_id, tag, section, weakest, again_today, scheduled)
        self.scheduled = self.filters.kind == SECTION_ON_SCHEDULE
        self.practice = self.filters.kind == PRACTICE
        self.card: Any = None
        self._session: ReviewSession | None = None  # made on mount (see `session`)
        self._waiting: Timer | None = None  # polls for a learning card while its step runs
        self._empty: WhenEmpty | None = None  # what the summary offers once the cards run out

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="review-title", markup=False)
        yield Static(id="review-progress")
        with Vertical(id="review-card-box"):
            yield CardView(id="review-card")
        yield Static(id="review-prompt")
        yield GradeBar(id="review-grades")
        yield Static(id="review-summary")
        yield SteadyFooter()

    def _title(self) -> str:
        if self.scheduled:
            return f"Review on your schedule: {strip_controls(self._practice_subject())}"
        if not self.practice:
            return "Review: today's cards"
        return "Practice (schedule unchanged): " + strip_controls(self._practice_subject())

    def _practice_subject(self) -> str:
        """What is practised, in the pack's words (a section's title, not its id)."""
        filters = self.filters
        pack = self.prepdeck_app.context.pack(filters.pack_id) if filters.pack_id else None
        if filters.section:
            section = pack.section(filters.section) if pack is not None else None
            return f"'{section.title}'" if section is not None else f"section {filters.section}"
        described = []
        if filters.tag:
            described.append(f"cards tagged {filters.tag}")
        if filters.weakest:
            described.append("your weakest cards")
        if filters.again_today:
            described.append("cards you missed today")
        subject = " and ".join(described) or "cards"
        return f"{subject} from {pack.meta.title}" if pack is not None else subject

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer shows only the keys that work now: the card's keys while a card is shown,
        the offered next steps on the summary, undo once there is a grade to take back."""
        if action in ("reveal", "bury", "suspend", "open_section"):
            return self.card is not None and not (action == "reveal" and self._view.revealed)
        if action == "undo":
            return self.done > 0
        if action == "step":
            return (
                self.card is None and self._empty is not None and self._empty.step(parameters[0]) is not None
            )
        return True

    @property
    def study(self):
        return self.prepdeck_app.context.study

    def on_mount(self) -> None:
        # Looked up once: the grade key path must not pay for queries.
        self._view = self.query_one(CardView)
        self._grades = self.query_one(GradeBar)
        self._prompt = self.query_one("#review-prompt", Static)
        self._progress = self.query_one("#review-progress", Static)
        self._unsaved = UnsavedGrade(
            self, self.action_grade, lambda line: self._prompt.update(line, layout=False)
        )
        self._session = ReviewSession(self.study, self.filters)
        self._advance()

    @property
    def done(self) -> int:
        return self._session.done if self._session is not None else 0

    @property
    def session(self) -> ReviewSession:
        """The sitting, made once the app's study service can be reached (on mount, or here if
        something asks for it first)."""
        if self._session is None:
            self._session = ReviewSession(self.study, self.filters)
        return self._session

    # --- moving through the cards --------------------------------------------------------

    def _advance(self) -> None:
        self._show(self.session.next_card())

    def _show(self, card: Any) -> None:
        self.card = card
        self.refresh_bindings()  # the footer keeps its keys while they stay the same (SteadyFooter)
        if card is None:
            self._show_summary()
            return
        self._empty = None
        self._set_summary_shown(False)
        self._view.show(card, self.study.option_order(card), self._where(card))
        # The buttons stay on screen with this card's intervals (computed once here, committed
        # as shown): toggling them would re-lay the whole screen on every grade key.
        self._grades.show_intervals(self.session.preview(card))
        self._prompt.update(self._front_prompt(card), layout=False)  # one line, fixed size
        self._update_progress()

    def _set_summary_shown(self, shown: bool) -> None:
        for selector in ("#review-card-box", "#review-prompt", "#review-grades"):
            widget = self.query_one(selector)
            if widget.display == shown:
                widget.display = not shown
        summary = self.query_one("#review-summary")
        if summary.display != shown:
            summary.display = shown

    @staticmethod
    def _front_prompt(card: Any) -> str:
        kind = card.content.type
        if kind == "type_in":
            return "type the answer and press enter"
        if kind in ("choice", "multi_choice", "order"):
            return "answer above, or press space to see the answer"
        return "space: show the answer"

    def _where(self, card: Any) -> str:
        pack = self.prepdeck_app.context.pack(card.key.pack_id)
        if pack is None:
            return card.key.pack_id
        section = pack.section(card.item.section) if card.item.section else None
        return f"{pack.meta.title} · {section.title}" if section else pack.meta.title

    def _update_progress(self) -> None:
        progress = self._progress
        if self.practice:
            total = self.session.practice_total
            progress.update(
                f"practised {self.done} of {total} · grades here do not change your schedule", layout=False
            )
            return
        if self.scheduled:
            progress.update(
                f"done {self.done} · left in this section {self.session.left} · "
                f"learning {self.session.learning} · grades go on your schedule",
                layout=False,
            )
            return
        left = self.session.today_left()
        progress.update(
            f"done {self.done} · left today {left.total} "
            f"(learning {left.learning}, review {left.review}, new {left.new})",
            layout=False,  # one line of fixed size
        )

    # --- answering -----------------------------------------------------------------------

    def action_reveal(self) -> None:
        view = self._view
        if self.card is None or view.revealed:
            return
        view.reveal()
        self._after_reveal()

    def _after_reveal(self) -> None:
        self.refresh_bindings()
        self._prompt.update(self._grade_prompt(), layout=False)
        if isinstance(self.focused, Input):
            self.set_focus(
                None
            )  # so 1-4 grade instead of typing; other focus stays (a change re-lays the footer)

    def _grade_prompt(self) -> str:
        view = self._view
        suggestion = ""
        if view.typed_correct is not None or view.card_type in ("choice", "multi_choice", "order"):
            correct = (
                view.typed_correct
                if view.card_type == "type_in"
                else self.query_one(ChoicePicker).answered_correctly
            )
            suggestion = " (you got it: 3 or 4)" if correct else " (missed: 1 again)"
        return "how well did you know it? 1-4" + suggestion

    @on(GradeBar.Chosen)
    def _clicked_grade(self, event: GradeBar.Chosen) -> None:
        event.stop()
        self.action_grade(event.rating)

    def action_grade(self, rating: int) -> None:
        if self.card is None or not self._view.revealed:
            return
        try:
            result = self.session.grade(self.card, rating)
        except StoreWriteError as error:  # a full disk: the card and the grade stay on screen
            self._unsaved.failed(rating, error)
            return
        self._unsaved.saved()
        if result is not None and rating == 1 and not result.outcome.after.suspended:
            self.notify(f"Again: it comes back {self._when(result.outcome.after.due_at)}.", timeout=4)
        if result is not None and result.notice:
            self.notify(result.notice, title="Leech", severity="warning", timeout=10, markup=False)
        self._advance()

    # --- undo, bury, suspend, section -------------------------------------------------------

    def action_undo(self) -> None:
        card = self.session.undo()
        if card is None:
            self.notify("Nothing to undo in this session.", severity="information")
            return
        self._show(card)
        self.notify("The last grade was taken back.", timeout=3)

    def action_bury(self) -> None:
        if self.card is None:
            return
        self.session.bury(self.card)
        self.notify("Buried until tomorrow.", timeout=3)
        self._advance()

    def action_suspend(self) -> None:
        if self.card is None:
            return
        self.session.suspend(self.card)
        self.notify(
            f"Suspended: it will not come back until you unsuspend it (S, or `prepdeck unsuspend`; {self._where(self.card)}).",
            timeout=4,
            markup=False,
        )
        self._advance()

    def action_unsuspend(self) -> None:
        card = self.session.unsuspend_last()
        if card is None:
            self.notify("No card was suspended in this review.", severity="information")
            return
        self.notify(
            f"Unsuspended: it comes back when it is due ({self._where(card)}).", timeout=4, markup=False
        )
        self._update_progress()

    def action_open_section(self) -> None:
        if self.card is None:
            return
        section = self.card.item.section
        if not section:
            self.notify("This card does not name a section.", severity="warning")
            return
        self.prepdeck_app.open_section(self.card.key.pack_id, section)

    def action_step(self, key: str) -> None:
        if self.card is None and self._empty is not None:
            take_step(self.prepdeck_app, self._empty.step(key))

    def action_leave(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(None)  # first out of the answer box (then u, b, s work), then out of the review
            return
        self.app.pop_screen()

    # --- the end -------------------------------------------------------------------------

    def _show_summary(self) -> None:
        self._empty = when_empty(self.study, learning_due=self.session.next_due_at())
        self.refresh_bindings()
        self.query_one("#review-summary", Static).update(self._summary_text())
        self._set_summary_shown(True)
        self._update_progress()
        if self.session.next_due_at() is not None and self._waiting is None:
            # A learning step is still running: bring its card back once it is due.
            self._waiting = self.set_interval(WAIT_CHECK_SECONDS, self._card_back)

    def _card_back(self) -> None:
        if self.card is not None or not self.is_current:
            return
        card = self.session.next_card()
        if card is not None:
            self._stop_waiting()
            self._show(card)
        elif self.session.next_due_at() is None:
            self._stop_waiting()
            self._show_summary()  # the learning card went elsewhere (graded in another window)

    def _stop_waiting(self) -> None:
        if self._waiting is not None:
            self._waiting.stop()
            self._waiting = None

    def _when(self, due: datetime) -> str:
        """`at 09:01 (in 1 min)`, `tomorrow at 04:00`..., in the learner's zone."""
        context = self.prepdeck_app.context
        return when_text(due, context.clock(), context.study.zone)

    def _summary_text(self) -> Text:
        text = Text()
        if self.done == 0:
            text.append("Nothing to review right now.\n\n", style="bold")
        else:
            noun = "card" if self.done == 1 else "cards"
            text.append(f"Session done: {self.done} {noun} reviewed.\n\n", style="bold")
            ratings = self.session.ratings()
            minutes, seconds = divmod(int(self.session.elapsed().total_seconds()), 60)
            # One line, so the next steps below still fit at 80x24.
            counts = " · ".join(f"{name} {ratings[rating]}" for rating, name in RATING_NAMES.items())
            text.append(f"  {counts} · time {minutes}m {seconds:02d}s\n\n")
        empty = self._empty
        if self.scheduled and empty is not None:
            # A section review is not held to the daily limit of new cards: its summary speaks of
            # the section, and of today's review as what is left elsewhere.
            subject = strip_controls(self._practice_subject())
            if empty.learning and empty.next_card_at is not None:
                text.append(
                    f"A card of {subject} you are learning comes back {self._when(empty.next_card_at)}; "
                    "it appears here then.\n"
                )
            else:
                text.append(f"Every card of {subject} due now is reviewed.\n")
            left = self.session.others_waiting_today()
            if left > 0:
                text.append(
                    f"{left} other card{'s' if left != 1 else ''} wait in today's review (r on Home).\n"
                )
        elif not self.practice and empty is not None:
            if empty.learning and empty.next_card_at is not None:
                text.append(
                    f"A card you are learning comes back {self._when(empty.next_card_at)}; it appears here then.\n"
                )
            elif empty.next_card_at is not None:
                text.append(
                    f"Nothing else is due today: the next card is due {self._when(empty.next_card_at)}.\n"
                )
            else:
                text.append("No card is scheduled yet: read a section, then learn its cards here.\n")
            if empty.new_limit_reached:
                limit = self.study.settings.new_per_day
                text.append(
                    f"The daily limit of {limit} new cards is reached; more new cards come tomorrow.\n"
                )
        if empty is not None and empty.steps:
            text.append("\n")
            text.append_text(steps_text(empty.steps))
        text.append("\nescape: back", style="dim")
        return text
