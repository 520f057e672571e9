"""How long `prepdeck pack check` takes on a large synthetic pack (target: under 1 s).

Writes a pack of 10,000 cards (every type) and 1,000 questions into a temporary folder, then times
the whole command in a fresh process, median of several runs: the first check of the pack (its
answer is not cached yet: a fresh data folder each run) and a repeated check of the unchanged pack
(answered from the check cache, `content/check_cache.py`); and the in-process load + check.
Reference measured in the same run: `yaml.safe_load` (PyYAML's pure reader, which does no checking
and keeps no positions) on the same files. Each figure says met / NOT MET against 1 s.

    python bench/pack_check.py
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CARDS = 10_000
QUESTIONS = 1_000
RUNS = 5
TARGET_SECONDS = 1.0


def card(index: int) -> str:
    kind = index % 7
    head = f"  - id: card-{index}\n    section: s{index % 20}\n    tags: [t{index % 13}]\n"
    if kind == 0:
        return (
            head + f"    type: basic\n    front: Question number {index}?\n    back: Answer number {index}.\n"
        )
    if kind == 1:
        return head + f"    type: reversed\n    front: term {index}\n    back: meaning {index}\n"
    if kind == 2:
        return (
            head
            + f'    type: cloze\n    text: "The {{{{c1::answer {index}}}}} goes {{{{c2::here::where}}}}."\n'
        )
    if kind == 3:
        return head + f'    type: type_in\n    prompt: Type {index}\n    answers: ["a{index}", "b{index}"]\n'
    if kind in (4, 5):
        name = "choice" if kind == 4 else "multi_choice"
        return head + (
            f"    type: {name}\n    prompt: Pick {index}\n    options:\n"
            f"      - {{text: right {index}, correct: true, why: it is right}}\n"
            f"      - {{text: wrong {index}, why: it is wrong}}\n"
        )
    return (
        head
        + f"    type: order\n    prompt: Order {index}\n    items: [one {index}, two {index}, three {index}]\n"
    )


def question(index: int) -> str:
    return (
        f"  - id: question-{index}\n    section: s{index % 20}\n    level: mid\n"
        f"    prompt: Explain topic {index}.\n"
        f"    model_answer: Topic {index} keeps layers cached and the final image small, running as a non-root user.\n"
        "    key_points:\n"
        "      - {id: cache, label: cache, aliases: [layers cached, cache]}\n"
        "      - {id: small, label: small image, aliases: [image small, fewer megabytes]}\n"
        "      - {id: user, label: non-root, aliases: [non-root user, not root]}\n"
        "    misconceptions: [secrets are safe in layers]\n"
    )


def write_pack(folder: Path) -> None:
    sections = "".join(f"  - id: s{n}\n    title: Section {n}\n    body: Text {n}.\n" for n in range(20))
    (folder / "pack.yaml").write_text(
        'format: 1\npack:\n  id: big\n  title: Big\n  version: "1.0.0"\ninclude: [cards.yaml, questions.yaml]\n'
        "sections:\n" + sections
    )
    (folder / "cards.yaml").write_text("cards:\n" + "".join(card(n) for n in range(CARDS)))
    (folder / "questions.yaml").write_text("questions:\n" + "".join(question(n) for n in range(QUESTIONS)))


def median_seconds(action, runs: int = RUNS) -> tuple[float, float]:
    """Median wall time and median CPU time (this process and its children) of `action`.

    CPU time is the figure to trust on a shared machine: other processes inflate wall time only.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = _cpu()
        start = time.perf_counter()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - before)
    return statistics.median(walls), statistics.median(cpus)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def verdict(seconds: float) -> str:
    return "met" if seconds < TARGET_SECONDS else "NOT MET"


def main() -> None:
    import yaml

    from prepdeck.content.check import check_pack
    from prepdeck.content.loader import load_pack

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "pack"
        folder.mkdir()
        write_pack(folder)
        result = check_pack(load_pack(folder))
        assert not result, result[:3]
        command = [sys.executable, "-m", "prepdeck", "pack", "check", str(folder)]
        env = {**os.environ}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed prepdeck has its bytecode compiled
        homes = iter(range(1000))

        def first_check() -> None:
            home = Path(temp) / f"home-{next(homes)}"  # nothing cached: the pack is parsed
            subprocess.run(command, check=True, capture_output=True, env={**env, "PREPDECK_HOME": str(home)})

        warm_env = {**env, "PREPDECK_HOME": str(Path(temp) / "home-warm")}
        subprocess.run(command, check=True, capture_output=True, env=warm_env)  # fills the cache

        def repeated_check() -> None:
            subprocess.run(command, check=True, capture_output=True, env=warm_env)

        first = median_seconds(first_check, runs=3)
        repeated = median_seconds(repeated_check, runs=5)
        in_process = median_seconds(lambda: check_pack(load_pack(folder)), runs=3)
        reference = median_seconds(
            lambda: [yaml.safe_load(path.read_text()) for path in folder.glob("*.yaml")], runs=3
        )
    print(f"pack check, {CARDS:,} cards + {QUESTIONS:,} questions            wall      cpu")
    print(
        f"  first check (fresh process):      {first[0] * 1000:8.0f} ms {first[1] * 1000:6.0f} ms   "
        f"target < {TARGET_SECONDS * 1000:.0f} ms: {verdict(first[1])} (cpu)"
    )
    print(
        f"  repeated check, unchanged pack:   {repeated[0] * 1000:8.0f} ms {repeated[1] * 1000:6.0f} ms   "
        f"target < {TARGET_SECONDS * 1000:.0f} ms: {verdict(repeated[1])} (cpu)"
    )
    print(
        f"  load + check in process:          {in_process[0] * 1000:8.0f} ms {in_process[1] * 1000:6.0f} ms"
    )
    print(
        f"  reference, yaml.safe_load only:   {reference[0] * 1000:8.0f} ms {reference[1] * 1000:6.0f} ms   "
        "(PyYAML's own reader, no checks, no positions)"
    )


if __name__ == "__main__":
    main()
