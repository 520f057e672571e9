"""`prepdeck pack import-csv` of 100,000 rows, beside reading the same file with the csv module.

The figure: the whole import (read, check every row, make ids, write the pack) under 10 s. The
reference measured in the same run is `csv.reader` alone over the same file: the floor any
import has to pay. The written pack must also load and pass `pack check` (it is split into
include files under the loader's size limit), which is checked and timed too.
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from prepdeck.content.check import check_pack
from prepdeck.content.loader import load_pack
from prepdeck.interop.csv_import import import_csv

ROWS = 100_000
TARGET_SECONDS = 10.0


def write_rows(path: Path) -> None:
    rng = random.Random(7)
    words = [
        "layer",
        "image",
        "cache",
        "stage",
        "volume",
        "network",
        "build",
        "context",
        "tag",
        "digest",
        "entrypoint",
        "signal",
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["front", "back", "tags"])
        for number in range(ROWS):
            topic = " ".join(rng.choices(words, k=4))
            writer.writerow(
                [
                    f"Card {number}: what does '{topic}' mean?",
                    f'It means {topic}.\nSee the section on {rng.choice(words)}: "quoted" text, too.',
                    " ".join(rng.sample(words, 2)),
                ]
            )


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "cards.csv"
        write_rows(source)
        start = time.perf_counter()
        with source.open(newline="", encoding="utf-8") as handle:
            rows = sum(1 for _ in csv.reader(handle))
        reference = time.perf_counter() - start

        start = time.perf_counter()
        reading, written = import_csv(source, Path(folder) / "pack")
        ours = time.perf_counter() - start

        start = time.perf_counter()
        problems = check_pack(load_pack(Path(folder) / "pack"))
        checking = time.perf_counter() - start
        # The CLI the learner runs, once, for its exit code.
        cli = subprocess.run(
            [sys.executable, "-m", "prepdeck", "pack", "check", str(Path(folder) / "pack")],
            capture_output=True,
            text=True,
        )
        largest = max(path.stat().st_size for path in written)
    print(
        f"rows: {rows - 1} ({len(reading.cards)} cards), written in {len(written) - 1} YAML file(s), largest {largest / 1024 / 1024:.2f} MB"
    )
    print(f"reference: csv.reader over the same file: {reference:.2f} s")
    print(
        f"prepdeck pack import-csv: {ours:.2f} s (target < {TARGET_SECONDS:.0f} s): {'met' if ours < TARGET_SECONDS else 'NOT MET'}"
    )
    print(
        f"then load + pack check: {checking:.2f} s, {len(problems)} problem(s); `prepdeck pack check` exit {cli.returncode}"
    )
    ok = ours < TARGET_SECONDS and not problems and cli.returncode == 0
    print("result:", "met" if ok else "NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
