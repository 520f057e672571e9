"""`prepdeck serve` refuses a non-loopback address unless asked, and knows loopback when it sees it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from prepdeck.tui.serve import app_command, is_loopback


def test_loopback_addresses():
    assert is_loopback("127.0.0.1")
    assert is_loopback("127.8.9.10")
    assert is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("::")
    assert not is_loopback("192.168.1.20")


def test_a_public_address_needs_public(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused = subprocess.run(
        [sys.executable, "-m", "prepdeck", "serve", "--host", "0.0.0.0", "--port", str(port)],
        capture_output=True,
        text=True,
        env={**os.environ, "PREPDECK_HOME": str(tmp_path)},
        timeout=60,
    )
    assert refused.returncode == 2
    assert "--public" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_each_tab_runs_this_prepdeck_with_the_servers_packs(tmp_path):
    command = app_command([str(tmp_path / "my pack")])
    assert command.startswith("exec ")
    assert f"'{tmp_path / 'my pack'}'" in command
    assert "-m prepdeck --pack" in command
