"""Raw item ids never reach the learner: the mock report's ratings and the stats' leeches name the
question or card as the learner saw it, on one line."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from quiz_screens import SIZE, FixedClock, quiz_app
from shell_helpers import drawn, make_context

from prepdeck.store.cards import ItemKey
from prepdeck.tui.app import PrepdeckApp
from prepdeck.tui.inline_markdown import inline_markdown
from prepdeck.tui.text import one_line


def shown_prompt(prompt: str) -> str:
    """A prompt as a list row shows it: on one line, its code spans drawn without backticks."""
    return inline_markdown(one_line(prompt)).plain


def option_texts(app, selector: str) -> list[str]:
    options = app.screen.query_one(selector)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_mock_ratings_name_the_questions_not_their_ids(prepdeck_home: Path) -> None:
    app = quiz_app(FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_mock(questions=2, minutes=10, level=None, pack_ids=None)
        await pilot.pause()
        screen = app.screen
        asked = []
        for _ in range(2):
            current = screen.session.current
            asked.append(current.key.item_id)
            screen.query_one("#mock-answer").insert("The CLI asks dockerd; SIGTERM reaches PID 1.")
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert screen.phase == "report"
        rows = option_texts(app, "#mock-ratings")
        prompts = {answer.id: answer.prompt for answer in screen.report.answers}
        assert len(rows) == 2
        for row, item_id in zip(rows, asked, strict=True):
            assert item_id not in row
            assert shown_prompt(prompts[item_id]) in row
        await pilot.press("1")  # the first becomes Again: the row still names the question
        await pilot.pause()
        first = option_texts(app, "#mock-ratings")[0]
        assert first.startswith("Again") and shown_prompt(prompts[asked[0]]) in first


async def test_leeches_are_listed_by_their_front(prepdeck_home: Path) -> None:
    context = make_context()
    store = context.study.store
    for key in (ItemKey("shell-sample", "layer-what"), ItemKey("shell-sample", "tini-cloze", "c1")):
        store.put_states([store.get_state(key).with_changes(leech=True, suspended=True)])
    app = PrepdeckApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_stats()
        await pilot.pause()
        shown = drawn(app, "#leeches")
        assert "What adds a layer to an image?" in shown
        assert "A small init such as [...] forwards" in shown
        assert "layer-what" not in shown and "tini-cloze" not in shown
