"""Home: every pack with its progress, what is due today, the next suggested step, and the keys."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Label, ListItem, ListView, OptionList, Static
from textual.widgets.option_list import Option

from prepdeck.tui.home_summary import save_summary
from prepdeck.tui.overview import Overview, PackProgress, build_overview
from prepdeck.tui.reach import ReachesApp
from prepdeck.tui.text import safe_markdown, safe_markup, safe_text


class PackRow(ListItem):
    """One pack: its title over its progress bar (one label), and what is due today."""

    def __init__(self, progress: PackProgress) -> None:
        super().__init__(id=f"pack-{progress.pack_id}")
        self.progress = progress

    def compose(self) -> ComposeResult:
        yield Label("", classes="pack-title")
        yield Label("", classes="pack-due")
        yield Label("", classes="pack-counts")

    def on_mount(self) -> None:
        self.show(self.progress)

    def show(self, progress: PackProgress) -> None:
        self.progress = progress
        titles = self.query(".pack-title")
        if not titles:
            return  # not composed yet: on_mount shows the latest progress
        titles.first(Label).update(
            f"[b]{safe_markup(progress.title)}[/b]\n{_progress_bar(progress.done, progress.total)}"
        )
        self.query_one(".pack-due", Label).update(_due_line(progress))
        self.query_one(".pack-counts", Label).update(
            f"[dim]{progress.sections_read}/{progress.sections} sections read · "
            f"{progress.sides_seen}/{progress.sides} items seen · "
            f"{progress.drills_passed}/{progress.drills} drills passed[/dim]"
        )


BAR_WIDTH = 24


def _progress_bar(done: int, total: int) -> str:
    """A bar and a percentage, as one line of markup: Textual's ProgressBar is three widgets, and
    styling and drawing widgets is most of Home's first frame."""
    share = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
    filled = round(share * BAR_WIDTH)
    return f"[$accent]{'━' * filled}[/][dim]{'━' * (BAR_WIDTH - filled)}[/] [b]{share:>4.0%}[/b]"


class HomeHeader(Widget):
    """Textual's Header drawn by one widget instead of four: the command palette's icon (click
    it), and the title in the middle. Home is the first frame, where each widget costs."""

    DEFAULT_CSS = """
    HomeHeader {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """
    ICON = "⭘"
    ICON_WIDTH = 8  # as Header's: the icon, padded
    RIGHT_SPACE = 10  # where Header keeps its clock

    def render(self) -> Content:
        screen = self.screen
        title = self.app.format_title(screen.title or self.app.title, screen.sub_title or self.app.sub_title)
        middle = max(self.size.width - self.ICON_WIDTH - self.RIGHT_SPACE, 0)
        if title.cell_length > middle:
            title = title.truncate(max(middle - 1, 0)) + "…" if middle else Content("")
        left = (middle - title.cell_length) // 2
        right = middle - title.cell_length - left + self.RIGHT_SPACE
        # The title in its own colour, as a separate span: a screenshot lays out each span alone.
        title = title.stylize_before("$foreground")
        return Content.assemble(f" {self.ICON}".ljust(self.ICON_WIDTH + left), title, " " * right)

    async def on_click(self, event: Click) -> None:
        if event.x < self.ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")


def _due_line(progress: PackProgress) -> str:
    due = progress.cards_due
    questions = progress.questions_due.total
    return f"today: {due.learning + due.review} due · {due.new} new · {questions} question{'s' if questions != 1 else ''}"


KEYS = [
    ("enter", "next step"),
    ("r", "review"),
    ("i", "interview"),
    ("d", "drill"),
    ("t", "theory"),
    ("m", "mock"),
    ("q", "quick quiz"),
    ("s", "stats"),
    ("f1", "help"),
    ("^p", "commands"),
]


