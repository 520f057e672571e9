"""What every screen reaches as `self.app.context`: packs, the study service, time and randomness.

Nothing here imports Textual, so the context can be built (and tested) without a terminal.
Tests build one with a fixed clock and a seeded RNG; `prepdeck` builds one from the data folder.

The packs and the study service are the costly part of start-up (pydantic, the pack cache, the
study engine), so `prepdeck` builds the context without them (`AppContext(...)`): the first frame
is drawn from Home's summary (`home_summary`) and a worker thread loads them (`load`). Whoever reads `catalog` or `study` before that is done
waits for it (or loads it right there, when no worker has started yet); nobody sees a half-built
context.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from prepdeck import locations

if TYPE_CHECKING:
    from prepdeck.content.catalog import Catalog
    from prepdeck.study.service import StudyService

# Settings (in the store) that remember which packs already showed their welcome text.
WELCOME_SEEN_SETTING = "app.welcome_seen"
THEME_SETTING = "app.theme"

T = TypeVar("T")


def system_clock() -> datetime:
    return datetime.now(UTC)


class AppContext:
    """The app's dependencies, injected so tests and snapshots are exact.

    - `catalog`: the loaded packs and the ones that failed (`catalog.broken`).
    - `study`: the `StudyService` over those packs (progress, queues, grading, stats).
    - `clock`: returns an aware datetime; `rng`: a seeded `random.Random` for shuffles.
    - `data_dir`: the learner's data folder (PREPDECK_HOME or the platform default).
    - `extra_packs`: the `--pack` folders given on the command line.
    - `start`: what to open after Home, e.g. {"screen": "mock", "questions": 3} from `prepdeck mock`.
    - `notices`: sentences to show once the app is up (a database moved aside, a leech...).

    The constructor loads nothing (`prepdeck` lets the app's worker call `load`); `build` loads now.
    """

    def __init__(
        self,
        extra_packs: Sequence[str | Path] = (),
        *,
        clock: Callable[[], datetime] = system_clock,
        seed: int | None = None,
        zone: tzinfo | None = None,
        catalog: Catalog | None = None,
        start: dict[str, Any] | None = None,
    ) -> None:
        self.extra_packs = list(extra_packs)
        self.clock = clock
        self.rng = random.Random(seed)
        self.data_dir = locations.data_dir()
        self.start: dict[str, Any] = dict(start or {})
        self.notices: list[str] = []
        self._zone = zone
        self._catalog = catalog
        self._study: StudyService | None = None
        self._error: BaseException | None = None
        self._settled = False  # loaded and no worker holds the lock: reads need no lock
        self._running_then = False  # the loading thread is inside `load`'s `then`
        self._lock = threading.RLock()

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
        """Load the packs (through the parse cache), open the store and the study service, now.

        Raises `prepdeck.store.database.StoreError` when the database cannot be used (e.g. it was
        written by a newer prepdeck); the launcher turns that into a sentence and an exit code.
        """
        context = cls(extra_packs, clock=clock, seed=seed, zone=zone, catalog=catalog, start=start)
        context.load()
        return context

    # --- loading -------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """True once the packs and the study service are loaded (reading them will not wait)."""
        return self._settled

    def load(self, then: Callable[[AppContext], T] | None = None) -> T | None:
        """Load the packs and the study service, then run `then(self)`, all under the lock, so a
        screen that reads the context meanwhile waits for both (the app's worker passes the Home
        overview here: it reads the store, which screens must not use at the same time).

        Returns None, without running `then`, when the context was loaded already (a key pressed
        before the worker started loads it where it is read). Raises what loading raised, every
        time it is asked again."""
        with self._lock:
            if self._study is not None:
                self._settled = True
                return None
            self._load_once()
            self._running_then = True
            try:
                return then(self) if then is not None else None
            finally:
                self._running_then = False
                self._settled = True

    def _load_once(self) -> None:
        if self._error is not None:
            raise self._error
        if self._study is not None:
            return
        try:
            from prepdeck.store.store import Store
            from prepdeck.study.service import StudyService

            if self._catalog is None:
                from prepdeck.content.cache import load_catalog_cached

                self._catalog = load_catalog_cached(self.extra_packs)
            store = Store.open(now=self.clock)
            study = StudyService(store, self._catalog.packs, clock=self.clock, rng=self.rng, zone=self._zone)
        except BaseException as error:
            self._error = error
            raise
        self._zone = study.zone
        self.notices.extend(study.notices)
        self._study = study

    def _loaded(self) -> tuple[Catalog, StudyService]:
        if not self._settled:
            with self._lock:  # waits for the worker (its `then` included), or loads right here
                self._load_once()
                self._settled = not self._running_then
        assert self._catalog is not None and self._study is not None
        return self._catalog, self._study

    @property
    def catalog(self) -> Catalog:
        return self._loaded()[0]

    @property
    def study(self) -> StudyService:
        return self._loaded()[1]

    @property
    def zone(self) -> tzinfo | None:
        return self._loaded()[1].zone

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
        """Close the store; waits for a load under way (a worker may be opening it right now)."""
        with self._lock:
            if self._study is not None:
                self._study.store.close()
