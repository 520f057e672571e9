"""The garbage collector is paused only while a pack loads or a Dockerfile is linted, never left off."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from prepdeck.collector import collector_paused
from prepdeck.content import loader
from prepdeck.lint import lint_text

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "packs" / "quiz-sample"


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_loading_a_pack_pauses_the_collector_and_switches_it_back_on(monkeypatch) -> None:
    seen = []
    real = loader._load_pack
    monkeypatch.setattr(loader, "_load_pack", lambda path: (seen.append(gc.isenabled()), real(path))[1])
    result = loader.load_pack(SAMPLE)
    assert result.pack is not None and seen == [False]
    assert gc.isenabled()
    assert loader.load_pack(SAMPLE / "no-such-folder").pack is None
    assert gc.isenabled()


def test_the_collector_comes_back_when_loading_raises(monkeypatch) -> None:
    def broken(path):
        raise MemoryError("out of memory while loading")

    monkeypatch.setattr(loader, "_load_pack", broken)
    with pytest.raises(MemoryError):
        loader.load_pack(SAMPLE)
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_program_stays_off_and_blocks_nest() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled()
    gc.disable()
    lint_text("FROM alpine:3.20\n")
    loader.load_pack(SAMPLE)
    assert not gc.isenabled()  # the program's choice is kept
