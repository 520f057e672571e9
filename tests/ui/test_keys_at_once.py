"""Keys that arrive together, faster than the screen redraws (a fast typist, a browser tab catching
up): each one acts once, in order, as if the screen had kept up. Sent straight into the app's queue,
so no key waits for the one before it to be handled."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from study_screens import SIZE, sample_app
from test_review import go_to_type, open_review, option_number
from textual import events

from prepdeck.tui.widgets.card_view import CardView


def send_at_once(app, *keys: str) -> None:
    for key in keys:
        character = " " if key == "space" else key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause(0.05)
    await pilot.pause()


def grades_of(app, item_id: str) -> list[int]:
    return [row.rating for row in app.context.study.store.reviews() if row.key.item_id == item_id]


async def test_space_and_a_grade_pressed_as_review_opens_grade_the_first_card_once():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_review()
        send_at_once(app, "space", "3", "space")
        await settle(pilot)
        rows = app.context.study.store.reviews()
        assert [row.rating for row in rows] == [3]
        view = app.screen.query_one(CardView)
        assert view.card.key != rows[0].key and view.revealed  # the second space shows the next answer


async def test_an_answer_typed_as_review_opens_goes_into_the_answer_box():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await go_to_type(pilot, "type_in")
        await pilot.press("escape")  # back on Home; the type-in card is the next one due
        await pilot.pause()
        app.open_review()
        send_at_once(app, *"stopsignal", "enter", "3")
        await settle(pilot)
        state = app.context.study.store.get_state(app.screen.query_one(CardView).card.key)
        assert grades_of(app, "stop-typein") == [3]
        assert not state.suspended  # the s of "stopsignal" was typed, not taken as suspend


async def test_a_grade_pressed_with_the_enter_that_checks_a_typed_answer_grades_it():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await go_to_type(pilot, "type_in")
        view = app.screen.query_one(CardView)
        send_at_once(app, *"stopsignal", "enter", "4")
        await settle(pilot)
        assert grades_of(app, "stop-typein") == [4]
        assert view.card.key.item_id != "stop-typein"


async def test_a_grade_pressed_with_the_option_chosen_grades_the_card_on_that_choice():
    app = sample_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await go_to_type(pilot, "choice")
        picker = app.screen.query_one("#card-picker")
        right = next(option.text for option in picker.options if option.correct)
        send_at_once(app, option_number(app, right), "2")
        await settle(pilot)
        assert grades_of(app, "health-choice") == [2]  # the 2 graded; it did not change the choice


async def test_a_typed_quiz_answer_and_the_enter_for_the_next_question_sent_together():
    from quiz_screens import FixedClock, quiz_app, shown

    app = quiz_app(FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_quiz(tag="signals")
        await pilot.pause()
        screen = app.screen
        while screen.quiz.current.type != "type_in":
            picker = screen.query_one("#quiz-picker")
            await pilot.press(
                *(str(row) for row in range(1, len(picker.display_order) + 1)), "space", "enter"
            )
        first = screen.quiz.current
        send_at_once(app, *"sigterm", "enter", "enter")
        await settle(pilot)
        feedback = next(feedback for question, feedback in screen.quiz.answered if question is first)
        assert not feedback.correct and "STOPSIGNAL" in feedback.expected  # "sigterm", all of it, was checked
        assert screen.quiz.current is not first or screen.phase == "summary"  # the second enter moved on
        assert "you typed: sigterm" not in shown(app, "#quiz-feedback")
