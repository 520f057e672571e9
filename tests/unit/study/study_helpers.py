"""Helpers for study tests (also imported by subprocesses): a settable clock, small packs made of
the real content model's objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from prepdeck.content.model import BasicCard, ClozeCard, KeyPoint, PackMeta, Question, ReversedCard, Section

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday, 09:00 UTC


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass
class Pack:
    """The shape of a loaded pack that the study engine reads (meta, sections, cards, questions, drills)."""

    meta: PackMeta
    sections: list[Section] = field(default_factory=list)
    cards: list[Any] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    drills: list[Any] = field(default_factory=list)

    def section(self, section_id: str) -> Section | None:
        return next((section for section in self.sections if section.id == section_id), None)


def make_pack(pack_id: str, cards: int = 0, sections: tuple[str, ...] = ("s1",), **extra: Any) -> Pack:
    section_models = [Section(id=s, title=s.upper(), body="text") for s in sections]
    card_models = [
        BasicCard(
            type="basic",
            id=f"{pack_id}-card-{n:03d}",
            section=sections[n % len(sections)],
            tags=[f"tag{n % 3}"],
            front=f"front {n}",
            back=f"back {n}",
        )
        for n in range(cards)
    ]
    return Pack(
        meta=PackMeta(id=pack_id, title=pack_id.title(), version="1.0.0"),
        sections=section_models,
        cards=card_models + list(extra.get("more_cards", [])),
        questions=list(extra.get("questions", [])),
    )


def reversed_card(card_id: str, section: str = "s1") -> ReversedCard:
    return ReversedCard(
        type="reversed", id=card_id, section=section, front="runc", back="the low-level runtime"
    )


def cloze_card(card_id: str, section: str = "s1") -> ClozeCard:
    return ClozeCard(
        type="cloze", id=card_id, section=section, text="{{c1::overlay2}} is a {{c2::storage}} driver"
    )


def question(question_id: str = "q-multi-stage", section: str = "s1") -> Question:
    return Question(
        id=question_id,
        section=section,
        prompt="What is a multi-stage build?",
        model_answer="Several FROM stages; the final stage copies artifacts with COPY --from, so the image is smaller.",
        key_points=[
            KeyPoint(
                id="several-from", label="several FROM stages", aliases=["several from", "multiple stages"]
            ),
            KeyPoint(id="copy-from", label="COPY --from", aliases=["copy --from", "copy from the builder"]),
            KeyPoint(
                id="smaller", label="smaller image", aliases=["smaller image", "image is smaller"], weight=2
            ),
        ],
        misconceptions=["builds images in parallel"],
    )
