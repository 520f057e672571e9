"""Hostile pack folders, each run through the real `prepdeck` in a subprocess with a timeout:
link loops, links out of the pack (pack.yaml itself, includes through a link to `/`), FIFOs,
and YAML written to confuse. Every case answers in time, names the place, and echoes nothing
from outside the pack."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from hostile_run import prepdeck

HEADER = 'format: 1\npack:\n  id: {id}\n  title: Sample\n  version: "1.0.0"\n'
CARD = "cards:\n  - {id: c1, type: basic, front: Front text, back: Back text}\n"
SECRET = "root-secret-line:x:0:0:do-not-echo\n"


def make_pack(folder: Path, extra: str = "", pack_id: str = "sample") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(HEADER.format(id=pack_id) + extra)
    return folder


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "passwd"
    secret.write_text(SECRET)
    return secret


def test_a_link_loop_is_reported_by_pack_check(tmp_path, home):
    pack = make_pack(tmp_path / "loop", 'include: ["**/*.yaml"]\n')
    (pack / "cards").mkdir()
    (pack / "cards" / "a.yaml").write_text(CARD)
    (pack / "l1").symlink_to(".")
    (pack / "cards" / "up").symlink_to("..")
    run = prepdeck("pack", "check", pack, home=home, cwd=tmp_path)
    assert run.code == 1
    loops = [line for line in run.out.splitlines() if "[symlink-loop]" in line]
    assert sorted(line.split(":")[0] for line in loops) == ["loop/cards/up", "loop/l1"]
    # The include still finds the one real file, once, and nothing else is wrong.
    info = prepdeck("pack", "info", pack, "--format", "json", home=home)
    assert '"cards": 1' in info.out


def test_two_links_pointing_at_each_other_are_a_loop_not_a_crash(tmp_path, home):
    pack = make_pack(tmp_path / "pair", CARD)
    (pack / "a").symlink_to("b")
    (pack / "b").symlink_to("a")
    run = prepdeck("pack", "check", pack, home=home, cwd=tmp_path)
    assert run.code == 1
    assert {line.split(":")[0] for line in run.out.splitlines() if "[symlink-loop]" in line} == {
        "pair/a",
        "pair/b",
    }


def test_an_installed_pack_with_a_loop_does_not_stop_the_catalog(home):
    """The app's start-up fingerprint walks every installed pack: a loop must cost nothing."""
    pack = make_pack(home / "packs" / "loopy", CARD, pack_id="loopy")
    (pack / "l1").symlink_to(".")
    (pack / "root").symlink_to("/")
    script = (
        "from prepdeck.content.cache import load_catalog_cached\n"
        "for attempt in range(2):\n"
        "    catalog = load_catalog_cached([])\n"
        "    print(sorted(pack.id for pack in catalog.packs))\n"
    )
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PREPDECK_HOME": str(home)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("'loopy'") == 2


def test_pack_yaml_linked_to_a_file_outside_is_refused_unread(tmp_path, home, secret_file):
    pack = tmp_path / "leak"
    pack.mkdir()
    (pack / "pack.yaml").symlink_to(secret_file)
    for command in (["pack", "check", pack], ["pack", "info", pack], ["stats", "--pack", pack]):
        run = prepdeck(*command, home=home, cwd=tmp_path)
        assert "root-secret-line" not in run.text and "do-not-echo" not in run.text
        assert "outside the pack folder" in run.text
    assert prepdeck("pack", "check", pack, home=home).code == 2


@pytest.mark.parametrize("field", ["include", "body_file"])
def test_files_linked_to_outside_are_refused_unread(tmp_path, home, secret_file, field):
    pack = tmp_path / "leak"
    if field == "include":
        make_pack(pack, 'include: ["more.yaml"]\n')
        (pack / "more.yaml").symlink_to(secret_file)
    else:
        make_pack(pack, "sections:\n  - id: s\n    title: S\n    body_file: body.md\n")
        (pack / "body.md").symlink_to(secret_file)
    run = prepdeck("pack", "check", pack, home=home, cwd=tmp_path)
    assert run.code == 1
    assert "root-secret-line" not in run.text
    assert "[outside-pack]" in run.out and "outside the pack folder" in run.out


