"""Charts for the Stats screen as Rich renderables (no Textual here, so they are unit-tested as text).

- `review_heatmap`: a calendar of reviews per day, one column per week, Monday on top;
- `forecast_bars`: the due forecast as vertical bars with a scale;
- `retention_table`, `mastery_table`, `leech_table`: Rich tables.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Group
from rich.table import Table
from rich.text import Text

from prepdeck.tui.text import strip_controls

HEAT_LEVELS = (" ·", "░░", "▒▒", "▓▓", "██")
HEAT_STYLES = ("dim", "green", "green", "bold green", "bold green")
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
BAR_EIGHTHS = " ▁▂▃▄▅▆▇█"


def heat_level(count: int, busiest: int) -> int:
    """0 for no review; otherwise 1..4 by the share of the busiest day."""
    if count <= 0 or busiest <= 0:
        return 0
    return min(4, 1 + (4 * (count - 1)) // busiest)


def review_heatmap(reviews_per_day: dict[date, int], today: date, weeks: int = 16) -> Text:
    """Weeks as columns (the last one holds today), weekdays as rows, shaded by review count."""
    last_monday = today - timedelta(days=today.weekday())
    first_monday = last_monday - timedelta(weeks=weeks - 1)
    busiest = max((n for day, n in reviews_per_day.items() if first_monday <= day <= today), default=0)
    text = Text()
    # Month names take three cells; each is written from the first week that starts in its month.
    month_line = [" "] * (4 + 2 * weeks + 2)  # room for the last name to finish
    previous_month = None
    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        if monday.month != previous_month:
            previous_month = monday.month
            start = 4 + 2 * week
            for offset, letter in enumerate(monday.strftime("%b")):
                if start + offset < len(month_line):
                    month_line[start + offset] = letter
    text.append("".join(month_line).rstrip() + "\n", style="dim")
    for weekday in range(7):
        text.append(f"{WEEKDAYS[weekday]:<4}", style="dim")
        for week in range(weeks):
            day = first_monday + timedelta(weeks=week, days=weekday)
            if day > today:
                text.append("  ")
                continue
            level = heat_level(reviews_per_day.get(day, 0), busiest)
            text.append(HEAT_LEVELS[level], style=HEAT_STYLES[level])
        text.append("\n")
    text.append("    less ", style="dim")
    for level in range(5):
        text.append(HEAT_LEVELS[level], style=HEAT_STYLES[level])
    text.append(" more", style="dim")
    if busiest == 0:
        text.append("\nNo reviews yet: each day you\nstudy fills its square.", style="dim")
    return text


def forecast_bars(forecast: list[int], height: int = 6) -> Text:
    """One column per day (today first), bars in eighths of a row, the peak labelled on the left."""
    peak = max(forecast, default=0)
    text = Text()
    if peak == 0:
        text.append("Nothing is due in the next 30 days.", style="dim")
        return text
    label_width = len(str(peak)) + 1
    for row in range(height, 0, -1):
        label = str(peak) if row == height else ("0" if row == 1 else "")
        text.append(f"{label:>{label_width - 1}} ", style="dim")
        for count in forecast:
            filled = round(count / peak * height * 8) - (row - 1) * 8
            # a dot on the base line marks a free day
            free_day = "·" if row == 1 else " "
            cell = BAR_EIGHTHS[max(0, min(8, filled))] if count else free_day
            text.append(cell + " ", style="cyan")
        text.append("\n")
    axis = " " * label_width + "".join(f"{day:<2}" if day % 5 == 0 else "  " for day in range(len(forecast)))
    text.append(axis.rstrip() + "\n", style="dim")
    text.append(" " * label_width + "days from today", style="dim")
    return text


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.0%}"


def retention_table(young, mature, learning=None, first_review: str | None = None) -> Table:
    """Young, mature and their sum; `learning` (answers in the learning steps) as a first row when
    given. Before any review of a learned card the caption says so, and when the first is due
    (`first_review`, e.g. "tomorrow at 04:00"), instead of leaving only dashes."""
    table = Table(expand=True, box=None, header_style="bold")
    table.add_column("cards")
    table.add_column("reviews", justify="right")
    table.add_column("passed", justify="right")
    table.add_column("rate", justify="right")
    total_reviews = young.reviews + mature.reviews
    total_passed = young.passed + mature.passed
    if learning is not None:
        table.add_row("learning", str(learning.reviews), str(learning.passed), _percent(learning.rate))
    table.add_row("young", str(young.reviews), str(young.passed), _percent(young.rate))
    table.add_row("mature", str(mature.reviews), str(mature.passed), _percent(mature.rate))
    table.add_row(
        Text("young + mature", style="bold"),
        str(total_reviews),
        str(total_passed),
        _percent(total_passed / total_reviews if total_reviews else None),
    )
    caption = (
        "learning: answers in the learning steps · young: interval under 21 days · mature: 21 days or more"
    )
    if total_reviews == 0:
        due = f"; the first is due {first_review}" if first_review else ""
        caption = (
            "Retention counts reviews of cards past their learning steps: none yet"
            f"{due}. Learning shows your answers so far (passed: not Again)."
        )
    table.caption = caption
    table.caption_style = "dim"
    return table


def meter(value: float, width: int = 12) -> Text:
    filled = round(max(0.0, min(1.0, value)) * width)
    text = Text("█" * filled, style="green")
    text.append("░" * (width - filled), style="dim")
    return text


def mastery_table(rows: list[tuple[str, float]]) -> Table:
    """(section title, mastery 0..1) in reading order."""
    table = Table(expand=True, box=None, header_style="bold")
    table.add_column("section", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("mastery", width=12)
    table.add_column("", justify="right", width=4)
    for title, value in rows:
        table.add_row(Text(strip_controls(title)), meter(value), f"{value:.0%}")
    if not rows:
        table.add_row(Text("No sections with cards yet.", style="dim"), "", "")
    elif not any(value for _, value in rows):
        table.caption = "Nothing studied yet: a section's mastery grows as you review its cards."
        table.caption_style = "dim"
    return table


def leech_table(rows: list[tuple[str, str]]) -> Group | Table:
    """(item label, pack title) for each leech."""
    if not rows:
        return Group(Text("No leeches: no card has lapsed 8 times.", style="dim"))
    table = Table(expand=True, box=None, header_style="bold")
    table.add_column("leech (suspended)", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("pack", no_wrap=True, overflow="ellipsis")
    for label, pack in rows:
        table.add_row(Text(strip_controls(label)), Text(strip_controls(pack)))
    return table
