"""Theory, Stats, Help and the command palette, driven as a learner would."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import FixedClock, drawn, make_app, make_context, study_history, wait_until
from textual.widgets import Input, Markdown, OptionList

from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.commands import palette_entries

SIZE = (100, 32)


def options(app, selector: str) -> list[str]:
    option_list = app.screen.query_one(selector, OptionList)
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


def highlighted_command(app) -> str:
    """The command palette's highlighted hit, as drawn ('' while there is none)."""
    from textual.command import CommandList

    hits = app.screen.query(CommandList)
    if not hits or hits.first().highlighted is None:
        return ""
    return str(hits.first().get_option_at_index(hits.first().highlighted).prompt)


def shown_markdown(app) -> str:
    return app.screen.query_one("#section-text", Markdown).source


async def open_theory(pilot, section_id: str | None = None):
    await pilot.pause()
    pilot.app.open_section("shell-sample", section_id)
    await pilot.pause()
    return pilot.app.screen


async def test_theory_shows_the_table_of_contents_and_the_first_section():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_theory(pilot)
        assert options(app, "#toc") == [
            "   1. Layers and caching",
            "   2. PID 1 and signals",
            "   3. Hostile [bold]markup[/bold] text",
        ]
        source = shown_markdown(app)
        assert source.startswith("# Layers and caching\n\nEach instruction")
        assert "```dockerfile\nFROM python:3.12-slim" in source
        # The fenced block is a highlighted code block, not plain paragraphs.
        fence = app.screen.query_one("MarkdownFence")
        assert "FROM python:3.12-slim" in str(fence._highlighted_code)
        assert options(app, "#related") == ["Review this section's 2 cards"]


async def test_moving_between_sections_with_keys_and_the_table_of_contents():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_theory(pilot)
        await pilot.press("n")
        assert screen.section_id == "signals"
        assert shown_markdown(app).startswith("# PID 1 and signals\n\n*Read first:* Layers and caching")
        assert options(app, "#related") == [
            "Review this section's 1 card",
            "Question: Why does PID 1 matter in a container?",
            "Drill: Use the exec form",
        ]
        await pilot.press("p")
        assert screen.section_id == "layers"
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert screen.section_id == "hostile"


async def test_marking_a_section_read_is_stored_and_ticked():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_theory(pilot, "signals")
        await pilot.press("x")
        await pilot.pause()
        assert app.context.study.sections_read("shell-sample") == {"signals"}
        assert options(app, "#toc")[1] == "✓  2. PID 1 and signals"
        await pilot.press("x")
        await pilot.pause()
        assert app.context.study.sections_read("shell-sample") == set()


async def test_fuzzy_search_finds_a_section_by_its_body_and_opens_it():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_theory(pilot)
        await pilot.press("slash", *"zombie")
        await pilot.pause()
        assert str(app.screen.query_one("#toc-title").render()) == "1 section match"
        (hit,) = options(app, "#toc")
        assert hit.startswith("PID 1 and signals\n  A small init such as tini")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.section_id == "signals"
        assert app.screen.query_one("#theory-search", Input).value == ""
        assert len(options(app, "#toc")) == 3


async def test_escape_clears_the_search_first_then_leaves():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_theory(pilot)
        await pilot.press("slash", *"tini", "escape")
        await pilot.pause()
        assert app.screen is screen and len(options(app, "#toc")) == 3
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_hostile_pack_text_is_shown_literally():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_theory(pilot, "hostile")
        source = shown_markdown(app)
        assert "\x1b" not in source and "\x07" not in source
        assert "␛]52;c;aGVsbG8=␇" in source and "␛[2J" in source
        paragraph = str(app.screen.query_one("MarkdownParagraph")._content)
        assert paragraph == "Literal [bold]not bold[/bold] and [link=https://example.com]no link[/link]."
        assert "Hostile [bold]markup[/bold] text" in str(app.screen.query_one("MarkdownH1")._content)


async def test_from_a_section_its_cards_question_and_drill_are_one_key_away(monkeypatch):
    app = make_app()
    calls = []
    async with app.run_test(size=SIZE) as pilot:
        await open_theory(pilot, "signals")
        monkeypatch.setattr(app, "open_review", lambda **k: calls.append(("review", k)))
        monkeypatch.setattr(app, "open_interview", lambda **k: calls.append(("interview", k)))
        monkeypatch.setattr(app, "open_drill", lambda *a: calls.append(("drill", a)))
        await pilot.press("c", "i", "d")
        app.screen.query_one("#related", OptionList).focus()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
    assert calls == [
        ("review", {"pack_id": "shell-sample", "section": "signals"}),
        ("interview", {"pack_id": "shell-sample", "question_id": "why-pid-one"}),
        ("drill", ("shell-sample", "exec-form")),
        ("interview", {"pack_id": "shell-sample", "question_id": "why-pid-one"}),
    ]


async def test_stats_show_the_history():
    clock = FixedClock()
    context = make_context(clock=clock)
    reviews = study_history(context, clock, days=10)
    app = PrepdeckApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_stats()
        await pilot.pause()
        summary = str(app.screen.query_one("#stats-summary").render())
        assert summary.startswith(f"{reviews} reviews · ") and "streak 10 days" in summary
        heatmap = drawn(app, "#heatmap")
        assert "Mon" in heatmap and "less" in heatmap and "██" in heatmap
        forecast = drawn(app, "#forecast")
        assert "days from today" in forecast
        mastery = drawn(app, "#mastery")
        assert "Layers and caching" in mastery and "PID 1 and signals" in mastery
        retention = drawn(app, "#retention")
        assert "young" in retention and "%" in retention
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_help_renders_the_shipped_keys_and_those_of_the_screen_below():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_theory(pilot)
        await pilot.press("f1")
        await pilot.pause()
        source = app.screen.query_one("#help-text", Markdown).source
        assert source.startswith("# prepdeck: keys")
        assert "| `ctrl+q` | quit prepdeck |" in source
        assert "## Keys active on the screen you came from (Theory · Shell sample pack)" in source
        assert "| Mark read | Mark this section as read (or unread) |" in source
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "TheoryScreen"


async def test_the_palette_offers_sections_drills_and_tags_and_runs_them():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [title for title, _help, _run in palette_entries(app)]
        assert titles[:2] == ["Go to section: Layers and caching", "Go to section: PID 1 and signals"]
        assert "Start drill: Use the exec form" in titles
        assert {"Review tag: cache", "Quiz tag: signals", "Review tag: layers"} <= set(titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"pid 1 and sig")
        # The palette searches in the background: enter once the section is the highlighted hit.
        await wait_until(pilot, lambda: "PID 1 and signals" in highlighted_command(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "TheoryScreen")
        assert app.screen.section_id == "signals"
