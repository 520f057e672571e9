"""Does a name or a value look like a credential? (Shared by the build model and `no_secrets`.)

Names are split into words (`NPM_AUTH_TOKEN`, `dbPassword`) so that `OAUTH_CALLBACK` or
`PASSENGER_HOME` stay quiet; a name ending in FILE, PATH, URL, HOST, NAME... points at a secret
instead of holding it (`POSTGRES_PASSWORD_FILE=/run/secrets/db` is the recommended way) and is
allowed. A bare KEY is flagged only with a word that makes it private (`SSH_KEY`, `API_KEY`), so
`GPG_KEY`, a public fingerprint in official images, is not.
"""

from __future__ import annotations

import itertools
import re

SECRET_WORDS = frozenset(
    {
        "password",
        "passwd",
        "pass",
        "pwd",
        "secret",
        "secrets",
        "token",
        "apikey",
        "auth",
        "credential",
        "credentials",
        "creds",
        "privatekey",
        "passphrase",
    }
)
PRIVATE_KEY_WORDS = frozenset(
    {"api", "access", "private", "secret", "ssh", "signing", "encryption", "master", "client", "license"}
)
POINTER_WORDS = frozenset({"file", "path", "dir", "location", "url", "uri", "endpoint", "host", "name"})

SECRET_VALUES = (
    ("an AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})")),
    ("a GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}")),
    ("a Slack token", re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}")),
    ("a Stripe key", re.compile(r"\b[sr]k_live_[A-Za-z0-9]{16,}")),
    ("an npm token", re.compile(r"\bnpm_[A-Za-z0-9]{30,}")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}")),
    ("a private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
    ("a JSON Web Token", re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")),
    ("a password inside a URL", re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:(?!\$)[^/\s@]+@")),
)

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def name_words(name: str) -> list[str]:
    """`NPM_AUTH_TOKEN` -> [npm, auth, token]; `dbPassword` -> [db, password]."""
    return [word.lower() for part in re.split(r"[_\-.]+", name) for word in _CAMEL.split(part) if word]


def secret_name(name: str) -> bool:
    words = name_words(name)
    if not words or words[-1] in POINTER_WORDS:
        return False
    if any(word in SECRET_WORDS for word in words):
        return True
    joined = [a + b for a, b in itertools.pairwise(words)]
    if any(pair in SECRET_WORDS for pair in joined):  # API_KEY -> apikey, PRIVATE_KEY -> privatekey
        return True
    return any(
        word == "key" and index > 0 and words[index - 1] in PRIVATE_KEY_WORDS
        for index, word in enumerate(words)
    )


# A URL or DSN for one of these carries the password in it (postgres://user:password@host/db).
CONNECTION_WORDS = frozenset(
    {"database", "db", "postgres", "postgresql", "pg", "mysql", "mariadb", "mongo", "mongodb", "redis"}
    | {"amqp", "rabbitmq", "broker", "sqlalchemy", "celery"}
)


def connection_name(name: str) -> bool:
    """`DATABASE_URL`, `REDIS_URI`, `SENTRY_DSN`, `PG_DSN`: a connection string, which holds the
    password; its value passed as a build argument lands in the image history like a password."""
    words = name_words(name)
    if not words:
        return False
    if words[-1] == "dsn":
        return True
    return words[-1] in ("url", "uri") and any(word in CONNECTION_WORDS for word in words[:-1])


def secret_value(value: str) -> str | None:
    """What kind of credential `value` looks like, or None."""
    for kind, pattern in SECRET_VALUES:
        if pattern.search(value):
            return kind
    return None
