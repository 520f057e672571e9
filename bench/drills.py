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
    {"check": "runs_as_non_root", "params": {"numeric": True}},
    {"check": "pid1_handles_signals"},
    {"check": "argv_is", "params": {"program": ["node", "dist/server.js"]}},
    {"check": "healthcheck_probes", "params": {"path": "/health"}},
    {"check": "no_secret_in_image"},
    {"check": "image_lacks", "params": {"paths": ["**/.env"]}},
    {"check": "unchanged_steps_when", "params": {"changed": "src/**", "must_not_rerun": "npm ci"}},
    {"check": "cache_mount_for", "params": {"tool": "npm"}},
    {"check": "final_base_matches", "params": {"images": ["gcr.io/distroless/*"]}},
    {"check": "arg_defined_where_used"},
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

    def padded(lines: int) -> str:
        extra = lines - TYPICAL.count("\n")
        steps = "".join(f"RUN mkdir -p /srv/step{i} && echo {i} > /srv/step{i}/n\n" for i in range(extra))
        return TYPICAL.replace(
            "FROM gcr.io/distroless", steps.replace("RUN ", "RUN ", 1) + "FROM gcr.io/distroless", 1
        )

    print(f"{len(REQUIREMENTS)} requirements (v1 and v2), every check once; medians, calls interleaved")
    for name, text, runs, limit in (
        ("60 lines", padded(60), 100, 5.0),
        ("300 lines", padded(300), 20, 20.0),
    ):
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
        verdict = "met" if figures["requirements"] < limit else "NOT MET"
        print(
            f"{name:10} requirements {figures['requirements']:6.2f} ms (target < {limit:.0f} ms: {verdict})   "
            f"check_drill {figures['check']:7.2f} ms   reference: lint_text alone {figures['lint']:7.2f} ms"
        )


if __name__ == "__main__":
    main()
