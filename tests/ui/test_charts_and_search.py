"""The Stats charts as text, and the fuzzy section search (no Textual needed)."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from rich.console import Console
from shell_helpers import SHELL_PACK

from prepdeck.content.catalog import load_catalog
from prepdeck.study.stats import Retention
from prepdeck.tui.charts import (
    forecast_bars,
    heat_level,
    leech_table,
    mastery_table,
    retention_table,
    review_heatmap,
)
from prepdeck.tui.search import SectionSearch

TODAY = date(2026, 3, 4)  # a Wednesday


def plain(renderable, width: int = 80) -> str:
    console = Console(width=width, color_system=None, force_terminal=False)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def test_heat_levels_scale_with_the_busiest_day():
    assert [heat_level(n, 8) for n in (0, 1, 2, 3, 4, 8, 20)] == [0, 1, 1, 2, 2, 4, 4]
    assert heat_level(5, 0) == 0


def test_heatmap_puts_weekdays_in_rows_and_today_in_the_last_column():
    reviews = {TODAY: 10, TODAY - timedelta(days=1): 3, TODAY - timedelta(weeks=3): 1}
    lines = review_heatmap(reviews, TODAY, weeks=4).plain.splitlines()
    assert lines[0].startswith("    Feb") and "Mar" in lines[0]
    rows = {line[:4].strip(): line[4:] for line in lines[1:8] if line[:4].strip()}
    assert rows["Wed"] == "░░ · ·██"  # three weeks ago one review; today the busiest day
    assert rows["Mon"] == " · · · ·"
    assert lines[2][4:] == " · · ·░░"  # Tuesday: 3 of 10
    assert lines[1 + 6][4:].rstrip() == " · · ·"  # Sunday of this week is still to come
    assert lines[-1].strip() == "less  ·░░▒▒▓▓██ more"


def test_forecast_scales_bars_to_the_peak_and_marks_free_days():
    text = forecast_bars([4, 0, 2] + [0] * 27, height=2).plain.splitlines()
    assert text[0] == "4 █ " + "  " * 29
    assert text[1] == "0 █ · █ " + "· " * 27
    assert text[2].split() == ["0", "5", "10", "15", "20", "25"]
    assert forecast_bars([0] * 30).plain == "Nothing is due in the next 30 days."


def test_tables_show_rates_mastery_and_leeches():
    retention = plain(retention_table(Retention(10, 9), Retention(0, 0)))
    assert "young" in retention and "90%" in retention and "mature" in retention
    mastery = plain(mastery_table([("Layers [b]x[/b]", 0.5)]))
    assert "Layers [b]x[/b]" in mastery and "██████░░░░░░" in mastery and "50%" in mastery
    assert "No leeches" in plain(leech_table([]))
    assert "layer-what" in plain(leech_table([("layer-what", "Shell sample pack")]))


def test_search_finds_sections_by_title_and_by_a_line_of_the_body():
    search = SectionSearch(load_catalog([SHELL_PACK], include_installed=False).packs)
    by_body = search.find("reaps zombie")
    assert [hit.section_id for hit in by_body][:1] == ["signals"]
    assert "zombie children" in by_body[0].snippet
    by_title = search.find("layers cach")
    assert by_title[0].section_id == "layers"
    assert search.find("kubernetes operator reconcile") == []
    assert search.find("   ") == []


def test_snippets_read_as_text_not_markdown_source():
    from prepdeck.tui.search import _plain_line

    line = "| `--init` | **reaps** zombies, see [the docs](https://example.com) [bold]x[/bold] no_new_privs"
    assert _plain_line(line) == "--init reaps zombies, see the docs [bold]x[/bold] no_new_privs"


def test_a_hit_names_the_heading_its_line_sits_under_and_code_comments_are_not_headings():
    from prepdeck.tui.search import _body_lines

    body = "Intro.\n\n## Cache *rules*\n\nOrder matters.\n\n```\n# not a heading\nRUN make\n```\n\nAfter.\n"
    lines = {line.text: (line.is_heading, line.heading) for line in _body_lines(body)}
    assert lines["Intro."] == (False, "")
    assert lines["Cache rules"] == (True, "Cache rules")
    assert lines["not a heading"] == (False, "Cache rules")
    assert lines["After."] == (False, "Cache rules")
