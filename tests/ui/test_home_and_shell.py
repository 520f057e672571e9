"""Home, navigation, the small-terminal guard, themes and quitting, through the Pilot."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import BROKEN_PACK, SHELL_PACK, FixedClock, make_app, make_context, study_history

from prepdeck.tui import app as app_module
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.screens.guard import TooSmallScreen
from prepdeck.tui.screens.home import HomeScreen

SIZE = (100, 32)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def toasts(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_home_lists_the_pack_its_progress_and_the_next_step():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        row = app.screen.query_one("#pack-shell-sample")
        assert "Shell sample pack" in str(row.query_one(".pack-title").render())
        assert str(row.query_one(".pack-due").render()) == "today: 0 due · 4 new · 1 question"
        assert "0/3 sections read" in str(row.query_one(".pack-counts").render())
        today = text_of(app, "#today")
        assert today.splitlines() == [
            "",
            "Today",
            "Cards due   0 learning, 0 review",
            "New cards   4",
            "Questions   0 due, 1 new",
            "Streak      0 days",
            "Retention   no reviews yet",
        ]
        assert "Read 'Layers and caching' (Shell sample pack)" in text_of(app, "#next-step")


async def test_the_welcome_text_shows_on_the_first_run_only():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        welcome = app.screen.query_one("#welcome")
        assert welcome.display
        assert "Welcome to the shell sample" in app.screen.query_one("#welcome-text").source
        await pilot.press("w")
        assert not welcome.display
    again = make_app()  # same data folder: the welcome was seen
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not [panel for panel in again.screen.query("#welcome") if panel.display]


async def test_history_shows_up_as_streak_retention_and_due_reviews():
    clock = FixedClock()
    context = make_context(clock=clock)
    reviews = study_history(context, clock, days=5)
    app = PrepdeckApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        today = text_of(app, "#today")
        assert "Streak      5 days" in today and f"% of {reviews} reviews" in today


async def test_a_broken_pack_gives_a_notice_and_the_other_pack_works():
    app = make_app(SHELL_PACK, BROKEN_PACK)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        (notice,) = [message for message in toasts(app) if "could not be loaded" in message]
        assert "broken-pack" in notice and "`1.0` loads as a number" in notice
        assert "not loaded:" in text_of(app, "#broken-packs")
        await pilot.press("t")
        await pilot.pause()
        assert type(app.screen).__name__ == "TheoryScreen"


async def test_enter_does_the_suggested_step_and_escape_comes_back():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "TheoryScreen"
        assert app.screen.section_id == "layers"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_each_activity_key_opens_its_screen_with_the_right_arguments(monkeypatch):
    app = make_app()
    opened = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for name in ("review", "interview", "drill", "mock", "quiz"):
            monkeypatch.setattr(app, f"open_{name}", lambda *a, _name=name, **k: opened.append((_name, a, k)))
        await pilot.press("r", "i", "d", "m", "q")
        await pilot.pause()
    assert opened == [
        ("review", (), {}),
        ("interview", (), {"pack_id": "shell-sample"}),
        ("drill", ("shell-sample", "exec-form"), {}),
        ("mock", (), {}),
        ("quiz", (), {"weakest": True}),
    ]


async def test_an_activity_missing_from_the_build_says_so(monkeypatch):
    monkeypatch.setitem(
        app_module._ACTIVITIES,
        "quiz",
        ("prepdeck.tui.screens.no_such_screen", "QuizScreen", "The quick quiz"),
    )
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "The quick quiz is not available in this build." in toasts(app)


async def test_stats_and_help_keys_and_go_home_from_deep_in_the_stack():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "s")  # s is not a Theory key: Theory stays
        await pilot.pause()
        app.open_stats()
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        # Home is the bottom of the stack (the app's default screen).
        assert [type(screen).__name__ for screen in app.screen_stack] == [
            "HomeScreen",
            "TheoryScreen",
            "StatsScreen",
            "HelpScreen",
        ]
        await pilot.press("f1")  # already there: not stacked twice
        await pilot.pause()
        assert len(app.screen_stack) == 4
        app.go_home()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1


async def test_a_small_terminal_gets_a_clear_message_until_it_grows():
    app = make_app()
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert text_of(app, "#too-small-message") == "Make the window larger\n(now 70x20, needs 80x24)"
        await pilot.resize_terminal(79, 30)
        await pilot.pause()
        await pilot.pause()
        assert text_of(app, "#too-small-message") == "Make the window larger\n(now 79x30, needs 80x24)"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_chosen_theme_is_remembered():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_ctrl_q_quits_from_any_screen():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "slash")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_home_lists_the_packs_sections_and_opens_one():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.context.study.mark_section_read("shell-sample", "signals")
        app.screen.refresh_data()
        await pilot.pause()
        sections = app.screen.query_one("#home-sections")
        prompts = [str(sections.get_option_at_index(i).prompt) for i in range(sections.option_count)]
        # Nothing studied yet: every section with cards knows 0% of them.
        assert prompts == [
            "· Layers and caching  0%",
            "✓ PID 1 and signals  0%",
            "· Hostile [bold]markup[/bold] text  0%",
        ]
        assert str(app.screen.query_one("#sections-title").render()) == "Sections · 1 of 3 read · mastery"
        sections.focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "TheoryScreen" and app.screen.section_id == "signals"
