"""Home's first frame comes from the last start's summary; the packs and progress load after it.

What a learner sees: the counts of last time at once, then today's; a key pressed while the packs
load waits for them and works; a first start says it is loading. And the first frame imports
nothing that Home does not need (pydantic, YAML, the pack loader and the study engine come later).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import SHELL_PACK, FixedClock, make_context

from prepdeck.content.catalog import load_catalog
from prepdeck.study.counts import DueCounts
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.context import AppContext
from prepdeck.tui.home_summary import load_summary, save_summary
from prepdeck.tui.overview import build_overview
from prepdeck.tui.screens.home import HomeScreen
from prepdeck.tui.screens.review import ReviewScreen
from prepdeck.tui.widgets.card_view import CardView

SIZE = (100, 32)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def unloaded_context() -> AppContext:
    catalog = load_catalog([SHELL_PACK], include_installed=False)
    return AppContext(clock=FixedClock(), seed=7, zone=UTC, catalog=catalog)


class HeldLoad:
    """Holds the app's worker before it starts loading, until `release()`."""

    def __init__(self, monkeypatch) -> None:
        self.gate = threading.Event()
        original = AppContext.load

        def held(context, then=None):
            if threading.current_thread() is not threading.main_thread():
                assert self.gate.wait(timeout=30)
            return original(context, then)

        monkeypatch.setattr(AppContext, "load", held)

    def release(self) -> None:
        self.gate.set()


def save_preview(new_cards: int, pack_id: str = "shell-sample") -> None:
    """A summary as the last start left it, with counts that today's data does not have."""
    overview = build_overview(make_context())
    pack = overview.packs[0]._replace(pack_id=pack_id, cards_due=DueCounts(0, 0, new_cards))
    save_summary(overview._replace(packs=[pack], cards_due=DueCounts(0, 0, new_cards)), [], "textual-dark")


async def wait_until_loaded(app, pilot) -> None:
    for _ in range(200):
        await pilot.pause(0.02)
        if app.context.ready and app.screen.query_one("#pack-list").children:
            row = app.screen.query_one("#pack-list").children[0]
            if row.id == "pack-shell-sample" and "4 new" in str(row.query_one(".pack-due").render()):
                return
    raise AssertionError("the packs never loaded")


async def test_home_shows_the_last_summary_then_todays_figures(monkeypatch):
    save_preview(new_cards=99)
    held = HeldLoad(monkeypatch)
    app = PrepdeckApp(unloaded_context())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.context.ready
        assert "New cards   99" in text_of(app, "#today")
        assert "99 new" in text_of(app, "#pack-shell-sample .pack-due")
        held.release()
        await wait_until_loaded(app, pilot)
        assert "New cards   4" in text_of(app, "#today")
    # Home keeps what it showed for the next start.
    summary = load_summary([])
    assert summary is not None and summary[0].cards_due.new == 4


async def test_a_pack_gone_since_the_summary_is_replaced_by_the_loaded_ones(monkeypatch):
    save_preview(new_cards=3, pack_id="removed-pack")
    held = HeldLoad(monkeypatch)
    app = PrepdeckApp(unloaded_context())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#pack-removed-pack")
        held.release()
        await wait_until_loaded(app, pilot)
        assert [row.id for row in app.screen.query_one("#pack-list").children] == ["pack-shell-sample"]


async def test_a_first_start_says_it_is_loading_then_shows_the_packs(monkeypatch):
    held = HeldLoad(monkeypatch)
    app = PrepdeckApp(unloaded_context())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#today").split() == ["Today", "Loading", "the", "packs…"]
        held.release()
        await wait_until_loaded(app, pilot)
        assert "Welcome to the shell sample" in app.screen.query_one("#welcome-text").source


async def test_a_key_pressed_while_the_packs_load_waits_for_them(monkeypatch):
    save_preview(new_cards=99)
    held = HeldLoad(monkeypatch)
    app = PrepdeckApp(unloaded_context())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.context.ready
        await pilot.press("r")  # the worker is held: the key loads the packs itself
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.query_one(CardView).card_type  # a card of the shell pack is on screen
        held.release()
        await pilot.press("escape")
        await wait_until_loaded(app, pilot)
        assert "New cards   4" in text_of(app, "#today")


# Modules of this package that Home's first frame may import: the app, Home, its summary and
# the text helpers. Anything else (the pack model, the loader, the store, the study engine) is
# what the worker loads after the first frame.
FIRST_FRAME_MODULES = {
    "prepdeck",
    "prepdeck.locations",
    "prepdeck.study",
    "prepdeck.study.counts",
    "prepdeck.tui",
    "prepdeck.tui.app",
    "prepdeck.tui.commands",
    "prepdeck.tui.context",
    "prepdeck.tui.home_summary",
    "prepdeck.tui.launch",
    "prepdeck.tui.overview",
    "prepdeck.tui.reach",
    "prepdeck.tui.screens",
    "prepdeck.tui.screens.guard",
    "prepdeck.tui.screens.home",
    "prepdeck.tui.text",
}
NEVER_IN_THE_FIRST_FRAME = {
    "pydantic",
    "pydantic_core",
    "yaml",
    "fsrs",
    "rapidfuzz",
    "Stemmer",
    "sqlite3",
    "re2",
}

FIRST_FRAME = """
import sys
from prepdeck.tui.launch import build_app

app = build_app([], {})
display = app._display

def report(screen, renderable):
    display(screen, renderable)
    if renderable is not None and type(screen).__name__ == "HomeScreen" and screen.query("PackRow Label"):
        app._display = display
        print("FIRST-FRAME-DRAWN", file=sys.stderr, flush=True)
        app.exit()

app._display = report
app.run(headless=True)
app.context.close()
"""


def test_the_first_frame_imports_only_what_home_needs(prepdeck_home):
    save_summary(build_overview(make_context()), [], "textual-dark")
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", FIRST_FRAME],
        capture_output=True,
        text=True,
        env={**os.environ, "PREPDECK_HOME": str(prepdeck_home)},
        timeout=120,
    )
    before_frame, marker, _ = result.stderr.partition("FIRST-FRAME-DRAWN")
    assert marker, result.stderr[-2000:]
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in before_frame.splitlines()
        if line.startswith("import time:")
    }
    ours = {name for name in imported if name.split(".")[0] == "prepdeck"}
    assert ours == FIRST_FRAME_MODULES
    assert not {name.split(".")[0] for name in imported} & NEVER_IN_THE_FIRST_FRAME
