"""Stats: a calendar heatmap of reviews, the 30-day due forecast, retention, mastery per section, leeches."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from prepdeck.study.next_step import when_text
from prepdeck.study.practice_stats import answers_line
from prepdeck.study.quiz import item_prompt
from prepdeck.tui.charts import forecast_bars, leech_table, mastery_table, retention_table, review_heatmap
from prepdeck.tui.reach import ReachesApp
from prepdeck.tui.text import one_line, plural, strip_controls

LEECH_LABEL_LIMIT = (
    120  # the table cuts to its width too; this keeps a long front from wrapping into many lines
)


def _panel(name: str, title: str) -> Vertical:
    """A titled panel; the chart goes in the Static `#<name>`, the panel is `#<name>-panel`."""
    return Vertical(
        Label(title, classes="panel-title"), Static("", id=name), classes="stats-panel", id=f"{name}-panel"
    )


class StatsScreen(Screen[None], ReachesApp):
    SUB_TITLE = "Statistics"

    BINDINGS = [
        Binding("escape", "back", "Back", id="stats.back", tooltip="Back to where you came from"),
        Binding("r", "refresh_stats", "Refresh", id="stats.refresh", tooltip="Recompute the figures"),
        Binding(
            "s",
            "suspended",
            "Suspended",
            id="stats.suspended",
            tooltip="List the suspended cards (leeches too), to unsuspend them",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield Static("", id="stats-summary")
            with Horizontal(classes="stats-row"):
                yield _panel("heatmap", "Reviews per day")
                yield _panel("retention", "Retention")
            yield _panel("forecast", "Due in the next 30 days")
            yield _panel("mastery", "Mastery per section (chance of recall now)")
            yield _panel("practice", "Interview answers and drills")
            yield _panel("leeches", "Leeches")
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh_stats()

    def action_refresh_stats(self) -> None:
        context = self.prepdeck_app.context
        stats = context.study.stats()
        minutes = stats.time_spent_ms // 60_000
        counts = stats.counts
        self.query_one("#stats-summary", Static).update(
            f"[b]{stats.total_reviews}[/b] reviews · [b]{stats.reviews_today}[/b] today · [b]{minutes}[/b] min · "
            f"streak [b]{stats.streak_days}[/b] day{'s' if stats.streak_days != 1 else ''} · "
            f"{counts.get('new', 0)} new · {counts.get('learning', 0) + counts.get('relearning', 0)} learning · "
            f"{counts.get('review', 0)} in review · {counts.get('suspended', 0)} suspended"
        )
        self.query_one("#heatmap", Static).update(review_heatmap(stats.reviews_per_day, stats.today))
        first = stats.first_review_due
        self.query_one("#retention", Static).update(
            retention_table(
                stats.young,
                stats.mature,
                stats.learning,
                when_text(first, context.clock(), context.study.zone) if first else None,
            )
        )
        self.query_one("#forecast", Static).update(forecast_bars(stats.forecast))
        self.query_one("#leeches", Static).update(leech_table(self._leech_rows(stats.leeches)))
        self.query_one("#practice", Static).update(self._practice_text(stats.practice))
        self.query_one("#mastery", Static).update(mastery_table(self._mastery_rows(stats.mastery_by_section)))

    def _mastery_rows(self, mastery: dict[tuple[str, str], float]) -> list[tuple[str, float]]:
        rows = []
        packs = self.prepdeck_app.context.catalog.packs
        for pack in packs:
            for section in pack.sections:
                if (pack.id, section.id) in mastery:
                    title = section.title if len(packs) == 1 else f"{pack.meta.title}: {section.title}"
                    rows.append((title, mastery[(pack.id, section.id)]))
        return rows

    def _leech_rows(self, leeches: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
        """Each leech as the learner saw it (its front, on one line), never its id."""
        rows = []
        for pack_id, item_id, variant in leeches:
            pack = self.prepdeck_app.context.pack(pack_id)
            item = pack.item(item_id) if pack is not None else None
            label = (
                one_line(item_prompt(item, variant), LEECH_LABEL_LIMIT) if item else "(no longer in its pack)"
            )
            rows.append((label, pack.meta.title if pack else f"{pack_id} (not loaded)"))
        return rows

    def _practice_text(self, practice) -> Text:
        """Answers per section (by the section's title), drills passed, findings met most often."""
        text = Text()
        if practice.answers:
            text.append(f"{plural(practice.answers, 'interview answer')} graded:\n")
            for pack in self.prepdeck_app.context.catalog.packs:
                for section in pack.sections:
                    if (pack.id, section.id) in practice.answers_by_section:
                        text.append(
                            f"  {strip_controls(section.title)}: {answers_line(practice, pack.id, section.id)}\n"
                        )
        else:
            text.append("No interview answer graded yet (i on Home asks one).\n", style="dim")
        text.append(f"Drills passed: {practice.drills_passed} of {practice.drills}")
        text.append(f" ({practice.drill_attempts} attempts stored)\n" if practice.drill_attempts else "\n")
        if practice.common_findings:
            found = ", ".join(f"{code} ({count})" for code, count in practice.common_findings)
            text.append(f"Findings met most often in your drills: {found}")
        return text

    def action_suspended(self) -> None:
        self.prepdeck_app.open_suspended()

    def action_back(self) -> None:
        self.dismiss()
