"""Fixtures for the study engine tests."""

from __future__ import annotations

import random
import sys
from datetime import timezone
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from study_helpers import Clock, Pack  # noqa: E402

from prepdeck.store import Store  # noqa: E402
from prepdeck.study.service import StudyService  # noqa: E402


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store() -> Store:
    with Store.open() as opened:
        yield opened


@pytest.fixture
def make_service(store: Store, clock: Clock):
    def build(*packs: Pack, seed: int = 7) -> StudyService:
        return StudyService(store, packs, clock=clock, rng=random.Random(seed), zone=timezone.utc)

    return build
