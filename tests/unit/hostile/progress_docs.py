"""A real progress file to attack: the study fixture pack, studied through the real service and
exported with the real exporter, so every mutation starts from what prepdeck itself writes."""

from __future__ import annotations

import copy
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory

from prepdeck.content.loader import load_pack
from prepdeck.store import Store
from prepdeck.study.mock import MockConfig, MockService
from prepdeck.study.progress_io import export_progress
from prepdeck.study.service import StudyService

STUDY_PACK = Path(__file__).resolve().parents[2] / "fixtures" / "study"
AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@cache
def _exported() -> dict:
    with TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "progress.sqlite3")
        now = [AT]
        service = StudyService(
            store, [load_pack(STUDY_PACK).pack], clock=lambda: now[0], rng=random.Random(1), zone=UTC
        )
        for rating in (3, 1, 3, 4):
            card = service.next_card()
            if card is None:
                now[0] += timedelta(days=2)
                continue
            service.grade(card, rating)
            now[0] += timedelta(minutes=15)
        service.save_draft("tiny", "c-one", "a draft")
        service.mark_section_read("tiny", "builds")
        service.record_drill_attempt("tiny", "d1", False, "FROM x", result={"unmet": ["a"]})
        interview = MockService(service).start(MockConfig(questions=1, minutes=5))
        interview.submit("Several FROM stages, and COPY --from keeps the image smaller.")
        interview.finish()
        MockService(service).start(MockConfig(questions=1, minutes=5))  # one left unfinished
        store.set_setting("study.new_per_day", 15)
        data = export_progress(store, now[0])
        store.close()
    return data


def valid_document() -> dict:
    """A fresh deep copy of a real export (card states, reviews, a draft, an attempt, a session)."""
    return copy.deepcopy(_exported())


def database_dump(path: Path) -> list[str]:
    """Everything the database holds, as SQL, to compare before and after a refused import."""
    db = sqlite3.connect(path)
    try:
        return list(db.iterdump())
    finally:
        db.close()
