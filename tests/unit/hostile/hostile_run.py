"""Running the real `prepdeck` in a subprocess with a timeout, as the hostile-input tests do:
a hang fails the test instead of freezing the suite, and every run is checked for a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_SECONDS = 60  # generous for a loaded CI machine; a hang is still caught


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def prepdeck(
    *args: str | Path,
    home: Path,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    merge_stderr: bool = False,
    extra_env: dict[str, str] | None = None,
    **popen,
) -> Run:
    """`prepdeck ARGS` with PREPDECK_HOME=home; `merge_stderr` interleaves both streams as a terminal would."""
    env = {**os.environ, **(extra_env or {}), "PREPDECK_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "prepdeck", *map(str, args)],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
        timeout=TIMEOUT_SECONDS,
        env=env,
        cwd=cwd,
        **popen,
    )
    err = "" if merge_stderr else result.stderr.decode(errors="replace")
    run = Run(result.returncode, result.stdout.decode(errors="replace"), err)
    assert "Traceback" not in run.text, run.text
    assert run.code != 70, run.text
    return run
