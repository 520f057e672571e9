"""Trusting what is downloaded: PD008 (ADD of a URL without --checksum) and PD010 (TLS or
signature checks turned off)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prepdeck.lint.model import Instruction, Word
from prepdeck.lint.registry import Hit, RuleContext, rule
from prepdeck.lint.rules._commands import commands, flag_names
from prepdeck.lint.shell import Command


@rule(
    "PD008",
    severity="warning",
    title="Give ADD of a URL a --checksum",
    on=("ADD",),
    origin="prepdeck",
    section="security-model",
    rationale="""
        `ADD https://...` downloads whatever the server returns at build time. If the file is
        replaced - a new release under the same URL, a compromised server, a proxy - the image
        silently changes. `ADD --checksum=sha256:<hash>` (Dockerfile 1.6+) makes the build fail
        unless the download is byte-for-byte the file you reviewed, and it lets BuildKit cache
        the step by content.
    """,
    bad="ADD https://get.helm.sh/helm-v3.14.2-linux-amd64.tar.gz /tmp/helm.tgz",
    good="ADD --checksum=sha256:<sha256 of the file> https://get.helm.sh/helm-v3.14.2-linux-amd64.tar.gz /tmp/helm.tgz",
    fix="Add `--checksum=sha256:<hash>` (compute it with `sha256sum` on the file you trust).",
)
def check_add_checksum(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if instruction.flag("checksum") is not None:
        return
    for source in instruction.sources:
        if source.value.lower().startswith(("http://", "https://")):
            yield Hit(source.span, "this download is not verified: add `--checksum=sha256:...`")


_DISABLING_ASSIGNMENTS: dict[str, Callable[[str], bool]] = {
    "GIT_SSL_NO_VERIFY": lambda value: value.lower() not in ("", "0", "false", "no"),
    "NODE_TLS_REJECT_UNAUTHORIZED": lambda value: value == "0",
    "PYTHONHTTPSVERIFY": lambda value: value == "0",
    "CURL_INSECURE": lambda value: value.lower() in ("1", "true", "yes"),
}


def _insecure_words(command: Command) -> Iterator[tuple[Word, str]]:
    yield from _insecure_options(command)
    for assignment in command.assignments:
        name, _, value = assignment.value.partition("=")
        check = _DISABLING_ASSIGNMENTS.get(name)
        if check is not None and check(value):
            yield assignment, f"`{name}={value}` turns off certificate checks"


def _insecure_options(command: Command) -> Iterator[tuple[Word, str]]:
    """The word of a command that turns checks off (else its name), with what it does."""
    named = command.name
    if named is None:  # a bare assignment: no program to look at
        return
    program = command.program
    flags = flag_names(command)
    values = [word.value for word in command.args]

    def word_with(*texts: str) -> Word:
        for word in command.args:
            if word.value in texts or any(
                word.value.startswith(text + "=") for text in texts if text.startswith("--")
            ):
                return word
        return named

    if program == "curl" and ("k" in flags or "insecure" in flags):
        yield (
            word_with("-k", "--insecure") if any(v in ("-k", "--insecure") for v in values) else named,
            "`curl -k` accepts any certificate",
        )
    elif program == "wget" and "no-check-certificate" in flags:
        yield word_with("--no-check-certificate"), "`wget --no-check-certificate` accepts any certificate"
    elif program.startswith("pip") and "trusted-host" in flags:
        yield (
            word_with("--trusted-host"),
            "`pip --trusted-host` lets that host serve packages without TLS checks",
        )
    elif program in ("npm", "yarn", "pnpm") and "strict-ssl" in values and any(v == "false" for v in values):
        yield word_with("strict-ssl"), f"`{program} config set strict-ssl false` turns off certificate checks"
    elif program in ("npm", "yarn", "pnpm") and any(v == "--strict-ssl=false" for v in values):
        yield word_with("--strict-ssl=false"), "`--strict-ssl=false` turns off certificate checks"
    elif program == "apk" and "allow-untrusted" in flags:
        yield (
            word_with("--allow-untrusted"),
            "`apk --allow-untrusted` installs packages without a valid signature",
        )
    elif program in ("yum", "dnf", "microdnf") and "nogpgcheck" in flags:
        yield (
            word_with("--nogpgcheck"),
            f"`{program} --nogpgcheck` installs packages without checking their signature",
        )
    elif program in ("apt-get", "apt") and (
        "allow-unauthenticated" in flags or any("Verify-Peer=false" in v for v in values)
    ):
        yield word_with("--allow-unauthenticated"), "apt is told to accept unauthenticated packages"
    elif (
        program == "git"
        and any(v.lower() in ("http.sslverify=false", "http.sslverify") for v in values)
        and ("false" in values or any(v.lower() == "http.sslverify=false" for v in values))
    ):
        yield named, "git is told not to verify TLS certificates"


@rule(
    "PD010",
    severity="warning",
    title="Do not turn off certificate or signature checks",
    on=("RUN", "ENV", "ARG"),
    origin="prepdeck",
    section="security-model",
    rationale="""
        TLS certificates and package signatures are what prove a download came from who you
        think. `curl -k`, `wget --no-check-certificate`, `pip --trusted-host`,
        `npm config set strict-ssl false`, `apk --allow-untrusted`, `yum --nogpgcheck`,
        `GIT_SSL_NO_VERIFY` or `NODE_TLS_REJECT_UNAUTHORIZED=0` let anyone on the network path
        (a proxy, a rogue Wi-Fi, a compromised mirror) hand your build a modified file, which
        then runs in production. Behind a TLS-inspecting proxy, add the company's CA certificate
        to the image (`update-ca-certificates`) instead.
    """,
    bad="RUN curl -k -o /tmp/install.sh https://internal.example/install.sh",
    good="COPY company-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl -fsSLo /tmp/install.sh https://internal.example/install.sh",
    fix="Remove the option; trust a private CA by installing its certificate, and keep signature checks on.",
)
def check_insecure_transport(instruction: Instruction, ctx: RuleContext) -> Iterator[Hit]:
    if instruction.keyword in ("ENV", "ARG"):
        for pair in instruction.pairs:
            check = _DISABLING_ASSIGNMENTS.get(pair.name)
            if check is not None and pair.value is not None and check(pair.value.value):
                yield Hit(
                    pair.key.span,
                    f"`{pair.name}={pair.value.value}` turns off certificate checks for every later step",
                )
        return
    for command in commands(instruction):
        for word, message in _insecure_words(command):
            yield Hit(word.span, message)
