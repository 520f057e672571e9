"""The build context: the files `docker build` sends, after `.dockerignore`.

A drill may declare its context (files, optional contents and modes, a `.dockerignore`); then
`COPY`/`ADD` resolve to real paths. Without a declaration the context is unknown: a COPY still
copies *something*, but which files is not known, and requirements about them say "cannot tell".
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from prepdeck.build.credentials import secret_value
from prepdeck.build.ignore import DockerIgnore, clean_path

# Files that hold credentials by their very name (a drill can also mark any file `secret`).
SECRET_FILE_NAMES = (
    ".env",
    ".env.*",
    "*.pem",
    "*.key",
    "id_rsa",
    "id_ed25519",
    "id_ecdsa",
    ".netrc",
    ".git-credentials",
    ".pypirc",
    "credentials",
    "credentials.json",
    "*.p12",
    "*.pfx",
)
NOT_SECRET_NAMES = (".env.example", ".env.sample", ".env.template", ".env.dist")
_NPMRC_TOKEN = re.compile(r"_(?:authToken|auth|password)\s*=\s*(?!\$\{?[A-Za-z_])\S")


@dataclass(frozen=True)
class ContextFile:
    path: str
    contents: str | None = None
    mode: int | None = None
    secret: str | None = None  # why this file is a secret, when it is one


def why_secret(path: str, contents: str | None) -> str | None:
    name = posixpath.basename(path)
    if name in NOT_SECRET_NAMES:
        return None
    if any(fnmatchcase(name, pattern) for pattern in SECRET_FILE_NAMES):
        return f"{name} holds credentials"
    if contents:
        if name == ".npmrc" and _NPMRC_TOKEN.search(contents):
            return ".npmrc holds a registry token"
        kind = secret_value(contents)
        if kind:
            return f"{name} contains {kind}"
    return None


@dataclass(frozen=True)
class Archive:
    """A file the build downloads (`url` may be a glob) and the paths inside it."""

    url: str
    members: tuple[ContextFile, ...]


@dataclass
class BuildContext:
    """`files` by clean path; `declared` is False when nothing is known about the context.
    `archives`: what the URLs the build downloads hold, when the drill says."""

    files: dict[str, ContextFile] = field(default_factory=dict)
    dockerignore: DockerIgnore = field(default_factory=lambda: DockerIgnore(None))
    dockerignore_text: str | None = None
    declared: bool = False
    archives: tuple[Archive, ...] = ()

    @classmethod
    def unknown(cls) -> BuildContext:
        return cls()

    @classmethod
    def of(
        cls,
        files: list[ContextFile],
        dockerignore: str | None = None,
        *,
        declared: bool = True,
        archives: tuple[Archive, ...] = (),
    ) -> BuildContext:
        table: dict[str, ContextFile] = {}
        for item in files:
            path = clean_path(item.path)
            secret = item.secret or why_secret(path, item.contents)
            table[path] = ContextFile(path, item.contents, item.mode, secret)
        return cls(table, DockerIgnore(dockerignore), dockerignore, declared, archives)

    def with_dockerignore(self, text: str | None) -> BuildContext:
        return BuildContext(self.files, DockerIgnore(text), text, self.declared, self.archives)

    def archive(self, url: str) -> Archive | None:
        """The declared archive a URL downloads (its glob matches), or None when the drill does not say."""
        return next((item for item in self.archives if fnmatchcase(url, item.url)), None)

    def sent(self) -> list[str]:
        """The paths BuildKit sends (not excluded by .dockerignore), sorted."""
        return sorted(path for path in self.files if not self.dockerignore.excludes(path))

    def select(self, source: str) -> tuple[list[tuple[str, str]], bool]:
        """The files a COPY source takes: [(context path, path relative to the source)], and whether
        the source names a folder (its contents are copied, not the folder itself)."""
        pattern = clean_path(source)
        chosen: list[tuple[str, str]] = []
        is_dir = False
        has_glob = any(char in pattern for char in "*?[")
        for path in self.sent():
            if pattern == ".":
                chosen.append((path, path))
                is_dir = True
                continue
            parts = path.split("/")
            depth = pattern.count("/") + 1
            head = "/".join(parts[:depth])
            if has_glob:
                if not fnmatchcase(head, pattern) or head.count("/") != pattern.count("/"):
                    continue
            elif head != pattern:
                continue
            if len(parts) > depth:
                is_dir = is_dir or not has_glob
                base = head.rsplit("/", 1)[-1] if has_glob else ""
                rest = "/".join(parts[depth:])
                chosen.append((path, f"{base}/{rest}" if base else rest))
            else:
                chosen.append((path, parts[-1]))
        return chosen, is_dir

    def source_matches(self, source: str, changed: str) -> bool:
        """Whether a COPY source takes the context path `changed` (ignoring .dockerignore)."""
        pattern, path = clean_path(source), clean_path(changed)
        if pattern == ".":
            return True
        parts = path.split("/")
        depth = pattern.count("/") + 1
        head = "/".join(parts[:depth])
        return head == pattern or (head.count("/") == pattern.count("/") and fnmatchcase(head, pattern))