@pytest.mark.parametrize("pattern", ["r/**/*.yaml", "r/etc/*", "r/*/*/*.yaml", "r/proc/**"])
def test_an_include_glob_through_a_link_to_root_never_walks_outside(tmp_path, home, pattern):
    pack = make_pack(tmp_path / "root", f'include: ["{pattern}"]\n')
    (pack / "r").symlink_to("/")
    run = prepdeck("pack", "check", pack, home=home, cwd=tmp_path)
    assert run.code == 1
    (problem,) = [line for line in run.out.splitlines() if "[outside-pack]" in line]
    assert problem.startswith("root/pack.yaml:6:11: error [outside-pack]")
    assert f"include '{pattern}' goes through 'r'" in problem
    assert len(run.out.splitlines()) <= 3  # one problem per include, not a line per outside file


def test_an_include_glob_inside_the_pack_still_works(tmp_path, home):
    pack = make_pack(tmp_path / "ok", 'include: ["parts/**/*.yaml"]\n')
    (pack / "parts" / "deep").mkdir(parents=True)
    (pack / "parts" / "deep" / "cards.yaml").write_text(CARD)
    (pack / "alias").symlink_to("parts")  # a link that stays inside is fine
    run = prepdeck("pack", "check", pack, home=home, cwd=tmp_path)
    assert run.code == 0, run.text
    assert "ok:" in run.err


def test_a_fifo_body_file_is_not_a_regular_file_and_never_blocks(tmp_path, home):
    pack = make_pack(tmp_path / "fifo", "sections:\n  - id: s\n    title: S\n    body_file: body.md\n")
    os.mkfifo(pack / "body.md")
    run = prepdeck("pack", "check", pack, home=home, cwd=tmp_path)
    assert run.code == 1
    assert (
        "fifo/pack.yaml:9:16: error [not-regular] 'body.md' is a FIFO (named pipe), not a regular file"
        in run.out
    )
    assert "does not exist" not in run.out


def test_a_fifo_named_as_the_pack_file_never_blocks(tmp_path, home):
    os.mkfifo(tmp_path / "pack.yaml")
    run = prepdeck("pack", "check", tmp_path / "pack.yaml", home=home, cwd=tmp_path)
    assert run.code == 2
    assert "pack.yaml: error [not-regular] is a FIFO (named pipe), not a regular file" in run.out


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'format: 1\npack:\n  id: "sample\n  title: Sample\n',
            'pack.yaml:3:7: error [yaml-syntax] the double quote (") opened here, on line 3, is never closed',
        ),
        (
            "format: 1\npack:\n  id: sample\n  title: 'Sample\n\n\n  version: 1\n",
            "pack.yaml:4:10: error [yaml-syntax] the single quote (') opened here, on line 4, is never closed",
        ),
    ],
)
def test_an_unterminated_quote_names_the_quote_and_where_it_opened(tmp_path, home, body, expected):
    (tmp_path / "pack.yaml").write_text(body)
    run = prepdeck("pack", "check", tmp_path, home=home, cwd=tmp_path)
    assert run.code == 1
    assert expected in run.out
    assert "end of stream" not in run.out


@pytest.mark.parametrize(
    "value", ["!!python/name:os.system", '!!python/name:os.system ""', "!!python/object:x {}"]
)
def test_a_python_tag_gets_one_proper_message(tmp_path, home, value):
    (tmp_path / "pack.yaml").write_text(
        f'format: 1\npack:\n  id: sample\n  title: {value}\n  version: "1.0.0"\n'
    )
    run = prepdeck("pack", "check", tmp_path, home=home, cwd=tmp_path)
    assert run.code == 1
    lines = run.out.splitlines()
    assert len(lines) == 1, run.out
    assert lines[0].startswith("pack.yaml:4:10: error [yaml-tag] the tag !!python/")
    assert "asks YAML to build a Python object" in lines[0]
    assert "``" not in run.out


def test_the_summary_line_is_never_glued_to_the_last_message(tmp_path, home):
    # A key holding a carriage return and no newline at the end of the file.
    (tmp_path / "pack.yaml").write_bytes(HEADER.format(id="sample").encode() + b'"odd\\rkey": 1')
    run = prepdeck("pack", "check", tmp_path, home=home, cwd=tmp_path, merge_stderr=True)
    lines = run.out.splitlines()
    assert lines[-1] == "1 error(s), 0 warning(s)"
    assert "\r" not in run.out
    assert lines[-2].startswith("pack.yaml:6:1: error [unknown-key] unknown key 'odd\\rkey'")