class HomeScreen(Screen[None], ReachesApp):
    """The first screen: what there is, what is due, and one suggested next step."""

    TITLE = "prepdeck"
    SUB_TITLE = "Home"

    BINDINGS = [
        Binding("enter", "next_step", "Next step", id="home.next", tooltip="Do the suggested next step"),
        Binding("r", "review", "Review", id="home.review", tooltip="Review today's flashcards"),
        Binding("i", "interview", "Interview", id="home.interview", tooltip="Answer an interview question"),
        Binding("d", "drill", "Drill", id="home.drill", tooltip="Fix a Dockerfile until it passes"),
        Binding("t", "theory", "Theory", id="home.theory", tooltip="Read the selected pack's sections"),
        Binding("m", "mock", "Mock", id="home.mock", tooltip="A timed mock interview"),
        Binding("q", "quiz", "Quiz", id="home.quiz", tooltip="A quick quiz on your weakest cards"),
        Binding("s", "stats", "Stats", id="home.stats", tooltip="Reviews, retention, forecast, mastery"),
        Binding(
            "w",
            "toggle_welcome",
            "Welcome",
            id="home.welcome",
            tooltip="Show or hide the packs' welcome text",
            show=False,
        ),
    ]

    def __init__(self, preview: Overview | None = None) -> None:
        """`preview`: what Home showed last time (`home_summary`), drawn until the packs load."""
        super().__init__()
        self.overview: Overview | None = None
        self._preview = preview
        self._loaded = False
        self._sections_shown: list[tuple[str, bool, str, float | None]] | None = None

    def compose(self) -> ComposeResult:
        yield HomeHeader()
        with Horizontal(id="home-body"):
            with Vertical(id="home-packs"):
                yield Label("Packs", classes="panel-title")
                # Rows of the last start's summary, so the first frame shows them (see on_mount).
                preview_rows = (
                    [PackRow(progress) for progress in self._preview.packs] if self._preview else []
                )
                yield ListView(*preview_rows, id="pack-list")
                yield Label("Sections", id="sections-title", classes="panel-title")
                yield OptionList(id="home-sections")
            with VerticalScroll(id="home-side"):
                # These three draw their own titles: a title label each was three more widgets to
                # style and draw in the first frame.
                yield Static(_panel_title("Today"), id="today")
                yield Static(_panel_title("Next step"), id="next-step")
                yield Static(_panel_title("Keys") + _keys_table(), id="home-keys")
        # The welcome panel is mounted only when there is a welcome text to show (`_mount_welcome`):
        # the Markdown widget is the costliest import of this screen, and most starts do not need it.
        yield Footer()

    def on_mount(self) -> None:
        if self.prepdeck_app.context.ready:
            self.show_loaded()
        else:
            if self._preview is not None:
                self._show(self._preview)
            else:
                self.query_one("#today", Static).update(f"{_panel_title('Today')}Loading the packs…")
            # The packs load once this first frame is drawn (a worker thread would slow it down).
            self.call_after_refresh(self.prepdeck_app.load_context)
        self.query_one("#pack-list", ListView).focus()

    def show_loaded(self, overview: Overview | None = None) -> None:
        """The packs and the study service are loaded: the welcome text, broken packs, fresh data.
        `overview` is the one the app's worker computed with them (None: compute it here)."""
        if self._loaded:
            if overview is not None:
                self.refresh_data(overview)
            return
        self._loaded = True
        context = self.prepdeck_app.context
        self._show_welcome()
        broken = context.catalog.broken
        for folder, problems in broken:
            first = problems[0].message if problems else "unknown problem"
            self.notify(
                f"The pack in {folder} could not be loaded: {first} "
                f"({len(problems)} problem{'s' if len(problems) != 1 else ''}; run `prepdeck pack check {folder}`). "
                "The other packs work as usual.",
                title="Pack not loaded",
                severity="warning",
                timeout=12,
                markup=False,
            )
        if broken:  # mounted only then: one widget less in the first frame
            lines = "\n".join(f"⚠ not loaded: {folder}" for folder, _ in broken)
            self.query_one("#home-packs").mount(
                Static(lines, id="broken-packs", markup=False), before="#sections-title"
            )
        self.refresh_data(overview)

    def _wait_until_loaded(self) -> None:
        """A key pressed while the packs load: wait for them, then act on fresh data."""
        if not self._loaded:
            self.show_loaded()

    def on_screen_resume(self) -> None:
        if self._loaded:
            self.refresh_data()

    def refresh_data(self, overview: Overview | None = None) -> None:
        """Recompute the overview (after a review session, a drill, a section read...), show it,
        and keep it as the next start's first frame."""
        overview = overview or build_overview(self.prepdeck_app.context)
        self._show(overview)
        save_summary(overview, [str(path) for path in self.prepdeck_app.context.extra_packs], self.app.theme)

    def _show(self, overview: Overview) -> None:
        self.overview = overview
        pack_list = self.query_one("#pack-list", ListView)
        rows = list(pack_list.query(PackRow))
        if [row.progress.pack_id for row in rows] == [progress.pack_id for progress in overview.packs]:
            for row, progress in zip(rows, overview.packs, strict=False):
                row.show(progress)
        else:
            pack_list.clear()
            pack_list.extend(PackRow(progress) for progress in overview.packs)
            pack_list.index = 0 if overview.packs else None
        self.query_one("#today", Static).update(_panel_title("Today") + _today_text(overview))
        self._show_sections()
        suggestion = overview.suggestion
        key = "  [b reverse] enter [/]" if suggestion.action else ""
        self.query_one("#next-step", Static).update(
            f"{_panel_title('Next step')}{safe_markup(suggestion.text)}{key}"
        )

    def _show_sections(self) -> None:
        """The selected pack's sections: read or not, and how well their cards are known."""
        if self.overview is None:
            return
        pack_id = self.selected_pack_id()
        sections = self.overview.sections_of(pack_id) if pack_id else []
        shown = [
            (f"{section.pack_id}/{section.section_id}", section.read, section.title, section.mastery)
            for section in sections
        ]
        # The list is rebuilt only when it changed: each option is measured and wrapped again, which
        # is a good part of Home's first frame (the pack list's highlight asks for the same list).
        if shown != self._sections_shown:
            self._sections_shown = shown
            option_list = self.query_one("#home-sections", OptionList)
            highlighted = option_list.highlighted
            option_list.set_options(
                Option(_section_label(read, title, mastery), id=option_id)
                for option_id, read, title, mastery in shown
            )
            if highlighted is not None and option_list.option_count:
                option_list.highlighted = min(highlighted, option_list.option_count - 1)
        read = sum(section.read for section in sections)
        self.query_one("#sections-title", Label).update(
            f"Sections · {read} of {len(sections)} read · mastery"
        )

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        self._show_sections()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._wait_until_loaded()
        pack_id, _, section_id = (event.option.id or "").partition("/")
        self.prepdeck_app.open_section(pack_id, section_id)

    # --- the welcome text ----------------------------------------------------------------

    def _show_welcome(self) -> None:
        context = self.prepdeck_app.context
        pending = context.welcome_pending()
        if not pending:
            return
        self._mount_welcome(pending)
        context.mark_welcome_seen()

    def _mount_welcome(self, packs: list) -> None:
        from textual.widgets import Markdown

        text = "\n\n".join(
            f"## {pack.meta.title}\n\n{pack.meta.welcome}" for pack in packs if pack.meta.welcome
        )
        text = (text or "No pack has a welcome text.") + "\n\n*Press w to hide this.*"
        panel = VerticalScroll(Markdown(safe_markdown(text), id="welcome-text"), id="welcome")
        self.mount(panel, after="#home-body")

    def action_toggle_welcome(self) -> None:
        self._wait_until_loaded()
        panels = self.query("#welcome")
        if not panels:
            self._mount_welcome(self.prepdeck_app.context.catalog.packs)
            return
        panel = panels.first()
        panel.display = not panel.display

    # --- actions -------------------------------------------------------------------------

    def selected_pack_id(self) -> str | None:
        pack_list = self.query_one("#pack-list", ListView)
        item = pack_list.highlighted_child
        if isinstance(item, PackRow):
            return item.progress.pack_id
        packs = self.prepdeck_app.context.catalog.packs
        return packs[0].id if packs else None

    def action_next_step(self) -> None:
        self._wait_until_loaded()
        if self.overview is None or not self.overview.suggestion.action:
            return
        suggestion = self.overview.suggestion
        getattr(self.app, suggestion.action)(**suggestion.arguments)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        self.action_next_step()

    def action_review(self) -> None:
        self._wait_until_loaded()
        self.prepdeck_app.open_review()

    def action_interview(self) -> None:
        self._wait_until_loaded()
        self.prepdeck_app.open_interview(pack_id=self.selected_pack_id())

    def action_drill(self) -> None:
        self._wait_until_loaded()
        from prepdeck.study.next_step import DRILL_KEY, next_drill, next_steps

        pack_id = self.selected_pack_id()
        pack = self.prepdeck_app.context.pack(pack_id) if pack_id else None
        chosen = next_drill(self.prepdeck_app.context.study, pack_id) if pack is not None else None
        if pack is not None and chosen is not None:
            self.prepdeck_app.open_drill(pack.id, chosen[1].id)
            return
        # No drill left to pass in this pack: say so, and what else there is (Home's keys do it).
        done = (
            f"Every drill of {pack.meta.title} is passed."
            if pack and pack.drills
            else "This pack has no drills."
        )
        study = self.prepdeck_app.context.study
        others = [f"{step.text} ({step.key})" for step in next_steps(study, pack_id) if step.key != DRILL_KEY]
        elsewhere = next_drill(study)
        if elsewhere is not None:
            others.insert(
                0, f"the drill '{elsewhere[1].title}' in {elsewhere[0].meta.title} (select it, then d)"
            )
        self.notify(
            f"{done} Next: {'; '.join(others[:3])}." if others else done,
            title="No drill to do",
            severity="information",
            timeout=8,
            markup=False,
        )

    def action_theory(self) -> None:
        self._wait_until_loaded()
        self.prepdeck_app.open_theory(self.selected_pack_id())

    def action_mock(self) -> None:
        self._wait_until_loaded()
        self.prepdeck_app.open_mock()

    def action_quiz(self) -> None:
        self._wait_until_loaded()
        self.prepdeck_app.open_quiz(weakest=True)

    def action_stats(self) -> None:
        self._wait_until_loaded()
        self.prepdeck_app.open_stats()


