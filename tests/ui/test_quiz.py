"""The quick quiz through the Pilot: answers checked at once, the schedule changed only on request."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from quiz_screens import SIZE, FixedClock, quiz_app, shown
from test_empty_queues import footer

from prepdeck.tui.screens.quiz import QuizScreen


async def open_quiz(pilot, **options) -> QuizScreen:
    await pilot.pause()
    pilot.app.open_quiz(**options)
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuizScreen)
    return pilot.app.screen


async def test_every_kind_of_answer_gets_feedback_and_applying_grades_them() -> None:
    app = quiz_app(FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quiz(pilot, section="runtime")
        kinds = [question.type for question in screen.quiz.questions]
        assert set(kinds[:2]) == {"choice", "order"} and kinds[2:] == ["reversed", "reversed"]
        for _ in kinds:
            question = screen.quiz.current
            if question.type == "choice":
                await pilot.press("down", "enter")  # EXPOSE: wrong
                await pilot.pause()
                feedback = shown(app, "#quiz-feedback")
                assert "✗ Not quite" in feedback and "Answer: HEALTHCHECK" in feedback
                assert "It only documents a port." in shown(app, "#quiz-picker")
            elif question.type == "order":
                # place the steps in the right order by moving the cursor to each in turn
                for step in question.content.items:
                    picker = screen.query_one("#quiz-picker")
                    target = question.shown_items.index(step)
                    while picker.cursor != target:
                        await pilot.press("down")
                    await pilot.press("enter")
                await pilot.pause()
                assert "✓ Right" in shown(app, "#quiz-feedback")
            else:
                await pilot.press("space")
                await pilot.pause()
                assert f"Answer: {question.answer_text}" in shown(app, "#quiz-feedback")
                await pilot.press("y")
                await pilot.pause()
                assert "✓ Right" in shown(app, "#quiz-feedback")
            await pilot.press("enter")
            await pilot.pause()
        assert screen.phase == "summary"
        assert "3 of 4 right" in shown(app, "#quiz-prompt")
        store = app.context.study.store
        assert store.reviews() == []  # nothing changes until the learner asks
        await pilot.press("a")
        await pilot.pause()
        ratings = sorted((row.key.item_id, row.key.variant, row.rating) for row in store.reviews())
        assert ratings == [
            ("healthcheck-choice", "main", 1),
            ("runc-role", "forward", 3),
            ("runc-role", "reverse", 3),
            ("runtime-order", "main", 3),
        ]


async def test_a_typed_answer_is_checked_and_leaving_changes_nothing() -> None:
    app = quiz_app(FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_quiz(pilot, tag="signals")
        assert next(q.type for q in screen.quiz.questions) in ("type_in", "multi_choice")
        while screen.phase != "summary":
            question = screen.quiz.current
            if question.type == "type_in":
                await pilot.press(*"sigterm", "enter")
                await pilot.pause()
                feedback = shown(app, "#quiz-feedback")
                assert (
                    "✗ Not quite" in feedback
                    and "Answer: STOPSIGNAL" in feedback
                    and "you typed: sigterm" in feedback
                )
            else:
                picker = app.screen.query_one("#quiz-picker")
                rows = [
                    str(row)
                    for row, index in enumerate(picker.display_order, start=1)
                    if picker.options[index].correct
                ]
                await pilot.press(*rows, "space")  # tini and --init (shuffled): right
                await pilot.pause()
                assert "✓ Right" in shown(app, "#quiz-feedback")
            await pilot.press("enter")
            await pilot.pause()
        assert "1 of 2 right" in shown(app, "#quiz-prompt")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuizScreen)
        assert app.context.study.store.reviews() == []


async def test_nothing_to_quiz_on_says_so() -> None:
    app = quiz_app(FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, tag="kubernetes")
        assert "Nothing to quiz on: no card to quiz on in the tag 'kubernetes'." in shown(app, "#quiz-prompt")


async def test_nothing_to_quiz_on_offers_what_to_do_instead_with_keys_that_work() -> None:
    app = quiz_app(FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, tag="kubernetes")
        instead = shown(app, "#quiz-feedback")
        assert "i  answer 4 interview questions due today" in instead
        assert "t  read 'Images and layers', the next section" in instead
        assert "q  " not in instead  # not another quiz
        keys = await footer(pilot)
        assert "Questions" in keys and "Read" in keys
        for gone in ("Check / show", "Next", "Apply", "I knew it", "Quiz"):
            assert gone not in keys
        await pilot.press("i")
        await pilot.pause()
        assert type(app.screen).__name__ == "InterviewScreen"


def test_snapshot_quiz_choice_feedback(snap_compare):
    async def answer_choice_wrong(pilot):
        await open_quiz(pilot, section="runtime")
        while pilot.app.screen.quiz.current.type != "choice":
            await pilot.press("space", "enter")  # give up on this one, go on
            await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()

    assert snap_compare(quiz_app(FixedClock()), terminal_size=SIZE, run_before=answer_choice_wrong)
