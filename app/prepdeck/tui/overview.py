"""What the Home screen shows, computed from the study service (no Textual here, so it is unit-tested).

- per pack: how far the learner has come (sections read, sides studied, drills passed) and what
  is due today;
- across packs: streak and retention;
- the next suggested step, with the key that starts it.

Its types are NamedTuples (immutable, like frozen dataclasses): they are defined on the way to Home's
first frame, where defining a dataclass costs about 0.8 ms and a NamedTuple a tenth of that.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from prepdeck.study.counts import DueCounts, sum_counts


class PackProgress(NamedTuple):
    pack_id: str
    title: str
    summary: str
    sections_read: int
    sections: int
    sides_seen: int
    sides: int
    drills_passed: int
    drills: int
    cards_due: DueCounts
    questions_due: DueCounts

    @property
    def done(self) -> int:
        return self.sections_read + self.sides_seen + self.drills_passed

    @property
    def total(self) -> int:
        return self.sections + self.sides + self.drills

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


class SectionProgress(NamedTuple):
    pack_id: str
    section_id: str
    title: str
    read: bool
    mastery: float | None  # mean chance of recall of its cards and questions; None without any


class Suggestion(NamedTuple):
    """The next step: a sentence, the key that starts it, and the app method plus arguments."""

    text: str
    key: str
    action: str
    arguments: dict[str, Any]


class Overview(NamedTuple):
    packs: list[PackProgress]
    cards_due: DueCounts
    questions_due: DueCounts
    streak_days: int
    retention: float | None  # share of review-state reviews not rated Again; None before any
    total_reviews: int
    suggestion: Suggestion
    sections: list[SectionProgress]

    def sections_of(self, pack_id: str) -> list[SectionProgress]:
        return [section for section in self.sections if section.pack_id == pack_id]


def build_overview(context: Any) -> Overview:
    from prepdeck.store.cards import NEW
    from prepdeck.study.items import CARD, QUESTION

    study = context.study
    cards_due = study.today_counts(CARD)
    questions_due = study.today_counts(QUESTION)
    seen = {
        (s.key.pack_id, s.key.item_id, s.key.variant) for s in study.store.iter_states() if s.state != NEW
    }
    read = study.store.sections_read()
    passed = {
        (attempt.pack_id, attempt.drill_id) for attempt in study.store.drill_attempts() if attempt.passed
    }
    packs = []
    for pack in context.catalog.packs:
        sides = study.index.by_pack.get(pack.id, [])
        packs.append(
            PackProgress(
                pack_id=pack.id,
                title=pack.meta.title,
                summary=pack.meta.summary,
                sections_read=sum((pack.id, section.id) in read for section in pack.sections),
                sections=len(pack.sections),
                sides_seen=sum((pack.id, item.key.item_id, item.key.variant) in seen for item in sides),
                sides=len(sides),
                drills_passed=sum((pack.id, drill.id) in passed for drill in pack.drills),
                drills=len(pack.drills),
                cards_due=cards_due.get(pack.id, DueCounts()),
                questions_due=questions_due.get(pack.id, DueCounts()),
            )
        )
    total_cards = sum_counts(progress.cards_due for progress in packs)
    total_questions = sum_counts(progress.questions_due for progress in packs)
    stats = study.stats()
    reviewed = stats.young.reviews + stats.mature.reviews
    retention = (stats.young.passed + stats.mature.passed) / reviewed if reviewed else None
    sections = [
        SectionProgress(
            pack.id,
            section.id,
            section.title,
            (pack.id, section.id) in read,
            stats.mastery_by_section.get((pack.id, section.id)),
        )
        for pack in context.catalog.packs
        for section in pack.sections
    ]
    return Overview(
        sections=sections,
        packs=packs,
        cards_due=total_cards,
        questions_due=total_questions,
        streak_days=stats.streak_days,
        retention=retention,
        total_reviews=stats.total_reviews,
        suggestion=suggest(context, packs, total_cards, total_questions, read, passed),
    )


def suggest(
    context: Any,
    packs: list[PackProgress],
    cards_due: DueCounts,
    questions_due: DueCounts,
    read: dict[tuple[str, str], Any],
    passed: set[tuple[str, str]],
) -> Suggestion:
    """Reviews first (they decay), then reading before learning new cards, then practice."""
    if not packs:
        return Suggestion("No pack is loaded. Add one with `prepdeck --pack PATH`.", "", "", {})
    # Learning cards still in their step are due later today: reading or new cards come first.
    due_now = context.study.due_now("card")
    if due_now:
        return Suggestion(f"Review {due_now} due card{_s(due_now)}", "r", "open_review", {})
    for pack in context.catalog.packs:
        for section in pack.sections:
            if (pack.id, section.id) not in read:
                return Suggestion(
                    f"Read '{section.title}' ({pack.meta.title})",
                    "t",
                    "open_section",
                    {"pack_id": pack.id, "section_id": section.id},
                )
    if cards_due.new:
        return Suggestion(f"Learn {cards_due.new} new card{_s(cards_due.new)}", "r", "open_review", {})
    if questions_due.total:
        return Suggestion(
            f"Answer {questions_due.total} interview question{_s(questions_due.total)}",
            "i",
            "open_interview",
            {},
        )
    for pack in context.catalog.packs:
        for drill in pack.drills:
            if (pack.id, drill.id) not in passed:
                return Suggestion(
                    f"Try the drill '{drill.title}'",
                    "d",
                    "open_drill",
                    {"pack_id": pack.id, "drill_id": drill.id},
                )
    return Suggestion(
        "All done for today. A quick quiz on weak topics keeps it fresh.", "q", "open_quiz", {"weakest": True}
    )


def _s(count: int) -> str:
    return "" if count == 1 else "s"
