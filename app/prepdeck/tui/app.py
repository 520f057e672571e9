"""`PrepdeckApp`: the Textual application, its navigation and the small-terminal guard.

Screens reach their dependencies as `self.app.context` (see `prepdeck.tui.context.AppContext`)
and move around with the navigation methods below. Each activity screen lives in its own module
and is imported only when first opened; its constructor takes the keyword arguments given to the
`open_*` method, unchanged:

    app.open_section(pack_id, section_id)                  -> TheoryScreen (theory.py)
    app.open_review(**filters)                             -> ReviewScreen(**filters) (review.py)
        filters the Home screen and the palette use: pack_id=..., tag=..., section=...,
        weakest=True, again_today=True (the last four mean extra practice, see StudyService.cram)
    app.open_interview(pack_id=None, question_id=None)     -> InterviewScreen (interview.py)
    app.open_drill(pack_id, drill_id)                      -> DrillScreen (drill.py)
    app.open_mock(**options)                               -> MockScreen(**options) (mock.py)
        `prepdeck mock` passes questions=N, minutes=M, level=LEVEL|None, pack_ids=[...]|None
    app.open_quiz(**options)                               -> QuizScreen(**options) (quiz.py)
        options the Home screen uses: tag=..., section=..., weakest=True, pack_id=...
    app.open_stats(), app.open_help(), app.go_home()

Until a screen's module exists, its `open_*` method shows a notification instead.
"""

from __future__ import annotations

import importlib
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from prepdeck.tui.commands import PackCommands
from prepdeck.tui.context import THEME_SETTING, AppContext
from prepdeck.tui.home_summary import load_summary
from prepdeck.tui.launch import EXIT_STORE, in_browser
from prepdeck.tui.overview import Overview
from prepdeck.tui.screens.guard import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.text import strip_controls

# Activity name shown when a screen's module is not part of this build.
_ACTIVITIES = {
    "review": ("prepdeck.tui.screens.review", "ReviewScreen", "Flashcard review"),
    "interview": ("prepdeck.tui.screens.interview", "InterviewScreen", "Interview practice"),
    "drill": ("prepdeck.tui.screens.drill", "DrillScreen", "Dockerfile drills"),
    "mock": ("prepdeck.tui.screens.mock", "MockScreen", "The mock interview"),
    "quiz": ("prepdeck.tui.screens.quiz", "QuizScreen", "The quick quiz"),
    "theory": ("prepdeck.tui.screens.theory", "TheoryScreen", "Theory"),
    "stats": ("prepdeck.tui.screens.stats", "StatsScreen", "Statistics"),
    "suspended": ("prepdeck.tui.screens.suspended", "SuspendedScreen", "Suspended cards"),
    "help": ("prepdeck.tui.screens.help", "HelpScreen", "Help"),
}


# The worker that loads the packs and the study service after Home's first frame.
_LOAD_WORKER = "load-context"


def browser_title(screen: Screen) -> str:
    """`prepdeck · Theory · Linux primitives`: the app, the screen, and what is being studied."""
    parts = ["prepdeck", str(screen.sub_title or "")]
    parts.append(str(getattr(screen, "studied_title", "") or ""))
    return " ".join(strip_controls(" · ".join(part for part in parts if part)).split())


