"""Where prepdeck keeps learner data and finds packs: one small function per path.

`PREPDECK_HOME` overrides everything, so tests and portable setups keep all data in one folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "prepdeck"


def data_dir() -> Path:
    """The folder holding the database, drafts, settings and the user's packs (created on use)."""
    override = os.environ.get("PREPDECK_HOME")
    if override:
        path = Path(override).expanduser()
    elif sys.platform == "linux":
        path = _xdg_data_home() / APP_NAME
    else:
        from platformdirs import user_data_path

        path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _xdg_data_home() -> Path:
    """What platformdirs gives on Linux, read here: importing platformdirs costs 13 ms (it pulls in
    tempfile, random and copy), a quarter of `prepdeck lint FILE`, which reads its ShellCheck cache
    from the data folder."""
    configured = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(configured or os.path.expanduser("~/.local/share"))


def database_path() -> Path:
    return data_dir() / "progress.sqlite3"


def user_packs_dir() -> Path:
    """Packs the user installed: one folder per pack, each with a pack.yaml."""
    return data_dir() / "packs"


def pack_cache_dir() -> Path:
    return data_dir() / "cache"


def builtin_packs_dir() -> Path:
    """The packs that ship with prepdeck (the repository's content/ folder, packaged in the wheel)."""
    return Path(__file__).resolve().parent / "builtin_packs"
