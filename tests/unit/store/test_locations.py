"""The data folder without PREPDECK_HOME is the one platformdirs names (read without importing it on Linux)."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck import locations


@pytest.mark.parametrize("xdg", [None, "", "  ", "/tmp/xdg-data-here"])
def test_the_data_folder_is_where_platformdirs_puts_it(
    xdg: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from platformdirs import user_data_path

    monkeypatch.delenv("PREPDECK_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg.replace("/tmp", str(tmp_path)))
    monkeypatch.setattr(Path, "mkdir", lambda *args, **kwargs: None)  # nothing is created outside tmp_path
    assert locations.data_dir() == user_data_path("prepdeck", appauthor=False)