def _section_label(read: bool, title: str, mastery: float | None) -> Text:
    label = safe_text(f"{'✓' if read else '·'} {title}")
    if mastery is not None:
        label.append(f"  {mastery:.0%}", style="dim")
    return label


def _today_text(overview: Overview) -> str:
    cards, questions = overview.cards_due, overview.questions_due
    streak = f"{overview.streak_days} day{'s' if overview.streak_days != 1 else ''}"
    return (
        f"Cards due   [b]{cards.learning}[/b] learning, [b]{cards.review}[/b] review\n"
        f"New cards   [b]{cards.new}[/b]\n"
        f"Questions   [b]{questions.learning + questions.review}[/b] due, [b]{questions.new}[/b] new\n"
        f"Streak      [b]{streak}[/b]\n"
        f"Retention   {_retention_text(overview)}"
    )


def _retention_text(overview: Overview) -> str:
    """Retention counts reviews of cards past their learning steps: until there is one, say why
    there is no figure (in the panel's width) rather than show a dash."""
    if overview.retention is not None:
        return f"[b]{overview.retention:.0%}[/b] of {overview.total_reviews} reviews"
    if overview.total_reviews == 0:
        return "no reviews yet"
    return "not yet: all learning"


def _panel_title(title: str) -> str:
    """A panel's title as the first line of its text, looking like the `.panel-title` labels."""
    return f"\n[b $accent]{title}[/]\n"


def _keys_table() -> str:
    """The keys in two columns, so they fit beside the packs at 80x24."""
    cells = [f"[b]{key:>5}[/b] {description:<11}" for key, description in KEYS]
    return "\n".join("".join(cells[i : i + 2]).rstrip() for i in range(0, len(cells), 2))
