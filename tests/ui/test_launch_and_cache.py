"""Starting the app: the parsed-pack cache, and the launcher's messages and exit codes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import contextlib

from shell_helpers import SHELL_PACK

from prepdeck import locations
from prepdeck.content.cache import cache_file_for, load_catalog_cached
from prepdeck.tui import launch


def copy_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(SHELL_PACK, pack)
    return pack


def test_a_second_start_reads_the_cache_and_an_edit_is_seen(tmp_path):
    pack = copy_pack(tmp_path)
    first = load_catalog_cached([pack])
    cache_files = list(locations.pack_cache_dir().glob("catalog-*.pickle"))
    assert len(cache_files) == 1
    second = load_catalog_cached([pack])
    titles = [p.meta.title for p in second.packs]
    assert titles == [p.meta.title for p in first.packs] and "Shell sample pack" in titles
    shell = second.pack("shell-sample")
    assert shell.section_body(shell.section("signals")).startswith("The first process")
    assert shell.position_of(shell.cards[0]) is None  # positions are not cached; the app needs none

    pack_file = pack / "pack.yaml"
    pack_file.write_text(pack_file.read_text().replace("Shell sample pack", "Edited pack"))
    os.utime(pack_file, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    assert "Edited pack" in [p.meta.title for p in load_catalog_cached([pack]).packs]


def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path):
    pack = copy_pack(tmp_path)
    load_catalog_cached([pack])
    from prepdeck.content.catalog import pack_folders

    cache_file = cache_file_for(pack_folders([pack]))
    cache_file.write_bytes(b"not a pickle at all")
    catalog = load_catalog_cached([pack])
    assert "Shell sample pack" in [p.meta.title for p in catalog.packs]
    assert cache_file.read_bytes() != b"not a pickle at all"


def test_a_broken_pack_stays_reported_from_the_cache(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pack.yaml").write_text("format: 1\npack: [not, a, mapping]\n")
    for _ in range(2):
        catalog = load_catalog_cached([broken])
        assert [folder for folder, _problems in catalog.broken] == [broken]


def test_without_a_terminal_the_launcher_says_so(capsys):
    assert launch.app(Namespace(pack=[])) == launch.EXIT_NO_TERMINAL
    assert "needs a terminal" in capsys.readouterr().err


def test_prepdeck_with_no_command_outside_a_terminal_exits_cleanly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "prepdeck"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PREPDECK_HOME": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode == 2
    assert "the app needs a terminal" in result.stderr and "Traceback" not in result.stderr


def test_a_database_from_a_newer_prepdeck_is_a_message_not_a_traceback(monkeypatch, capsys):
    database = locations.database_path()
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA user_version = 999")
    from textual.app import App

    from prepdeck.tui.app import PrepdeckApp

    monkeypatch.setattr(launch, "_has_terminal", lambda: True)
    # The database is opened by the worker that loads after Home's first frame: run headless.
    monkeypatch.setattr(PrepdeckApp, "run", lambda self: App.run(self, headless=True))
    assert launch.app(Namespace(pack=[])) == launch.EXIT_STORE
    error = capsys.readouterr().err
    assert error.startswith("prepdeck: ") and "newer" in error


def test_prepdeck_mock_opens_the_mock_screen_with_the_options(monkeypatch):
    built = {}

    def fake_build(extra_packs, start):
        built.update(extra_packs=extra_packs, start=start)
        raise SystemExit(0)

    monkeypatch.setattr(launch, "_has_terminal", lambda: True)
    monkeypatch.setattr(launch, "build_app", fake_build)
    with contextlib.suppress(SystemExit):
        launch.mock(Namespace(pack=[str(SHELL_PACK)], questions=3, minutes=10, level="senior"))
    assert built == {
        "extra_packs": [str(SHELL_PACK)],
        "start": {"screen": "mock", "questions": 3, "minutes": 10, "level": "senior", "pack_ids": None},
    }


def test_pack_given_before_or_after_mock_reaches_the_launcher(monkeypatch, tmp_path):
    from prepdeck import cli

    other = copy_pack(tmp_path)
    built = {}

    def fake_build(extra_packs, start):
        built.update(extra_packs=extra_packs, screen=start["screen"])
        raise SystemExit(0)

    monkeypatch.setattr(launch, "_has_terminal", lambda: True)
    monkeypatch.setattr(launch, "build_app", fake_build)
    with contextlib.suppress(SystemExit):
        cli.main(["--pack", str(SHELL_PACK), "mock", "--pack", str(other)])
    assert built == {"extra_packs": [str(SHELL_PACK), str(other)], "screen": "mock"}
