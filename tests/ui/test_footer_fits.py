"""At 80x24 every footer shows whole keys, and the keys that matter on that screen (issue 12):
Theory, Review, Interview and Drill had more keys than 80 columns, and the last ones were cut
mid-word. Keys that give way still work; help lists them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import FixedClock, make_app
from study_screens import SAMPLE_PACK
from test_empty_queues import footer

from prepdeck.tui.screens.drill import DrillScreen

SHELL_AND_SAMPLE = (Path(__file__).parent / "fixtures" / "shell-pack", SAMPLE_PACK)


async def settled_footer(pilot) -> str:
    """The footer once it stops changing: a screen's keys settle over a few frames after it opens
    (its section loads, its bindings refresh), and a loaded machine takes longer."""
    line = await footer(pilot)
    for _ in range(40):
        await pilot.pause(0.05)
        again = await footer(pilot)
        if again == line:
            return line
        line = again
    return line


def keys_on(line: str) -> list[str]:
    """`esc Back  / Search` -> ['esc Back', '/ Search'] (the palette key after ▏ left out)."""
    return [key.strip() for key in line.split("▏")[0].split("  ") if key.strip()]


async def test_at_80_columns_each_footer_shows_the_keys_that_matter_and_none_cut():
    app = make_app(*SHELL_AND_SAMPLE, clock=FixedClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        wanted: dict[str, list[str]] = {}
        app.open_section("shell-sample", "layers")
        for _ in range(40):  # the section opens with the reading pane focused (the search box first)
            if getattr(app.screen.focused, "id", None) == "section-scroll":
                break
            await pilot.pause(0.05)
        wanted["theory"] = ["esc Back", "/ Search", "t Contents", "x Mark read", "r Review", "n Next"]
        theory = keys_on(await settled_footer(pilot))
        await pilot.press("n")  # a section with a question and a drill: more keys
        await pilot.pause()
        theory_more = keys_on(await settled_footer(pilot))
        await pilot.press("escape")
        await pilot.pause()

        app.open_review()
        await pilot.pause()
        await pilot.press("space", "3")  # one graded: undo joins the keys
        await pilot.pause()
        review = keys_on(await settled_footer(pilot))
        wanted["review"] = ["u Undo", "b Bury", "s Suspend", "esc Back"]
        await pilot.press("escape")
        await pilot.pause()

        app.open_interview(pack_id="tui-sample", question_id="multi-stage-why")
        await pilot.pause()
        app.screen.query_one("#interview-answer").insert("Several FROM stages; the final image is smaller.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        interview = keys_on(await settled_footer(pilot))
        wanted["interview"] = ["⏎ Save rating", "n Next", "PgUp/PgDn Feedback", "esc Back"]
        await pilot.press("escape")
        await pilot.pause()

        app.open_drill("shell-sample", "exec-form")
        await pilot.pause()
        assert isinstance(app.screen, DrillScreen)
        drill = keys_on(await settled_footer(pilot))
        wanted["drill"] = ["f2 Hint", "f5 Check", "^g Give up", "^r Starter", "esc Back"]

    shown = {"theory": theory, "review": review, "interview": interview, "drill": drill}
    every_key = {binding.description for binding in _all_bindings()}
    for screen, keys in {**shown, "theory (more)": theory_more}.items():
        for key in keys:  # whole keys only: each ends in a full description
            assert key.partition(" ")[2] in every_key, f"{screen}: {key!r} is cut ({keys})"
    for screen, keys in wanted.items():
        assert set(keys) <= set(shown[screen]), f"{screen} footer lacks {set(keys) - set(shown[screen])}"
    assert set(wanted["theory"]) <= set(theory_more)


def _all_bindings():
    from prepdeck.tui.app import PrepdeckApp
    from prepdeck.tui.screens.interview import InterviewScreen
    from prepdeck.tui.screens.review import ReviewScreen
    from prepdeck.tui.screens.theory import TheoryScreen

    for owner in (PrepdeckApp, TheoryScreen, ReviewScreen, InterviewScreen, DrillScreen):
        yield from owner.BINDINGS


async def test_while_typing_an_answer_after_a_grade_the_footer_offers_ctrl_z_undo_and_it_works():
    """Issue 12 bug 5: on a type-in card u is a letter; the footer showed no way to undo."""
    from prepdeck.tui.widgets.card_view import CardView

    app = make_app(SAMPLE_PACK, clock=FixedClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_review()
        await pilot.pause()
        screen = app.screen
        graded = None
        while screen.query_one(CardView).card_type != "type_in" or graded is None:
            graded = screen.card.key
            await pilot.press("space", "3")
            await pilot.pause()
        keys = keys_on(await settled_footer(pilot))
        assert "^z Undo" in keys and "u Undo" not in keys  # u would type a letter here
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.card.key == graded  # the graded card is back
