"""What every screen reaches as `self.app.context`: packs, the study service, time and randomness.

Nothing here imports Textual, so the context can be built (and tested) without a terminal.
Tests build one with a fixed clock and a seeded RNG; `prepdeck` builds one from the data folder.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from prepdeck import locations
from prepdeck.content.catalog import Catalog
from prepdeck.store.store import Store
from prepdeck.study.service import StudyService

# Settings (in the store) that remember which packs already showed their welcome text.
WELCOME_SEEN_SETTING = "app.welcome_seen"
THEME_SETTING = "app.theme"


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class AppContext:
    """The app's dependencies, injected so tests and snapshots are exact.

    - `catalog`: the loaded packs and the ones that failed (`catalog.broken`).
    - `study`: the `StudyService` over those packs (progress, queues, grading, stats).
    - `clock`: returns an aware datetime; `rng`: a seeded `random.Random` for shuffles.
    - `data_dir`: the learner's data folder (PREPDECK_HOME or the platform default).
    - `start`: what to open after Home, e.g. {"screen": "mock", "questions": 3} from `prepdeck mock`.
    - `notices`: sentences to show once the app is up (a database moved aside, a leech...).
    """

    catalog: Catalog
    study: StudyService
    clock: Callable[[], datetime] = system_clock
    rng: random.Random = field(default_factory=random.Random)
    data_dir: Path = field(default_factory=locations.data_dir)
    zone: tzinfo | None = None
    start: dict[str, Any] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        extra_packs: Sequence[str | Path] = (),
        *,
        clock: Callable[[], datetime] = system_clock,
        seed: int | None = None,
        zone: tzinfo | None = None,
        catalog: Catalog | None = None,
        start: dict[str, Any] | None = None,
    ) -> AppContext:
        """Load the packs (through the parse cache), open the store and the study service.

        Raises `prepdeck.store.database.StoreError` when the database cannot be used (e.g. it was
        written by a newer prepdeck); the launcher turns that into a sentence and an exit code.
        """
        from prepdeck.content.cache import load_catalog_cached

        if catalog is None:
            catalog = load_catalog_cached(list(extra_packs))
        rng = random.Random(seed)
        store = Store.open(now=clock)
        study = StudyService(store, catalog.packs, clock=clock, rng=rng, zone=zone)
        return cls(
            catalog=catalog,
            study=study,
            clock=clock,
            rng=rng,
            data_dir=locations.data_dir(),
            zone=study.zone,
            start=dict(start or {}),
            notices=list(study.notices),
        )

    # --- small helpers the screens share ---------------------------------------------------

    def pack(self, pack_id: str):
        return self.catalog.pack(pack_id)

    def welcome_pending(self) -> list[Any]:
        """Packs whose welcome text the learner has not seen yet (first run, or a new pack)."""
        seen = set(self.study.store.get_setting(WELCOME_SEEN_SETTING, []) or [])
        return [pack for pack in self.catalog.packs if pack.meta.welcome.strip() and pack.id not in seen]

    def mark_welcome_seen(self) -> None:
        seen = set(self.study.store.get_setting(WELCOME_SEEN_SETTING, []) or [])
        seen.update(pack.id for pack in self.catalog.packs)
        self.study.store.set_setting(WELCOME_SEEN_SETTING, sorted(seen))

    def close(self) -> None:
        self.study.store.close()
