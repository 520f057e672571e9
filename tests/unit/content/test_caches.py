"""The parsed-pack cache and the pack check cache: keyed on the files' contents and on the code.

Issue 18's trap: an upgrade of prepdeck that adds a field to the pack model must never load a
pickle written by the old code (its objects would lack the field). The key holds prepdeck's
version and a digest of the source that reads packs, and is compared before anything is unpickled.
"""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from prepdeck.cli import main
from prepdeck.content import cache, command, fingerprint
from prepdeck.content.cache import load_catalog_cached

SHELL_PACK = Path(__file__).resolve().parents[2] / "ui" / "fixtures" / "shell-pack"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(SHELL_PACK, copy)
    return copy


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Records every time the packs are parsed (instead of read from the cache)."""
    calls: list[str] = []
    original = cache.load_catalog

    def counted(extra=(), **kwargs):
        calls.append("parsed")
        return original(extra, **kwargs)

    monkeypatch.setattr(cache, "load_catalog", counted)
    return calls


@pytest.fixture
def unpickled(monkeypatch) -> list[str]:
    """Records every pickle the caches load."""
    calls: list[str] = []
    original = pickle.load

    def counted(stream, **kwargs):
        calls.append("unpickled")
        return original(stream, **kwargs)

    monkeypatch.setattr(fingerprint.pickle, "load", counted)
    return calls


def upgrade_with_a_new_model_field(monkeypatch, tmp_path: Path) -> None:
    """Run as the next prepdeck would: same version number, a model with one more field."""
    source = tmp_path / "upgraded" / "prepdeck"
    shutil.copytree(
        fingerprint.PACKAGE_ROOT, source, ignore=shutil.ignore_patterns("tui", "builtin_packs", "__pycache__")
    )
    model = source / "content" / "model.py"
    model.write_text(model.read_text() + "\n# a new optional field on every card\n")
    monkeypatch.setattr(fingerprint, "PACKAGE_ROOT", source)
    fingerprint.code_digest.cache_clear()


@pytest.fixture(autouse=True)
def fresh_code_digest():
    fingerprint.code_digest.cache_clear()
    yield
    fingerprint.code_digest.cache_clear()


def test_an_unchanged_pack_is_read_from_the_cache(pack, parses, unpickled):
    first = load_catalog_cached([pack])
    second = load_catalog_cached([pack])
    assert parses == ["parsed"] and unpickled == ["unpickled"]
    assert [p.meta.title for p in second.packs] == [p.meta.title for p in first.packs]


def test_a_model_change_never_loads_the_old_pickle(pack, parses, unpickled, monkeypatch, tmp_path):
    load_catalog_cached([pack])
    upgrade_with_a_new_model_field(monkeypatch, tmp_path)
    catalog = load_catalog_cached([pack])
    assert parses == ["parsed", "parsed"]
    assert unpickled == []  # the old pickle was not even opened as a pickle
    assert "Shell sample pack" in [p.meta.title for p in catalog.packs]
    load_catalog_cached([pack])  # the upgraded prepdeck's own cache serves its next start
    assert parses == ["parsed", "parsed"] and unpickled == ["unpickled"]


def test_a_new_prepdeck_version_never_loads_the_old_pickle(pack, parses, unpickled, monkeypatch):
    load_catalog_cached([pack])
    monkeypatch.setattr(fingerprint, "__version__", "99.0.0")
    fingerprint.code_digest.cache_clear()
    load_catalog_cached([pack])
    assert parses == ["parsed", "parsed"] and unpickled == []


def test_an_edit_that_keeps_size_and_time_is_seen(pack, parses):
    """The key is the files' content, not their size and modification time."""
    load_catalog_cached([pack])
    pack_file = pack / "pack.yaml"
    before = pack_file.stat()
    text = pack_file.read_text()
    pack_file.write_text(text.replace("Shell sample pack", "Shell simple pack"))
    os.utime(pack_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert pack_file.stat().st_size == before.st_size
    titles = [p.meta.title for p in load_catalog_cached([pack]).packs]
    assert "Shell simple pack" in titles and parses == ["parsed", "parsed"]


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """Records every real load-and-check that `pack check` runs."""
    calls: list[str] = []
    original = command._load_and_check

    def counted(path):
        calls.append(path)
        return original(path)

    monkeypatch.setattr(command, "_load_and_check", counted)
    return calls


def run_check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["pack", "check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_pack_check_answers_an_unchanged_pack_from_its_cache(pack, checks, capsys):
    (pack / "extra.yaml").write_text("cards:\n  - id: lonely\n    type: basic\n    front: F\n")
    pack_file = pack / "pack.yaml"
    pack_file.write_text(pack_file.read_text() + "include: [extra.yaml]\n")
    first = run_check(capsys, str(pack))
    assert first[0] == 1 and "extra.yaml:2:" in first[1]  # the card has no back
    second = run_check(capsys, str(pack))
    assert second == first and checks == [str(pack)]
    assert run_check(capsys, str(pack), "--strict")[0] == 1 and checks == [str(pack)]

    # The author fixes the card: checked afresh, and the error is gone (the pack's warnings stay).
    (pack / "extra.yaml").write_text("cards:\n  - id: lonely\n    type: basic\n    front: F\n    back: B\n")
    code, out, _ = run_check(capsys, str(pack))
    assert code == 0 and "extra.yaml" not in out and len(checks) == 2


def test_pack_check_after_an_upgrade_checks_afresh(pack, checks, capsys, monkeypatch, tmp_path):
    run_check(capsys, str(pack))
    upgrade_with_a_new_model_field(monkeypatch, tmp_path)
    run_check(capsys, str(pack))
    assert checks == [str(pack), str(pack)]


def test_pack_check_of_a_missing_folder_is_never_cached(tmp_path, checks, capsys):
    missing = str(tmp_path / "nowhere")
    assert run_check(capsys, missing)[0] == 2
    assert run_check(capsys, missing)[0] == 2
    assert checks == [missing, missing]
