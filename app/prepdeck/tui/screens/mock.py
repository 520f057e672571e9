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

The phases and what each key does to the interview live in `study.mock_flow.MockFlow`; this screen
renders the flow's phase and passes keys and text on to it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from prepdeck.study.mock import (
    LEVELS,
    MockConfig,
    MockError,
    MockInterview,
    MockReport,
    MockService,
    SessionSummary,
)
from prepdeck.study.mock_flow import MockFlow, Phase
from prepdeck.study.mock_session import GONE_PROMPT
from prepdeck.study.reports import ReportError, duration, write_report
from prepdeck.study.scheduler import RATING_NAMES
from prepdeck.tui.inline_markdown import inline_markdown
from prepdeck.tui.reach import ReachesApp
from prepdeck.tui.text import one_line, strip_controls

SETUP, ASKING, REPORT = Phase.SETUP, Phase.ASKING, Phase.REPORT
ANY_LEVEL = "any"


def clock_face(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def _plain(text: str | None) -> str:
    return strip_controls(text or "").strip()


def report_text(report: MockReport) -> Text:
    """The answers part of a report, as the screen shows it."""
    text = Text()
    score = "-" if report.score is None else f"{report.score:.0%}"
    text.append(f"Score {score}", style="bold")
    text.append(
        f"  ·  {report.answered} of {report.asked} answered  ·  {duration(report.total_seconds)}"
        f"  ·  ended: {report.ended_by}\n",
        style="dim",
    )
    for number, entry in enumerate(report.answers, start=1):
        # Pack text with its inline Markdown drawn (a code span as code, never its backticks).
        text.append(f"\n{number}. ", style="bold")
        text.append_text(inline_markdown(_plain(entry.prompt), "bold"))
        text.append("\n")
        if not entry.answered:
            text.append("   not answered\n", style="red")
        text.append(f"   score {entry.score:.0%} · time {duration(entry.seconds)}\n", style="dim")
        for point in entry.covered:
            text.append("   ✓ ", style="green")
            text.append_text(inline_markdown(_plain(point.label), "green"))
            text.append("\n")
        for point in entry.missed:
            text.append("   ✗ ", style="red")
            text.append_text(inline_markdown(_plain(point.label), "red"))
            text.append("\n")
        for contradiction in entry.contradicted:
            text.append(f'   ✗ You wrote "{_plain(contradiction.evidence.text)}"', style="red")
            text.append("; in fact: ")
            text.append_text(inline_markdown(_plain(contradiction.correction)))
            text.append("\n")
        for phrase in entry.misconceptions:
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
    MockScreen .list-title { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    MockScreen #mock-start { margin: 1 1 0 1; }
    MockScreen #mock-prompt { padding: 0 2; margin: 1 0; text-style: bold; height: auto; }
    MockScreen #mock-answer { height: 1fr; margin: 0 1; }
    MockScreen #mock-countdown { height: 1; padding: 0 2; text-style: bold; }
    MockScreen #mock-countdown.low { color: $error; }
    MockScreen #mock-report-body { height: 2fr; padding: 0 1; }
    MockScreen #mock-report-lists { height: 1fr; min-height: 7; }
    MockScreen #mock-report-lists > Vertical { width: 1fr; }
    MockScreen #mock-ratings, MockScreen #mock-weak { height: 1fr; }
    MockScreen #mock-ratings { text-wrap: nowrap; text-overflow: ellipsis; }
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
        self.requested_questions = questions
        self.requested_minutes = minutes
        self.requested_level = level
        self.requested_packs = pack_ids
        self._typed = ""

    @cached_property
    def flow(self) -> MockFlow:
        """The interview's state (built once the screen is in the app, whose context it needs)."""
        return MockFlow(MockService(self.prepdeck_app.context.study))

    @property
    def mocks(self) -> MockService:
        return self.flow.mocks

    @property
    def phase(self) -> Phase:
        return self.flow.phase

    @property
    def session(self) -> MockInterview | None:
        return self.flow.session

    @property
    def report(self) -> MockReport | None:
        return self.flow.report

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
                    yield Label("Ratings: 1-4 change, c commits", classes="label list-title")
                    yield OptionList(id="mock-ratings")
                with Vertical():
                    yield Label("Weakest sections: enter reads", classes="label list-title")
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
        if self.requested_questions is not None and not self.mocks.unfinished():
            self._start()
        else:
            self._show()

    def _show(self) -> None:
        """Show the flow's phase: its panel, its status line and where the focus goes."""
        phase = self.phase
        for name in (SETUP, ASKING, REPORT):
            self.query_one(f"#mock-{name}").display = name == phase
        self.refresh_bindings()
        status = self.query_one("#mock-status", Static)
        if phase == SETUP:
            status.update("choose packs, level, questions and minutes; ctrl+s starts")
            waiting = any(not summary.finished for summary in self._fill_sessions())
            # Focus moves at once (`focus()` waits a refresh): the next key is read with it in place.
            self.set_focus(
                self.query_one("#mock-sessions", OptionList)
                if waiting
                else self.query_one("#mock-count", Input)
            )
        elif phase == ASKING:
            status.update("ctrl+s submits your answer · escape pauses (resume it later from the setup)")
            self._show_question()
            self.set_focus(self.query_one("#mock-answer", TextArea))
        else:
            status.update("c commits the ratings · e exports the report · escape leaves")
            self._show_report()
            self.set_focus(self.query_one("#mock-ratings", OptionList))

    def _warn(self, error: MockError, title: str | None = None) -> None:
        self.notify(str(error), title=title or "", severity="warning", markup=False)

    # --- setup -------------------------------------------------------------------------------

    def _fill_setup(self) -> None:
        counts = self.mocks.question_counts()
        wanted = self.requested_packs
        packs: SelectionList[str] = self.query_one("#mock-packs", SelectionList)
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
        if self.requested_questions is not None:
            self.query_one("#mock-count", Input).value = str(self.requested_questions)
        if self.requested_minutes is not None:
            self.query_one("#mock-minutes", Input).value = str(self.requested_minutes)
        if self.requested_level in LEVELS:
            self.query_one("#mock-level", Select).value = self.requested_level

    def _fill_sessions(self) -> list[SessionSummary]:
        sessions = self.query_one("#mock-sessions", OptionList)
        sessions.clear_options()
        summaries = self.mocks.sessions()
        for summary in summaries:
            when = summary.started_at.astimezone(self.prepdeck_app.context.zone).strftime("%Y-%m-%d %H:%M")
            if summary.problem is not None:
                label = f"#{summary.id}  {when}  cannot be read by this prepdeck (enter says why)"
            elif summary.finished:
                score = "-" if summary.score is None else f"{summary.score:.0%}"
                label = f"#{summary.id}  {when}  finished: {summary.answered}/{summary.asked} answered, score {score}"
            else:
                label = f"#{summary.id}  {when}  unfinished: {summary.answered}/{summary.asked} answered (enter resumes)"
            sessions.add_option(Option(label, id=str(summary.id)))
        if sessions.option_count:
            sessions.highlighted = 0
        return summaries

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
        if config is not None:
            try:
                self.flow.start(config)
            except MockError as error:
                self._warn(error, "Cannot start")
        self._show()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "mock-start":
            self._start()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "mock-sessions" and event.option.id is not None:
            self._open_session(int(event.option.id))
        elif event.option_list.id == "mock-weak":
            weak = self.flow.weak_section(event.option_index)
            if weak is not None:
                self.prepdeck_app.open_section(weak.pack, weak.section)

    def _open_session(self, session_id: int) -> None:
        try:
            self.flow.open(session_id)
        except MockError as error:
            self._warn(error)
            return
        self._show()

    def action_close_session(self) -> None:
        sessions = self.query_one("#mock-sessions", OptionList)
        if sessions.highlighted is None:
            return
        option_id = sessions.get_option_at_index(sessions.highlighted).id
        if option_id is None:
            return
        try:
            self.flow.close(int(option_id))
        except MockError as error:
            self._warn(error)
            return
        self._show()

    # --- asking ------------------------------------------------------------------------------

    def _show_question(self) -> None:
        session = self.session
        current = session.current if session is not None else None
        if session is None or current is None:
            return
        question = current.question
        self.query_one("#mock-title", Static).update(
            f"Mock interview #{session.id} · question {current.number} of {current.of} · {question.level}"
        )
        self.query_one("#mock-prompt", Static).update(inline_markdown(_plain(question.prompt)))
        answer = self.query_one("#mock-answer", TextArea)
        answer.load_text(session.draft)
        answer.move_cursor(answer.document.end)  # a resumed draft is continued, not typed over
        self._update_countdown()

    def _answer_text(self) -> str:
        return self.query_one("#mock-answer", TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._typed = event.text_area.text
        self.flow.typed(self._typed)

    def on_unmount(self) -> None:
        """ctrl+q mid-question: keep the last words typed (the widgets may be gone by now)."""
        if "flow" in self.__dict__:  # never built: nothing was typed
            self.flow.keep_unsaved(self._typed)

    def _tick(self) -> None:
        if self.phase != ASKING:
            return
        if self.flow.tick(self._answer_text()):
            self.notify("Time is up: your last answer was submitted as it stood.", title="Mock interview")
            self._show()
            return
        self._update_countdown()

    def _update_countdown(self) -> None:
        if self.session is None:
            return
        remaining = self.session.remaining_seconds()
        countdown = self.query_one("#mock-countdown", Static)
        countdown.update(f"{clock_face(remaining)} left of {self.session.config.minutes} min")
        countdown.set_class(remaining < 60, "low")

    def action_submit(self) -> None:
        if self.phase == SETUP:
            self._start()
            return
        if self.phase != ASKING:
            return
        self.flow.submit(self._answer_text())
        self._show()

    # --- report ------------------------------------------------------------------------------

    def _show_report(self) -> None:
        report = self.report
        if report is None:
            return
        self.query_one("#mock-title", Static).update(f"Mock interview #{report.session} · report")
        self.query_one("#mock-report-text", Static).update(report_text(report))
        weak = self.query_one("#mock-weak", OptionList)
        weak.clear_options()
        for section in report.weakest_sections:
            weak.add_option(
                Option(
                    Text(f"{_plain(section.title)}  {section.score:.0%}"),
                    id=f"{section.pack}/{section.section}",
                )
            )
        if weak.option_count:
            weak.highlighted = 0
        self._fill_ratings()

    def _fill_ratings(self, highlighted: int | None = 0) -> None:
        ratings = self.query_one("#mock-ratings", OptionList)
        ratings.clear_options()
        rows = self.flow.rating_rows()
        report = self.report
        states = [
            f"committed {RATING_NAMES[row.rating]}" if row.committed else RATING_NAMES[row.rating]
            for row in rows
        ]
        width = max(map(len, states), default=0) + 2
        for row, state in zip(rows, states, strict=True):
            # The question as asked, on one line cut to the list's width: never its id.
            label = Text.assemble((state.ljust(width), "bold"))
            answer = report.answer_to(row.entry.pack, row.entry.id) if report is not None else None
            label.append_text(inline_markdown(one_line(answer.prompt if answer is not None else GONE_PROMPT)))
            ratings.add_option(Option(label, id=f"{row.entry.pack}/{row.entry.id}"))
        if rows:
            ratings.highlighted = highlighted

    def action_rate(self, rating: int) -> None:
        ratings = self.query_one("#mock-ratings", OptionList)
        if ratings.highlighted is None:
            return
        try:
            self.flow.rate(ratings.highlighted, rating)
        except MockError as error:
            message = str(error)
            self.notify(f"{message[:1].upper()}{message[1:]}.", severity="information", markup=False)
            return
        self._fill_ratings(ratings.highlighted)

    def action_commit(self) -> None:
        if self.report is None:
            return
        committed = self.flow.commit()
        self._fill_ratings()
        if committed:
            self.notify(f"{committed} rating(s) put on your schedule.", title="Mock interview")
        else:
            self.notify("Nothing left to commit.", severity="information")

    def action_export(self) -> None:
        if self.report is None:
            return
        session_id = self.report.session
        folder = self.prepdeck_app.context.data_dir / "reports"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            paths = [
                write_report(
                    "mock", folder / f"mock-{session_id}{suffix}", self.prepdeck_app.context.study, session_id
                )
                for suffix in (".md", ".json")  # one to read, one for scripts
            ]
        except (OSError, ReportError) as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"Report written to {paths[0]} and {paths[1].name}", title="Mock interview", markup=False)

    # --- leaving -----------------------------------------------------------------------------

    def action_leave(self) -> None:
        if self.flow.pause(self._answer_text()):
            self.notify("Interview paused: resume it from the mock interview setup.", title="Mock interview")
        self.app.pop_screen()
