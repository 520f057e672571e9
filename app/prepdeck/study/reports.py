"""A readable progress summary (`prepdeck export --report progress FILE.md|FILE.json`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from prepdeck.study.stats import Stats


def progress_report(stats: Stats, packs: Iterable[Any], as_json: bool) -> str:
    if as_json:
        return json.dumps(stats.to_json(), indent=2)
    titles = {pack.meta.id: {section.id: section.title for section in pack.sections} for pack in packs}
    lines = [
        f"# Progress on {stats.today.isoformat()}",
        "",
        f"- Reviews: {stats.total_reviews} in total, {stats.reviews_per_day.get(stats.today, 0)} today",
        f"- Streak: {stats.streak_days} day(s)",
        f"- Time spent: {stats.time_spent_ms // 60000} min",
    ]
    for name, retention in (("young", stats.young), ("mature", stats.mature)):
        rate = "n/a" if retention.rate is None else f"{retention.rate:.0%}"
        lines.append(f"- Retention ({name} cards): {rate} over {retention.reviews} review(s)")
    lines += ["", "## Mastery by section", "", "| pack | section | mastery |", "|---|---|---|"]
    for (pack_id, section_id), value in sorted(stats.mastery_by_section.items(), key=lambda kv: kv[1]):
        title = titles.get(pack_id, {}).get(section_id, section_id)
        lines.append(f"| {pack_id} | {title} | {value:.0%} |")
    if stats.leeches:
        lines += ["", "## Leeches", ""] + [f"- {pack}/{item} ({variant})" for pack, item, variant in stats.leeches]
    return "\n".join(lines)
