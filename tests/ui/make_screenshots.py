"""Write screenshots/<screen>.png for every screen of the app (`make screenshots`).

Each screen is drawn at 100x32 with a fixed clock, over the built-in Docker pack (the sample pack of
the tests when the Docker pack does not load), in a throw-away data folder with three weeks of
study history. Textual saves an SVG; cairosvg turns it into the PNG. Screens whose module is not
part of this build are skipped with a note.

    python tests/ui/make_screenshots.py [--only home,stats]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "screenshots"
DOCKER_PACK = REPO / "content" / "docker"
SIZE = (100, 32)

Steps = Callable[[object], Awaitable[None]]


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause(0.2)


def _first_pack(app):
    return app.context.catalog.packs[0]


async def home(pilot) -> None:
    await _settle(pilot)


async def theory(pilot) -> None:
    pack = _first_pack(pilot.app)
    section = next((s for s in pack.sections if "```" in (s.body or "")), pack.sections[0])
    pilot.app.open_section(pack.id, section.id)
    await _settle(pilot)


async def theory_search(pilot) -> None:
    pilot.app.open_theory(_first_pack(pilot.app).id)
    await _settle(pilot)
    await pilot.press("slash", *"signal")
    await _settle(pilot)


async def stats(pilot) -> None:
    pilot.app.open_stats()
    await _settle(pilot)


async def help_screen(pilot) -> None:
    await pilot.press("f1")
    await _settle(pilot)


async def small_terminal(pilot) -> None:
    await pilot.resize_terminal(72, 20)
    await _settle(pilot)


async def review(pilot) -> None:
    pilot.app.open_review()
    await _settle(pilot)


async def review_answer(pilot) -> None:
    pilot.app.open_review()
    await _settle(pilot)
    await pilot.press("space")
    await _settle(pilot)


async def interview(pilot) -> None:
    pilot.app.open_interview(pack_id=_first_pack(pilot.app).id)
    await _settle(pilot)


async def drill(pilot) -> None:
    pack = _first_pack(pilot.app)
    pilot.app.open_drill(pack.id, pack.drills[0].id)
    await _settle(pilot)
    await pilot.pause(0.8)  # the first lint runs in a worker


async def mock(pilot) -> None:
    pilot.app.open_mock(questions=3, minutes=15)
    await _settle(pilot)


async def quiz(pilot) -> None:
    pilot.app.open_quiz(weakest=True)
    await _settle(pilot)


# name -> (the screen module that must exist, what to do)
SCREENS: dict[str, tuple[str, Steps]] = {
    "home": ("home", home),
    "theory": ("theory", theory),
    "theory-search": ("theory", theory_search),
    "stats": ("stats", stats),
    "help": ("help", help_screen),
    "small-terminal": ("guard", small_terminal),
    "review": ("review", review),
    "review-answer": ("review", review_answer),
    "interview": ("interview", interview),
    "drill": ("drill", drill),
    "mock": ("mock", mock),
    "quiz": ("quiz", quiz),
}


def _packs() -> list[Path]:
    from shell_helpers import SHELL_PACK

    from prepdeck.content.catalog import load_catalog

    docker = load_catalog([DOCKER_PACK], include_installed=False)
    return [DOCKER_PACK] if docker.packs and not docker.broken else [SHELL_PACK]


async def _shoot(name: str, steps: Steps, packs: list[Path]) -> Path:
    from shell_helpers import FixedClock, make_context, study_history

    from prepdeck.tui.app import PrepdeckApp

    clock = FixedClock()
    context = make_context(*packs, clock=clock)
    study_history(context, clock, days=21)
    context.mark_welcome_seen()
    app = PrepdeckApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await steps(pilot)
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()
        svg = app.save_screenshot(f"{name}.svg", str(OUTPUT))
    context.close()
    return Path(svg)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated screen names, e.g. home,stats")
    args = parser.parse_args()
    import cairosvg

    wanted = args.only.split(",") if args.only else list(SCREENS)
    OUTPUT.mkdir(exist_ok=True)
    packs = _packs()
    print(f"packs: {', '.join(str(pack.relative_to(REPO)) for pack in packs)}")
    for name in wanted:
        module, steps = SCREENS[name]
        if importlib.util.find_spec(f"prepdeck.tui.screens.{module}") is None:
            print(f"skipped {name}: prepdeck.tui.screens.{module} is not part of this build")
            continue
        with tempfile.TemporaryDirectory(prefix="prepdeck-shots-") as home_dir:
            os.environ["PREPDECK_HOME"] = home_dir
            svg = asyncio.run(_shoot(name, steps, packs))
        png = OUTPUT / f"{name}.png"
        cairosvg.svg2png(url=str(svg), write_to=str(png))
        svg.unlink()
        print(f"wrote {png.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
