"""Files named in the drills issue, written fresh: each broken one fails on the build fact a
learner must see (a first batch; the rest of the issue's list is still to come)."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.content.catalog import load_catalog
from prepdeck.drills import check_drill

PACK = Path(__file__).resolve().parents[3] / "content" / "docker"


@pytest.fixture(scope="module")
def drills():
    catalog = load_catalog([str(PACK)])
    return lambda drill_id: catalog.find_item(drill_id, "drills")[1]


def reasons(result) -> str:
    return " | ".join(r.reason for r in result.requirements if r.blocks_pass)


def test_tini_named_but_never_installed(drills):
    text = (
        "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\n"
        'ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["node", "server.js"]\n'
    )
    result = check_drill(drills("d-exec-form-init"), text)
    assert not result.passed
    assert "runs /usr/bin/tini, but" in reasons(result)


def test_entrypoint_sh_c_ignores_cmd(drills):
    text = (
        "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY . .\n"
        'ENTRYPOINT ["sh", "-c", "python -m inventory serve"]\nCMD ["serve", "--port", "8080"]\n'
    )
    result = check_drill(drills("d-entrypoint-subcommand"), text)
    assert not result.passed
    assert (
        "PID 1 is sh (dash in python:3.12-slim-bookworm), which does not pass SIGTERM on to python"
        in reasons(result)
    )


def test_one_json_item_with_spaces_cannot_start(drills):
    text = (
        "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY . .\n"
        'ENTRYPOINT ["python -m inventory"]\nCMD ["serve"]\n'
    )
    result = check_drill(drills("d-entrypoint-subcommand"), text)
    assert not result.passed
    assert "`python -m inventory` is one JSON item" in reasons(result)


def test_healthcheck_true_never_probes(drills):
    text = (
        "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY requirements.txt ./\n"
        "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER 10001:10001\nEXPOSE 8000\n"
        'HEALTHCHECK --start-period=20s CMD ["true"]\n'
        'CMD ["uvicorn", "catalog.main:app", "--host", "0.0.0.0", "--port", "8000"]\n'
    )
    result = check_drill(drills("d-healthcheck-web"), text)
    assert not result.passed
    assert "`true` always succeeds, so the HEALTHCHECK on line 8 never probes the service" in reasons(result)


def test_curl_healthcheck_in_an_image_without_curl(drills):
    text = (
        "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY requirements.txt ./\n"
        "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER 10001:10001\nEXPOSE 8000\n"
        'HEALTHCHECK --start-period=20s CMD ["curl", "-fsS", "http://127.0.0.1:8000/healthz"]\n'
        'CMD ["uvicorn", "catalog.main:app", "--host", "0.0.0.0", "--port", "8000"]\n'
    )
    result = check_drill(drills("d-healthcheck-web"), text)
    assert not result.passed
    assert "the HEALTHCHECK on line 8 runs curl, but" in reasons(result)
    assert "nothing in the Dockerfile installs it" in reasons(result)


def test_logs_linked_to_proc_self_fd_pass(drills):
    text = (
        "FROM python:3.12-slim-bookworm\nWORKDIR /opt/legacy\nCOPY requirements.txt ./\n"
        "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
        "RUN mkdir -p /var/log/legacy && ln -s /proc/self/fd/1 /var/log/legacy/access.log \\\n"
        " && ln -s /proc/self/fd/2 /var/log/legacy/error.log\n"
        'ENV PYTHONUNBUFFERED=1\nUSER 10001:10001\nCMD ["python", "legacy_server.py"]\n'
    )
    result = check_drill(drills("d-log-to-stdout"), text)
    assert result.passed, reasons(result)


def test_pip_cache_dir_with_a_matching_cache_mount_passes(drills):
    text = (
        "# syntax=docker/dockerfile:1\nFROM python:3.12-slim-bookworm\nWORKDIR /app\n"
        "ENV PIP_CACHE_DIR=/var/cache/pip\nCOPY requirements.txt ./\n"
        "RUN --mount=type=cache,target=/var/cache/pip pip install -r requirements.txt\n"
        'COPY . .\nUSER 10001:10001\nCMD ["python", "-m", "reports"]\n'
    )
    result = check_drill(drills("d-pip-cache-mount"), text)
    assert result.passed, reasons(result)
    moved = text.replace("target=/var/cache/pip", "target=/root/.cache/pip")
    assert not check_drill(drills("d-pip-cache-mount"), moved).passed


GO_CROSS = """\
FROM --platform=$BUILDPLATFORM golang:1.24-bookworm as build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
{args}
ENV CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH
RUN go build -o /out/gateway ./cmd/gateway

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/gateway /gateway
ENTRYPOINT ["/gateway"]
"""


def test_goarch_through_env_lowercase_as_and_nonroot_without_user_pass(drills):
    result = check_drill(drills("d-multiarch-go-cross"), GO_CROSS.format(args="ARG TARGETOS TARGETARCH"))
    assert result.passed, reasons(result)


def test_targetarch_declared_only_before_from_builds_for_the_wrong_arch(drills):
    text = "ARG TARGETOS\nARG TARGETARCH\n" + GO_CROSS.format(args="")
    result = check_drill(drills("d-multiarch-go-cross"), text)
    assert not result.passed
    assert "TARGETARCH" in reasons(result)


def test_env_home_tmp_for_the_npm_cache_passes(drills):
    text = (
        "FROM node:22.12.0-bookworm-slim\nENV NODE_ENV=production HOME=/tmp\nWORKDIR /app\n"
        "COPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\n"
        "RUN mkdir -p /app/uploads && chown 1000:1000 /app/uploads\n"
        'USER 1000:1000\nCMD ["node", "worker.js"]\n'
    )
    result = check_drill(drills("d-node-writable-cache"), text)
    assert result.passed, reasons(result)
    assert not check_drill(drills("d-node-writable-cache"), text.replace(" HOME=/tmp", "")).passed


def test_token_written_from_a_secret_mount_into_app_npmrc_stays_in_its_layer(drills):
    text = (
        "# syntax=docker/dockerfile:1\nFROM node:22.12.0-bookworm-slim\nWORKDIR /app\n"
        "COPY package.json package-lock.json ./\n"
        "RUN --mount=type=secret,id=npm_token \\\n"
        '    echo "//registry.npmjs.org/:_authToken=$(cat /run/secrets/npm_token)" > /app/.npmrc \\\n'
        " && npm ci --omit=dev\n"
        'COPY . .\nUSER 1000:1000\nCMD ["node", "server.js"]\n'
    )
    result = check_drill(drills("d-build-secret-npm"), text)
    assert not result.passed
    assert "/app/.npmrc" in reasons(result)


def test_cgo_disabled_only_in_a_comment_is_not_static(drills):
    text = (
        "FROM golang:1.24-bookworm AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\n"
        "COPY . .\n# CGO_ENABLED=0 for a static binary\nRUN go build -o /out/api ./cmd/api\n\n"
        "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/api /api\n"
        'USER 65532:65532\nEXPOSE 8080\nENTRYPOINT ["/api"]\n'
    )
    result = check_drill(drills("d-go-static-scratch"), text)
    assert not result.passed
    assert "cgo" in reasons(result).lower()


LAYER_ORDER = """\
FROM node:22.12.0-bookworm-slim
WORKDIR /app
{before}
RUN npm ci --omit=dev
{after}
USER 1000:1000
EXPOSE 3000
CMD ["node", "server.js"]
"""


def test_bind_mounted_manifests_for_npm_ci_pass(drills):
    text = LAYER_ORDER.format(
        before="",
        after="COPY . .",
    ).replace(
        "RUN npm ci",
        "RUN --mount=type=bind,source=package.json,target=package.json "
        "--mount=type=bind,source=package-lock.json,target=package-lock.json npm ci",
    )
    result = check_drill(
        drills("d-layer-order-node"),
        "# syntax=docker/dockerfile:1\n" + text,
        dockerignore="node_modules\n.git\n.env\ncoverage\n*.log\n",
    )
    assert result.passed, reasons(result)


def test_lockfile_copied_after_npm_ci(drills):
    text = LAYER_ORDER.format(before="COPY package.json ./", after="COPY package-lock.json ./\nCOPY . .")
    result = check_drill(
        drills("d-layer-order-node"), text, dockerignore="node_modules\n.git\n.env\ncoverage\n*.log\n"
    )
    assert not result.passed
    assert "package-lock.json" in reasons(result)
