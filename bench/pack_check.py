"""How long `prepdeck pack check` takes on a large synthetic pack (target: under 1 s).

Writes a pack of 10,000 cards (every type) and 1,000 questions into a temporary folder, then times
the whole command in a fresh process, and the in-process load + check, median of several runs.
Reference measured in the same run: `yaml.safe_load` (PyYAML's pure reader, which does no checking
and keeps no positions) on the same files.
"""

from __future__ import annotations

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
        "      - {id: small, label: small image, aliases: [image small, smaller image]}\n"
        "      - {id: user, label: non-root, aliases: [non-root user, not root]}\n"
        "    misconceptions: [runs as root]\n"
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


def main() -> None:
    import yaml

    from prepdeck.content.check import check_pack
    from prepdeck.content.loader import load_pack

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_pack(folder)
        result = check_pack(load_pack(folder))
        assert not result, result[:3]
        command = [sys.executable, "-m", "prepdeck", "pack", "check", str(folder)]
        process = median_seconds(lambda: subprocess.run(command, check=True, capture_output=True), runs=3)
        in_process = median_seconds(lambda: check_pack(load_pack(folder)))
        reference = median_seconds(
            lambda: [yaml.safe_load(path.read_text()) for path in folder.glob("*.yaml")], runs=3
        )
    print(f"pack check, {CARDS:,} cards + {QUESTIONS:,} questions          wall      cpu")
    print(
        f"  whole command (fresh process):  {process[0] * 1000:8.0f} ms {process[1] * 1000:6.0f} ms   (target < 1000 ms)"
    )
    print(f"  load + check in process:        {in_process[0] * 1000:8.0f} ms {in_process[1] * 1000:6.0f} ms")
    print(
        f"  reference, yaml.safe_load only: {reference[0] * 1000:8.0f} ms {reference[1] * 1000:6.0f} ms   (PyYAML's own reader, no checks, no positions)"
    )


if __name__ == "__main__":
    main()
