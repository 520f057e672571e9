"""Drill: fix a Dockerfile until the rule engine says every requirement is met.

`DrillScreen(pack_id, drill_id)`. The instructions, requirement checklist, lint findings and
hints sit beside a Dockerfile editor. As the learner types:
- the file is checked after a pause of LINT_DELAY in a thread worker (exclusive, group "lint");
  a result for text that has changed since is dropped; the same worker then runs ShellCheck on the
  RUN scripts (a separate process, so it never blocks typing) and adds its findings to the list;
- the draft is saved to the store after DRAFT_DELAY, and again when the screen closes, and is
  restored the next time the drill is opened;
- the first pass of the session is recorded as an attempt, and the solution is shown with a diff
  against the learner's file (also after giving up).

Keys work while the editor has focus: F2 hint, F5 check now, ctrl+g give up, ctrl+o section,
ctrl+r back to the starter; Escape leaves the editor, and Escape again leaves the drill.

A drill whose checks read the build context may give the learner its `.dockerignore` to edit
(`drills.learner_files`): it sits below the Dockerfile, F3 moves between the two files, and each
check uses the learner's text; it has its own draft.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Markdown, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection
from textual.worker import get_current_worker

from prepdeck.drills import DrillResult, check_drill
from prepdeck.drills.evaluate import drill_lint_config
from prepdeck.drills.hints import hint_order
from prepdeck.drills.learner_files import (
    dockerignore_draft_id,
    edits_dockerignore,
    solution_dockerignore,
    starter_dockerignore,
)
from prepdeck.lint.shellcheck import shellcheck_findings
from prepdeck.tui.reach import ReachesApp
from prepdeck.tui.text import safe_markdown, strip_controls
from prepdeck.tui.widgets.answers import line_diff
from prepdeck.tui.widgets.checklist import Checklist
from prepdeck.tui.widgets.dockerfile_editor import DockerfileEditor, Mark
from prepdeck.tui.widgets.file_editor import FileEditor
from prepdeck.tui.widgets.steady_footer import SteadyFooter

LINT_DELAY = 0.15
DRAFT_DELAY = 0.6
LEVEL_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan", "style": "dim"}


class DrillScreen(Screen, ReachesApp):
    DEFAULT_CSS = """
    DrillScreen #drill-title { height: 1; padding: 0 2; background: $primary 30%; text-style: bold; }
    DrillScreen #drill-status { height: 1; padding: 0 2; color: $text-muted; }
    DrillScreen #drill-status.-passed { color: $success; text-style: bold; }
    DrillScreen #drill-body { height: 1fr; }
    DrillScreen #drill-side { width: 2fr; min-width: 36; max-width: 60; padding: 0 1; }
    DrillScreen #drill-files { width: 3fr; }
    DrillScreen #drill-editor { height: 1fr; }
    DrillScreen #drill-dockerignore-title { height: 1; padding: 0 1; color: $accent; text-style: bold; }
    DrillScreen #drill-dockerignore { height: 7; }
    DrillScreen .drill-heading { text-style: bold; color: $accent; margin-top: 1; }
    DrillScreen #drill-instructions { margin: 0; padding: 0; background: transparent; }
    DrillScreen #drill-findings { height: auto; max-height: 10; border: none; padding: 0; background: transparent; }
    DrillScreen #drill-solution { height: auto; }
    """

    # At 80 columns not every key fits the footer: these give way first (help lists it).
    FOOTER_LEAST_NEEDED = ("open_section",)

    BINDINGS = [
        Binding("f2", "hint", "Hint", id="drill.hint", tooltip="Reveal the next hint"),
        Binding("f5", "check_now", "Check", id="drill.check", tooltip="Check the file now"),
        Binding(
            "ctrl+g",
            "give_up",
            "Give up",
            id="drill.give_up",
            tooltip="Show the solution and a diff against your file",
        ),
        Binding(
            "ctrl+o",
            "open_section",
            "Section",
            id="drill.section",
            tooltip="Read the theory this drill practises",
        ),
        Binding(
            "ctrl+r",
            "reset",
            "Starter",
            id="drill.reset",
            tooltip="Put the starter file back (asks first; ctrl+z undoes it)",
        ),
        Binding(
            "f3",
            "switch_file",
            "Other file",
            id="drill.switch_file",
            tooltip="Move between the Dockerfile and the .dockerignore (drills that give you one)",
        ),
        Binding("escape", "leave", "Back", id="drill.back", tooltip="Leave the drill (your draft is saved)"),
    ]

    def __init__(self, pack_id: str, drill_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pack_id = pack_id
        self.drill_id = drill_id
        self.pack: Any = None
        self.drill: Any = None
        self.result: Any = None
        self.hints_shown = 0
        self.solution_shown = False
        self.pass_recorded = False
        self._generation = 0
        # The generation whose check result is on screen (tests wait for it to catch up).
        self._shown_generation = -1
        self._lint_timer: Timer | None = None
        self._draft_timer: Timer | None = None
        self._saved_text: str | None = None
        self._editor: DockerfileEditor | None = None
        self._ignore_editor: FileEditor | None = None  # the learner's .dockerignore, where the drill has one
        self._saved_ignore: str | None = None
        self._reset_asked = False  # ctrl+r was pressed once and waits for a second press

    @property
    def study(self):
        return self.prepdeck_app.context.study

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.pack = self.prepdeck_app.context.pack(self.pack_id)
        self.drill = (
            next((drill for drill in self.pack.drills if drill.id == self.drill_id), None)
            if self.pack
            else None
        )
        if self.drill is None:
            yield Static(
                f"There is no drill '{self.drill_id}' in pack '{self.pack_id}'.",
                id="drill-title",
                markup=False,
            )
            yield Static("escape: back", id="drill-status")
            yield SteadyFooter()
            return
        yield Static(self._title(), id="drill-title")
        yield Static("checking...", id="drill-status")
        with Horizontal(id="drill-body"):
            with VerticalScroll(id="drill-side"):
                yield Static("Instructions", classes="drill-heading")
                yield Markdown(safe_markdown(self._instructions()), id="drill-instructions")
                yield Static("Requirements", classes="drill-heading")
                yield Checklist(self.drill.requirements, id="drill-checklist")
                yield Static("Findings", classes="drill-heading")
                yield OptionList(id="drill-findings")
                yield Static(id="drill-hints")
                yield Static(id="drill-solution")
            with Vertical(id="drill-files"):
                self._editor = DockerfileEditor(self._opening_text(), id="drill-editor")
                yield self._editor
                if edits_dockerignore(self.drill):
                    yield Static(".dockerignore (yours; F3 switches)", id="drill-dockerignore-title")
                    self._ignore_editor = FileEditor(
                        self._opening_dockerignore(), id="drill-dockerignore", soft_wrap=False
                    )
                    yield self._ignore_editor
        yield SteadyFooter()

    def _opening_dockerignore(self) -> str:
        draft = self.study.load_draft(self.pack_id, dockerignore_draft_id(self.drill_id))
        if draft is not None:
            self._saved_ignore = draft
            return draft
        return starter_dockerignore(self.drill)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # F3 is offered only where the drill gives the learner a .dockerignore.
        return self._ignore_editor is not None if action == "switch_file" else True

    def action_switch_file(self) -> None:
        if self._ignore_editor is None or self._editor is None:
            return
        target = self._editor if self._ignore_editor.has_focus else self._ignore_editor
        target.focus()

    def _title(self) -> Text:
        title = Text(f"Drill: {strip_controls(self.drill.title)}", style="bold")
        if self.drill.difficulty:
            title.append(f" · {self.drill.difficulty}", style="dim")
        return title

    def _instructions(self) -> str:
        try:
            return self.pack.drill_instructions(self.drill)
        except Exception as error:  # noqa: BLE001 - a broken instructions file must not close the drill
            return f"(the instructions could not be read: {error})"

    def _file(self, value: str) -> str:
        try:
            return self.pack.drill_text(value)
        except Exception as error:  # noqa: BLE001 - an unreadable drill file is reported, not fatal
            self.notify(f"A file of this drill could not be read: {error}", severity="error", markup=False)
            return ""

    def _opening_text(self) -> str:
        draft = self.study.load_draft(self.pack_id, self.drill_id)
        if draft is not None:
            self._saved_text = draft
            return draft
        return self._file(self.drill.starter)

    def on_mount(self) -> None:
        if self.drill is None:
            return
        self.query_one("#drill-hints").display = False
        self.query_one("#drill-solution").display = False
        if self._saved_text is not None:
            self.notify("Your draft of this drill was restored (ctrl+r puts the starter back).", timeout=4)
        self.query_one(DockerfileEditor).focus()
        self._start_check()

    # --- checking as the learner types ------------------------------------------------------

    @on(TextArea.Changed, "#drill-editor")
    @on(TextArea.Changed, "#drill-dockerignore")
    def _edited(self, event: TextArea.Changed) -> None:
        self._generation += 1
        self._reset_asked = False
        if self._lint_timer is not None:
            self._lint_timer.stop()
        self._lint_timer = self.set_timer(LINT_DELAY, self._start_check)
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.save_draft)

    @property
    def checks_pending(self) -> bool:
        """True until the findings on screen belong to the text in the editor."""
        if self.drill is None:
            return False  # no such drill: nothing is checked
        return self._lint_timer is not None or self._shown_generation != self._generation

    def _start_check(self) -> None:
        self._lint_timer = None
        ignore = self._ignore_editor.text if self._ignore_editor is not None else None
        self._check(self.query_one(DockerfileEditor).text, ignore, self._generation)

    @work(thread=True, exclusive=True, group="lint")
    def _check(self, text: str, dockerignore: str | None, generation: int) -> None:
        worker = get_current_worker()
        if dockerignore is None:
            result = check_drill(self.drill, text)
        else:  # the learner's .dockerignore, not the drill's
            result = check_drill(self.drill, text, dockerignore=dockerignore)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._show_result, result, text, generation)
        shell = shellcheck_findings(result.dockerfile, drill_lint_config(self.drill))
        if shell and not worker.is_cancelled:
            self.app.call_from_thread(self._add_shell_findings, shell, generation)

    def _add_shell_findings(self, shell: list[Any], generation: int) -> None:
        """ShellCheck's findings join the lint findings of the same text (dropped if it changed)."""
        if generation != self._generation or not self.is_mounted or self.result is None:
            return
        findings = sorted([*self.result.findings, *shell], key=lambda f: (f.line, f.column))
        self.result.findings = findings
        self._show_findings(findings)
        self._show_status(self.result)

    def _show_result(self, result: Any, text: str, generation: int) -> None:
        if generation != self._generation or not self.is_mounted:
            return  # the learner typed since: a newer check is on its way
        self._shown_generation = generation
        self.result = result
        self.query_one(Checklist).show_results(result.requirements)
        self._show_findings(result.findings)
        self._show_status(result)
        if result.passed and not self.pass_recorded:
            self.pass_recorded = True
            self.study.record_drill_attempt(self.pack_id, self.drill_id, True, text, result.as_json())
            self.notify(
                "Every requirement is met: drill passed. The solution is below the hints.",
                title="Passed",
                timeout=6,
            )
            self._show_solution(text)

    def _show_status(self, result: DrillResult) -> None:
        status = self.query_one("#drill-status", Static)
        met = result.met_count
        total = len(result.requirements)
        findings = len(result.findings)
        noun = "finding" if findings == 1 else "findings"
        if result.passed:
            status.update(f"PASSED · {met} of {total} requirements met · {findings} lint {noun}")
        else:
            status.update(
                f"{met} of {total} requirements met · {findings} lint {noun} · F2 hint"  # fits at 80 columns
            )
        status.set_class(result.passed, "-passed")

    def _show_findings(self, findings: list[Any]) -> None:
        options = self.query_one("#drill-findings", OptionList)
        options.clear_options()
        if not findings:
            options.add_option(Option(Text("no lint findings", style="dim"), disabled=True))
        for index, finding in enumerate(findings):
            label = Text()
            label.append(f"{finding.line}:{finding.column} ", style="dim")
            label.append(f"{finding.code} ", style=LEVEL_STYLES.get(finding.level, ""))
            label.append(strip_controls(finding.message))
            options.add_option(Option(label, id=f"finding-{index}"))
        self.query_one(DockerfileEditor).mark(
            Mark(finding.line, finding.column, finding.end_line, finding.end_column, finding.level)
            for finding in findings
        )

    @on(OptionList.OptionSelected, "#drill-findings")
    def _go_to_finding(self, event: OptionList.OptionSelected) -> None:
        if self.result is None or event.option_id is None:
            return
        finding = self.result.findings[int(event.option_id.removeprefix("finding-"))]
        editor = self.query_one(DockerfileEditor)
        editor.selection = Selection(
            (finding.line - 1, finding.column - 1), (finding.end_line - 1, finding.end_column - 1)
        )
        editor.focus()

    def action_check_now(self) -> None:
        if self.drill is None:
            return
        if self._lint_timer is not None:
            self._lint_timer.stop()
        self._start_check()

    # --- drafts --------------------------------------------------------------------------

    def save_draft(self) -> None:
        self._draft_timer = None
        if self._editor is None:
            return
        text = self._editor.text  # the editor, not a query: this also runs while the screen unmounts
        untouched = self._saved_text is None and text == self._file(self.drill.starter)
        if text != self._saved_text and not untouched:
            self.study.save_draft(self.pack_id, self.drill_id, text)
            self._saved_text = text
        if self._ignore_editor is not None:
            ignore = self._ignore_editor.text
            untouched = self._saved_ignore is None and ignore == starter_dockerignore(self.drill)
            if ignore != self._saved_ignore and not untouched:
                self.study.save_draft(self.pack_id, dockerignore_draft_id(self.drill_id), ignore)
                self._saved_ignore = ignore

    def on_unmount(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self.save_draft()

    # --- hints, solution, reset ----------------------------------------------------------

    def action_hint(self) -> None:
        if self.drill is None:
            return
        queue = hint_order(self.drill, self.result)
        if self.hints_shown >= len(queue):
            self.notify("No more hints: ctrl+g shows the solution.", timeout=3)
            return
        self.hints_shown += 1
        text = Text()
        text.append("Hints\n", style="bold")
        for number, hint in enumerate(queue[: self.hints_shown], start=1):
            text.append(f"{number}. {strip_controls(hint)}\n")
        hints = self.query_one("#drill-hints", Static)
        hints.update(text)
        hints.display = True
        hints.scroll_visible()

    def action_give_up(self) -> None:
        if self.drill is None or self.solution_shown:
            return
        text = self.query_one(DockerfileEditor).text
        if not self.pass_recorded:
            self.study.record_drill_attempt(
                self.pack_id,
                self.drill_id,
                False,
                text,
                self.result.as_json() if self.result else None,
            )
        self._show_solution(text)

    def _show_solution(self, text: str) -> None:
        self.solution_shown = True
        solution = self._file(self.drill.solution)
        view = Text()
        view.append("Solution: what changes from your file\n", style="bold")
        diff = line_diff(text, solution)
        if not diff:
            view.append("Your file is the reference solution, line for line.\n", style="green")
        for line in diff[2:]:
            style = (
                "green"
                if line.startswith("+")
                else "red"
                if line.startswith("-")
                else "cyan"
                if line.startswith("@@")
                else "dim"
            )
            view.append(strip_controls(line) + "\n", style=style)
        if self._ignore_editor is not None:
            view.append("\nThe solution's .dockerignore\n", style="bold")
            view.append(strip_controls(solution_dockerignore(self.drill)).rstrip("\n") + "\n", style="green")
        widget = self.query_one("#drill-solution", Static)
        widget.update(view)
        widget.display = True
        widget.scroll_visible()

    def action_reset(self) -> None:
        """The first ctrl+r asks; a second one, before any edit, puts the starter back."""
        if self.drill is None:
            return
        if not self._reset_asked:
            self._reset_asked = True
            self.notify(
                "Put the starter file back? Your text is replaced. Press ctrl+r again to do it "
                "(ctrl+z undoes it); any edit cancels.",
                title="Start again?",
                timeout=6,
            )
            return
        self._reset_asked = False
        editor = self.query_one(DockerfileEditor)
        editor.replace(self._file(self.drill.starter), (0, 0), editor.document.end)
        if self._ignore_editor is not None:
            ignore = self._ignore_editor
            ignore.replace(starter_dockerignore(self.drill), (0, 0), ignore.document.end)

    def action_open_section(self) -> None:
        if self.drill is None or not self.drill.section:
            self.notify("This drill does not name a section.", severity="warning")
            return
        self.save_draft()
        self.prepdeck_app.open_section(self.pack_id, self.drill.section)

    def action_leave(self) -> None:
        if self.drill is not None:
            self.save_draft()
        self.app.pop_screen()
