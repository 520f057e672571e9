"""Go toolchain rule (DL3062): must-fire cases with the exact span, and must-not-fire cases."""

from __future__ import annotations

import pytest

from prepdeck.lint import lint_text

G = "FROM golang:1.22.1-alpine\n"

CASES = [
    ("DL3062", G + "RUN go install github.com/go-delve/delve/cmd/dlv\n", ["2:16-2:49"]),
    ("DL3062", G + "RUN go install -v golang.org/x/tools/gopls@latest\n", ["2:19-2:50"]),
    ("DL3062", G + "RUN go install github.com/golangci/golangci-lint/cmd/golangci-lint@v1.56.2\n", []),
    ("DL3062", G + "RUN go install ./cmd/... && go build -o /out/app .\n", []),
    ("DL3062", G + "RUN go get github.com/pkg/errors && go mod download\n", ["2:12-2:33"]),
    ("DL3062", G + "RUN go get -d -v ./... && go get github.com/pkg/errors@v0.9.1\n", []),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES)
def test_rule(code: str, text: str, expected: list[str]) -> None:
    found = [str(finding.span) for finding in lint_text(text).findings if finding.code == code]
    assert found == expected
