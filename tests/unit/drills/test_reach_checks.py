"""What reaches the final image: pruned node_modules, the package `python -m` runs, the
.dockerignore's exclusions, the owner of a path under the WORKDIR, a healthcheck script's URL."""

from __future__ import annotations

import textwrap

from prepdeck.content import model as m
from prepdeck.drills import check_drill

NODE_BUILD = """\
FROM node:22.12.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build && npm prune --omit=dev

FROM gcr.io/distroless/nodejs22-debian12:nonroot
WORKDIR /app
COPY --from=build --chown=65532:65532 /app/dist ./dist
COPY --from={modules_from} --chown=65532:65532 /app/node_modules ./node_modules
CMD ["dist/server.js"]
"""


def drill(*requirements: dict, files=(), dockerignore=None) -> m.Drill:
    data = {
        "id": "demo",
        "title": "Demo",
        "instructions": "Fix it.",
        "starter": "s",
        "solution": "s",
        "requirements": [
            {"id": f"req-{i}", "message": f"requirement {i}", **r} for i, r in enumerate(requirements)
        ],
    }
    if files:
        data["context"] = {"files": list(files)}
        if dockerignore is not None:
            data["context"]["dockerignore"] = dockerignore
    return m.Drill.model_validate(data)


def judge(the_drill: m.Drill, text: str, **kwargs):
    return check_drill(the_drill, textwrap.dedent(text).lstrip("\n"), **kwargs).requirements[0]


NODE_FILES = ["package.json", "package-lock.json", "tsconfig.json", "src/server.ts"]


def test_node_modules_copied_from_the_unpruned_stage_still_hold_dev_dependencies():
    pruned = drill({"check": "no_dev_dependencies"}, files=NODE_FILES)
    assert judge(pruned, NODE_BUILD.format(modules_from="build")).met
    result = judge(pruned, NODE_BUILD.format(modules_from="deps"))
    assert not result.met and result.span.line == 13
    assert "/app/node_modules (line 13) still holds the devDependencies" in result.reason
    assert "copied from stage `deps`" in result.reason


def test_an_install_that_omits_dev_dependencies_needs_no_prune():
    text = """\
    FROM node:22-bookworm-slim
    WORKDIR /app
    COPY package*.json ./
    RUN npm ci --omit=dev
    CMD ["node", "server.js"]
    """
    assert judge(drill({"check": "no_dev_dependencies"}, files=NODE_FILES), text).met


def test_owner_of_a_path_relative_to_the_final_workdir():
    owned = drill({"check": "image_has_file", "params": {"path": "dist", "owner": "65532"}}, files=NODE_FILES)
    assert judge(owned, NODE_BUILD.format(modules_from="build")).met
    root_owned = NODE_BUILD.format(modules_from="build").replace("--chown=65532:65532 /app/dist", "/app/dist")
    result = judge(owned, root_owned)
    assert not result.met and result.reason == "/app/dist belongs to 0:0 (line 12), not 65532"


def test_the_whole_build_folder_ships_the_source():
    lacks = drill(
        {"check": "image_lacks", "params": {"paths": ["**/src/server.ts"], "what": "the TypeScript source"}},
        files=NODE_FILES,
    )
    whole = NODE_BUILD.format(modules_from="build").replace(
        "COPY --from=build --chown=65532:65532 /app/dist ./dist", "COPY --from=build /app /app"
    )
    result = judge(lacks, whole)
    assert not result.met and "the TypeScript source is in the layer of line 12" in result.reason
    assert judge(lacks, NODE_BUILD.format(modules_from="build")).met


def test_dockerignore_must_exclude_the_env_file():
    wanted = {"check": "context_excludes", "params": {"paths": [".env"]}}
    files = ["app.py", {"path": ".env", "secret": True}]
    text = "FROM python:3.12-slim\nCOPY app.py .\n"
    missing = judge(drill(wanted, files=files), text)
    assert not missing.met
    assert (
        missing.reason
        == "there is no .dockerignore, so .env is sent to the builder with the rest of the context"
    )
    other = judge(drill(wanted, files=files, dockerignore=".git\n"), text)
    assert not other.met and "does not exclude .env" in other.reason
    assert judge(drill(wanted, files=files), text, dockerignore="**/.env\n").met
    assert not judge(drill(wanted, files=files), text, dockerignore=".env\n!.env\n").met


PYTHON_FILES = ["requirements.txt", "ledger/__init__.py", "ledger/__main__.py"]
DISTROLESS = """\
FROM python:3.11-slim-bookworm AS builder
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM gcr.io/distroless/python3-debian12:nonroot
COPY --from=builder /venv /venv
{copy}
ENV PYTHONPATH=/venv/lib/python3.11/site-packages
CMD ["-m", "ledger"]
"""


def test_python_module_must_reach_a_folder_python_searches():
    wanted = drill({"check": "module_importable", "params": {"module": "ledger"}}, files=PYTHON_FILES)
    assert judge(wanted, DISTROLESS.format(copy="WORKDIR /app\nCOPY ledger ./ledger")).met
    absent = judge(wanted, DISTROLESS.format(copy="WORKDIR /app"))
    assert not absent.met
    assert absent.reason.startswith("nothing copies the ledger package into the final image")
    elsewhere = judge(wanted, DISTROLESS.format(copy="COPY ledger /opt/ledger"))
    assert not elsewhere.met and "line 8 puts ledger at /opt/ledger" in elsewhere.reason


def test_python_module_in_a_folder_the_model_cannot_list_is_cannot_tell():
    wanted = drill({"check": "module_importable", "params": {"module": "ledger"}}, files=PYTHON_FILES)
    text = DISTROLESS.format(
        copy="ADD https://example.com/ledger.tar.gz /tmp/\nCOPY --from=builder /venv /app"
    )
    text = text.replace(
        "RUN /venv/bin/pip", "RUN curl -fsSL https://example.com/app.tgz | tar -xz -C /venv && /venv/bin/pip"
    )
    result = judge(wanted, text)
    assert not result.met and result.reason.startswith("cannot tell:")


def test_healthcheck_url_inside_a_heredoc_script_counts():
    text = """\
    FROM python:3.12-slim-bookworm
    COPY <<'PY' /usr/local/bin/probe.py
    import urllib.request
    urllib.request.urlopen("http://127.0.0.1:8000/healthz", timeout=3)
    PY
    HEALTHCHECK CMD ["python", "/usr/local/bin/probe.py"]
    CMD ["python", "-m", "app"]
    """
    probes = drill({"check": "healthcheck_probes", "params": {"path": "/healthz"}})
    assert judge(probes, text).met
    wrong = judge(probes, text.replace("/healthz", "/ready"))
    assert not wrong.met and wrong.reason == "the HEALTHCHECK on line 6 never calls /healthz"
