"""The Interview screen through the Pilot: an answer is graded, the rating is committed."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from study_screens import SIZE, FixedClock, sample_app

from prepdeck.store.cards import ItemKey
from prepdeck.tui.screens.interview import InterviewScreen
from prepdeck.tui.widgets.grade_bar import GradeBar

PARTIAL_ANSWER = "You use several FROM stages so the final image is smaller. It builds images in parallel."


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def open_interview(pilot, **options) -> InterviewScreen:
    await pilot.pause()
    pilot.app.open_interview(**options)
    await pilot.pause()
    assert isinstance(pilot.app.screen, InterviewScreen)
    return pilot.app.screen


async def type_answer(pilot, text: str) -> None:
    pilot.app.screen.query_one("#interview-answer").insert(text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_contradiction_is_quoted_highlighted_and_corrected():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot, pack_id="tui-sample", question_id="multi-stage-why")
        wrong = "Several FROM stages, but the image is not smaller at all."
        await type_answer(pilot, wrong)
        points = shown(app, "#interview-points")
        assert "✗ a smaller final image  (you said the opposite)" in points
        assert 'You wrote "the image is not smaller"' in points
        assert "in fact: " in points and "the shipped image is much smaller" in points
        # the contradicting words are highlighted where they were typed
        answer = screen.query_one("#your-answer").render()
        marked = [answer.plain[span.start : span.end] for span in answer.spans if "red" in str(span.style)]
        assert marked == ["the image is not smaller"]
        assert screen.grade.suggested_rating == 1  # the heaviest point is contradicted


async def test_an_answer_is_graded_and_the_chosen_rating_committed():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot, pack_id="tui-sample", question_id="multi-stage-why")
        assert "What is a multi-stage build" in shown(app, "#interview-prompt")
        await type_answer(pilot, PARTIAL_ANSWER)
        points = shown(app, "#interview-points")
        assert "✓ several FROM stages" in points
        assert "✓ a smaller final image" in points
        assert "✗ artifacts copied with COPY --from" in points
        assert '"builds images in parallel" is a common mistake' in points
        assert "Score " in shown(app, "#interview-score")
        assert "How do you build only the test stage in CI?" in shown(app, "#interview-followups")
        assert "A builder stage holds the toolchain" in shown(app, "#model-answer")
        assert PARTIAL_ANSWER in shown(app, "#your-answer")
        # The suggested rating is preselected (a misconception caps it at Hard) ...
        assert screen.grade.suggested_rating <= 2
        assert screen.query_one(GradeBar).selected == screen.grade.suggested_rating
        # ... and 1-4 change it before enter commits it.
        await pilot.press("3", "enter")
        await pilot.pause()
        rows = app.context.study.store.reviews()
        assert [(row.key.item_id, row.rating) for row in rows] == [("multi-stage-why", 3)]
        assert "saved: Good" in shown(app, "#interview-rating")


async def test_timer_runs_while_answering_and_stops_at_submit():
    clock = FixedClock()
    app = sample_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot, question_id="pid-one")
        clock.advance(seconds=95)
        screen._tick()
        assert "time 01:35" in shown(app, "#interview-status")
        await type_answer(pilot, "PID 1 must reap zombies; use tini.")
        assert "answered" in shown(app, "#interview-status")
        await pilot.press("enter")
        await pilot.pause()
        row = app.context.study.store.reviews()[-1]
        assert row.duration_ms == 95_000


async def test_digits_typed_in_the_answer_stay_in_the_answer():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot, question_id="pid-one")
        await pilot.press("1", "2", "n")
        assert screen.query_one("#interview-answer").text == "12n"
        assert app.context.study.store.reviews() == []


async def test_without_a_question_id_the_due_question_comes_first_then_the_next():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot)
        first = screen.card.key.item_id
        await type_answer(pilot, "several stages, copy --from, smaller image")
        await pilot.press("4", "enter", "n")
        await pilot.pause()
        assert screen.card.key.item_id != first
        assert app.context.study.store.get_state(ItemKey("tui-sample", first, "main")).reps == 1


def test_snapshot_interview_graded(snap_compare):
    async def answer(pilot):
        await open_interview(pilot, question_id="multi-stage-why")
        await type_answer(pilot, PARTIAL_ANSWER)

    assert snap_compare(sample_app(), terminal_size=SIZE, run_before=answer)


async def test_with_nothing_due_a_question_is_practised_without_touching_the_schedule():
    app = sample_app()
    study = app.context.study
    while (card := study.next_card(kind="question")) is not None:
        study.grade(card, 4)
    logged = len(study.store.reviews())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_interview(pilot)
        assert screen.practice and screen.card is not None
        assert "practice: your schedule is not changed" in shown(app, "#interview-status")
        await type_answer(pilot, "no idea")
        assert "practice only, nothing is saved" in shown(app, "#interview-rating")
        await pilot.press("enter")
        await pilot.pause()
        assert len(study.store.reviews()) == logged


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_key_points_show_first_and_page_keys_scroll_the_feedback_without_tab():
    app = sample_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_interview(pilot, pack_id="tui-sample", question_id="multi-stage-why")
        await type_answer(pilot, PARTIAL_ANSWER)
        shown_now = screen_text(app)
        assert "✓ several FROM stages" in shown_now and "✗ artifacts copied with COPY --from" in shown_now
        assert "PgUp/PgDn Feedback" in screen_text(app).splitlines()[-1]
    app = sample_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_interview(pilot, pack_id="tui-sample", question_id="multi-stage-why")
        await type_answer(pilot, PARTIAL_ANSWER)
        result = screen.query_one("#interview-result")
        assert result.max_scroll_y > 0 and result.scroll_y == 0
        assert "How do you build only the test stage in CI?" not in screen_text(app)
        for _ in range(4):
            await pilot.press("pagedown")
        await pilot.pause()
        assert result.scroll_y == result.max_scroll_y
        assert "How do you build only the test stage in CI?" in screen_text(app)
        await pilot.press("pageup", "pageup", "pageup", "pageup", "up")
        await pilot.pause()
        assert result.scroll_y == 0
        await pilot.press("3", "enter")  # the rating keys still work after paging
        await pilot.pause()
        assert "saved: Good" in shown(app, "#interview-rating")


async def test_a_saved_answer_keeps_its_score_and_stats_show_the_mean_score_of_its_section():
    """Issue 12: the score of each graded answer is stored, and Stats shows the mean per section."""
    from test_stats_day_one import panel_text

    app = sample_app()
    async with app.run_test(size=(120, 60)) as pilot:
        screen = await open_interview(pilot, pack_id="tui-sample", question_id="multi-stage-why")
        await type_answer(pilot, PARTIAL_ANSWER)
        score = screen.grade.score
        await pilot.press("3", "enter")
        await pilot.pause()
        [row] = app.context.study.store.reviews()
        assert row.answer_score == score
        await pilot.press("escape")
        await pilot.pause()
        app.open_stats()
        await pilot.pause()
        practice = panel_text(app, "#practice")
        assert f"1 given, 1 rated Good or Easy, mean score {round(score * 100)}%" in practice
