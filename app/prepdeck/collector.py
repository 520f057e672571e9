"""`collector_paused()`: Python's cyclic garbage collector paused inside a block, and nowhere else.

Parsing a Dockerfile or loading a pack builds many small objects that all stay alive until the
result is returned, so each automatic collection walks an ever larger heap and frees nothing. The
pause is a measured shim, used only where a benchmark shows it matters:
- `load_pack` of bench/pack_check.py's 10,000-card pack: 798 ms CPU with the collector on,
  453 ms paused (median of 5, same run, in process);
- lint: a dense 1 MB file of RUN lines 3.26 s on, 2.36 s paused (bench/lint.py section 4's shape);
  `prepdeck lint` on the 563 corpus files 1.09 -> 0.97 s.
The collector is switched back on when the block ends, however it ends (an exception included),
unless it was already off when the block began; blocks nest. The cycles the block made are
collected later, once its result is dropped.
"""

from __future__ import annotations

import gc


class collector_paused:
    __slots__ = ("was_on",)

    def __enter__(self) -> None:
        self.was_on = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was_on:
            gc.enable()
