"""A drill whose checks read the build context gives the learner its .dockerignore to edit beside
the Dockerfile (issue 11): F3 moves there, the check uses the learner's text, and it is a draft."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import SHELL_PACK, make_app
from test_drill import settle

from prepdeck.tui.screens.drill import DrillScreen

IGNORE_PACK = Path(__file__).resolve().parent / "fixtures" / "dockerignore-pack"
SIZE = (100, 32)


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def open_ignore_drill(pilot) -> DrillScreen:
    await pilot.pause()
    pilot.app.open_drill("ignore-sample", "keep-env-out")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DrillScreen)
    return pilot.app.screen


async def test_the_learner_edits_the_dockerignore_and_the_check_reads_it(prepdeck_home: Path) -> None:
    async with make_app(IGNORE_PACK).run_test(size=SIZE) as pilot:
        screen = await open_ignore_drill(pilot)
        ignore = screen.query_one("#drill-dockerignore")
        assert ignore.text == ".git\n"  # the drill's .dockerignore is the starting point
        footer = pilot.app.screen._compositor.render_strips()[-1].text
        assert "f3 Other file" in footer
        assert "0 of 1 requirements met" in shown(pilot.app, "#drill-status")
        assert "✗" in shown(pilot.app, "#drill-checklist")
        await pilot.press("f3")
        assert ignore.has_focus
        ignore.move_cursor(ignore.document.end)
        await pilot.press(*".env")
        await settle(pilot)
        assert "PASSED" in shown(pilot.app, "#drill-status")
        await pilot.press("f3")
        assert screen.query_one("#drill-editor").has_focus
        await pilot.press("escape", "escape")  # leave: the .dockerignore is kept as a draft
        await pilot.pause()
    async with make_app(IGNORE_PACK).run_test(size=SIZE) as pilot:
        screen = await open_ignore_drill(pilot)
        assert screen.query_one("#drill-dockerignore").text == ".git\n.env"
        assert "PASSED" in shown(pilot.app, "#drill-status")


async def test_a_drill_without_an_editable_dockerignore_has_no_second_file(prepdeck_home: Path) -> None:
    async with make_app(SHELL_PACK).run_test(size=SIZE) as pilot:
        await pilot.pause()
        pilot.app.open_drill("shell-sample", "exec-form")
        await settle(pilot)
        assert not pilot.app.screen.query("#drill-dockerignore")
        footer = pilot.app.screen._compositor.render_strips()[-1].text
        assert "Other file" not in footer and "f2 Hint" in footer
