"""Interview: answer a question in your own words, then see what you covered and what you missed.

`InterviewScreen(pack_id=None, question_id=None)`:
- with a question id, that question (its grade is committed to the schedule like any review);
- otherwise the next question due today; when none is due, the weakest one as practice, whose
  grade changes nothing.

Flow: the prompt and a text area with a running timer; ctrl+s submits; the study service grades
the answer (key points covered and missed, misconceptions, a suggested rating); 1-4 change the
rating, enter commits it; n takes the next question.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static, TextArea

from prepdeck.study.grading import AnswerGrade
from prepdeck.study.interview import ASKING, EMPTY, GRADED, SAVED, InterviewSitting, Phase
from prepdeck.study.service import StudyCard, StudyService
from prepdeck.tui.inline_markdown import inline_markdown
from prepdeck.tui.reach import ReachesApp
from prepdeck.tui.text import one_line, strip_controls
from prepdeck.tui.widgets.grade_bar import RATING_NAMES, GradeBar
from prepdeck.tui.widgets.steady_footer import SteadyFooter


def _plain(text: str | None) -> str:
    return strip_controls(text or "")


def _reflow(text: str) -> str:
    """Join the hard-wrapped lines of a YAML block into paragraphs, so they wrap to the panel."""
    paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def highlighted_answer(typed: str, grade: AnswerGrade) -> Text:
    """The learner's answer with the words that contradict a key point (red) or state a
    misconception (yellow) highlighted where they were typed."""
    marks = [(c.evidence.start, c.evidence.end, "bold red underline") for c in grade.contradictions]
    marks += [(m.evidence.start, m.evidence.end, "bold yellow underline") for m in grade.misconceptions_found]
    start = len(typed) - len(typed.lstrip())
    end = len(typed.rstrip())
    if start >= end:
        return Text("(no answer)")
    text = Text()
    position = start
    for mark_start, mark_end, style in sorted(marks):
        mark_start, mark_end = max(mark_start, position), min(mark_end, end)
        if mark_start >= mark_end:
            continue
        text.append(_plain(typed[position:mark_start]))
        text.append(_plain(typed[mark_start:mark_end]), style=style)
        position = mark_end
    text.append(_plain(typed[position:end]))
    return text


def corrections_text(grade: AnswerGrade, indent: str = "  ") -> Text:
    """What the learner got wrong, in their words, with the correct claim."""
    text = Text()
    if grade.contradictions:
        text.append("\nWhat you got wrong\n", style="bold red")
        for contradiction in grade.contradictions:
            text.append(f'{indent}You wrote "{_plain(contradiction.evidence.text)}"', style="red")
            text.append(f"; in fact: {_plain(contradiction.correction)}\n")
    if grade.misconceptions_found:
        text.append("\nMisconceptions flagged\n", style="bold yellow")
        for found in grade.misconceptions_found:
            text.append(f'{indent}! "{_plain(found.evidence.text)}": ', style="yellow")
            text.append(f'"{_plain(found.claim)}" is a common mistake', style="yellow")
            text.append(f"; in fact: {_plain(found.correction)}\n" if found.correction else "\n")
    if grade.note:  # the grader could not tell: it says so
        text.append(f"\n{_plain(grade.note)}\n", style="italic")
    return text


class InterviewScreen(Screen, ReachesApp):
    DEFAULT_CSS = """
    InterviewScreen #interview-title { height: 1; padding: 0 2; background: $primary 30%; text-style: bold; }
    InterviewScreen #interview-status { height: 1; padding: 0 2; color: $text-muted; }
    InterviewScreen #interview-prompt { padding: 0 2; margin: 1 0; text-style: bold; height: auto; }
    InterviewScreen #interview-answer { height: 1fr; margin: 0 1; }
    InterviewScreen #interview-result { height: 1fr; padding: 0 1; }
    InterviewScreen #interview-sides { height: auto; }
    InterviewScreen #interview-sides > Vertical { width: 1fr; height: auto; border: round $primary 50%; padding: 0 1; }
    InterviewScreen .result-block { height: auto; margin-top: 1; }
    InterviewScreen .side-title { text-style: bold; color: $accent; }
    InterviewScreen #interview-rating { height: 1; padding: 0 2; color: $text-muted; }
    InterviewScreen GradeBar { height: 1; margin: 0 1; }
    """

    # At 80 columns not every key fits the footer: these give way first (the status line names the section).
    FOOTER_LEAST_NEEDED = ("open_section",)

    BINDINGS = [
        Binding(
            "ctrl+s,f5", "submit", "Submit", id="interview.submit", tooltip="Grade your answer (ctrl+s or F5)"
        ),
        Binding("1", "choose(1)", "Again", show=False, id="interview.again"),
        Binding("2", "choose(2)", "Hard", show=False, id="interview.hard"),
        Binding("3", "choose(3)", "Good", show=False, id="interview.good"),
        Binding("4", "choose(4)", "Easy", show=False, id="interview.easy"),
        Binding(
            "enter",
            "confirm",
            "Save rating",
            id="interview.confirm",
            tooltip="Commit the chosen rating to your schedule",
        ),
        Binding("n", "next_question", "Next", id="interview.next", tooltip="The next question"),
        Binding(
            "pagedown",
            "scroll_feedback(1)",
            "Feedback",
            key_display="PgUp/PgDn",
            id="interview.feedback_down",
            tooltip="Scroll the feedback (key points, answers, follow-ups)",
        ),
        Binding("pageup", "scroll_feedback(-1)", "Feedback up", show=False, id="interview.feedback_up"),
        Binding("down", "scroll_feedback_line(1)", "Line down", show=False, id="interview.line_down"),
        Binding("up", "scroll_feedback_line(-1)", "Line up", show=False, id="interview.line_up"),
        Binding(
            "ctrl+o",
            "open_section",
            "Section",
            id="interview.section",
            tooltip="Read the theory behind this question",
        ),
        Binding("escape", "leave", "Back", id="interview.back", tooltip="Leave (a saved rating stays saved)"),
    ]

    def __init__(self, pack_id: str | None = None, question_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pack_id = pack_id
        self.question_id = question_id
        self.sitting: InterviewSitting | None = (
            None  # made on mount, once the app's study service is reachable
        )
        self._where_for: StudyCard | None = None
        self._where_text = ""

    @property
    def study(self) -> StudyService:
        return self.prepdeck_app.context.study

    # What the sitting holds, read by the drawing code below (and by tests).
    @property
    def card(self) -> StudyCard | None:
        return self.sitting.card if self.sitting is not None else None

    @property
    def practice(self) -> bool:
        return self.sitting is not None and self.sitting.practice

    @property
    def phase(self) -> Phase:
        return self.sitting.phase if self.sitting is not None else EMPTY

    @property
    def grade(self) -> AnswerGrade | None:
        return self.sitting.grade if self.sitting is not None else None

    def compose(self) -> ComposeResult:
        yield Static("Interview practice", id="interview-title", markup=False)
        yield Static(id="interview-status")
        yield Static(id="interview-prompt")
        yield TextArea(id="interview-answer", soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
        with VerticalScroll(id="interview-result"):
            yield Static(id="interview-score", classes="result-block")
            # Key points first: what was covered and missed is the feedback that matters most.
            yield Static(id="interview-points", classes="result-block")
            with Horizontal(id="interview-sides"):
                with Vertical(id="your-side"):
                    yield Static("Your answer", classes="side-title")
                    yield Static(id="your-answer")
                with Vertical(id="model-side"):
                    yield Static("Model answer", classes="side-title")
                    yield Static(id="model-answer")
            yield Static(id="interview-followups", classes="result-block")
        yield Static(id="interview-rating")
        yield GradeBar(id="interview-grades")
        yield SteadyFooter()

    def action_scroll_feedback(self, pages: int) -> None:
        """Page keys scroll the feedback whatever has focus (no Tab needed)."""
        result = self.query_one("#interview-result", VerticalScroll)
        (result.scroll_page_down if pages > 0 else result.scroll_page_up)(animate=False)

    def action_scroll_feedback_line(self, lines: int) -> None:
        self.query_one("#interview-result", VerticalScroll).scroll_relative(y=lines * 2, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that do something in the current phase."""
        wanted = {
            "submit": ASKING,
            "choose": GRADED,
            "confirm": GRADED,
            "next_question": (GRADED, SAVED),
            "scroll_feedback": (GRADED, SAVED),
            "scroll_feedback_line": (GRADED, SAVED),
        }.get(action)
        if wanted is None:
            return True
        return self.phase in wanted if isinstance(wanted, tuple) else self.phase == wanted

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)
        self.sitting = InterviewSitting(self.study, self.pack_id)
        problem = self.sitting.ask_named(self.question_id) if self.question_id else None
        if problem:
            self.notify(problem, severity="error", markup=False)
        elif not self.question_id:
            self.sitting.ask_next()
        self._show_question()

    # --- asking --------------------------------------------------------------------------

    def _show_question(self) -> None:
        card = self.card
        self.refresh_bindings()
        answer = self.query_one("#interview-answer", TextArea)
        answer.load_text("")
        answer.display = card is not None
        answer.disabled = card is None
        self.query_one("#interview-result").display = False
        self.query_one(GradeBar).display = False
        rating_line = self.query_one("#interview-rating", Static)
        prompt = self.query_one("#interview-prompt", Static)
        if card is None:
            prompt.update(Text("No interview questions in the loaded packs.", style="bold"))
            rating_line.update("escape: back")
            self._tick()
            return
        question = card.question
        prompt.update(inline_markdown(_plain(question.prompt)))  # a code span as code, not backticks
        rating_line.update("write your answer, then ctrl+s to grade it")
        self.set_focus(answer)  # at once: the first key typed goes into the answer
        self._tick()

    def _tick(self) -> None:
        status = self.query_one("#interview-status", Static)
        if self.card is None:
            status.update("")
            return
        question = self.card.question
        seconds = max(0, int((self.prepdeck_app.context.clock() - self.card.shown_at).total_seconds()))
        elapsed = f"{seconds // 60:02d}:{seconds % 60:02d}"
        kind = "practice: your schedule is not changed" if self.practice else "graded onto your schedule"
        where = self._where()
        if self.phase == ASKING:
            status.update(Text(f"{question.level} · {where} · {kind} · time {elapsed}"))
        elif self.phase != EMPTY:
            status.update(Text(f"{question.level} · {where} · {kind} · answered"))

    def _where(self) -> str:
        """The question's section (else its pack) by title, never an id; computed once per question."""
        card = self.card
        if card is None:
            return ""
        if self._where_for is not card:
            pack = self.prepdeck_app.context.pack(card.key.pack_id)
            section = pack.section(card.item.section) if pack is not None and card.item.section else None
            title = section.title if section is not None else (pack.meta.title if pack else card.key.pack_id)
            self._where_for, self._where_text = card, one_line(title, 40)
        return self._where_text

    # --- grading -------------------------------------------------------------------------

    def action_submit(self) -> None:
        answer = self.query_one("#interview-answer", TextArea)
        if self.sitting is None or self.card is None:
            return
        grade = self.sitting.submit(answer.text)
        if grade is None:
            return
        self.refresh_bindings()
        self._tick()  # the timer line now says "answered"
        answer.display = False
        answer.disabled = True
        self._show_grade(self.card, grade, answer.text)
        self._show_rating(grade.suggested_rating)
        grades = self.query_one(GradeBar)
        grades.show_intervals(self.sitting.interval_preview())
        grades.display = True
        self.set_focus(None)

    def _show_grade(self, card: StudyCard, grade: AnswerGrade, typed: str) -> None:
        question = card.question
        score = Text()
        score.append(f"Score {round(grade.score * 100)}%", style="bold")
        score.append(
            f"  ·  key points {round(grade.coverage * 100)}%  ·  suggested: {RATING_NAMES[grade.suggested_rating]}",
            style="dim",
        )
        self.query_one("#interview-score", Static).update(score)
        self.query_one("#your-answer", Static).update(highlighted_answer(typed, grade))
        self.query_one("#model-answer", Static).update(Text(_plain(_reflow(question.model_answer))))
        self.query_one("#interview-points", Static).update(self._points_text(grade))
        self.query_one("#interview-followups", Static).update(self._followups_text(card))
        result = self.query_one("#interview-result", VerticalScroll)
        result.display = True
        result.scroll_home(animate=False)

    @staticmethod
    def _points_text(grade: AnswerGrade) -> Text:
        text = Text()
        text.append("Key points\n", style="bold")
        for point in grade.points:
            if point.covered:
                text.append("  ✓ ", style="green")
                text.append_text(inline_markdown(_plain(point.label), "green"))
                text.append(f'  (you said "{_plain(point.matched)}")\n', style="dim")
            elif point.state == "contradicted":
                text.append("  ✗ ", style="bold red")
                text.append_text(inline_markdown(_plain(point.label), "bold red"))
                text.append("  (you said the opposite)\n", style="bold red")
            elif point.state in ("named", "passing"):
                text.append("  ~ ", style="yellow")
                text.append_text(inline_markdown(_plain(point.label), "yellow"))
                why = "but did not say what it does" if point.state == "named" else "only in passing"
                text.append(f'  (you named "{_plain(point.matched)}" {why})\n', style="dim")
            else:
                text.append("  ✗ ", style="red")
                text.append_text(inline_markdown(_plain(point.label), "red"))
                text.append("\n")
        text.append_text(corrections_text(grade))
        return text

    @staticmethod
    def _followups_text(card: StudyCard) -> Text:
        follow_ups = card.question.follow_ups
        if not follow_ups:
            return Text()
        text = Text()
        text.append("Follow-up questions an interviewer may ask\n", style="bold")
        for follow_up in follow_ups:
            text.append(f"  - {_plain(follow_up)}\n")
        return text

    def action_choose(self, rating: int) -> None:
        if self.sitting is not None and self.sitting.choose(rating):
            self._show_rating(rating)

    def _show_rating(self, rating: int) -> None:
        self.query_one(GradeBar).select(rating)
        what = "practice only, nothing is saved" if self.practice else "enter saves it to your schedule"
        self.query_one("#interview-rating", Static).update(
            f"rating: {RATING_NAMES[rating]} (1-4 to change; {what}) · n: next question"
        )

    def on_grade_bar_chosen(self, event: GradeBar.Chosen) -> None:
        event.stop()
        self.action_choose(event.rating)

    def action_confirm(self) -> None:
        sitting = self.sitting
        if sitting is None or sitting.phase != GRADED:
            return
        if sitting.practice:  # nothing to save: on to the next question
            self.action_next_question()
            return
        result = sitting.save()
        if result is None or sitting.rating is None:
            return
        self.refresh_bindings()
        self.query_one(GradeBar).display = False
        self.query_one("#interview-rating", Static).update(
            f"saved: {RATING_NAMES[sitting.rating]} · n: next question · escape: back"
        )
        if result.notice:
            self.notify(result.notice, title="Leech", severity="warning", timeout=10, markup=False)

    def action_next_question(self) -> None:
        if self.sitting is None or not self.sitting.ask_next():
            return
        self.question_id = None
        self._show_question()

    def action_open_section(self) -> None:
        if self.card is None or not self.card.item.section:
            self.notify("This question does not name a section.", severity="warning")
            return
        self.prepdeck_app.open_section(self.card.key.pack_id, self.card.item.section)

    def action_leave(self) -> None:
        self.app.pop_screen()
