"""`pack new`, `pack info`, `pack schema`, and the catalog of packs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from prepdeck.cli import main
from prepdeck.content.catalog import load_catalog
from prepdeck.content.check import check_pack
from prepdeck.content.loader import load_pack

REPO = Path(__file__).resolve().parents[3]


def test_pack_new_writes_a_pack_that_passes_strict_check(tmp_path, capsys):
    target = tmp_path / "My Pack"
    assert main(["pack", "new", str(target)]) == 0
    text = (target / "pack.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=pack.schema.json")
    assert "id: my-pack" in text
    assert json.loads((target / "pack.schema.json").read_text())["$schema"].endswith("draft-07/schema#")
    capsys.readouterr()
    assert main(["pack", "check", str(target), "--strict"]) == 0


def test_pack_new_refuses_to_overwrite(tmp_path, capsys):
    assert main(["pack", "new", str(tmp_path)]) == 0
    assert main(["pack", "new", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_pack_info_counts_by_type(tmp_path, capsys):
    main(["pack", "new", str(tmp_path)])
    capsys.readouterr()
    assert main(["pack", "info", str(tmp_path), "--format", "json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["sections"] == 1 and counts["questions"] == 1 and counts["drills"] == 1
    assert counts["cards"] == 3
    assert counts["cards_by_type"]["basic"] == 1 and counts["cards_by_type"]["order"] == 0


def test_pack_info_on_a_missing_folder(tmp_path, capsys):
    assert main(["pack", "info", str(tmp_path / "nothing")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_schema_is_draft_07_and_documents_fields(capsys):
    assert main(["pack", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert set(schema["required"]) >= {"format", "pack"}
    meta = schema["definitions"]["PackMeta"]["properties"]
    assert "permanent" in meta["id"]["description"]
    card_types = {ref["$ref"].rsplit("/", 1)[1] for ref in schema["properties"]["cards"]["items"]["oneOf"]}
    assert {"BasicCard", "ClozeCard", "OrderCard"} <= card_types


def test_committed_schemas_are_current(capsys):
    for part, name in (("pack", "pack.schema.json"), ("include", "pack-include.schema.json")):
        main(["pack", "schema", "--part", part])
        generated = json.loads(capsys.readouterr().out)
        committed = json.loads((REPO / "docs" / name).read_text())
        assert generated == committed, (
            f"docs/{name} is stale: run `prepdeck pack schema --part {part} > docs/{name}`"
        )


def test_catalog_skips_a_broken_pack_and_keeps_the_rest(tmp_path, prepdeck_home):
    good = tmp_path / "good"
    main(["pack", "new", str(good), "--id", "good-pack"])
    broken = prepdeck_home / "packs" / "broken"
    broken.mkdir(parents=True)
    (broken / "pack.yaml").write_text("format: 1\npack: [not, a, mapping]\n")
    catalog = load_catalog([good])
    ids = [pack.id for pack in catalog.packs]
    assert "good-pack" in ids and "docker" in ids
    assert [folder.name for folder, _ in catalog.broken] == ["broken"]
    assert catalog.find_item("image-vs-container", "questions")[0].id == "good-pack"


def test_a_pack_named_on_the_command_line_wins_over_an_installed_copy(tmp_path, prepdeck_home):
    installed = prepdeck_home / "packs" / "mine"
    main(["pack", "new", str(installed), "--id", "mine"])
    local = tmp_path / "mine"
    main(["pack", "new", str(local), "--id", "mine"])
    catalog = load_catalog([local])
    assert [pack.root for pack in catalog.packs if pack.id == "mine"] == [local]


def test_the_builtin_docker_pack_is_clean():
    result = load_pack(REPO / "content" / "docker")
    errors = [problem.render() for problem in check_pack(result) if problem.level == "error"]
    assert errors == []


@pytest.mark.skipif(
    os.environ.get("PREPDECK_SKIP_WHEEL_TEST") == "1", reason="wheel test disabled by the caller"
)
def test_a_built_wheel_carries_the_builtin_packs(tmp_path):
    """A non-editable install, run from another folder, finds content/ inside the package."""
    wheel_dir = tmp_path / "wheel"
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0 and "No module named" in built.stderr:
        pytest.skip(f"cannot build a wheel offline here: {built.stderr.strip()[-200:]}")
    assert built.returncode == 0, built.stderr
    target = tmp_path / "site"
    (wheel,) = wheel_dir.glob("prepdeck-*.whl")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
    )
    probe = (
        "import prepdeck; from prepdeck.content.catalog import pack_folders; "
        "print(prepdeck.__file__); print([folder.name for folder in pack_folders()])"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    shown = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    location, folders = shown.stdout.splitlines()
    assert location.startswith(str(target))
    assert "docker" in folders
