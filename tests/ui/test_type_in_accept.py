"""Type-in cards accept the forms the card lists under `accept`, and spacing, quoting and
--flag=value (issue 12, study flow: "docker build --no-cache" was refused for "--no-cache")."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from shell_helpers import FixedClock, make_app
from test_theory_reading import screen_lines

PACK = """\
format: 1
pack: {id: typed, title: Typed answers, version: "1.0.0", summary: One type-in card., license: CC0-1.0,
       authors: [{name: tests}]}
sections:
  - {id: cache, title: The build cache, body: "`--no-cache` builds every step again."}
cards:
  - id: no-cache-flag
    type: type_in
    section: cache
    prompt: Which `docker build` flag ignores the cache?
    answers: ["--no-cache"]
    accept: ["docker build --no-cache"]
"""


async def type_answer(tmp_path: Path, typed: str) -> str:
    (tmp_path / "pack").mkdir(exist_ok=True)
    (tmp_path / "pack" / "pack.yaml").write_text(PACK)
    app = make_app(tmp_path / "pack", clock=FixedClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_review()
        await pilot.pause()
        await pilot.press(*typed, "enter")
        await pilot.pause()
        return "\n".join(screen_lines(app))


async def test_the_whole_command_listed_under_accept_is_right(tmp_path):
    shown = await type_answer(tmp_path, "docker  build --no-cache")
    assert "Correct." in shown
    assert "how well did you know it? 1-4 (you got it: 3 or 4)" in shown


async def test_a_command_not_listed_is_still_refused(tmp_path):
    shown = await type_answer(tmp_path, "docker build --pull")
    assert "Not quite." in shown
    assert "answer:     --no-cache" in shown
