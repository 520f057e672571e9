"""Where prepdeck keeps learner data and finds packs: one small function per path.

`PREPDECK_HOME` overrides everything, so tests and portable setups keep all data in one folder.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - imported where a Path is made: see data_folder()
    from pathlib import Path

APP_NAME = "prepdeck"


def data_dir() -> Path:
    """The folder holding the database, drafts, settings and the user's packs (created on use)."""
    from pathlib import Path

    return Path(data_folder())


def data_folder() -> str:
    """data_dir() as a str, read without pathlib: `prepdeck lint FILE` reads its ShellCheck cache
    here, and pathlib (with urllib.parse and ipaddress) would be 3 ms of that process."""
    override = os.environ.get("PREPDECK_HOME")
    if override:
        folder = os.path.expanduser(override)
    elif sys.platform == "linux":
        folder = os.path.join(_xdg_data_home(), APP_NAME)
    else:
        from platformdirs import user_data_dir

        folder = user_data_dir(APP_NAME, appauthor=False)
    os.makedirs(folder, exist_ok=True)
    return folder


def _xdg_data_home() -> str:
    """What platformdirs gives on Linux, read here: importing platformdirs costs 13 ms (it pulls in
    tempfile, random and copy), a quarter of `prepdeck lint FILE`, which reads its ShellCheck cache
    from the data folder."""
    configured = os.environ.get("XDG_DATA_HOME", "").strip()
    return configured or os.path.expanduser("~/.local/share")


def database_path() -> Path:
    return data_dir() / "progress.sqlite3"


def user_packs_dir() -> Path:
    """Packs the user installed: one folder per pack, each with a pack.yaml."""
    return data_dir() / "packs"


def pack_cache_dir() -> Path:
    return data_dir() / "cache"


def builtin_packs_dir() -> Path:
    """The packs that ship with prepdeck (the repository's content/ folder, packaged in the wheel)."""
    from pathlib import Path

    return Path(__file__).resolve().parent / "builtin_packs"
