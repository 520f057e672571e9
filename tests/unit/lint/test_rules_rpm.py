"""yum, dnf, microdnf and zypper rules (DL3030-DL3041): must-fire cases with the exact span, and
must-not-fire cases."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text

U = "FROM registry.access.redhat.com/ubi9/ubi:9.3-1552\n"
S = "FROM opensuse/leap:15.5\n"

CASES = [
    # DL3030: yum install without -y, at the subcommand
    ("DL3030", U + "RUN yum install httpd-2.4.37 && yum clean all\n", ["2:9-2:16"]),
    ("DL3030", U + "RUN yum groupinstall 'Development Tools' && yum clean all\n", ["2:9-2:21"]),
    ("DL3030", U + "RUN yum install -y httpd-2.4.37 && yum clean all\n", []),
    ("DL3030", U + "RUN yum --assumeyes install httpd-2.4.37 && yum clean all\n", []),
    ("DL3030", U + "RUN yum -y module enable nodejs:20 && yum repolist\n", []),
    # DL3032: yum install with no cleanup afterwards
    ("DL3032", U + "RUN yum install -y httpd-2.4.37\n", ["2:9-2:16"]),
    ("DL3032", U + "RUN yum install -y httpd-2.4.37 && yum clean all\n", []),
    ("DL3032", U + "RUN yum install -y httpd-2.4.37 && rm -rf /var/cache/yum\n", []),
    ("DL3032", U + "RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4.37\n", []),
    # DL3033: yum packages without a version
    ("DL3033", U + "RUN yum install -y httpd php-8.0.30 && yum clean all\n", ["2:20-2:25"]),
    ("DL3033", U + "RUN yum module install -y nodejs && yum clean all\n", ["2:27-2:33"]),
    ("DL3033", U + "RUN yum install -y httpd-2.4.37 /tmp/agent.rpm && yum clean all\n", []),
    ("DL3033", U + "RUN yum module install -y nodejs:20 && yum clean all\n", []),
    # DL3034: zypper without a non-interactive switch
    ("DL3034", S + "RUN zypper install curl=8.0.1 && zypper clean\n", ["2:12-2:19"]),
    ("DL3034", S + "RUN zypper rm vim && zypper clean\n", ["2:12-2:14"]),
    ("DL3034", S + "RUN zypper -n install curl=8.0.1 && zypper clean\n", []),
    (
        "DL3034",
        S + "RUN zypper --non-interactive in curl=8.0.1 && zypper install -y git=2.43 && zypper clean\n",
        [],
    ),
    # DL3035: zypper dist-upgrade
    ("DL3035", S + "RUN zypper -n dist-upgrade\n", ["2:15-2:27"]),
    ("DL3035", S + "RUN zypper -n ref && zypper -n dup\n", ["2:32-2:35"]),
    ("DL3035", S + "RUN zypper -n update && zypper clean\n", []),
    ("DL3035", S + "RUN zypper -n patch && zypper clean\n", []),
    # DL3036: zypper install without a later clean
    ("DL3036", S + "RUN zypper -n install curl=8.0.1\n", ["2:15-2:22"]),
    ("DL3036", S + "RUN zypper -n install curl=8.0.1 && zypper clean --all\n", []),
    ("DL3036", S + "RUN zypper -n in curl=8.0.1 && zypper cc -a\n", []),
    # DL3037: zypper packages without a version
    ("DL3037", S + "RUN zypper -n install curl git=2.43 && zypper clean\n", ["2:23-2:27"]),
    ("DL3037", S + "RUN zypper -n in vim-9.1 && zypper clean\n", ["2:18-2:25"]),
    ("DL3037", S + "RUN zypper -n install 'curl>=8' git=2.43 && zypper clean\n", []),
    ("DL3037", S + "RUN zypper -n install /tmp/agent.rpm && zypper clean\n", []),
    # DL3038: dnf and microdnf without -y
    ("DL3038", U + "RUN dnf install git-2.43.0 && dnf clean all\n", ["2:9-2:16"]),
    ("DL3038", U + "RUN microdnf install tar-1.34 && microdnf clean all\n", ["2:14-2:21"]),
    ("DL3038", U + "RUN dnf install -y git-2.43.0 && dnf clean all\n", []),
    ("DL3038", U + "RUN microdnf --assumeyes install tar-1.34 && microdnf clean all\n", []),
    # DL3040: dnf install with no cleanup after it
    ("DL3040", U + "RUN dnf install -y git-2.43.0\n", ["2:9-2:16"]),
    ("DL3040", U + "RUN dnf clean all && dnf install -y git-2.43.0\n", ["2:26-2:33"]),
    ("DL3040", U + "RUN microdnf install -y tar-1.34 && microdnf clean all\n", []),
    ("DL3040", U + "RUN --mount=type=cache,target=/var/cache/dnf dnf install -y git-2.43.0\n", []),
    # DL3041: dnf packages without a version
    ("DL3041", U + "RUN dnf install -y git make-4.3 && dnf clean all\n", ["2:20-2:23"]),
    ("DL3041", U + "RUN microdnf install -y shadow-utils && microdnf clean all\n", ["2:25-2:37"]),
    ("DL3041", U + "RUN dnf install -y shadow-utils-4.9 python3.11-3.11.5 && dnf clean all\n", []),
    ("DL3041", U + "RUN dnf module install -y nodejs:20 && dnf clean all\n", []),
    ("DL3041", U + "RUN dnf groupinstall -y 'Development Tools' && dnf clean all\n", []),
    ("DL3034", S + "RUN zypper --no-confirm install curl=8.0.1 && zypper clean\n", []),
    ("DL3034", S + "RUN zypper refresh && zypper search curl\n", []),
    ("DL3038", U + "RUN dnf -y install git-2.43.0 && dnf clean all\n", []),
    ("DL3038", U + "RUN dnf makecache && dnf repolist\n", []),
    ("DL3033", U + "RUN yum install -y https://example.com/agent-1.2.3.rpm && yum clean all\n", []),
    ("DL3033", U + 'RUN yum install -y "$PACKAGES" && yum clean all\n', ["2:20-2:31"]),
    ("DL3033", U + 'ARG PACKAGES="tar-1.34"\nRUN yum install -y "$PACKAGES" && yum clean all\n', []),
    ("DL3040", U + "RUN dnf install -y git-2.43.0 && rm -rf /var/cache/dnf\n", []),
    ("DL3040", U + "RUN dnf repolist && dnf info git\n", []),
    ("DL3035", S + "RUN zypper -n install curl=8.0.1 && zypper clean\n", []),
    ("DL3035", S + "RUN echo dist-upgrade\n", []),
    ("DL3037", S + "RUN zypper -n rm vim && zypper clean\n", []),
    ("DL3037", S + 'RUN zypper -n install "$PACKAGES" && zypper clean\n', ["2:23-2:34"]),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected
