"""Theory: a pack's sections as Markdown, a table of contents, fuzzy search, and what each section teaches.

Left: a search box over every section of every pack, and the pack's table of contents (read
sections are ticked). Right: the section, and below it the cards, questions and drills that come
from it, each one key away.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Markdown, OptionList
from textual.widgets.option_list import Option

from prepdeck.content.loader import PackFileError
from prepdeck.study.reading import section_beside
from prepdeck.tui.reach import ReachesApp
from prepdeck.tui.search import SectionHit, SectionSearch
from prepdeck.tui.text import plural, safe_markdown, safe_text, strip_controls
from prepdeck.tui.widgets.steady_footer import SteadyFooter


def section_markdown(pack, section) -> str:
    """The section as one Markdown document: title, prerequisites, body, references.

    A body that opens with its own top heading keeps it, and the section title is not repeated.
    """
    try:
        body = pack.section_body(section)
    except PackFileError as error:
        body = f"> This section's text could not be read: {error.problem.message}"
    parts = [] if body.lstrip().startswith("# ") else [f"# {section.title}"]
    if section.prerequisites:
        titles = [getattr(pack.section(item), "title", item) for item in section.prerequisites]
        parts.append("*Read first:* " + ", ".join(titles))
    parts.append(body)
    if section.references:
        parts.append(
            "## References\n\n" + "\n".join(f"- [{ref.title}]({ref.url})" for ref in section.references)
        )
    return safe_markdown("\n\n".join(parts))


class ReadingPane(VerticalScroll):
    """The section's text. Left and right scroll the code blocks that are wider than the pane
    sideways (diagrams keep their shape instead of losing their ends); prose always wraps."""

    BINDINGS = [
        Binding("left", "scroll_code(-8)", "Code", show=False, id="theory.code_left"),
        Binding(
            "right",
            "scroll_code(8)",
            "Code",
            key_display="←→",
            id="theory.code_right",
            tooltip="Scroll wide code blocks sideways",
        ),
    ]

    def _wide_fences(self) -> list:
        return [fence for fence in self.query("MarkdownFence") if fence.max_scroll_x]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The footer offers the key only while a code block is wider than the pane.
        return bool(self._wide_fences()) if action == "scroll_code" else True

    def on_resize(self) -> None:
        self.screen.refresh_bindings()

    def action_scroll_code(self, columns: int) -> None:
        for fence in self._wide_fences():
            fence.scroll_relative(x=columns, animate=False)


# The reading pane keeps at least 60 columns of text: from MEDIUM_THEORY the contents list is
# narrower, below it the list folds away and `t` (or `/`) brings it back over the whole width until
# a section is chosen.
MEDIUM_THEORY, WIDE_THEORY = 96, 120


class TheoryScreen(Screen[None], ReachesApp):
    """Read a pack's theory. `show_section` moves to another section without a new screen."""

    SUB_TITLE = "Theory"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (MEDIUM_THEORY, "-medium"), (WIDE_THEORY, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # short: the practice list gives way to the text

    BINDINGS = [
        Binding("escape", "back", "Back", id="theory.back", tooltip="Back to where you came from"),
        Binding("slash", "search", "Search", id="theory.search", tooltip="Fuzzy search across every section"),
        Binding(
            "t", "contents", "Contents", id="theory.contents", tooltip="The pack's sections, to pick another"
        ),
        Binding(
            "x", "toggle_read", "Mark read", id="theory.read", tooltip="Mark this section as read (or unread)"
        ),
        Binding(
            "r",
            "review_due",
            "Review",
            id="theory.review_due",
            tooltip="Review this section's due and new cards on your schedule (shown when it has some)",
        ),
        Binding("c", "review_section", "Cards", id="theory.cards", tooltip="Review this section's cards"),
        Binding(
            "i",
            "question",
            "Question",
            id="theory.question",
            tooltip="Answer this section's first interview question",
        ),
        Binding("d", "drill", "Drill", id="theory.drill", tooltip="Start this section's first drill"),
        Binding("n", "next_section", "Next", id="theory.next", tooltip="The next section"),
        Binding("p", "previous_section", "Prev", id="theory.previous", tooltip="The previous section"),
    ]

    # At 80 columns not every key fits the footer: these give way first (the section's practice
    # list offers its cards, question and drill; help lists every key).
    FOOTER_LEAST_NEEDED = ("previous_section", "drill", "question", "review_section", "scroll_code")

    studied_title = ""  # the section shown; the browser tab's title names it (app.browser_title)

    def __init__(self, pack_id: str, section_id: str | None = None) -> None:
        super().__init__()
        self.pack_id = pack_id
        self.section_id = section_id
        self._search: SectionSearch | None = None
        self._hits: list[SectionHit] = []
        self._to_review = 0  # the section's cards due or new now (study/section_review.py)
        self._section_has: dict[str, bool] = {}  # action -> the section has what it opens

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="theory-body"):
            with Vertical(id="theory-side"):
                yield Input(placeholder="/ search sections", id="theory-search")
                yield Label("", id="toc-title", classes="panel-title")
                yield OptionList(id="toc")
            with Vertical(id="theory-main"):
                with ReadingPane(id="section-scroll"):
                    yield Markdown("", id="section-text")
                yield Label("", id="related-title", classes="panel-title")
                yield OptionList(id="related")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.show_section(self.pack_id, self.section_id)
        if self._narrow:
            self.query_one("#section-scroll", VerticalScroll).focus()
        else:
            self.query_one("#toc", OptionList).focus()

    @property
    def _narrow(self) -> bool:
        return self.app.size.width < MEDIUM_THEORY

    def _fold_contents(self, shown: bool) -> None:
        """At narrow widths, show the contents (over the whole width) or the section."""
        self.set_class(shown, "-contents")

    @property
    def pack(self):
        return self.prepdeck_app.context.pack(self.pack_id)

    # --- showing a section ---------------------------------------------------------------

    def show_section(self, pack_id: str, section_id: str | None, heading: str = "") -> None:
        """Show a section at its top, or at `heading` (a search hit's) when the section has it."""
        pack = self.prepdeck_app.context.pack(pack_id)
        if pack is None:
            self.notify(
                f"There is no pack '{strip_controls(pack_id)}' loaded.", severity="warning", markup=False
            )
            return
        if pack_id != self.pack_id or not self.query_one("#toc", OptionList).option_count:
            self.pack_id = pack_id
            self._fill_toc()
        if section_id is None or pack.section(section_id) is None:
            if section_id is not None:
                self.notify(
                    f"'{strip_controls(section_id)}' is not a section of this pack.",
                    severity="warning",
                    markup=False,
                )
            section_id = pack.sections[0].id if pack.sections else None
        self.section_id = section_id
        self.sub_title = f"Theory · {strip_controls(pack.meta.title)}"
        markdown = self.query_one("#section-text", Markdown)
        if section_id is None:
            markdown.update("*This pack has no sections.*")
            self._fill_related(pack, None)
            return
        section = pack.section(section_id)
        self.studied_title = section.title  # the browser tab names the section being read
        self.query_one("#section-scroll", VerticalScroll).scroll_home(animate=False)
        self.call_later(self._after_update, markdown.update(section_markdown(pack, section)), heading)
        self._fill_related(pack, section)
        toc = self.query_one("#toc", OptionList)
        if not self.query_one("#theory-search", Input).value:
            index = next(i for i, item in enumerate(pack.sections) if item.id == section_id)
            toc.highlighted = index

    async def _after_update(self, update, heading: str) -> None:
        """Once the new text is laid out: land on the heading asked for, and let the footer know
        whether its code needs sideways keys."""
        await update
        if heading:
            self.call_after_refresh(self._scroll_to_heading, heading)
        self.call_after_refresh(self.refresh_bindings)

    def _scroll_to_heading(self, heading: str, settle: int = 2) -> None:
        markdown = self.query_one("#section-text", Markdown)
        wanted = " ".join(heading.split())
        for _level, label, block_id in markdown.table_of_contents or []:
            if block_id and " ".join(label.split()) == wanted:
                block = markdown.query_one(f"#{block_id}")
                pane = self.query_one("#section-scroll", VerticalScroll)
                pane.scroll_to_widget(block, top=True, animate=False)
                if settle:
                    # Blocks above may still grow in the next layouts (wrapped tables and code in
                    # a long section): the heading landed 2 lines low in the Docker pack. Land
                    # again once they are laid out.
                    self.call_after_refresh(self._scroll_to_heading, heading, settle - 1)
                return

    def _fill_toc(self) -> None:
        pack = self.pack
        read = self.prepdeck_app.context.study.sections_read(pack.id)
        self.query_one("#toc-title", Label).update(safe_text(pack.meta.title))
        toc = self.query_one("#toc", OptionList)
        highlighted = toc.highlighted
        toc.clear_options()
        for number, section in enumerate(pack.sections, start=1):
            mark = "✓" if section.id in read else " "
            toc.add_option(Option(safe_text(f"{mark} {number:>2}. {section.title}"), id=f"toc:{section.id}"))
        if highlighted is not None and toc.option_count:
            toc.highlighted = min(highlighted, toc.option_count - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The footer shows what works: "Review" while the section has cards due or new, Cards,
        # Question and Drill when it has some.
        if action == "review_due":
            return self._to_review > 0
        return self._section_has.get(action, True)

    def on_screen_resume(self) -> None:
        if self.section_id is not None:
            self._count_to_review()

    def _count_to_review(self) -> int:
        from prepdeck.study.section_review import section_sides

        pack = self.pack
        self._section_has = {
            "review_section": any(card.section == self.section_id for card in getattr(pack, "cards", [])),
            "question": any(q.section == self.section_id for q in getattr(pack, "questions", [])),
            "drill": any(d.section == self.section_id for d in getattr(pack, "drills", [])),
        }
        if self.section_id is None:
            self._to_review = 0
        else:
            self._to_review = len(
                section_sides(self.prepdeck_app.context.study, self.pack_id, self.section_id)
            )
        self.refresh_bindings()
        return self._to_review

    def _fill_related(self, pack, section) -> None:
        self._count_to_review()
        related = self.query_one("#related", OptionList)
        related.clear_options()
        if section is None:
            self.query_one("#related-title", Label).update("")
            return
        from prepdeck.study.section_review import practice_count

        # Counted as its practice counts them: a reversed card has two sides, a cloze one per gap;
        # suspended sides and those buried for today are not shown, so not counted.
        cards = practice_count(self.prepdeck_app.context.study, pack.id, section.id)
        questions = [question for question in pack.questions if question.section == section.id]
        drills = [drill for drill in pack.drills if drill.section == section.id]
        read = section.id in self.prepdeck_app.context.study.sections_read(pack.id)
        self.query_one("#related-title", Label).update(
            f"Practise: {plural(cards, 'card')} · {plural(len(questions), 'question')} · "
            f"{plural(len(drills), 'drill')}" + ("   ✓ read" if read else "   · not read yet")
        )
        if cards:
            related.add_option(Option(f"Review this section's {plural(cards, 'card')}", id="cards"))
        for question in questions:
            related.add_option(
                Option(safe_text(f"Question: {question.prompt}"), id=f"question:{question.id}")
            )
        for drill in drills:
            related.add_option(Option(safe_text(f"Drill: {drill.title}"), id=f"drill:{drill.id}"))
        if not related.option_count:
            related.add_option(Option("Nothing to practise from this section yet.", id="none", disabled=True))

    # --- choosing ------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#toc")
    def _toc_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _, value = (event.option.id or "").partition(":")
        if kind == "toc":
            self.show_section(self.pack_id, value)
        elif kind == "hit":
            hit = self._hits[int(value)]
            self.query_one("#theory-search", Input).value = ""
            self.show_section(hit.pack_id, hit.section_id, heading=hit.heading)
        self._fold_contents(False)
        self.query_one("#section-scroll", VerticalScroll).focus()

    @on(OptionList.OptionSelected, "#related")
    def _related_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _, value = (event.option.id or "").partition(":")
        if kind == "cards":
            self.action_review_section()
        elif kind == "question":
            self.prepdeck_app.open_interview(pack_id=self.pack_id, question_id=value)
        elif kind == "drill":
            self.prepdeck_app.open_drill(self.pack_id, value)

    # --- search --------------------------------------------------------------------------

    def action_search(self) -> None:
        self._fold_contents(True)
        self.query_one("#theory-search", Input).focus()

    def action_contents(self) -> None:
        """Open the contents list (folded away at narrow widths) on the section shown; again: close it."""
        if self._narrow and self.has_class("-contents") and not self.query_one("#theory-search", Input).value:
            self._fold_contents(False)
            self.query_one("#section-scroll", VerticalScroll).focus()
            return
        self._fold_contents(True)
        self.query_one("#toc", OptionList).focus()

    @on(Input.Changed, "#theory-search")
    def _search_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if not query:
            self._fill_toc()
            self.show_section(self.pack_id, self.section_id)
            return
        if self._search is None:
            self._search = SectionSearch(self.prepdeck_app.context.catalog.packs)
        hits = self._hits = self._search.find(query)
        toc = self.query_one("#toc", OptionList)
        toc.clear_options()
        self.query_one("#toc-title", Label).update(
            f"{len(hits)} section{'s' if len(hits) != 1 else ''} match"
        )
        for index, hit in enumerate(hits):
            label = safe_text(hit.title)
            if hit.snippet:
                label.append("\n  " + strip_controls(hit.snippet), style="dim")
            toc.add_option(Option(label, id=f"hit:{index}"))
        if hits:
            toc.highlighted = 0

    @on(Input.Submitted, "#theory-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        toc = self.query_one("#toc", OptionList)
        if toc.option_count:
            toc.focus()
            toc.action_select()

    # --- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        search = self.query_one("#theory-search", Input)
        if search.value or search.has_focus:
            search.value = ""
            self.query_one("#toc", OptionList).focus()
            return
        if self._narrow and self.has_class("-contents"):
            self._fold_contents(False)
            self.query_one("#section-scroll", VerticalScroll).focus()
            return
        self.dismiss()

    def action_toggle_read(self) -> None:
        if self.section_id is None:
            return
        study = self.prepdeck_app.context.study
        read = self.section_id in study.sections_read(self.pack_id)
        study.mark_section_read(self.pack_id, self.section_id, not read)
        if read:
            self.notify("Marked as not read.", timeout=2)
        else:
            from prepdeck.study.section_review import practice_count

            count = self._count_to_review()
            total = practice_count(study, self.pack_id, self.section_id)
            offer = (
                f" Press r to review {'its' if count == total else f'{count} of its {total}'} "
                f"{plural(count if count == total else total, 'card')} now, on your schedule."
                if count
                else ""
            )
            self.notify(f"Marked as read: its new cards now come first in your reviews.{offer}", timeout=6)
        if not self.query_one("#theory-search", Input).value:
            self._fill_toc()
        self._fill_related(self.pack, self.pack.section(self.section_id))

    def action_review_due(self) -> None:
        if self.section_id is not None and self._to_review:
            self.prepdeck_app.open_review(pack_id=self.pack_id, section=self.section_id, scheduled=True)

    def action_review_section(self) -> None:
        if self.section_id is not None:
            self.prepdeck_app.open_review(pack_id=self.pack_id, section=self.section_id)

    def action_question(self) -> None:
        question = next((q for q in self.pack.questions if q.section == self.section_id), None)
        if question is None:
            self.notify("This section has no interview questions.", severity="warning")
            return
        self.prepdeck_app.open_interview(pack_id=self.pack_id, question_id=question.id)

    def action_drill(self) -> None:
        drill = next((d for d in self.pack.drills if d.section == self.section_id), None)
        if drill is None:
            self.notify("This section has no drills.", severity="warning")
            return
        self.prepdeck_app.open_drill(self.pack_id, drill.id)

    def _step(self, offset: int) -> None:
        beside = section_beside([section.id for section in self.pack.sections], self.section_id, offset)
        if beside is not None:
            self.show_section(self.pack_id, beside)

    def action_next_section(self) -> None:
        self._step(1)

    def action_previous_section(self) -> None:
        self._step(-1)
