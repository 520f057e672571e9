"""apt-get rules (DL3008, DL3009, DL3014, DL3015, DL3027), hadolint-spec style: each case is a
Dockerfile and the exact spans the rule must report (an empty list: it must stay quiet)."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text

D = "FROM debian:12.5-slim\n"
CLEAN = " && rm -rf /var/lib/apt/lists/*"

CASES = [
    # DL3008: every unpinned package, at the package word
    (
        "DL3008",
        D
        + "RUN apt-get update && apt-get install -y --no-install-recommends curl git=1:2.39.2-1.1"
        + CLEAN
        + "\n",
        ["2:66-2:70"],
    ),
    (
        "DL3008",
        D + "RUN apt-get install -y \\\n    ca-certificates \\\n    curl=7.88.1-10+deb12u5\n",
        ["3:5-3:20"],
    ),
    ("DL3008", D + "RUN sudo apt-get install -y jq\n", ["2:29-2:31"]),
    # a wildcard for the whole version matches every version: no pin; a partial one is a pin
    ("DL3008", D + "RUN apt-get install -y 'jq=*' wget=1.21.3-1+b2 tzdata=2024*\n", ["2:24-2:30"]),
    ("DL3008", D + "RUN apt-get install -y curl=7.88.1-10+deb12u5 ./vendor/tool_1.0_amd64.deb\n", []),
    (
        "DL3008",
        D + 'RUN apt-get install -y -t bookworm-backports git/bookworm-backports "$EXTRA_PACKAGES"\n',
        ["2:69-2:86"],
    ),
    # a package list in a variable: checked word by word where its value is known
    (
        "DL3008",
        D + "ENV BUILD_DEPS='gcc=4:12.2.0-3 make'\nRUN apt-get install -y $BUILD_DEPS\n",
        ["3:24-3:35"],
    ),
    ("DL3008", D + "ARG DEPS=curl=7.88.1-10+deb12u5\nRUN apt-get install -y $DEPS\n", []),
    (
        "DL3008",
        D + "RUN set -eux; buildDeps='gcc make=4.3-4.1'; \\\n    apt-get install -y $buildDeps\n",
        ["3:24-3:34"],
    ),
    ("DL3008", D + "RUN apt-get update && apt-get download curl && apt-cache show git\n", []),
    ("DL3008", D + "RUN apt-get -o Dpkg::Options::=--force-confnew install -y vim-tiny=2:9.0.1378-2\n", []),
    # DL3009: the `update` word, only when the lists stay in a layer that ships
    (
        "DL3009",
        D + "RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
        ["2:13-2:19"],
    ),
    ("DL3009", D + "RUN apt update\n", ["2:9-2:15"]),
    ("DL3009", "FROM debian:12.5-slim AS base\nRUN apt-get update\nFROM base\n", ["2:13-2:19"]),
    ("DL3009", D + "RUN apt-get update && apt-get install -y curl" + CLEAN + "\n", []),
    (
        "DL3009",
        D
        + "RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl\n",
        [],
    ),
    (
        "DL3009",
        "FROM debian:12.5-slim AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /a /a\n",
        [],
    ),
    ("DL3009", D + "RUN apt-get install -y ./local.deb\n", []),
    # DL3014: the `install` word when no -y/--yes/--assume-yes/-q
    ("DL3014", D + "RUN apt-get install --no-install-recommends curl=1\n", ["2:13-2:20"]),
    ("DL3014", D + "RUN apt-get update \\\n && apt-get install git=1\n", ["3:13-3:20"]),
    (
        "DL3014",
        D
        + "RUN apt-get -qy install curl=1 && apt-get install --yes git=1 && apt-get --assume-yes install make=1\n",
        [],
    ),
    ("DL3014", D + "RUN apt-get -o APT::Get::Assume-Yes=true install curl=1\n", []),
    ("DL3014", D + "RUN apt-get remove curl && apt-get update\n", []),
    # DL3015: the `install` word without --no-install-recommends
    ("DL3015", D + "RUN apt-get install -y python3=3.11.2-1+b1\n", ["2:13-2:20"]),
    (
        "DL3015",
        D + "RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata=2024a-0\n",
        ["2:62-2:69"],
    ),
    ("DL3015", D + "RUN apt-get install -y --no-install-recommends python3=3.11.2-1+b1\n", []),
    ("DL3015", D + "RUN apt-get -o APT::Install-Recommends=false install -y vim-tiny=2:9.0\n", []),
    ("DL3015", D + "RUN apt-get purge -y python3\n", []),
    # DL3027: the `apt` command name
    ("DL3027", D + "RUN apt update && apt install -y curl\n", ["2:5-2:8", "2:19-2:22"]),
    ("DL3027", D + "RUN sudo apt upgrade -y\n", ["2:10-2:13"]),
    ("DL3027", D + "RUN apt-get update && apt-cache policy curl\n", []),
    ("DL3027", D + "RUN echo apt > /tmp/names && apt-get -v\n", []),
    ("DL3027", D + "COPY apt /etc/apt/\n", []),
    ("DL3008", D + 'RUN apt-get install -y --no-install-recommends "python3=${PYTHON_APT_VERSION}"\n', []),
    (
        "DL3008",
        D + "RUN apt-get update && apt-get install -y --no-install-recommends openssl=3.0.13-1~deb12u1\n",
        [],
    ),
    (
        "DL3009",
        D + "RUN apt-get update && apt-get install -y curl && apt-get clean && rm -rf /var/lib/apt/lists\n",
        [],
    ),
    ("DL3009", D + "RUN apt-get upgrade -y\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected


def test_apt_lists_message_says_how_to_fix() -> None:
    finding = next(f for f in lint_text(D + "RUN apt-get update\n").findings if f.code == "DL3009")
    assert "rm -rf /var/lib/apt/lists/*" in finding.message
    assert finding.level == "info"


def test_unpinned_package_message_names_the_package() -> None:
    finding = next(f for f in lint_text(D + "RUN apt-get install -y curl\n").findings if f.code == "DL3008")
    assert finding.message.startswith("`curl` is not pinned")
    assert finding.level == "warning"
