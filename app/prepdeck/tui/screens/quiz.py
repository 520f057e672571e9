"""Quick quiz: a few cards from a tag, a section or your weakest, checked as you answer.

`QuizScreen(tag=None, section=None, weakest=False, pack_id=None, count=10)`; with no filter it
quizzes the weakest cards. Choice, multi-choice, order and type-in cards come first and are
checked by the app; the others are revealed with space and you say whether you knew them (y/n).
Nothing changes your schedule unless, on the summary, you press `a` to apply the results.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from prepdeck.content.model import ChoiceCard, MultiChoiceCard, OrderCard
from prepdeck.study.next_step import QUIZ_KEY, Step, when_empty
from prepdeck.study.quiz import Feedback, Quiz, QuizError, QuizQuestion, build_quiz
from prepdeck.study.scheduler import RATING_NAMES
from prepdeck.tui.inline_markdown import inline_markdown
from prepdeck.tui.next_steps import step_bindings, steps_text, take_step
from prepdeck.tui.reach import ReachesApp
from prepdeck.tui.text import strip_controls
from prepdeck.tui.widgets.answer_input import AnswerInput
from prepdeck.tui.widgets.choice_picker import MULTI, ORDER, SINGLE, ChoicePicker, PickedOption

ASKING, REVEALED, ANSWERED, SUMMARY, EMPTY = "asking", "revealed", "answered", "summary", "empty"
PICKER_TYPES = {"choice": SINGLE, "multi_choice": MULTI, "order": ORDER}


def _plain(text: str | None) -> str:
    return strip_controls(text or "").strip()


class QuizScreen(Screen, ReachesApp):
    DEFAULT_CSS = """
    QuizScreen #quiz-title { height: 1; padding: 0 2; background: $primary 30%; text-style: bold; }
    QuizScreen #quiz-status { height: 1; padding: 0 2; color: $text-muted; }
    QuizScreen #quiz-body { height: 1fr; padding: 0 1; }
    QuizScreen #quiz-prompt { margin: 1 1; text-style: bold; height: auto; }
    QuizScreen #quiz-typed { margin: 0 1; }
    QuizScreen #quiz-feedback { margin: 1 1; height: auto; }
    """

    BINDINGS = [
        Binding(
            "space",
            "reveal",
            "Check / show",
            id="quiz.reveal",
            tooltip="Check your choice, or show the answer",
        ),
        Binding("y", "judge(True)", "I knew it", id="quiz.knew"),
        Binding("n", "judge(False)", "I didn't", id="quiz.missed"),
        Binding("enter", "next", "Next", id="quiz.next", tooltip="The next card"),
        Binding(
            "a",
            "apply",
            "Apply to schedule",
            id="quiz.apply",
            tooltip="Grade the answered cards on your schedule",
        ),
        *step_bindings("quiz", skip=(QUIZ_KEY,)),  # what to do instead, when there is nothing to quiz on
        Binding(
            "escape",
            "leave",
            "Back",
            id="quiz.back",
            tooltip="Leave (your schedule is unchanged unless applied)",
        ),
    ]

    def __init__(
        self,
        tag: str | None = None,
        section: str | None = None,
        weakest: bool = False,
        pack_id: str | None = None,
        count: int = 10,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.tag, self.section, self.weakest, self.pack_id, self.count = tag, section, weakest, pack_id, count
        self.quiz: Quiz | None = None
        self.phase = EMPTY
        self._steps: tuple[Step, ...] = ()  # offered when there is nothing to quiz on

    def compose(self) -> ComposeResult:
        yield Static("Quick quiz", id="quiz-title", markup=False)
        yield Static(id="quiz-status", markup=False)
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-prompt")
            yield ChoicePicker(id="quiz-picker")
            yield AnswerInput(placeholder="type your answer, then enter", id="quiz-typed")
            yield Static(id="quiz-feedback")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        wanted = {
            "reveal": (ASKING,),
            "judge": (REVEALED,),
            "next": (ANSWERED,),
            "apply": (SUMMARY,),
        }.get(action)
        if action == "step":
            return self.phase == EMPTY and any(step.key == parameters[0] for step in self._steps)
        return True if wanted is None else self.phase in wanted

    def _set_phase(self, phase: str) -> None:
        self.phase = phase
        self.refresh_bindings()

    def on_mount(self) -> None:
        try:
            self.quiz = build_quiz(
                self.prepdeck_app.context.study,
                count=self.count,
                tag=self.tag,
                section=self.section,
                weakest=self.weakest,
                pack_id=self.pack_id,
            )
        except QuizError as error:
            self._steps = when_empty(self.prepdeck_app.context.study, skip=frozenset({QUIZ_KEY})).steps
            self.refresh_bindings()
            self.query_one("#quiz-prompt", Static).update(Text(f"Nothing to quiz on: {error}."))
            self.query_one("#quiz-feedback", Static).update(steps_text(self._steps, "Instead:"))
            self._hide_inputs()
            self.query_one("#quiz-status", Static).update("escape: back")
            return
        self.query_one("#quiz-title", Static).update(f"Quick quiz · {self.quiz.title}")
        self._show_question(self.quiz, self.quiz.current)

    def _hide_inputs(self) -> None:
        self.query_one(ChoicePicker).display = False
        self.query_one("#quiz-typed", Input).display = False

    # --- asking ------------------------------------------------------------------------------

    def _show_question(self, quiz: Quiz, question: QuizQuestion) -> None:
        self._set_phase(ASKING)
        self._hide_inputs()
        self.query_one("#quiz-feedback", Static).update("")
        self.query_one("#quiz-prompt", Static).update(inline_markdown(question.prompt))
        mode = PICKER_TYPES.get(question.type)
        pack = self.prepdeck_app.context.pack(question.card.key.pack_id)
        pack_name = strip_controls(pack.meta.title if pack is not None else question.card.key.pack_id)
        status = f"{quiz.position + 1} of {len(quiz)} · {pack_name}"
        content = question.content
        if mode is not None:
            picker = self.query_one(ChoicePicker)
            if isinstance(content, OrderCard):
                options = [PickedOption(text, True, None) for text in content.items]
                shown = [content.items.index(text) for text in question.shown_items]
            elif isinstance(content, ChoiceCard | MultiChoiceCard):
                options = [
                    PickedOption(option.text, option.correct, option.why) for option in content.options
                ]
                shown = self.prepdeck_app.context.study.option_order(
                    question.card
                )  # shuffled per card and day
            else:
                return
            picker.load(mode, options, shown)
            picker.display = True
            self.set_focus(picker)  # at once: a key pressed right away is read with it in place
        elif question.type == "type_in":
            typed = self.query_one("#quiz-typed", Input)
            typed.value = ""
            typed.display = True
            self.set_focus(typed)
            status += " · enter checks"
        else:
            self.set_focus(None)
            status += " · space shows the answer"
        self.query_one("#quiz-status", Static).update(status)

    def action_reveal(self) -> None:
        if self.phase != ASKING or self.quiz is None:
            return
        question = self.quiz.current
        if question.type in PICKER_TYPES:
            self._check_picker()
        elif question.type == "type_in":
            self._show_feedback(self.quiz.answer(question, self.query_one("#quiz-typed", Input).value))
        else:
            answer = Text()
            answer.append("Answer: ", style="bold")
            answer.append(_plain(question.answer_text))
            answer.append("\n\ny: I knew it · n: I didn't", style="dim")
            self.query_one("#quiz-feedback", Static).update(answer)
            self._set_phase(REVEALED)

    def _check_picker(self) -> None:
        if self.quiz is None:
            return
        picker = self.query_one(ChoicePicker)
        picker.reveal()
        self._show_feedback(self.quiz.answer_picked(self.quiz.current, picker.chosen))

    def action_judge(self, knew: bool) -> None:
        if self.phase == REVEALED and self.quiz is not None:
            self._show_feedback(self.quiz.answer(self.quiz.current, knew))

    def _show_feedback(self, feedback: Feedback) -> None:
        if self.quiz is None:
            return
        question = self.quiz.current
        text = Text()
        text.append(
            "✓ Right" if feedback.correct else "✗ Not quite",
            style="bold green" if feedback.correct else "bold red",
        )
        if not feedback.correct or question.type == "type_in":
            text.append(f"\nAnswer: {_plain(feedback.expected)}")
        if question.type == "type_in":
            for line in feedback.details:
                text.append(f"\n{_plain(line)}", style="dim")
        extra = question.content.extra
        if extra:
            text.append(f"\n\n{_plain(extra)}", style="italic")
        text.append("\n\nenter: next", style="dim")
        self.query_one("#quiz-feedback", Static).update(text)
        self.query_one("#quiz-typed", Input).disabled = True
        self._set_phase(ANSWERED)
        self.set_focus(None)

    def action_next(self) -> None:
        if self.phase != ANSWERED or self.quiz is None:
            return
        self.query_one("#quiz-typed", Input).disabled = False
        question = self.quiz.next_question()
        if question is not None:
            self._show_question(self.quiz, question)
        else:
            self._show_summary(self.quiz)

    # --- the end -----------------------------------------------------------------------------

    def _show_summary(self, quiz: Quiz) -> None:
        self._hide_inputs()
        right, answered = quiz.score
        self.query_one("#quiz-prompt", Static).update(Text(f"{right} of {answered} right"))
        lines = Text()
        for question, feedback in quiz.answered:
            mark = "✓ " if feedback.correct else "✗ "
            lines.append(mark, style="green" if feedback.correct else "red")
            lines.append(f"{_plain(question.prompt)[:70]}", style="")
            lines.append(f"  → {RATING_NAMES[feedback.suggested_rating]}\n", style="dim")
        lines.append("\na: put these ratings on your schedule · escape: leave it unchanged", style="dim")
        self.query_one("#quiz-feedback", Static).update(lines)
        self.query_one("#quiz-status", Static).update("the quiz is over")
        self._set_phase(SUMMARY)

    def action_apply(self) -> None:
        if self.phase != SUMMARY or self.quiz is None:
            return
        results = self.quiz.apply()
        self.notify(f"{len(results)} card(s) graded on your schedule.", title="Quick quiz")
        self._set_phase(EMPTY)
        self.query_one("#quiz-status", Static).update("applied to your schedule · escape: back")

    def action_step(self, key: str) -> None:
        if self.phase == EMPTY:
            take_step(self.prepdeck_app, next((step for step in self._steps if step.key == key), None))

    def action_leave(self) -> None:
        self.app.pop_screen()
