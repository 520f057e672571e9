"""Rules on what RUN scripts call (DL3001, DL3003, DL3004, DL3046, DL3047, DL4001, DL4005, DL4006):
must-fire cases with the exact span, and must-not-fire cases."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text

D = "FROM debian:12.5-slim\n"
A = "FROM alpine:3.19.1\n"

CASES = [
    # DL3001: the pointless command's name
    ("DL3001", D + "RUN service nginx start\n", ["2:5-2:12"]),
    ("DL3001", D + "RUN ps aux | grep node && top -b -n 1\n", ["2:5-2:7", "2:27-2:30"]),
    ("DL3001", D + "RUN echo ps top vim > /tmp/list\n", []),
    ("DL3001", D + "RUN ssh-keygen -A && killall -q nothing || true\n", []),
    # DL3003: each `cd`
    ("DL3003", D + "RUN cd /usr/src/app && make\n", ["2:5-2:7"]),
    ("DL3003", D + "RUN make -C src && (cd docs && make html)\n", ["2:21-2:23"]),
    ("DL3003", D + "WORKDIR /usr/src/app\nRUN make\n", []),
    ("DL3003", D + "RUN echo cd /tmp && git -C /src pull\n", []),
    # DL3004: each sudo
    ("DL3004", D + "RUN sudo mkdir -p /opt/data && sudo chown app /opt/data\n", ["2:5-2:9", "2:32-2:36"]),
    ("DL3004", D + "RUN env LANG=C sudo -u app whoami\n", ["2:16-2:20"]),
    ("DL3004", D + "RUN apt-get install -y sudo=1.9.13p3-1 && echo sudo\n", []),
    ("DL3004", D + "USER root\nRUN mkdir -p /opt/data\n", []),
    # DL3046: the UID value of useradd without -l
    ("DL3046", D + "RUN useradd -u 123456789 -m builder\n", ["2:16-2:25"]),
    ("DL3046", D + "RUN useradd --uid 1000000 app\n", ["2:19-2:26"]),
    ("DL3046", D + "RUN useradd -l -u 123456789 -m builder\n", []),
    ("DL3046", D + "RUN useradd -u 10001 -m app && useradd --no-log-init --uid=2000000 other\n", []),
    # DL3047: the wget command name
    ("DL3047", D + "RUN wget https://example.com/tool.tgz -O /tmp/tool.tgz\n", ["2:5-2:9"]),
    ("DL3047", D + "RUN curl -fsSL https://example.com/a && wget -O- https://example.com/b\n", ["2:41-2:45"]),
    ("DL3047", D + "RUN wget -q https://example.com/a && wget -nv https://example.com/b\n", []),
    (
        "DL3047",
        D + "RUN wget --progress=dot:giga https://example.com/a && wget -o /tmp/log https://example.com/b\n",
        [],
    ),
    # DL4001: the first download tool of the RUN that makes it two
    (
        "DL4001",
        D + "RUN curl -fsSLo /a https://example.com/a\nRUN wget -q https://example.com/b\n",
        ["3:5-3:9"],
    ),
    (
        "DL4001",
        D + "RUN curl -fsSLo /a https://example.com/a && wget -q https://example.com/b\n",
        ["2:5-2:9"],
    ),
    (
        "DL4001",
        "FROM alpine:3.19.1 AS a\nRUN wget -q https://example.com/a\nFROM debian:12.5-slim\nRUN curl -fsSLO https://example.com/b\n",
        [],
    ),
    ("DL4001", D + "RUN curl -fsSLo /a https://example.com/a && curl -fsSLo /b https://example.com/b\n", []),
    # DL4005: the /bin/sh argument of ln
    ("DL4005", D + "RUN ln -sf /bin/bash /bin/sh\n", ["2:22-2:29"]),
    ("DL4005", D + "RUN ln -s /bin/bash /usr/local/bin/sh\n", []),
    ("DL4005", D + 'SHELL ["/bin/bash", "-c"]\nRUN echo hi\n', []),
    # DL4006: the `|` of the first pipe when pipefail is not set
    ("DL4006", D + "RUN curl -fsSL https://example.com/install.sh | sh\n", ["2:47-2:48"]),
    ("DL4006", A + "RUN wget -qO- https://example.com/v.txt \\\n    | tee /etc/version\n", ["3:5-3:6"]),
    (
        "DL4006",
        D + 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/i.sh | bash\n',
        [],
    ),
    (
        "DL4006",
        A + 'SHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN wget -qO- https://example.com/v | tee /v\n',
        [],
    ),
    (
        "DL4006",
        A + 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN wget -qO- https://example.com/v | tee /v\n',
        [],
    ),
    ("DL4006", D + "RUN set -euo pipefail; curl -fsSL https://example.com/i.sh | bash\n", []),
    (
        "DL4006",
        'FROM debian:12.5-slim AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN ls | wc -l\n',
        [],
    ),
    ("DL4006", D + "RUN echo 'a | b' > /tmp/x && test -f /tmp/x || exit 1\n", []),
    (
        "DL4006",
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n',
        [],
    ),
    ("DL3047", D + "RUN curl -fsSLO https://example.com/a.tgz\n", []),
    ("DL3047", D + "RUN wget --quiet https://example.com/a && wget --no-verbose https://example.com/b\n", []),
    ("DL4001", D + "RUN apt-get install -y curl=7.88 wget=1.21 && rm -rf /var/lib/apt/lists/*\n", []),
    ("DL4001", D + "RUN wget -q https://example.com/a && echo curl\n", []),
    ("DL3001", D + "RUN psql --version && topgrade --help || true\n", []),
    ("DL3001", D + "RUN apt-get install -y procps=2:4.0.2-3 && rm -rf /var/lib/apt/lists/*\n", []),
    ("DL3004", D + "RUN sudoedit --help || true\n", []),
    ("DL3004", D + "COPY sudo /etc/sudoers.d/app\n", []),
    ("DL3046", D + "RUN useradd -m -u 65532 nonroot\n", []),
    ("DL3046", D + "RUN adduser --uid 123456789 --disabled-password app\n", []),
    ("DL3003", D + "RUN cdk synth && echo cd\n", []),
    ("DL3003", D + "WORKDIR /a\nRUN make && make install\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected


def test_pipefail_is_forgotten_again_in_a_new_unrelated_stage() -> None:
    text = 'FROM debian:12.5-slim AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12.5-slim\nRUN ls | wc -l\n'
    assert [str(f.span) for f in lint_text(text).findings if f.code == "DL4006"] == ["4:8-4:9"]
