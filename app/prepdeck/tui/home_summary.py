"""What Home showed last time, kept as a small JSON file so the next start draws it at once.

Loading the packs and the study engine takes longer than Textual takes to draw a frame, so Home's
first frame comes from this summary (counts, sections, next step, and the theme) and is replaced
by fresh figures as soon as the worker has loaded everything. The summary is only a preview: any
file that is missing, damaged, from another format or for another set of `--pack` folders is
ignored, and Home shows "Loading" instead. No Textual here, and nothing heavier than json.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from prepdeck import locations
from prepdeck.study.counts import DueCounts
from prepdeck.tui.overview import Overview, PackProgress, SectionProgress, Suggestion

SUMMARY_FORMAT = 1


def summary_path() -> Path:
    return locations.pack_cache_dir() / "home-summary.json"


def save_summary(overview: Overview, extra_packs: list[str], theme: str | None) -> None:
    """Write atomically; a failure (a full disk) only means no preview next time."""
    data = {
        "format": SUMMARY_FORMAT,
        "packs_given": extra_packs,
        "theme": theme,
        "overview": _overview_data(overview),
    }
    path = summary_path()
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(data), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def load_summary(extra_packs: Sequence[str | Path]) -> tuple[Overview, str | None] | None:
    """The last overview and theme for these `--pack` folders, or None. The folders are compared
    as the strings `save_summary` stored (a Path given here would never equal them)."""
    try:
        data = json.loads(summary_path().read_text(encoding="utf-8"))
        if data["format"] != SUMMARY_FORMAT or data["packs_given"] != [str(path) for path in extra_packs]:
            return None
        theme = data["theme"]
        return _overview_from(data["overview"]), theme if isinstance(theme, str) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _counts(counts: DueCounts) -> list[int]:
    return [counts.learning, counts.review, counts.new]


def _overview_data(overview: Overview) -> dict[str, Any]:
    suggestion = overview.suggestion
    return {
        "packs": [
            {
                "pack_id": pack.pack_id,
                "title": pack.title,
                "summary": pack.summary,
                "progress": [
                    pack.sections_read,
                    pack.sections,
                    pack.sides_seen,
                    pack.sides,
                    pack.drills_passed,
                    pack.drills,
                ],
                "cards_due": _counts(pack.cards_due),
                "questions_due": _counts(pack.questions_due),
            }
            for pack in overview.packs
        ],
        "cards_due": _counts(overview.cards_due),
        "questions_due": _counts(overview.questions_due),
        "streak_days": overview.streak_days,
        "retention": overview.retention,
        "total_reviews": overview.total_reviews,
        "suggestion": [suggestion.text, suggestion.key, suggestion.action, suggestion.arguments],
        "sections": [
            [section.pack_id, section.section_id, section.title, section.read, section.mastery]
            for section in overview.sections
        ],
    }


def _pack_progress_from(pack: dict[str, Any]) -> PackProgress:
    sections_read, sections, sides_seen, sides, drills_passed, drills = (
        int(number) for number in pack["progress"]
    )
    return PackProgress(
        pack_id=pack["pack_id"],
        title=pack["title"],
        summary=pack["summary"],
        sections_read=sections_read,
        sections=sections,
        sides_seen=sides_seen,
        sides=sides,
        drills_passed=drills_passed,
        drills=drills,
        cards_due=DueCounts(*pack["cards_due"]),
        questions_due=DueCounts(*pack["questions_due"]),
    )


def _overview_from(data: dict[str, Any]) -> Overview:
    packs = [_pack_progress_from(pack) for pack in data["packs"]]
    text, key, action, arguments = data["suggestion"]
    return Overview(
        packs=packs,
        cards_due=DueCounts(*data["cards_due"]),
        questions_due=DueCounts(*data["questions_due"]),
        streak_days=int(data["streak_days"]),
        retention=data["retention"],
        total_reviews=int(data["total_reviews"]),
        suggestion=Suggestion(str(text), str(key), str(action), dict(arguments)),
        sections=[SectionProgress(*section) for section in data["sections"]],
    )
