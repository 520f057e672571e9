"""no_secrets: no ARG or ENV whose name or value looks like a credential.

Names are split into words (`NPM_AUTH_TOKEN`, `dbPassword`) so that `OAUTH_CALLBACK` or
`PASSENGER_HOME` stay quiet; a name ending in FILE, PATH, URL, HOST, NAME... points at a secret
instead of holding it (`POSTGRES_PASSWORD_FILE=/run/secrets/db` is the recommended way) and is
allowed. A bare KEY is
flagged only with a word that makes it private (`SSH_KEY`, `API_KEY`), so `GPG_KEY`, a public
fingerprint in official images, is not.
"""

from __future__ import annotations

from prepdeck.build.credentials import secret_name, secret_value
from prepdeck.content import model as m
from prepdeck.drills.outcome import Verdict
from prepdeck.drills.subject import Subject, quoted
from prepdeck.lint.model import KeyValue


def no_secrets(requirement: m.NoSecrets, subject: Subject) -> Verdict:
    for ins in subject.dockerfile.walk():
        if ins.keyword not in ("ARG", "ENV"):
            continue
        for pair in ins.pairs:
            verdict = _check_pair(ins.keyword, pair)
            if verdict is not None:
                return verdict
    return Verdict.ok()


def _check_pair(keyword: str, pair: KeyValue) -> Verdict | None:
    fix = "pass it with `RUN --mount=type=secret` instead"
    if secret_name(pair.name):
        kept = (
            "is kept in the image's history"
            if keyword == "ARG"
            else "is stored in the image for anyone to read"
        )
        return Verdict.fail(
            pair.key.span, f"{keyword} {quoted(pair.name)} looks like a secret, and its value {kept}; {fix}"
        )
    if pair.value is not None:
        kind = secret_value(pair.value.value)
        if kind is not None:
            return Verdict.fail(
                pair.value.span, f"the value of {keyword} {quoted(pair.name)} looks like {kind}; {fix}"
            )
    return None
