"""Cold start to the first frame of Home, against a bare Textual app showing one Static.

Each run is a fresh Python process (so imports, pack loading and the database are all cold for
the interpreter; the OS file cache is warm for both alike). The child prints a line once its first
frame has been drawn; the parent times from spawning the process to reading that line. Both apps
run with Textual's headless driver, so no terminal is needed and neither pays for drawing to one.
Runs alternate between the two apps; the median of each is printed with their ratio, for wall
time (the issue's figure) and for the CPU time each child had used by its first frame (the figure
to trust on a machine shared with other work, where wall time mostly measures the others).

Both children run with PYTHONDONTWRITEBYTECODE unset, after one unmeasured start of each that
writes the bytecode cache, fills the pack cache and lets prepdeck finish loading (so Home's summary
of the last start exists, as it does for anyone who opened prepdeck before).

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

# Both children report the first frame the same way: Textual hands every composed frame to
# `App._display` (which, headless, writes nothing); the first one of the wanted screen with its
# content in place is the first frame.
FRAME_HOOK = """
def report_first_frame(app, is_wanted):
    display = app._display

    def hooked(screen, renderable):
        display(screen, renderable)
        if renderable is not None and is_wanted(screen):
            app._display = display
            import resource
            usage = resource.getrusage(resource.RUSAGE_SELF)
            print("first-frame", usage.ru_utime + usage.ru_stime, flush=True)
            app.exit()

    app._display = hooked
"""

BARE_APP = (
    FRAME_HOOK
    + """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

app = Bare()
report_first_frame(app, lambda screen: bool(screen.query(Static)))
app.run(headless=True)
"""
)

HOME_APP = (
    FRAME_HOOK
    + """
from prepdeck.tui.launch import build_app

app = build_app([], {})
# Home with what it shows: the packs' rows, composed from the last start's summary.
report_first_frame(app, lambda screen: type(screen).__name__ == "HomeScreen" and bool(screen.query("PackRow Label")))
app.run(headless=True)
app.context.close()
"""
)


# The unmeasured first start: runs until the worker has loaded the packs and Home saved its summary.
WARM_UP_APP = """
from prepdeck.tui.home_summary import summary_path
from prepdeck.tui.launch import build_app

app = build_app([], {})

def stop_once_loaded():
    if app.context.ready and summary_path().exists():
        print("first-frame", flush=True)
        app.exit()

app.call_later(lambda: app.set_interval(0.02, stop_once_loaded))
app.run(headless=True)
app.context.close()
"""


def time_first_frame(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall time from spawning the child to its first frame, and the CPU time the child had used
    by then (its own report: on a loaded machine, wall time mostly measures the other processes)."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("first-frame"):
            elapsed = time.perf_counter() - started
            _, _, cpu = line.partition(" ")
            break
    else:
        raise SystemExit(f"the child never drew a frame (exit code {child.wait()})")
    child.wait(timeout=30)
    return elapsed, float(cpu or "nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prepdeck-bench-") as home:
        env = {**os.environ, "PREPDECK_HOME": home}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed prepdeck has its bytecode compiled
        # One unmeasured start of each: byte-compiles, creates the database, fills the pack cache
        # and Home's summary, as any installed prepdeck has done before its second start.
        time_first_frame(WARM_UP_APP, env)
        time_first_frame(BARE_APP, env)
        bare, home_times = [], []
        for _ in range(args.runs):
            bare.append(time_first_frame(BARE_APP, env))
            home_times.append(time_first_frame(HOME_APP, env))
    for name, index in (("wall", 0), ("cpu", 1)):
        bare_median = statistics.median(run[index] for run in bare)
        home_median = statistics.median(run[index] for run in home_times)
        ratio = home_median / bare_median
        verdict = "met" if ratio <= TARGET_RATIO else "NOT MET"
        print(
            f"{name:4}  bare Textual app {bare_median * 1000:6.1f} ms, prepdeck Home {home_median * 1000:6.1f} ms "
            f"(medians of {args.runs}): {ratio:.2f}x, target within {TARGET_RATIO}x: {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
