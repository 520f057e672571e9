"""SVG snapshots of the shell's screens at 100x32 (update with `pytest --snapshot-update`, then look)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import FixedClock, make_app, make_context, study_history
from textual.widgets import Input

from prepdeck.tui.app import PrepdeckApp

SIZE = (100, 32)


def still(app) -> None:
    """No blinking cursor, so two runs draw the same picture."""
    for text_input in app.screen.query(Input):
        text_input.cursor_blink = False


def test_home_on_the_first_run(snap_compare):
    async def settle(pilot):
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=settle)


def test_theory_section_with_code(snap_compare):
    async def open_theory(pilot):
        await pilot.pause()
        pilot.app.open_section("shell-sample", "layers")
        await pilot.pause()
        still(pilot.app)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=open_theory)


def test_theory_search_results(snap_compare):
    async def search(pilot):
        await pilot.pause()
        pilot.app.open_section("shell-sample", "hostile")
        await pilot.pause()
        await pilot.press("slash", *"zombie")
        await pilot.pause()
        still(pilot.app)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=search)


def test_stats_after_three_weeks(snap_compare):
    clock = FixedClock()
    context = make_context(clock=clock)
    study_history(context, clock, days=21)

    async def open_stats(pilot):
        await pilot.pause()
        pilot.app.open_stats()
        await pilot.pause()

    assert snap_compare(PrepdeckApp(context), terminal_size=SIZE, run_before=open_stats)


def test_help(snap_compare):
    async def open_help(pilot):
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=open_help)


def test_small_terminal_guard(snap_compare):
    async def settle(pilot):
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(72, 20), run_before=settle)