class PrepdeckApp(App[int]):
    """The prepdeck terminal app. Build it with an `AppContext` (tests inject a fixed clock)."""

    CSS_PATH = ["global.tcss", "app.tcss"]
    TITLE = "prepdeck"
    COMMANDS = App.COMMANDS | {PackCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="app.quit",
            tooltip="Leave prepdeck (progress is already saved)",
            priority=True,
        ),
        Binding("f1", "open_help", "Help", id="app.help", tooltip="Every key of every screen"),
    ]

    def __init__(self, context: AppContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context = context
        self._home: HomeScreen | None = None
        self._guard: TooSmallScreen | None = None
        self.load_error: str | None = None  # why the progress database cannot be used

    # --- start-up --------------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """Home is the first screen on the stack (no empty default screen to build and draw first)."""
        preview = None
        if self.context.ready:  # tests and `prepdeck mock` build the context before the app
            self._use_saved_theme()
        else:
            # `prepdeck`: Home draws the last start's summary and calls `load_context` after that frame.
            summary = load_summary(self.context.extra_packs)
            if summary is not None:
                preview, theme = summary
                if theme in self.available_themes:
                    self.theme = theme
        self._home = HomeScreen(preview=preview)
        return self._home

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.context.ready:
            self._show_notices()
        start = dict(self.context.start)
        screen_name = start.pop("screen", None)
        if screen_name:
            self.call_after_refresh(self._open_start, screen_name, start)
        self.call_after_refresh(self._check_size)
        if in_browser():
            self._browser_title = ""
            self.set_interval(0.5, self._show_browser_title)

    def _use_saved_theme(self) -> None:
        saved_theme = self.context.study.store.get_setting(THEME_SETTING)
        if (
            isinstance(saved_theme, str)
            and saved_theme in self.available_themes
            and saved_theme != self.theme
        ):
            self.theme = saved_theme

    def _show_notices(self) -> None:
        for notice in self.context.notices:
            self.notify(notice, title="prepdeck", severity="warning", timeout=10, markup=False)
        self.context.notices.clear()

    def load_context(self) -> None:
        """Load the packs and the study service in a worker; Home shows them when it is done."""
        if self.context.ready:
            return
        self.run_worker(self._load_in_thread, name=_LOAD_WORKER, thread=True, exit_on_error=True)

    def _load_in_thread(self) -> Overview | None:
        """The packs, the store, the study engine and today's queue, off the event loop."""
        from prepdeck.store.database import StoreError
        from prepdeck.tui.overview import build_overview

        try:
            return self.context.load(then=build_overview)
        except StoreError as error:
            self.load_error = str(error)
            return None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != _LOAD_WORKER or event.state != WorkerState.SUCCESS:
            return
        if self.load_error is not None:
            self.exit(return_code=EXIT_STORE)
            return
        self._use_saved_theme()
        if self._home is not None:
            self._home.show_loaded(event.worker.result)
        self._show_notices()

    def _open_start(self, screen_name: str, options: dict[str, Any]) -> None:
        getattr(self, f"open_{screen_name}")(**options)

    def _remember_theme(self, theme: Any) -> None:
        self.context.study.store.set_setting(THEME_SETTING, theme.name)

    # --- navigation --------------------------------------------------------------------------

    def open_section(self, pack_id: str, section_id: str | None = None) -> None:
        """Show a pack's theory, scrolled to one section (reuses an open Theory screen)."""
        if type(self.screen).__name__ == "TheoryScreen":  # its module is loaded: importing it is free
            from prepdeck.tui.screens.theory import TheoryScreen

            if isinstance(self.screen, TheoryScreen):
                self.screen.show_section(pack_id, section_id)
                return
        self._open("theory", pack_id=pack_id, section_id=section_id)

    def open_theory(self, pack_id: str | None = None) -> None:
        pack_id = pack_id or self._default_pack_id()
        if pack_id is None:
            self.notify("No pack is loaded, so there is no theory to read.", severity="warning")
            return
        self.open_section(pack_id, None)

    def open_review(self, **filters: Any) -> None:
        self._open("review", **filters)

    def open_interview(self, pack_id: str | None = None, question_id: str | None = None) -> None:
        self._open("interview", pack_id=pack_id, question_id=question_id)

    def open_drill(self, pack_id: str, drill_id: str) -> None:
        self._open("drill", pack_id=pack_id, drill_id=drill_id)

    def open_mock(self, **options: Any) -> None:
        self._open("mock", **options)

    def open_quiz(self, **options: Any) -> None:
        self._open("quiz", **options)

    def open_stats(self) -> None:
        self._open_once("stats")

    def open_help(self) -> None:
        self._open_once("help")

    def open_suspended(self) -> None:
        self._open_once("suspended")

    def go_home(self) -> None:
        """Close every screen above Home (activities save their work as they go)."""
        while len(self.screen_stack) > 1 and self.screen is not self._home:
            if isinstance(self.screen, TooSmallScreen):
                break
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_data()

    def action_open_help(self) -> None:
        self.open_help()

    def action_go_home(self) -> None:
        self.go_home()

    def _open(self, name: str, **kwargs: Any) -> Screen | None:
        module_name, class_name, activity = _ACTIVITIES[name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            self.notify(
                f"{activity} is not available in this build.", title="Not available", severity="warning"
            )
            return None
        screen = getattr(module, class_name)(**kwargs)
        self.push_screen(screen)
        return screen

    def _open_once(self, name: str) -> None:
        """Screens without arguments (stats, help): bring the open one forward instead of stacking."""
        _, class_name, _ = _ACTIVITIES[name]
        if type(self.screen).__name__ == class_name:
            return
        self._open(name)

    def _default_pack_id(self) -> str | None:
        packs = self.context.catalog.packs
        return packs[0].id if packs else None

    def _show_browser_title(self) -> None:
        """Name the screen (and the section read) in the browser tab's title (see tui/web/)."""
        title = browser_title(self.screen)
        if title != self._browser_title and self._driver is not None:
            self._browser_title = title
            self._driver.write(f"\x1b]2;{title}\x07")  # OSC 2: set the window title

    # --- the command palette's fixed entries ---------------------------------------------

    def get_system_commands(self, screen: Screen):
        yield SystemCommand("Home", "Back to the home screen", self.go_home)
        yield SystemCommand("Theory", "Read the sections of the first pack", self.open_theory)
        yield SystemCommand("Review cards", "Today's flashcards", self.open_review)
        yield SystemCommand(
            "Interview practice", "Answer interview questions in your own words", self.open_interview
        )
        yield SystemCommand("Mock interview", "A timed mock interview", self.open_mock)
        yield SystemCommand(
            "Quick quiz on weak topics", "A few cards you know least", lambda: self.open_quiz(weakest=True)
        )
        yield SystemCommand("Statistics", "Reviews, retention, forecast, mastery", self.open_stats)
        yield SystemCommand(
            "Suspended cards", "Every card you suspended, to put back on your schedule", self.open_suspended
        )
        yield SystemCommand("Help", "Every key of every screen", self.open_help)
        yield from super().get_system_commands(screen)

    # --- the small-terminal guard --------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._check_size)

    def _check_size(self) -> None:
        width, height = self.size
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if too_small and self._guard is None:
            self._guard = TooSmallScreen()
            self.push_screen(self._guard)
        elif too_small and self._guard is not None:
            self._guard.show_size(width, height)
        elif not too_small and self._guard is not None and self.screen is self._guard:
            self._guard = None
            self.pop_screen()
