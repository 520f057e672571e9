"""The command line's shared behaviour: --pack anywhere, --version, usage errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from prepdeck.cli import main, parse_args


def parsed(*argv: str):
    return parse_args(list(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ("--pack", "a", "grade", "q", "--answer-file", "f"),
        ("grade", "q", "--answer-file", "f", "--pack", "a"),
    ],
)
def test_pack_option_works_before_or_after_the_command(argv):
    assert parsed(*argv).pack == ["a"]


def test_pack_options_on_both_sides_are_joined():
    assert parsed("--pack", "a", "stats", "--pack", "b").pack == ["a", "b"]


def test_usage_error_exits_2_with_a_message(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["lint", "--format", "xml"])
    assert stopped.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_version_does_not_import_textual():
    probe = "import sys; from prepdeck.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\nprint('textual' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert shown.stdout.strip().endswith("False")
