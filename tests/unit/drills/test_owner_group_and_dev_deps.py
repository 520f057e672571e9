"""Build facts behind drill verdicts (issue 11, session 5): who may change the code, which group
may write a data folder, whether a build still has its compiler, and which users a stage has."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepdeck.content.catalog import load_catalog
from prepdeck.drills import check_drill

PACK = Path(__file__).resolve().parents[3] / "content" / "docker"

TS_DEPS = (
    "FROM node:22-bookworm-slim AS deps\nWORKDIR /opt/svc\nCOPY package.json package-lock.json ./\n"
    "{install}\n\nFROM deps AS build\nCOPY . .\nRUN npm run build && npm prune --omit=dev\n\n"
    "FROM gcr.io/distroless/nodejs22-debian12:nonroot\nWORKDIR /opt/svc\n"
    "COPY --from=build {flags}/opt/svc/node_modules node_modules\n"
    "COPY --from=build {flags}/opt/svc/dist dist\n"
    'CMD ["dist/server.js"]\n'
)
NOTES = (
    "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY requirements.txt ./\n"
    "RUN pip install --no-cache-dir -r requirements.txt\nCOPY notes notes\n{data}\n"
    'USER 10001:10001\nCMD ["python", "-m", "notes"]\n'
)
SHOP_TAIL = (
    "WORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n"
    '{copy}\nUSER 10001:10001\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi"]\n'
)


@pytest.fixture(scope="module")
def drill():
    catalog = load_catalog([str(PACK)])
    return lambda drill_id: catalog.find_item(drill_id, "drills")[1]


def blocking(result) -> dict[str, str]:
    return {r.id: r.reason for r in result.requirements if r.blocks_pass}


# -- code the runtime user owns can be changed by it, whatever its mode ------------------------


@pytest.mark.parametrize(
    "flags",
    ["--chown=65532 ", "--chown=nonroot:nonroot --chmod=a-w ", "--chmod=0444 --chown=65532:65532 "],
    ids=["uid-only", "by-name-read-only", "numeric-0444"],
)
def test_three_stage_output_owned_by_the_app_user_fails(drill, flags):
    text = TS_DEPS.format(install="RUN npm ci", flags=flags)
    reasons = blocking(check_drill(drill("d-node-ts-three-stage"), text))
    assert set(reasons) == {"dist-root-owned", "modules-root-owned"}
    assert "uid 65532 owns /opt/svc/dist" in reasons["dist-root-owned"]


@pytest.mark.parametrize("flags", ["", "--chown=0:0 ", "--chown=root "], ids=["plain", "zero", "root-name"])
def test_three_stage_output_left_to_root_passes(drill, flags):
    result = check_drill(drill("d-node-ts-three-stage"), TS_DEPS.format(install="RUN npm ci", flags=flags))
    assert result.passed, blocking(result)


# -- a build that needs devDependencies --------------------------------------------------------


@pytest.mark.parametrize(
    "install",
    [
        "ENV NODE_ENV=production\nRUN npm ci",
        "RUN NODE_ENV=production npm ci",
        "RUN npm ci --omit=dev",
        "ENV npm_config_production=true\nRUN npm install",
    ],
    ids=["env-line", "inline-env", "omit-dev", "npm-config"],
)
def test_build_without_dev_dependencies_fails(drill, install):
    reasons = blocking(check_drill(drill("d-node-ts-three-stage"), TS_DEPS.format(install=install, flags="")))
    assert "prune-dev" in reasons
    assert "without devDependencies" in reasons["prune-dev"]


def test_production_env_with_dev_included_still_builds(drill):
    text = TS_DEPS.format(install="ENV NODE_ENV=production\nRUN npm ci --include=dev", flags="")
    result = check_drill(drill("d-node-ts-three-stage"), text)
    assert result.passed, blocking(result)


# -- a data folder writable by its owner alone --------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "RUN install -d -m 0775 -o 10001 -g 0 /var/lib/notes",
        "RUN mkdir -p /var/lib/notes && chown 10001:root /var/lib/notes && chmod 0775 /var/lib/notes",
        "RUN mkdir /var/lib/notes && chown 10001 /var/lib/notes && chgrp 50 /var/lib/notes"
        " && chmod g+w /var/lib/notes",
    ],
    ids=["install-root-group", "chown-root-group", "chgrp-50"],
)
def test_data_folder_writable_by_another_group_fails(drill, data):
    reasons = blocking(check_drill(drill("d-volume-data-dir"), NOTES.format(data=data)))
    assert list(reasons) == ["data-private"]
    assert "lets its group write /var/lib/notes" in reasons["data-private"]


def test_data_folder_writable_by_a_group_of_unknown_number_is_not_passed(drill):
    data = "RUN mkdir /var/lib/notes && chown 10001 /var/lib/notes && chgrp staff /var/lib/notes && chmod 775 /var/lib/notes"
    reasons = blocking(check_drill(drill("d-volume-data-dir"), NOTES.format(data=data)))
    assert reasons["data-private"].startswith("cannot tell")


@pytest.mark.parametrize(
    "data",
    [
        "RUN install -d -m 0770 -o 10001 -g 10001 /var/lib/notes",
        "RUN mkdir -p /var/lib/notes && chown 10001:10001 /var/lib/notes && chmod 2775 /var/lib/notes",
        "RUN mkdir -p -m 0700 /var/lib/notes && chown 10001:0 /var/lib/notes",
    ],
    ids=["own-group-770", "own-group-setgid", "root-group-read-only"],
)
def test_data_folder_of_the_owner_and_its_own_group_passes(drill, data):
    result = check_drill(drill("d-volume-data-dir"), NOTES.format(data=data))
    assert result.passed, blocking(result)


# -- the users a stage has ----------------------------------------------------------------------


def test_chown_to_a_user_made_in_another_stage_stops_the_build(drill):
    text = (
        "FROM python:3.12-slim-bookworm AS users\nRUN useradd --uid 10001 --user-group shop\n\n"
        "FROM python:3.12-slim-bookworm\n" + SHOP_TAIL.format(copy="COPY --chown=shop . .")
    )
    reasons = blocking(check_drill(drill("d-non-root-chown"), text))
    assert "which only stage `users` creates" in reasons["non-root"]


@pytest.mark.parametrize(
    "users",
    ["RUN useradd --system shop", "RUN adduser --disabled-password --gecos '' shop"],
    ids=["useradd", "adduser"],
)
def test_user_created_without_the_fixed_uid_fails(drill, users):
    text = "FROM python:3.12-slim-bookworm\n" + users + "\n" + SHOP_TAIL.format(copy="COPY . .")
    reasons = blocking(check_drill(drill("d-non-root-chown"), text))
    assert "without a fixed uid" in reasons["non-root"]


def test_user_created_with_another_uid_fails(drill):
    text = "FROM python:3.12-slim-bookworm\nRUN useradd -u 1500 shop\n" + SHOP_TAIL.format(copy="COPY . .")
    assert "with uid 1500, not 10001" in blocking(check_drill(drill("d-non-root-chown"), text))["non-root"]


def test_user_made_in_the_final_stage_with_the_fixed_uid_passes(drill):
    text = (
        "FROM python:3.12-slim-bookworm\nRUN groupadd -g 10001 shop && useradd -u 10001 -g shop -M shop\n"
        + SHOP_TAIL.format(copy="COPY --chown=shop:shop . .")
    )
    result = check_drill(drill("d-non-root-chown"), text)
    assert result.passed, blocking(result)


# -- secrets written into the Dockerfile, or copied under a credential's name -------------------

BILLING = (
    "FROM python:3.12-slim-bookworm\nENV DATABASE_URL_FILE=/run/secrets/database_url\n"
    "WORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n"
    'COPY billing billing\n{extra}\nUSER 10001:10001\nCMD ["python", "-m", "billing"]\n'
)


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ('LABEL maintainer.api_token="tok-4f9a1c2e"', "named like a secret"),
        ("LABEL com.example.dsn=mysql://app:Secr3t@db:3306/app", "a password inside a URL"),
        ("RUN echo 'sk_live_51HxAbCdEfGhIjKlMnOp' > /etc/stripe.key", "in the image history"),
        (
            'HEALTHCHECK CMD ["curl", "-f", "https://ops:hunter22@localhost:8000/health"]',
            "in the image history",
        ),
        ("COPY .env.staging /app/config.env", "which this drill's context does not list"),
        ('ARG SENTRY_DSN\nRUN SENTRY_DSN="$SENTRY_DSN" python -m billing.smoke', "connection string"),
        ("ARG PG_URL\nRUN python -m billing.migrate", "connection string"),
    ],
    ids=[
        "label-name",
        "label-url",
        "run-echo",
        "healthcheck-url",
        "unlisted-env-file",
        "arg-dsn",
        "arg-pg-url",
    ],
)
def test_secret_outside_arg_and_env_fails(drill, extra, said):
    result = check_drill(drill("d-secrets-out-of-env"), BILLING.format(extra=extra), dockerignore=".env\n")
    assert said in blocking(result)["no-secrets"]


@pytest.mark.parametrize(
    "extra",
    [
        'LABEL org.opencontainers.image.source="https://example.com/billing" api.token-file=/run/secrets/t',
        "RUN echo 'postgres://billing@db:5432/billing' > /app/dsn.example",
        "COPY .env.example ./",
        "ARG API_BASE_URL=https://api.example.com\nRUN echo $API_BASE_URL > /app/api-url",
    ],
    ids=["pointer-labels", "url-without-password", "example-env", "plain-url-arg"],
)
def test_harmless_look_alikes_pass(drill, extra):
    result = check_drill(drill("d-secrets-out-of-env"), BILLING.format(extra=extra), dockerignore=".env\n")
    assert "no-secrets" not in blocking(result)


# -- the digest CI resolved ---------------------------------------------------------------------

MIRROR = "registry.example.com/mirror/library/python:3.12-slim-bookworm"
RESOLVED = "sha256:7d3c5a0e9b1f2c4d6e8a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e"


@pytest.mark.parametrize(
    ("reference", "passes"),
    [
        (f"{MIRROR}@{RESOLVED}", True),
        ("${BASE}", True),
        (f"{MIRROR}@{RESOLVED[:-2]}e1", False),
        (f"registry.example.com/mirror/library/python@{RESOLVED[:-1]}0", False),
    ],
    ids=["resolved", "through-arg", "swapped-digits", "untagged-other"],
)
def test_only_the_resolved_digest_passes(drill, reference, passes):
    text = (
        f"ARG BASE={MIRROR}@{RESOLVED}\nFROM {reference}\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n"
        'USER 10001:10001\nCMD ["python", "-m", "scheduler"]\n'
    )
    reasons = blocking(check_drill(drill("d-registry-mirror-digest"), text))
    assert ("by-digest" not in reasons) is passes, reasons


# -- single quotes keep $TARGETARCH literal -----------------------------------------------------


@pytest.mark.parametrize(
    ("assignment", "passes"),
    [
        ("GOARCH=$TARGETARCH", True),
        ('GOARCH="$TARGETARCH"', True),
        ("GOARCH=${TARGETARCH}", True),
        ("GOARCH='$TARGETARCH'", False),
        ("GOARCH=\\$TARGETARCH", False),
    ],
    ids=["bare", "double", "braced", "single", "escaped"],
)
def test_goarch_is_expanded_as_the_shell_does(drill, assignment, passes):
    text = (
        "FROM --platform=$BUILDPLATFORM golang:1.24-bookworm AS build\nARG TARGETOS TARGETARCH\n"
        "WORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n"
        f"RUN CGO_ENABLED=0 GOOS=$TARGETOS {assignment} go build -o /out/gateway ./cmd/gateway\n\n"
        "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/gateway /gateway\n"
        'ENTRYPOINT ["/gateway"]\n'
    )
    reasons = blocking(check_drill(drill("d-multiarch-go-cross"), text))
    assert ("goarch-from-target" not in reasons) is passes, reasons


# -- only the folder the app writes is its own --------------------------------------------------

WORKER = (
    "FROM node:22.12.0-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
    "RUN npm ci --omit=dev\nCOPY . .\n{extra}\nRUN install -d -o 1000 -g 1000 /app/uploads\n"
    'ENV npm_config_cache=/tmp/.npm\nUSER 1000:1000\nCMD ["node", "worker.js"]\n'
)


@pytest.mark.parametrize(
    ("extra", "passes"),
    [
        ("", True),
        ("RUN install -d -o 1000 -g 1000 /app/uploads/thumbs", True),
        ("RUN chown -R node /app/node_modules", False),
        ("RUN chmod -R g+w lib && chgrp -R 1000 lib", False),
        ("RUN chown 1000 /app/worker.js", False),
    ],
    ids=["plain", "inside-uploads", "modules-to-node", "lib-group-writable", "entry-file"],
)
def test_the_app_user_owns_only_uploads(drill, extra, passes):
    reasons = blocking(check_drill(drill("d-node-writable-cache"), WORKER.format(extra=extra)))
    assert ("app-read-only" not in reasons) is passes, reasons


def test_a_shell_form_command_is_shown_as_written(drill):
    text = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 10001\nCMD python -m invoices --port 8080\n"
    reason = blocking(check_drill(drill("d-pin-slim-base"), text))["signals"]
    assert "CMD `python -m invoices --port 8080` in shell form (line 5)" in reason


@pytest.mark.parametrize(
    "users",
    [
        'ARG APP_UID=10001\nRUN groupadd -g 10001 shop && useradd --uid "${APP_UID}" -g shop -M shop',
        "RUN groupadd -r -g10001 shop && useradd -r -u10001 -g shop -M shop",
        "RUN useradd --uid=10001 --user-group --no-create-home shop",
    ],
    ids=["uid-from-arg", "attached-short-options", "long-equals"],
)
def test_fixed_uid_written_other_ways_passes(drill, users):
    text = "FROM python:3.12-slim-bookworm\n" + users + "\n" + SHOP_TAIL.format(copy="COPY . .")
    result = check_drill(drill("d-non-root-chown"), text)
    assert result.passed, blocking(result)


def test_three_stage_output_is_found_without_a_runtime_workdir(drill):
    text = (
        "FROM node:22-bookworm-slim AS deps\nWORKDIR /srv\nCOPY package.json package-lock.json ./\n"
        "RUN npm ci\nFROM deps AS build\nCOPY . .\nRUN npm run build && npm prune --omit=dev\n"
        "FROM gcr.io/distroless/nodejs22-debian12:nonroot\n"
        "COPY --from=build /srv/node_modules /srv/node_modules\nCOPY --from=build /srv/dist /srv/dist\n"
        'CMD ["/srv/dist/server.js"]\n'
    )
    result = check_drill(drill("d-node-ts-three-stage"), text)
    assert result.passed, blocking(result)
    owned = text.replace("COPY --from=build /srv/dist", "COPY --from=build --chown=65532:65532 /srv/dist")
    assert (
        "uid 65532 owns /srv/dist"
        in blocking(check_drill(drill("d-node-ts-three-stage"), owned))["dist-root-owned"]
    )


# -- a pull-through mirror keeps the official image's path; its credentials stay out -----------


def test_mirror_path_is_known_as_the_official_image(drill):
    text = f"FROM {MIRROR}@{RESOLVED}\nWORKDIR /app\nCOPY . .\nUSER 10001:10001\nCMD python -m scheduler\n"
    reason = blocking(check_drill(drill("d-registry-mirror-digest"), text))["signals"]
    assert reason.startswith("PID 1 is /bin/sh (dash in")


@pytest.mark.parametrize(
    "credential",
    [
        "ARG REGISTRY_PASSWORD",
        "ARG MIRROR_AUTH_TOKEN=",
        'ARG PIP_INDEX_URL="https://ci:s3cr3tpass@registry.example.com/simple"',
    ],
    ids=["global-password-arg", "empty-token-arg", "index-url-password"],
)
def test_mirror_credentials_in_the_dockerfile_fail(drill, credential):
    text = (
        f"{credential}\nFROM {MIRROR}@{RESOLVED}\nWORKDIR /app\nCOPY . .\nUSER 10001:10001\n"
        'CMD ["python", "-m", "scheduler"]\n'
    )
    assert "no-credentials" in blocking(check_drill(drill("d-registry-mirror-digest"), text))


# -- merged /usr by release ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "passes"),
    [
        ("python:3.11-slim-bookworm", True),
        ("python:3.12-slim", True),
        ("python:3.11-slim-bullseye", False),
        ("python:3.9-buster", False),
    ],
    ids=["bookworm", "current", "bullseye", "buster"],
)
def test_bin_tini_is_usr_bin_tini_only_where_usr_is_merged(drill, base, passes):
    text = (
        f"FROM {base}\nRUN apt-get update && apt-get install -y --no-install-recommends tini"
        " && rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY . .\nUSER 10001:10001\n"
        'ENTRYPOINT ["/bin/tini", "--", "/app/docker-entrypoint.sh"]\nCMD ["python", "-m", "api"]\n'
    )
    reasons = blocking(check_drill(drill("d-stop-timeout"), text))
    assert ("server-gets-sigterm" not in reasons) is passes, reasons


# -- pip: the requirements file must be there; a read-only cache keeps nothing -----------------

REPORTS = (
    "# syntax=docker/dockerfile:1\nFROM python:3.12-slim-bookworm\nWORKDIR /app\n{steps}\n"
    'COPY . .\nUSER 10001:10001\nCMD ["python", "-m", "reports"]\n'
)


@pytest.mark.parametrize(
    ("steps", "passes"),
    [
        (
            "COPY requirements.txt /\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r /requirements.txt",
            True,
        ),
        (
            "COPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt",
            True,
        ),
        (
            "RUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt"
            " --mount=type=cache,target=/root/.cache/pip pip install -r /tmp/r.txt",
            True,
        ),
        ("RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt", False),
        (
            "COPY requirements.txt /tmp/\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt",
            False,
        ),
    ],
    ids=["copied-to-root", "copied-here", "bind-mounted", "never-copied", "copied-elsewhere"],
)
def test_pip_needs_its_requirements_file(drill, steps, passes):
    result = check_drill(drill("d-pip-cache-mount"), REPORTS.format(steps=steps))
    assert result.passed is passes, blocking(result)
    if not passes:
        assert "so the build stops" in blocking(result)["cache-mount"]


@pytest.mark.parametrize("option", ["ro", "readonly", "readonly=true"])
def test_read_only_cache_mount_keeps_nothing(drill, option):
    steps = f"COPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip,{option} pip install -r requirements.txt"
    reason = blocking(check_drill(drill("d-pip-cache-mount"), REPORTS.format(steps=steps)))["cache-mount"]
    assert "is read-only" in reason


@pytest.mark.parametrize(
    ("image", "passes"),
    [
        ("python:3.12-slim", True),
        ("python:3.12.8-slim-bookworm", True),
        ("python:3-slim", False),
        ("python:3-slim-bookworm", False),
    ],
)
def test_python_tag_needs_the_minor_version(drill, image, passes):
    text = f'FROM {image}\nWORKDIR /app\nCOPY . .\nUSER 10001\nCMD ["python", "-m", "invoices"]\n'
    reasons = blocking(check_drill(drill("d-pin-slim-base"), text))
    assert ("base-pinned" not in reasons) is passes, reasons
