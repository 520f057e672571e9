"""Fixtures for the study engine tests."""

from __future__ import annotations

import random
import sys
from datetime import UTC
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from study_helpers import Clock, Pack

from prepdeck.store import Store
from prepdeck.study.service import StudyService


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
        return StudyService(store, packs, clock=clock, rng=random.Random(seed), zone=UTC)

    return build
