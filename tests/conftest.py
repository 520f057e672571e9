"""Shared fixtures: every test gets its own data folder, so none touches the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
BUILTIN_PACKS = REPO_ROOT / "content"


@pytest.fixture(autouse=True)
def prepdeck_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "prepdeck-home"
    home.mkdir()
    monkeypatch.setenv("PREPDECK_HOME", str(home))
    return home
