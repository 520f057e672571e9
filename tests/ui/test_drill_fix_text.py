"""Issue 12 bug 7: the exec-form advice on the drill screen is right or offers no example."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from study_screens import SIZE, sample_app
from test_drill import open_drill, settle, shown

from prepdeck.tui.widgets.dockerfile_editor import DockerfileEditor


async def replace_cmd_line(pilot, text: str) -> None:
    """Select the starter's CMD arguments (line 4, after `CMD `) and type over them."""
    editor = pilot.app.screen.query_one(DockerfileEditor)
    editor.move_cursor((3, 4))
    await pilot.press("shift+end", *text)
    await settle(pilot)


async def test_text_after_a_json_array_is_named_and_never_split_into_garbled_words():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_drill(pilot)
        await replace_cmd_line(pilot, '["sh", "/app/app.sh"] junk')
        assert pilot.app.screen.query_one(DockerfileEditor).text.splitlines()[3] == (
            'CMD ["sh", "/app/app.sh"] junk'
        )
        checklist = " ".join(shown(app, "#drill-checklist").split())
        assert "CMD on line 4 is in shell form: it starts like a JSON array, but junk follows" in checklist
        assert '["["' not in checklist and '"["sh",' not in checklist


async def test_plain_words_get_a_valid_json_example_and_shell_syntax_gets_none():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_drill(pilot)
        await replace_cmd_line(pilot, 'sh -c "echo hi"')
        checklist = " ".join(shown(app, "#drill-checklist").split())
        assert 'e.g. CMD ["sh", "-c", "echo hi"]' in checklist
        await replace_cmd_line(pilot, "sh /app/app.sh && echo done")
        checklist = " ".join(shown(app, "#drill-checklist").split())
        assert "CMD on line 4 is in shell form" in checklist
        assert "e.g." not in checklist
        assert "it uses shell syntax" in checklist
