"""Cold start to the first frame of Home, against a bare Textual app showing one Static.

Each run is a fresh Python process (so imports, pack loading and the database are all cold for
the interpreter; the OS file cache is warm for both alike). The child prints a line once its first
frame has been drawn; the parent times from spawning the process to reading that line. Both apps
run with Textual's headless driver, so no terminal is needed and neither pays for drawing to one.
Runs alternate between the two apps; the median of each is printed with their ratio.

    python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_RATIO = 1.3

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

    def on_mount(self):
        self.call_after_refresh(self.first_frame)

    def first_frame(self):
        print("first-frame", flush=True)
        self.exit()

Bare().run(headless=True)
"""

HOME_APP = """
from prepdeck.tui.launch import build_app

app = build_app([], {})

def first_frame():
    print("first-frame", flush=True)
    app.exit()

# Home is pushed in the app's on_mount; the callback runs after the frame that shows it.
app.call_later(lambda: app.call_after_refresh(first_frame))
app.run(headless=True)
app.context.close()
"""


def time_first_frame(code: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "first-frame":
            elapsed = time.perf_counter() - started
            break
    else:
        raise SystemExit(f"the child never drew a frame (exit code {child.wait()})")
    child.wait(timeout=30)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prepdeck-bench-") as home:
        env = {**os.environ, "PREPDECK_HOME": home}
        # One unmeasured start of each: byte-compiles, creates the database, fills the pack cache,
        # as any installed prepdeck has done before its second start.
        time_first_frame(HOME_APP, env)
        time_first_frame(BARE_APP, env)
        bare, home_times = [], []
        for _ in range(args.runs):
            bare.append(time_first_frame(BARE_APP, env))
            home_times.append(time_first_frame(HOME_APP, env))
    bare_median = statistics.median(bare)
    home_median = statistics.median(home_times)
    ratio = home_median / bare_median
    print(f"bare Textual app, first frame: {bare_median * 1000:7.1f} ms (median of {args.runs})")
    print(f"prepdeck Home, first frame:    {home_median * 1000:7.1f} ms (median of {args.runs})")
    print(f"ratio: {ratio:.2f}x (target: within {TARGET_RATIO}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
