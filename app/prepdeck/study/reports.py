"""Readable reports out: a mock interview or a progress summary, as Markdown or JSON.

`write_report(kind, path, study, session_id=None)` is what `prepdeck export --report mock|progress
FILE.md|FILE.json` calls: the format follows the file's suffix. `render_report` gives the text
(for standard output). Both raise `ReportError` with one clear sentence for what a user can get
wrong (an unknown suffix, no finished mock interview, an unfinished session).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from prepdeck.study.mock_records import MockReport
from prepdeck.study.scheduler import RATING_NAMES
from prepdeck.study.stats import Stats

KINDS = ("mock", "progress")
FORMATS = {".md": "markdown", ".markdown": "markdown", ".txt": "markdown", ".json": "json"}
ENDINGS = {"completed": "every question answered", "time": "time ran out", "closed": "closed before the end"}
RECENT_SESSIONS = 10


class ReportError(Exception):
    """The report cannot be made as asked; the message says why and what to do."""


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(f"{path}: name the report FILE.md (Markdown) or FILE.json (JSON)")
    return FORMATS[suffix]


def duration(seconds: float) -> str:
    seconds = round(seconds)
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _quote(text: str) -> list[str]:
    lines = text.strip().splitlines() or ["(no answer)"]
    return [f"> {line}" if line.strip() else ">" for line in lines]


# --- a mock interview ----------------------------------------------------------------------------


def mock_markdown(report: MockReport) -> str:
    config = report.config
    packs = ", ".join(config.packs) or "all packs"
    lines = [
        f"# Mock interview {report.session}, {report.started_at[:16].replace('T', ' ')} UTC",
        "",
        f"- Packs: {packs}; level: {config.level or 'any'}; {config.questions} question(s) in {config.minutes} min",
        f"- Ended: {ENDINGS.get(report.ended_by, report.ended_by)}",
        f"- Score: {_percent(report.score)} ({report.answered} of {report.asked} answered)",
        f"- Time: {duration(report.total_seconds)}",
        "",
        "## Answers",
    ]
    for number, entry in enumerate(report.answers, start=1):
        where = f"{entry.pack}/{entry.id}" + (f", section {entry.section}" if entry.section else "")
        rating = RATING_NAMES[entry.suggested_rating] if entry.suggested_rating else "-"
        lines += [
            "",
            f"### {number}. {entry.prompt.strip()}",
            "",
            f"*{where}; level {entry.level or '-'}*",
            "",
            f"Score {_percent(entry.score)}; time {duration(entry.seconds)}; suggested rating {rating}",
            "",
        ]
        lines += _quote(entry.answer) if entry.answered else ["(not answered)"]
        lines.append("")
        lines += [f"- covered: {point.label}" for point in entry.covered]
        lines += [f"- missed: {point.label}" for point in entry.missed]
        lines += [f"- misconception: {phrase}" for phrase in entry.misconceptions]
        lines += [
            f'- wrong: you wrote "{item.evidence.text}"; in fact: {item.correction}'
            for item in entry.contradicted
        ]
    if report.weakest_sections:
        lines += ["", "## Weakest sections", "", "| section | id | score | questions |", "|---|---|---|---|"]
        for section in report.weakest_sections:
            lines.append(
                f"| {section.title} | {section.pack}/{section.section} | {_percent(section.score)} | {section.questions} |"
            )
    if report.ratings:
        lines += [
            "",
            "## Ratings for the schedule",
            "",
            "| question | suggested | committed |",
            "|---|---|---|",
        ]
        for rating_entry in report.ratings:
            committed = RATING_NAMES[rating_entry.committed] if rating_entry.committed else "not yet"
            lines.append(
                f"| {rating_entry.pack}/{rating_entry.id} | {RATING_NAMES[rating_entry.suggested]} | {committed} |"
            )
    return "\n".join(lines) + "\n"


# --- progress ------------------------------------------------------------------------------------


def progress_report(stats: Stats, packs: Iterable[Any], as_json: bool, sessions: Iterable[Any] = ()) -> str:
    """The learner's progress; `sessions` are mock-interview summaries (newest first) to list."""
    packs = list(packs)
    recent = [
        {
            "session": s.id,
            "started_at": s.started_at.isoformat(),
            "finished": s.finished,
            "asked": s.asked,
            "answered": s.answered,
            "score": s.score,
        }
        for s in list(sessions)[:RECENT_SESSIONS]
    ]
    if as_json:
        return json.dumps({**stats.to_json(), "mock_interviews": recent}, indent=2)
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
    lines.append(f"- Due in the next 7 days: {', '.join(str(n) for n in stats.forecast[:7])}")
    lines += [
        "",
        "## Mastery by section (weakest first)",
        "",
        "| pack | section | mastery |",
        "|---|---|---|",
    ]
    for (pack_id, section_id), value in sorted(
        stats.mastery_by_section.items(), key=lambda kv: (kv[1], kv[0])
    ):
        title = titles.get(pack_id, {}).get(section_id, section_id)
        lines.append(f"| {pack_id} | {title} | {value:.0%} |")
    if stats.leeches:
        lines += ["", "## Leeches", ""] + [
            f"- {pack}/{item} ({variant})" for pack, item, variant in stats.leeches
        ]
    if recent:
        lines += ["", "## Mock interviews", "", "| # | started | answered | score |", "|---|---|---|---|"]
        for s in recent:
            state = f"{s['answered']} of {s['asked']}" + ("" if s["finished"] else " (unfinished)")
            lines.append(
                f"| {s['session']} | {s['started_at'][:16].replace('T', ' ')} | {state} | {_percent(s['score'])} |"
            )
    return "\n".join(lines) + "\n"


# --- the entry points ----------------------------------------------------------------------------


def render_report(kind: str, fmt: str, study: Any, session_id: int | None = None) -> str:
    """`kind` mock or progress, `fmt` markdown or json, over a StudyService."""
    from prepdeck.study.mock import MockError, MockService

    mocks = MockService(study)
    if kind == "mock":
        try:
            report = mocks.report(session_id)
        except MockError as error:
            raise ReportError(str(error)) from None
        return json.dumps(report.to_json(), indent=2) + "\n" if fmt == "json" else mock_markdown(report)
    if kind == "progress":
        return progress_report(study.stats(), study.index.packs.values(), fmt == "json", mocks.sessions())
    raise ReportError(f"a report is one of {', '.join(KINDS)}, not '{kind}'")


def write_report(kind: str, path: str | Path, study: Any, session_id: int | None = None) -> Path:
    """Write the report to `path` in the format its suffix names; returns the path written."""
    target = Path(path)
    text = render_report(kind, format_for(target), study, session_id)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ReportError(f"{target}: cannot be written ({error.strerror or error})") from None
    return target
