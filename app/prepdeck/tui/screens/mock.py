"""Mock interview: set it up, answer each question against a countdown, then read the report.

`MockScreen(questions=None, minutes=None, level=None, pack_ids=None)`. `prepdeck mock` passes the
four options and the interview starts at once (unless an unfinished one is waiting: then the setup
shows it first). Opened from Home or the palette, it shows the setup.

- Setup: packs, level, number of questions, minutes; below, the saved sessions: enter on an
  unfinished one resumes it, x closes it with partial results; enter on a finished one shows
  its report.
- Asking: the question, a TextArea, the time left for the whole interview. ctrl+s submits the
  answer (no feedback until the end, as in a real interview); the draft is saved as you type, so
  escape (or a crash) leaves a session to resume. When the time runs out, the current text is
  submitted and the interview ends.
- Report: each answer's score, time, covered and missed key points; the weakest sections (enter
  opens the theory); the suggested ratings (1-4 change the highlighted one, c commits them all to
  the schedule); e writes the report as Markdown into the data folder.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from prepdeck.study.mock import ENDED_TIME, LEVELS, MockConfig, MockError, MockInterview, MockService
from prepdeck.study.reports import ReportError, duration, write_report
from prepdeck.study.scheduler import RATING_NAMES
from prepdeck.tui.reach import ReachesApp
from prepdeck.tui.text import strip_controls

SETUP, ASKING, REPORT = "setup", "asking", "report"
ANY_LEVEL = "any"
DRAFT_SAVE_SECONDS = 2  # typing is saved at most this often (and always on submit and leave)


def clock_face(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def _plain(text: str | None) -> str:
    return strip_controls(text or "").strip()


def report_text(report: dict) -> Text:
    """The answers part of a report, as the screen shows it."""
    text = Text()
    score = "-" if report["score"] is None else f"{report['score']:.0%}"
    text.append(f"Score {score}", style="bold")
    text.append(
        f"  ·  {report['answered']} of {report['asked']} answered  ·  {duration(report['total_seconds'])}"
        f"  ·  ended: {report['ended_by']}\n",
        style="dim",
    )
    for number, entry in enumerate(report["answers"], start=1):
        text.append(f"\n{number}. {_plain(entry['prompt'])}\n", style="bold")
        if not entry["answered"]:
            text.append("   not answered\n", style="red")
        text.append(f"   score {entry['score']:.0%} · time {duration(entry['seconds'])}\n", style="dim")
        for point in entry["covered"]:
            text.append(f"   ✓ {_plain(point['label'])}\n", style="green")
        for point in entry["missed"]:
            text.append(f"   ✗ {_plain(point['label'])}\n", style="red")
        for contradiction in entry.get("contradicted", []):
            text.append(f'   ✗ You wrote "{_plain(contradiction["evidence"]["text"])}"', style="red")
            text.append(f"; in fact: {_plain(contradiction['correction'])}\n")
        for phrase in entry["misconceptions"]:
            text.append(f'   ! "{_plain(phrase)}" is a common mistake\n', style="yellow")
    return text


class MockScreen(Screen, ReachesApp):
    DEFAULT_CSS = """
    MockScreen #mock-title { height: 1; padding: 0 2; background: $primary 30%; text-style: bold; }
    MockScreen #mock-status { height: 1; padding: 0 2; color: $text-muted; }
    MockScreen .phase { height: 1fr; }
    MockScreen #mock-setup { padding: 0 1; }
    MockScreen #mock-form { height: auto; }
    MockScreen #mock-form > Vertical { width: 1fr; height: auto; padding: 0 1; }
    MockScreen #mock-packs { height: 5; }
    MockScreen #mock-form Input, MockScreen #mock-form Select { margin: 0 1; }
    MockScreen #mock-sessions { height: 1fr; min-height: 4; }
    MockScreen .label { color: $text-muted; margin-top: 1; }
    MockScreen #mock-form .label { margin-top: 0; }
    MockScreen #mock-start { margin: 1 1 0 1; }
    MockScreen #mock-prompt { padding: 0 2; margin: 1 0; text-style: bold; height: auto; }
    MockScreen #mock-answer { height: 1fr; margin: 0 1; }
    MockScreen #mock-countdown { height: 1; padding: 0 2; text-style: bold; }
    MockScreen #mock-countdown.low { color: $error; }
    MockScreen #mock-report-body { height: 2fr; padding: 0 1; }
    MockScreen #mock-report-lists { height: 1fr; min-height: 7; }
    MockScreen #mock-report-lists > Vertical { width: 1fr; }
    MockScreen #mock-ratings, MockScreen #mock-weak { height: 1fr; }
    """

    BINDINGS = [
        Binding(
            "ctrl+s,f5",
            "submit",
            "Start / submit",
            id="mock.submit",
            tooltip="Start the interview, or submit this answer",
        ),
        Binding(
            "x",
            "close_session",
            "Close with results",
            id="mock.close",
            tooltip="End the highlighted unfinished session",
        ),
        Binding("1", "rate(1)", "Again", show=False, id="mock.again"),
        Binding("2", "rate(2)", "Hard", show=False, id="mock.hard"),
        Binding("3", "rate(3)", "Good", show=False, id="mock.good"),
        Binding("4", "rate(4)", "Easy", show=False, id="mock.easy"),
        Binding(
            "c", "commit", "Commit ratings", id="mock.commit", tooltip="Put the ratings on your schedule"
        ),
        Binding("e", "export", "Export", id="mock.export", tooltip="Write this report as Markdown and JSON"),
        Binding(
            "escape",
            "leave",
            "Back",
            id="mock.back",
            tooltip="Leave (an unfinished interview can be resumed)",
        ),
    ]

    def __init__(
        self,
        questions: int | None = None,
        minutes: int | None = None,
        level: str | None = None,
        pack_ids: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.requested = {"questions": questions, "minutes": minutes, "level": level, "pack_ids": pack_ids}
        self.phase = SETUP
        self.session: MockInterview | None = None
        self.report: dict | None = None
        self.ratings: dict[tuple[str, str], int] = {}
        self._dirty_since: float | None = None
        self._typed = ""

    @property
    def mocks(self) -> MockService:
        return MockService(self.prepdeck_app.context.study)

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("Mock interview", id="mock-title", markup=False)
        yield Static(id="mock-status", markup=False)
        with VerticalScroll(id="mock-setup", classes="phase"):
            with Horizontal(id="mock-form"):
                with Vertical():
                    yield Label("Packs", classes="label")
                    yield SelectionList[str](id="mock-packs")
                with Vertical():
                    yield Label("Level", classes="label")
                    yield Select(
                        [("any level", ANY_LEVEL)] + [(level, level) for level in LEVELS],
                        allow_blank=False,
                        value=ANY_LEVEL,
                        id="mock-level",
                        compact=True,
                    )
                    yield Label("Questions", classes="label")
                    yield Input("5", type="integer", id="mock-count", compact=True)
                    yield Label("Minutes", classes="label")
                    yield Input("30", type="integer", id="mock-minutes", compact=True)
            yield Button("Start (ctrl+s)", id="mock-start", variant="primary")
            yield Label(
                "Saved sessions: enter resumes or shows the report, x closes an unfinished one",
                classes="label",
            )
            yield OptionList(id="mock-sessions")
        with Vertical(id="mock-asking", classes="phase"):
            yield Static(id="mock-countdown", markup=False)
            yield Static(id="mock-prompt")
            yield TextArea(id="mock-answer", soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
        with Vertical(id="mock-report", classes="phase"):
            yield VerticalScroll(Static(id="mock-report-text"), id="mock-report-body")
            with Horizontal(id="mock-report-lists"):
                with Vertical():
                    yield Label("Ratings for your schedule: 1-4 change, c commits", classes="label")
                    yield OptionList(id="mock-ratings")
                with Vertical():
                    yield Label("Weakest sections: enter opens the theory", classes="label")
                    yield OptionList(id="mock-weak")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        wanted = {
            "submit": (SETUP, ASKING),
            "close_session": (SETUP,),
            "rate": (REPORT,),
            "commit": (REPORT,),
            "export": (REPORT,),
        }.get(action)
        return True if wanted is None else self.phase in wanted

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)
        self._fill_setup()
        if self.requested["questions"] is not None and not self.mocks.unfinished():
            self._start()
        else:
            self._show(SETUP)

    def _show(self, phase: str) -> None:
        self.phase = phase
        for name in (SETUP, ASKING, REPORT):
            self.query_one(f"#mock-{name}").display = name == phase
        self.refresh_bindings()
        status = self.query_one("#mock-status", Static)
        if phase == SETUP:
            status.update("choose packs, level, questions and minutes; ctrl+s starts")
            sessions = self.query_one("#mock-sessions", OptionList)
            waiting = any(not summary.finished for summary in self.mocks.sessions())
            (sessions if waiting else self.query_one("#mock-count", Input)).focus()
        elif phase == ASKING:
            status.update("ctrl+s submits your answer · escape pauses (resume it later from the setup)")
            self.query_one("#mock-answer", TextArea).focus()
        else:
            status.update("c commits the ratings · e exports the report · escape leaves")
            self.query_one("#mock-ratings", OptionList).focus()

    # --- setup -------------------------------------------------------------------------------

    def _fill_setup(self) -> None:
        counts = self.mocks.question_counts()
        wanted = self.requested["pack_ids"]
        packs = self.query_one("#mock-packs", SelectionList)
        packs.clear_options()
        for pack in self.prepdeck_app.context.catalog.packs:
            total = sum(counts.get(pack.id, {}).values())
            # Pack text is shown as typed, never read as markup (a title may well contain [brackets]).
            packs.add_option(
                (
                    Text(f"{_plain(pack.meta.title)} ({total} questions)"),
                    pack.id,
                    wanted is None or pack.id in wanted,
                )
            )
        if self.requested["questions"] is not None:
            self.query_one("#mock-count", Input).value = str(self.requested["questions"])
        if self.requested["minutes"] is not None:
            self.query_one("#mock-minutes", Input).value = str(self.requested["minutes"])
        if self.requested["level"] in LEVELS:
            self.query_one("#mock-level", Select).value = self.requested["level"]
        self._fill_sessions()

    def _fill_sessions(self) -> None:
        sessions = self.query_one("#mock-sessions", OptionList)
        sessions.clear_options()
        for summary in self.mocks.sessions():
            when = summary.started_at.astimezone(self.prepdeck_app.context.zone).strftime("%Y-%m-%d %H:%M")
            if summary.finished:
                score = "-" if summary.score is None else f"{summary.score:.0%}"
                label = f"#{summary.id}  {when}  finished: {summary.answered}/{summary.asked} answered, score {score}"
            else:
                label = f"#{summary.id}  {when}  unfinished: {summary.answered}/{summary.asked} answered (enter resumes)"
            sessions.add_option(Option(label, id=str(summary.id)))
        if sessions.option_count:
            sessions.highlighted = 0

    def _config(self) -> MockConfig | None:
        try:
            count = int(self.query_one("#mock-count", Input).value or "0")
            minutes = int(self.query_one("#mock-minutes", Input).value or "0")
        except ValueError:
            count = minutes = 0
        level = self.query_one("#mock-level", Select).value
        packs = tuple(self.query_one("#mock-packs", SelectionList).selected)
        if not packs:
            self.notify("Choose at least one pack.", severity="warning")
            return None
        return MockConfig(
            packs=packs, level=None if level == ANY_LEVEL else str(level), questions=count, minutes=minutes
        )

    def _start(self) -> None:
        config = self._config()
        if config is None:
            return
        try:
            self._begin(self.mocks.start(config))
        except MockError as error:
            self.notify(str(error), title="Cannot start", severity="warning", markup=False)
            self._show(SETUP)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "mock-start":
            self._start()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "mock-sessions":
            self._open_session(int(event.option.id))
        elif event.option_list.id == "mock-weak" and self.report is not None:
            weak = self.report["weakest_sections"][event.option_index]
            self.prepdeck_app.open_section(weak["pack"], weak["section"])

    def _open_session(self, session_id: int) -> None:
        try:
            session = self.mocks.resume(session_id)
        except MockError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        if session.finished:
            self._show_report(session.report)
        else:
            self._begin(session)

    def action_close_session(self) -> None:
        sessions = self.query_one("#mock-sessions", OptionList)
        if sessions.highlighted is None:
            return
        session_id = int(sessions.get_option_at_index(sessions.highlighted).id)
        session = self.mocks.resume(session_id)
        if session.finished:
            self.notify("That session has already finished.", severity="information")
            return
        self._show_report(session.finish())

    # --- asking ------------------------------------------------------------------------------

    def _begin(self, session: MockInterview) -> None:
        self.session = session
        if session.current is None:
            self._finish()
            return
        self._show(ASKING)
        self._show_question()

    def _show_question(self) -> None:
        current = self.session.current
        question = current.question
        self.query_one("#mock-title", Static).update(
            f"Mock interview #{self.session.id} · question {current.number} of {current.of} · {question.level}"
        )
        self.query_one("#mock-prompt", Static).update(Text(_plain(question.prompt)))
        answer = self.query_one("#mock-answer", TextArea)
        answer.load_text(self.session.draft)
        answer.move_cursor(answer.document.end)  # a resumed draft is continued, not typed over
        self._dirty_since = None
        self._tick()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._typed = event.text_area.text
        if (
            self.phase == ASKING
            and self._dirty_since is None
            and self.session is not None
            and self._typed != self.session.draft
        ):
            self._dirty_since = self.session.seconds_on_current()

    def on_unmount(self) -> None:
        """ctrl+q mid-question: keep the last words typed (the widgets may be gone by now)."""
        if self.phase == ASKING and self._dirty_since is not None and self.session is not None:
            self.session.save_draft(self._typed)

    def _tick(self) -> None:
        if self.phase != ASKING or self.session is None:
            return
        if self.session.out_of_time:
            self.notify("Time is up: your last answer was submitted as it stood.", title="Mock interview")
            self._submit()
            self._show_report(self.session.finish(ENDED_TIME))
            return
        remaining = self.session.remaining_seconds()
        countdown = self.query_one("#mock-countdown", Static)
        countdown.update(f"{clock_face(remaining)} left of {self.session.config.minutes} min")
        countdown.set_class(remaining < 60, "low")
        if (
            self._dirty_since is not None
            and self.session.seconds_on_current() - self._dirty_since >= DRAFT_SAVE_SECONDS
        ):
            self._save_draft()

    def _save_draft(self) -> None:
        if self.session is not None and self.session.current is not None:
            self.session.save_draft(self.query_one("#mock-answer", TextArea).text)
        self._dirty_since = None

    def _submit(self) -> None:
        self.session.submit(self.query_one("#mock-answer", TextArea).text)
        self._dirty_since = None

    def action_submit(self) -> None:
        if self.phase == SETUP:
            self._start()
            return
        if self.phase != ASKING or self.session is None:
            return
        self._submit()
        if self.session.current is None:
            self._finish()
        else:
            self._show_question()

    def _finish(self) -> None:
        self._show_report(self.session.finish())

    # --- report ------------------------------------------------------------------------------

    def _show_report(self, report: dict) -> None:
        self.report = report
        self.ratings = {
            (entry["pack"], entry["id"]): entry["committed"] or entry["suggested"]
            for entry in report["ratings"]
        }
        self.query_one("#mock-title", Static).update(f"Mock interview #{report['session']} · report")
        self.query_one("#mock-report-text", Static).update(report_text(report))
        weak = self.query_one("#mock-weak", OptionList)
        weak.clear_options()
        for section in report["weakest_sections"]:
            weak.add_option(
                Option(
                    Text(f"{_plain(section['title'])}  {section['score']:.0%}"),
                    id=f"{section['pack']}/{section['section']}",
                )
            )
        if weak.option_count:
            weak.highlighted = 0
        self._fill_ratings()
        self._show(REPORT)

    def _fill_ratings(self, highlighted: int | None = 0) -> None:
        ratings = self.query_one("#mock-ratings", OptionList)
        ratings.clear_options()
        for entry in self.report["ratings"]:
            rating = self.ratings[(entry["pack"], entry["id"])]
            state = (
                f"committed {RATING_NAMES[entry['committed']]}"
                if entry["committed"]
                else RATING_NAMES[rating]
            )
            ratings.add_option(Option(f"{entry['id']}: {state}", id=f"{entry['pack']}/{entry['id']}"))
        if self.report["ratings"]:
            ratings.highlighted = highlighted

    def action_rate(self, rating: int) -> None:
        ratings = self.query_one("#mock-ratings", OptionList)
        if self.report is None or ratings.highlighted is None:
            return
        entry = self.report["ratings"][ratings.highlighted]
        if entry["committed"]:
            self.notify("That rating is already on your schedule.", severity="information")
            return
        self.ratings[(entry["pack"], entry["id"])] = rating
        self._fill_ratings(ratings.highlighted)

    def action_commit(self) -> None:
        if self.report is None:
            return
        results = self.mocks.commit_ratings(self.report["session"], self.ratings)
        self.report = self.mocks.report(self.report["session"])
        self._fill_ratings()
        if results:
            self.notify(f"{len(results)} rating(s) put on your schedule.", title="Mock interview")
        else:
            self.notify("Nothing left to commit.", severity="information")

    def action_export(self) -> None:
        if self.report is None:
            return
        folder = self.prepdeck_app.context.data_dir / "reports"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            paths = [
                write_report(
                    "mock",
                    folder / f"mock-{self.report['session']}{suffix}",
                    self.prepdeck_app.context.study,
                    self.report["session"],
                )
                for suffix in (".md", ".json")  # one to read, one for scripts
            ]
        except (OSError, ReportError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"Report written to {paths[0]} and {paths[1].name}", title="Mock interview", markup=False)

    # --- leaving -----------------------------------------------------------------------------

    def action_leave(self) -> None:
        if self.phase == ASKING:
            self._save_draft()
            self.notify("Interview paused: resume it from the mock interview setup.", title="Mock interview")
        self.app.pop_screen()
