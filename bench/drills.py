"""How long checking a drill takes per keystroke, beside a bare lint run of the same text.

`check_drill` is one parse, one lint run, then every requirement walks the model; the reference
measured in the same run is `lint_text` alone on the same text, so the difference is the cost of
the requirements themselves. Typing should stay well under one 60 Hz frame (16 ms).
"""

from __future__ import annotations

import statistics
import time

from prepdeck.content import model as m
from prepdeck.drills import check_drill
from prepdeck.drills.evaluate import drill_lint_config, evaluate_requirement
from prepdeck.drills.subject import Subject
from prepdeck.lint import lint_text

REQUIREMENTS = [
    {"check": "min_stages", "params": {"count": 2}},
    {"check": "final_user_not_root"},
    {"check": "instruction_present", "params": {"instruction": "HEALTHCHECK", "args_regex": "^CMD"}},
    {"check": "instruction_absent", "params": {"instruction": "ADD", "stage": "any"}},
    {"check": "exec_form"},
    {"check": "base_image_pinned", "params": {"stage": "final", "match": ["gcr.io/distroless/*"]}},
    {"check": "copy_before_run", "params": {"copy": "package*.json", "run": "npm ci"}},
    {"check": "run_mount", "params": {"type": "cache", "run": "npm ci"}},
    {"check": "no_secrets"},
    {"check": "rule_absent", "params": {"codes": ["DL3007", "DL3008"]}},
    {"check": "max_level", "params": {"level": "warning"}},
    {"check": "regex", "params": {"pattern": r"curl [^|]*\|\s*sh", "must_match": False}},
]

TYPICAL = """\
# syntax=docker/dockerfile:1
ARG NODE_VERSION=22
FROM node:${NODE_VERSION}-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM gcr.io/distroless/nodejs22-debian12:nonroot
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build --chown=nonroot:nonroot /app/dist ./dist
COPY --from=deps /app/node_modules ./node_modules
HEALTHCHECK --interval=30s CMD ["/nodejs/bin/node", "dist/health.js"]
USER nonroot
EXPOSE 8080
CMD ["dist/server.js"]
"""


def drill() -> m.Drill:
    listed = [{"id": f"r{i}", "message": "m", **requirement} for i, requirement in enumerate(REQUIREMENTS)]
    return m.Drill.model_validate(
        {
            "id": "bench",
            "title": "bench",
            "instructions": "i",
            "starter": "s",
            "solution": "s",
            "requirements": listed,
        }
    )


def interleaved_medians(functions: dict, runs: int) -> dict[str, float]:
    """Median milliseconds of each function, calling them in turn so machine load hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    the_drill = drill()
    check_drill(the_drill, TYPICAL)  # load the rule registry once, as the editor does at start
    config = drill_lint_config(the_drill)
    large = TYPICAL + "".join(f"RUN echo step {i} && apt-get install -y pkg{i}\n" for i in range(300))
    print(f"{len(REQUIREMENTS)} requirements, every check once; medians, calls interleaved")
    for name, text, runs in (("typical (22 lines)", TYPICAL, 200), ("large (322 lines)", large, 10)):
        linted = lint_text(text, config=config)

        def requirements_only() -> None:
            subject = Subject(linted.dockerfile.text, linted.dockerfile, linted.findings)
            for requirement in the_drill.requirements:
                evaluate_requirement(requirement, subject)

        figures = interleaved_medians(
            {
                "check": lambda: check_drill(the_drill, text),
                "lint": lambda: lint_text(text, config=config),
                "requirements": requirements_only,
            },
            runs,
        )
        print(
            f"{name:20} check_drill {figures['check']:7.2f} ms   of which requirements {figures['requirements']:6.2f} ms   "
            f"reference: lint_text alone {figures['lint']:7.2f} ms"
        )


if __name__ == "__main__":
    main()
