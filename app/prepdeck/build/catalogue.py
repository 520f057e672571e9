"""The base-image catalogue (catalogue.yaml): what a well-known image brings to a stage.

    image = lookup("python:3.12-slim-bookworm")   # BaseImage, or None for an image we do not know
    image.shell, image.programs, image.user, image.language_version

An image that is not in the catalogue is unknown: requirements that need its contents say
"cannot tell" rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from prepdeck.lint.model import ImageRef

CATALOGUE = Path(__file__).with_name("catalogue.yaml")
COREUTILS = frozenset(
    [
        "sh",
        "cat",
        "ls",
        "mkdir",
        "chmod",
        "chown",
        "chgrp",
        "ln",
        "cp",
        "mv",
        "rm",
        "rmdir",
        "touch",
        "echo",
        "printf",
        "tee",
        "env",
        "id",
        "test",
        "true",
        "false",
        "head",
        "tail",
        "sort",
        "uniq",
        "wc",
        "cut",
        "tr",
        "sleep",
        "kill",
        "ps",
        "date",
        "basename",
        "dirname",
        "readlink",
        "install",
        "mktemp",
        "stat",
    ]
)


@dataclass(frozen=True)
class BaseImage:
    id: str
    reference: str
    distro: str | None
    libc: str | None
    shell: str | None
    package_manager: str | None
    user: str
    users: dict[str, int] = field(default_factory=dict)
    programs: frozenset[str] = frozenset()
    language: str | None = None
    language_version: str | None = None
    python_site: str | None = None
    entrypoint: tuple[str, ...] | None = None
    cmd: tuple[str, ...] | None = None
    version_parts: int = 1  # numbers a version tag needs to pin a release line (python:3.12)

    def has_program(self, name: str) -> bool:
        base = name.rsplit("/", 1)[-1]
        if base in self.programs:
            return True
        return self.shell is not None and (
            base in COREUTILS or (base in ("bash",) and "bash" in self.programs)
        )

    @property
    def uid(self) -> int | None:
        first = self.user.partition(":")[0]
        return int(first) if first.isdigit() else self.users.get(first)


def canonical_name(repository: str, registry: str | None) -> str:
    """`docker.io/library/python` and `python` are the same image; other registries stay in the name."""
    if registry in (None, "docker.io", "index.docker.io", "registry-1.docker.io"):
        return repository.removeprefix("library/")
    return f"{registry}/{repository}"


@cache
def _catalogue() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class ShellTraits:
    """What a shell does that decides a build or a PID 1: None where the shell is not known."""

    kind: str | None
    pipefail: bool | None
    execs_last_command: bool | None


def shell_traits(program: str, base: BaseImage | None) -> ShellTraits:
    """The shell `program` runs (`/bin/sh` is the base image's own: dash on Debian, busybox ash on Alpine)."""
    name = program.rsplit("/", 1)[-1]
    kind: str | None = {"bash": "bash", "dash": "dash", "ash": "busybox", "busybox": "busybox"}.get(name)
    if kind is None and name == "sh" and base is not None and base.shell is not None:
        kind = _catalogue()["sh_by_distro"].get(base.distro or "")
    traits = _catalogue()["shells"].get(kind) if kind else None
    if traits is None:
        return ShellTraits(kind, None, None)
    return ShellTraits(kind, bool(traits["pipefail"]), bool(traits["execs_last_command"]))


def program_path(manager: str, program: str) -> str:
    """Where `manager` installs `program`."""
    return str((_catalogue().get("program_paths") or {}).get(manager, {}).get(program, f"/usr/bin/{program}"))


def same_program_path(wanted: str, installed: str, base: BaseImage | None) -> bool | None:
    """Is `wanted` the file at `installed`? /bin/tini is /usr/bin/tini where /usr is merged;
    None when that depends on an image the catalogue does not know."""
    if wanted == installed:
        return True

    def merged(path: str) -> str:
        for short in ("/bin/", "/sbin/", "/lib/"):
            if path.startswith(short):
                return "/usr" + path
        return path

    if merged(wanted) != merged(installed):
        return False
    if base is None:
        return None
    return merged_usr(base)


def merged_usr(base: BaseImage) -> bool:
    """/bin is /usr/bin: on the distributions listed, except the older releases their tag names
    (`python:3.11-slim-bullseye`, `debian:11`); a tag without a release is the current one."""
    data = _catalogue()
    if base.distro not in (data.get("merged_usr") or []):
        return False
    older = {str(name) for name in (data.get("unmerged_usr_releases") or {}).get(base.distro, [])}
    _registry, repository, tag, _digest = ImageRef.split(base.reference)
    tag = (tag or "").lower()
    if repository.rsplit("/", 1)[-1] == base.distro and tag.split("-")[0] in older:  # debian:11, ubuntu:18.04
        return False
    return not set(re.split(r"[-_]", tag)) & older


@cache
def _entries() -> list[dict[str, Any]]:
    raw = _catalogue()["images"]
    by_id = {entry["id"]: entry for entry in raw}

    def resolved(entry: dict[str, Any]) -> dict[str, Any]:
        if "like" not in entry:
            return entry
        return {**resolved(by_id[entry["like"]]), **{k: v for k, v in entry.items() if k != "like"}}

    return [resolved(entry) for entry in raw]


_VERSION = re.compile(r"^v?(\d+(?:\.\d+)*)")


def _language_version(entry: dict[str, Any], name: str, tag: str | None) -> str | None:
    language = entry.get("language") or {}
    if "version" in language:
        return str(language["version"])
    source = language.get("version_from")
    if source == "tag" and tag:
        match = _VERSION.match(tag)
        return match.group(1) if match else None
    if source == "name":
        match = re.search(r"(\d+)(?:-|$)", name.rsplit("/", 1)[-1])
        return match.group(1) if match else None
    return None


def lookup_ref(image: ImageRef | None, resolved: str | None) -> BaseImage | None:
    """The catalogue entry for a FROM image (its text with build arguments expanded)."""
    if image is None or resolved is None:
        return None
    return lookup(resolved)


def lookup(reference: str) -> BaseImage | None:
    text = reference.strip()
    if text.lower() == "scratch":
        text = "scratch"
    registry, repository, tag, _digest = ImageRef.split(text)
    name = canonical_name(repository.lower(), registry.lower() if registry else None)
    if "/library/" in f"/{name}":
        # a pull-through cache or mirror of Docker Hub keeps the official image's path:
        # registry.example.com/mirror/library/python is python
        name = f"/{name}".rsplit("/library/", 1)[1]
    for entry in _entries():
        if not any(fnmatchcase(name, pattern) for pattern in entry["names"]):
            continue
        tags = entry.get("tags")
        if tags and not (tag and any(fnmatchcase(tag, pattern) for pattern in tags)):
            continue
        return _image(entry, text, name, tag)
    return None


def _image(entry: dict[str, Any], reference: str, name: str, tag: str | None) -> BaseImage:
    language = entry.get("language") or {}
    version = _language_version(entry, name, tag)
    site = entry.get("python_site")
    if site and "{version}" in site:
        minor = ".".join(version.split(".")[:2]) if version and version.count(".") >= 1 else None
        site = site.replace("{version}", minor) if minor else None
    return BaseImage(
        id=entry["id"],
        reference=reference,
        distro=entry.get("distro"),
        libc=entry.get("libc"),
        shell=entry.get("shell"),
        package_manager=entry.get("package_manager"),
        user=str(entry.get("user", "0:0")),
        users=dict(entry.get("users") or {"root": 0}),
        programs=frozenset(entry.get("programs") or ()),
        language=language.get("name"),
        language_version=version,
        python_site=site,
        entrypoint=tuple(entry["entrypoint"]) if entry.get("entrypoint") else None,
        cmd=tuple(entry["cmd"]) if entry.get("cmd") else None,
        version_parts=int(entry.get("version_parts") or 1),
    )
