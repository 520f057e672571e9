"""What a RUN does to the image, for the commands that matter; everything else is marked unknown.

Modelled: package managers (apt-get/apt, apk, dnf/yum/microdnf, pip, npm, yarn, go), account tools
(useradd, adduser, groupadd, addgroup) and file commands (cp, mv, rm, ln, mkdir, touch, chmod,
chown, install, find -exec, tee, curl -o, wget -O, tar -x, unzip, and any `> file` redirection).
Commands known to change nothing (echo without redirection, test, set...) are skipped. Any other
command is recorded as an `Unknown` with its span: requirements that its effects could decide
say "cannot tell" instead of guessing.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from fnmatch import fnmatchcase
from typing import Any

from prepdeck.build.catalogue import program_path, shell_traits
from prepdeck.build.context import Archive
from prepdeck.build.filesystem import Binary, Entry, is_under, normpath, writable_by
from prepdeck.build.modes import apply_chmod
from prepdeck.build.runtime import command_option
from prepdeck.build.scripts import shebang_shell
from prepdeck.build.state import (
    PLATFORM_ARGS,
    SOME_NON_ROOT_UID,
    PackageStep,
    SecretWrite,
    StageBuild,
    Unknown,
)
from prepdeck.lint.lexing import expand
from prepdeck.lint.model import Instruction, Mount, TextMap, Word
from prepdeck.lint.shell import SHELLS, Command, parse_script, sets_pipefail

# Programs a package puts on PATH, where it is not the package's own name.
PACKAGE_PROGRAMS = {
    "ca-certificates": (),
    "openssh-server": ("sshd",),
    "openssh-client": ("ssh", "scp"),
    "procps": ("ps", "top", "pkill"),
    "python3": ("python3",),
    "python3-pip": ("pip3",),
    "nodejs": ("node",),
    "build-essential": ("gcc", "g++", "make"),
    "iputils-ping": ("ping",),
    "dnsutils": ("dig", "nslookup"),
    "bind-tools": ("dig", "nslookup"),
    "netcat-openbsd": ("nc",),
    "postgresql-client": ("psql", "pg_dump"),
}
# Where one manager's package holds more than another's of the same name: Debian's tini package
# ships /usr/bin/tini-static beside /usr/bin/tini (Alpine packages tini-static on its own).
MANAGER_PACKAGE_PROGRAMS = {"apt": {"tini": ("tini", "tini-static")}}
NO_EFFECT = frozenset(
    [
        "echo",
        "printf",
        "true",
        "false",
        ":",
        "test",
        "[",
        "[[",
        "set",
        "sleep",
        "id",
        "whoami",
        "ls",
        "cat",
        "grep",
        "sort",
        "head",
        "tail",
        "wc",
        "which",
        "command",
        "type",
        "exit",
        "return",
        "uname",
        "date",
        "env",
        "printenv",
        "stat",
        "file",
        "du",
        "df",
        "readlink",
        "realpath",
        "pwd",
        "basename",
        "dirname",
        "sha256sum",
        "md5sum",
        "sha1sum",
        "diff",
        "cmp",
    ]
)
APT = frozenset({"apt-get", "apt"})
# Folders every Linux base image with a shell has; a link made inside them needs no mkdir.
STANDARD_FOLDERS = frozenset(
    [
        "/",
        "/bin",
        "/sbin",
        "/usr",
        "/usr/bin",
        "/usr/sbin",
        "/usr/local",
        "/usr/local/bin",
        "/usr/local/sbin",
        "/usr/lib",
        "/etc",
        "/var",
        "/var/log",
        "/var/lib",
        "/var/cache",
        "/var/run",
        "/run",
        "/tmp",
        "/opt",
        "/home",
        "/root",
        "/srv",
        "/dev",
        "/proc",
    ]
)
DNF = frozenset({"dnf", "yum", "microdnf", "tdnf"})
PIP = frozenset({"pip", "pip3"})
PYTHONS = re.compile(r"^python(?:\d+(?:\.\d+)?)?$")
_VAR = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


class RunContext:
    """One RUN being modelled: its stage, mounts, current folder and shell variables."""

    def __init__(
        self,
        state: StageBuild,
        ins: Instruction,
        secret_args: set[str],
        global_args: dict[str, str | None] | None = None,
        archives: tuple[Archive, ...] = (),
    ) -> None:
        self.state = state
        self.ins = ins
        self.archives = archives
        self.cwd = state.workdir
        # A build argument the stage did not declare is simply unset (empty) in the RUN's shell.
        self.vars: dict[str, str | None] = {name: "" for name in (*PLATFORM_ARGS, *(global_args or {}))}
        self.vars.update(state.variables())
        self.vars.setdefault("HOME", state.home())
        self.mounts: list[Mount] = ins.mounts
        self.secret_sources: dict[str, str] = {}  # text that reads a secret -> which secret
        for name in secret_args:
            if name in self.vars:
                self.secret_sources["$" + name] = f"the build argument {name}"
                self.secret_sources["${" + name] = f"the build argument {name}"
        for mount in self.mounts:
            if mount.type != "secret":
                continue
            secret_id = mount.options.get("id") or posixpath.basename(mount.target or "") or "secret"
            target = mount.target or f"/run/secrets/{secret_id}"
            self.secret_sources[target] = f"the `{secret_id}` secret mount"
            env_name = mount.options.get("env")
            if env_name:
                self.secret_sources["$" + env_name] = f"the `{secret_id}` secret mount"
                self.secret_sources["${" + env_name] = f"the `{secret_id}` secret mount"
                self.vars[env_name] = None
        self.written_here: set[str] = set()
        self.inner_shell: str | None = None  # the shell of a `sh -c '...'` being modelled
        self.line = ins.line
        self.uid = state.uid()
        self.gid = state.gid()

    def home(self) -> str:
        return str(self.vars.get("HOME") or self.state.home())

    def value(self, text: str) -> str | None:
        """A word with the shell variables known here substituted (None when one is unknown)."""
        return expand(text, self.vars)

    def path(self, text: str) -> str | None:
        value = self.value(text)
        return normpath(value, self.cwd) if value else None

    def secret_in(self, text: str) -> str | None:
        for source, what in self.secret_sources.items():
            if source in text:
                return what
        return None

    def unknown(self, command: Command, why: str = "") -> None:
        text = " ".join(word.text for word in command.words)
        self.state.unknowns.append(Unknown(self.line, why or command.program, command.span, text))

    def write_file(self, path: str, origin: str, content: str, command: Command) -> None:
        secret = self.secret_in(content)
        entry = Entry(
            path, "file", self.uid, self.gid, 0o644, self.line, origin, secret=secret, content=content
        )
        self.state.fs.ensure_dir(posixpath.dirname(path), self.line, 0, 0, "a parent folder")
        self.state.fs.put(entry)
        self.written_here.add(path)
        if secret:
            self.state.secret_writes.append(SecretWrite(path, secret, self.line, command.span))


def model_run(
    state: StageBuild,
    ins: Instruction,
    secret_args: set[str],
    global_args: dict[str, str | None] | None = None,
    archives: tuple[Archive, ...] = (),
) -> None:
    context = RunContext(state, ins, secret_args, global_args, archives)
    if not ins.is_json and state.shell:
        if state.has_program(state.shell[0]) is False and state.failure is None:
            base = state.base_reference or "the base image"
            state.failure = (
                ins.line,
                f"the RUN on line {ins.line} runs under {state.shell[0]} (SHELL), which {base} does not have "
                "and nothing installs before it, so the build stops",
            )
        if sets_pipefail(list(state.shell[1:])):
            _no_pipefail(context, state.shell[0])  # SHELL ["/bin/sh", "-o", "pipefail", "-c"] on dash
    _model_commands(context, ins.script.unwrapped())
    # A secret file removed later in the same RUN never reaches the layer.
    state.secret_writes[:] = [
        write
        for write in state.secret_writes
        if write.line != ins.line or state.fs.get(write.path) is not None
    ]


def _model_commands(context: RunContext, commands: list[Command]) -> None:
    for index, command in enumerate(commands):
        _assign(context, command)
        if not command.words:
            continue
        local = dict(context.vars)
        for assignment in command.assignments:
            name, value = assigned(assignment.text, context.vars)
            local[name] = value
        previous = commands[index - 1] if index > 0 and command.before in ("|", "|&") else None
        _redirects(context, command, previous)
        _dispatch(context, command, local, previous)


def _assign(context: RunContext, command: Command) -> None:
    """Bare `NAME=value` and `export NAME=value` set shell variables for the rest of the RUN."""
    if not command.words:
        for assignment in command.assignments:
            name, value = assigned(assignment.text, context.vars)
            context.vars[name] = value
    elif command.program in ("export", "declare", "local", "readonly"):
        for word in command.args:
            if "=" in word.value and not word.value.startswith("-"):
                name, value = assigned(word.text, context.vars)
                context.vars[name] = value


_QUOTED = re.compile(r"""'(?P<single>[^']*)'?|"(?P<double>(?:\\.|[^"\\])*)"?|(?P<bare>(?:\\.|[^'"\\])+|\\)""")


def assigned(text: str, variables: dict[str, str | None]) -> tuple[str, str | None]:
    """`NAME=value` as written: the value expanded as the shell does it, where single quotes keep
    `$NAME` literal (`GOARCH='$TARGETARCH'` sets the text $TARGETARCH); None when a variable is unknown."""
    name, _, raw = text.partition("=")
    parts: list[str] = []
    for piece in _QUOTED.finditer(raw):
        if piece.group("single") is not None:
            parts.append(piece.group("single"))
            continue
        inner = piece.group("double") if piece.group("double") is not None else piece.group("bare")
        escaped = inner.replace("\\$", "\0")
        value = expand(re.sub(r"\\(.)", r"\1", escaped) if piece.group("bare") else escaped, variables)
        if value is None:
            return name, None
        parts.append(value.replace("\0", "$").replace('\\"', '"'))
    return name, "".join(parts)


def _redirects(context: RunContext, command: Command, previous: Command | None) -> None:
    for redirect in command.redirects:
        if redirect.operator.lstrip("0123456789&") not in (">", ">>", ">|") or redirect.target is None:
            continue
        target = redirect.target.value
        if target.startswith("/dev/") or target.startswith("&"):
            continue
        path = context.path(target)
        if path is None:
            context.unknown(command, f"a write to {target}")
            continue
        content = " ".join(word.value for word in command.words)
        content += "".join(heredoc.content for heredoc in context.ins.heredocs)
        if previous is not None:
            content += " " + " ".join(word.value for word in previous.words)
        context.write_file(path, f"written by `{command.program}` on line {context.line}", content, command)


def _dispatch(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    program = command.program
    if program == "cd":
        target = command.args[0].value if command.args else "~"
        value = context.home() if target == "~" else context.value(target)
        context.cwd = normpath(value, context.cwd) if value else context.cwd
        return
    if program in ("export", "declare", "local", "readonly", "unset", "umask", "shopt", "trap"):
        return
    handler = HANDLERS.get(program)
    if handler is not None:
        handler(context, command, local, previous)
        return
    if PYTHONS.match(program):
        _python(context, command, local)
        return
    if program in NO_EFFECT or program.endswith(("--version", "-v")):
        return
    context.unknown(command)


# --- package managers -----------------------------------------------------------------------------


def _record(
    context: RunContext, command: Command, manager: str, action: str, names: Iterable[str], **options: Any
) -> None:
    context.state.packages.append(
        PackageStep(manager, action, tuple(names), context.line, command.span, context.ins, options)
    )


def _system_packages(
    context: RunContext, command: Command, manager: str, install: set[str], remove: set[str]
) -> None:
    sub = command.subcommand
    if sub is None:
        return
    takes_value = {"-o", "-t", "--option", "--target-release", "--repository", "-X", "--virtual", "-c"}
    words = [w.value for w in command.positional(takes_value)]
    names = [re.split(r"[=~<>]", name, maxsplit=1)[0].split("/")[0] for name in words[1:] if name]
    if manager == "apt" and sub.value == "update":
        origin = f"package lists fetched by apt-get update on line {context.line}"
        context.state.fs.put(Entry(APT_LISTS, "file", 0, 0, 0o644, context.line, origin))
    if sub.value in install:
        _record(
            context,
            command,
            manager,
            "install",
            names,
            recommends=not command.has_option("--no-install-recommends"),
            lists=_apt_lists(context) if manager == "apt" else True,
        )
        for name in names:
            for program in _package_programs(manager, name):
                context.state.programs[program] = (program_path(manager, program), context.line)
    elif sub.value in remove:
        _record(context, command, manager, "remove", names)
        for name in names:
            for program in _package_programs(manager, name):
                context.state.programs.pop(program, None)


def _package_programs(manager: str, package: str) -> tuple[str, ...]:
    """The programs a system package puts on PATH."""
    by_manager = MANAGER_PACKAGE_PROGRAMS.get(manager, {})
    return by_manager.get(package) or PACKAGE_PROGRAMS.get(package, (package,))


# The indexes `apt-get update` writes (one entry stands for them all): `apt-get install` needs them,
# and `rm -rf /var/lib/apt/lists/*` in the same RUN keeps them out of the layer.
APT_LISTS = "/var/lib/apt/lists/Packages"


def _apt_lists(context: RunContext) -> bool | None:
    """Are there package lists for apt-get install? Official images ship with none (they delete
    theirs); an image outside the catalogue may have some (None: cannot tell)."""
    if context.state.fs.get(APT_LISTS) is not None:
        return True
    return False if context.state.base is not None else None


def _apt(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    _system_packages(context, command, "apt", {"install"}, {"remove", "purge", "autoremove"})


def _apk(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    _system_packages(context, command, "apk", {"add"}, {"del"})


def _dnf(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    _system_packages(context, command, "dnf", {"install"}, {"remove", "erase"})


def _python(context: RunContext, command: Command, local: dict[str, str | None]) -> None:
    args = [word.value for word in command.args]
    if len(args) >= 2 and args[0] == "-m" and args[1] == "pip":
        # `/opt/venv/bin/python -m pip` installs into that virtual environment
        home = posixpath.dirname(posixpath.dirname(context.path(command.words[0].value) or ""))
        _pip_args(context, command, args[2:], local, home if home in context.state.venvs else None)
    elif len(args) >= 3 and args[0] == "-m" and args[1] in ("venv", "virtualenv"):
        folder = context.path(next((a for a in args[2:] if not a.startswith("-")), ""))
        if folder:
            _venv(context, folder)
    elif args[:1] != ["--version"] and args[:1] != ["-V"]:
        context.unknown(command)


def _venv(context: RunContext, folder: str) -> None:
    base = context.state.base
    version = base.language_version if base is not None and base.language == "python" else None
    minor = ".".join(version.split(".")[:2]) if version and "." in version else None
    context.state.venvs[folder] = minor
    context.state.fs.ensure_dir(folder, context.line, context.uid, context.gid, "a virtual environment")
    context.state.fs.put(
        Entry(
            folder, "dir", context.uid, context.gid, 0o755, context.line, "a virtual environment", opaque=True
        )
    )


def _virtualenv(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    folder = next((w.value for w in command.args if not w.value.startswith("-")), None)
    path = context.path(folder) if folder else None
    if path:
        _venv(context, path)


def _pip(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    venv = posixpath.dirname(posixpath.dirname(command.words[0].value))
    _pip_args(
        context,
        command,
        [w.value for w in command.args],
        local,
        venv if "/" in command.words[0].value else None,
    )


def _pip_args(
    context: RunContext,
    command: Command,
    args: list[str],
    local: dict[str, str | None],
    venv: str | None = None,
) -> None:
    if args[:1] == ["config"] and "set" in args:
        _pip_config_set(context, command, args, local, venv)
        return
    if not args or args[0] not in ("install", "uninstall", "download", "wheel"):
        return
    requirements: list[str] = []
    options: dict[str, object] = {"requirements": requirements, "no_cache": False}
    names: list[str] = []
    value_options = {
        "-r",
        "--requirement",
        "-t",
        "--target",
        "--prefix",
        "--cache-dir",
        "-c",
        "--constraint",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "--root",
        "-e",
    }
    index = 1
    while index < len(args):
        arg = args[index]
        name, eq, inline = arg.partition("=")
        if arg.startswith("-") and (name in value_options):
            value = inline if eq else (args[index + 1] if index + 1 < len(args) else "")
            index += 1 if eq else 2
            if name in ("-r", "--requirement"):
                requirements.append(value)
            elif name in ("-t", "--target"):
                options["target"] = context.path(value)
            elif name == "--prefix":
                options["prefix"] = context.path(value)
            elif name == "--cache-dir":
                options["cache_dir"] = context.path(value)
            continue
        if arg == "--no-cache-dir":
            options["no_cache"] = True
        elif arg == "--user":
            options["user"] = True
        elif not arg.startswith("-"):
            names.append(re.split(r"[=<>!~\[;@ ]", arg, maxsplit=1)[0])
        index += 1
    options["cache_dir"] = options.get("cache_dir") or pip_cache_dir(local, context)
    _requirements_present(context, requirements)
    if args[0] != "install":
        return
    site = _pip_site(context, options, local, venv)
    options["site"] = site
    _record(context, command, "pip", "install", names, **options)
    if site:
        context.state.fs.ensure_dir(site, context.line, context.uid, context.gid, "pip install")
        context.state.fs.put(
            Entry(
                site,
                "dir",
                context.uid,
                context.gid,
                0o755,
                context.line,
                f"pip install on line {context.line}",
                opaque=True,
            )
        )


def _requirements_present(context: RunContext, requirements: list[str]) -> None:
    """`pip install -r F` stops the build when F is not there: not copied, not bind-mounted, and
    no folder the model cannot list (or command it cannot follow) could have put it there."""
    state = context.state
    if not state.context_declared or state.failure is not None or state.unknowns:
        return
    mounted = [normpath(mount.target, context.cwd) for mount in context.mounts if mount.target]
    for name in requirements:
        path = context.path(name)
        if path is None or state.fs.get(path) is not None or "://" in name:
            continue
        if any(is_under(path, target) for target in mounted):
            continue
        if any(entry.opaque and is_under(path, entry.path) for entry in state.fs.entries.values()):
            continue
        state.failure = (
            context.line,
            f"line {context.line} runs `pip install -r {name}` in {context.cwd}, where no earlier line puts "
            f"{path} (copy or bind-mount it first), so the build stops",
        )
        return


def _pip_config_set(
    context: RunContext, command: Command, args: list[str], local: dict[str, str | None], venv: str | None
) -> None:
    """`pip config set NAME VALUE` writes a pip.conf (PIP_CONFIG_FILE, --global: /etc/pip.conf,
    --site: the environment's, else the user's $HOME/.config/pip/pip.conf) that stays in the layer."""
    if local.get("PIP_CONFIG_FILE"):
        path = normpath(str(local["PIP_CONFIG_FILE"]), context.cwd)
    elif "--global" in args:
        path = "/etc/pip.conf"
    elif "--site" in args:
        path = normpath("pip.conf", venv or "/usr/local")
    else:
        path = normpath(".config/pip/pip.conf", context.home())
    content = " ".join(word.text for word in command.words)
    context.write_file(path, f"written by `pip config set` on line {context.line}", content, command)


def pip_cache_dir(variables: Mapping[str, str | None], context: RunContext) -> str | None:
    """Where pip keeps downloads: PIP_CACHE_DIR, else $XDG_CACHE_HOME/pip, else ~/.cache/pip."""
    if variables.get("PIP_NO_CACHE_DIR") not in (None, "", "0", "false", "off"):
        return None
    if variables.get("PIP_CACHE_DIR"):
        return normpath(str(variables["PIP_CACHE_DIR"]), context.cwd)
    if variables.get("XDG_CACHE_HOME"):
        return normpath(str(variables["XDG_CACHE_HOME"]) + "/pip")
    return normpath(str(variables.get("HOME") or context.home()) + "/.cache/pip")


def _pip_site(
    context: RunContext, options: dict[str, object], local: dict[str, str | None], venv: str | None
) -> str | None:
    base = context.state.base
    version = base.language_version if base is not None and base.language == "python" else None
    minor = ".".join(version.split(".")[:2]) if version and "." in version else "*"
    if options.get("target"):
        return str(options["target"])
    if options.get("prefix"):
        return f"{options['prefix']}/lib/python{minor}/site-packages"
    if options.get("user"):
        user_base = local.get("PYTHONUSERBASE") or f"{local.get('HOME') or context.home()}/.local"
        return f"{user_base}/lib/python{minor}/site-packages"
    path = str(local.get("PATH") or "")
    active = venv or (local.get("VIRTUAL_ENV") and str(local["VIRTUAL_ENV"]))
    if not active:
        active = next((folder for folder in context.state.venvs if f"{folder}/bin" in path.split(":")), None)
    if active:
        venv_minor = context.state.venvs.get(str(active)) or minor
        return f"{active}/lib/python{venv_minor}/site-packages"
    return base.python_site if base is not None else None


def npm_cache_dir(variables: Mapping[str, str | None], context: RunContext) -> str:
    for name in ("npm_config_cache", "NPM_CONFIG_CACHE"):
        if variables.get(name):
            return normpath(str(variables[name]), context.cwd)
    return normpath(str(variables.get("HOME") or context.home()) + "/.npm")


def _npm(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    sub = command.subcommand
    if sub is None:
        return
    production_env = local.get("NODE_ENV") == "production" and not any(
        w.value in ("--include=dev", "--production=false") for w in command.args
    )
    options = {
        "cwd": context.cwd,
        "omit_dev": any(
            w.value in ("--omit=dev", "--production", "--only=production", "--only=prod")
            or (w.value == "--omit" and i + 1 < len(command.args) and command.args[i + 1].value == "dev")
            for i, w in enumerate(command.args)
        )
        or production_env
        or local.get("npm_config_production") == "true",
        "cache_dir": npm_cache_dir(local, context),
        "text": " ".join(word.value for word in command.words),
    }
    action = sub.value
    options["reads"] = _npm_reads(context, local, command)
    if action in ("config", "set"):
        _npm_config_set(context, command, local)
        return
    if action in ("ci", "install", "i", "clean-install"):
        names = [w.value for w in command.positional()[1:]]
        _record(
            context,
            command,
            "npm",
            "ci" if action in ("ci", "clean-install") else "install",
            names,
            **options,
        )
        folder = normpath("node_modules", context.cwd)
        existing = context.state.fs.get(folder)
        context.state.fs.put(
            Entry(
                folder,
                "dir",
                context.uid,
                context.gid,
                0o755,
                context.line,
                f"npm {action} on line {context.line}"
                + (", which NODE_ENV=production makes skip devDependencies" if production_env else ""),
                opaque=True,
                dev_dependencies=(existing.dev_dependencies if existing else None)
                if names
                else not options["omit_dev"],
            )
        )
    elif action == "prune":
        _record(context, command, "npm", "prune", [], **options)
        _prune_dev(context, normpath("node_modules", context.cwd), bool(options["omit_dev"]), "npm prune")
    elif action in ("run", "run-script", "build", "test"):
        script = command.positional()[1].value if len(command.positional()) > 1 else action
        modules = context.state.fs.get(normpath("node_modules", context.cwd))
        # what the script finds installed: a build that needs a devDependency (the compiler) fails
        # when node_modules was installed without them
        options["modules"] = modules
        _record(context, command, "npm", "run", [script], **options)
        context.state.fs.put(
            Entry(
                context.cwd,
                "dir",
                context.uid,
                context.gid,
                0o755,
                context.line,
                f"npm run {script}",
                opaque=True,
            )
        )
    elif action in ("cache", "config", "set", "version", "--version", "-v"):
        return
    else:
        context.unknown(command)


def _prune_dev(context: RunContext, folder: str, omit_dev: bool, how: str) -> None:
    """`npm prune --omit=dev` leaves node_modules without its devDependencies (plain `npm prune`
    only drops packages that are not in package.json, so dev ones stay)."""
    entry = context.state.fs.get(folder)
    if entry is None or not omit_dev:
        return
    context.state.fs.put(
        replace(entry, line=context.line, origin=f"{how} on line {context.line}", dev_dependencies=False)
    )


def _npm_userconfig(context: RunContext, local: dict[str, str | None], command: Command | None) -> str:
    """The user .npmrc npm reads and `npm config set` writes: --userconfig, then the environment, then $HOME/.npmrc."""
    words = [word.value for word in command.words] if command is not None else []
    named = _option_value(words, "--userconfig")
    userconfig = named or local.get("NPM_CONFIG_USERCONFIG") or local.get("npm_config_userconfig")
    if userconfig:
        return normpath(str(userconfig), context.cwd)
    return normpath(".npmrc", str(local.get("HOME") or context.home()))


def _npm_config_set(context: RunContext, command: Command, local: dict[str, str | None]) -> None:
    """`npm config set KEY VALUE` (or `npm set`) writes the user .npmrc (--location=project: the
    folder's, -g / --location=global: the global npmrc), where a token stays in the layer."""
    words = [word.value for word in command.words]
    if "set" not in words[1:3]:
        return
    location = _option_value(words, "--location") or ("global" if {"-g", "--global"} & set(words) else "user")
    if location == "project":
        path = normpath(".npmrc", context.cwd)
    elif location == "global":
        path = "/usr/local/etc/npmrc"
    else:
        path = _npm_userconfig(context, local, command)
    content = " ".join(word.text for word in command.words)
    context.write_file(path, f"written by `npm config set` on line {context.line}", content, command)


def _npm_reads(
    context: RunContext, local: dict[str, str | None], command: Command | None = None
) -> list[str]:
    """The npm files present when npm runs: manifests in the folder, .npmrc there or in $HOME
    (or where --userconfig or NPM_CONFIG_USERCONFIG says)."""
    mounted = {
        normpath(mount.target, context.cwd)
        for mount in context.mounts
        if mount.type in ("bind", "secret") and mount.target
    }
    home = str(local.get("HOME") or context.home())
    userconfig = _npm_userconfig(context, local, command)
    found = []
    for name in ("package.json", "package-lock.json", "npm-shrinkwrap.json", ".npmrc"):
        places = [normpath(name, context.cwd)]
        if name == ".npmrc":
            places.append(normpath(".npmrc", home))
            if userconfig:
                places.append(normpath(str(userconfig), context.cwd))
        if any(place in mounted or context.state.fs.get(place) is not None for place in places):
            found.append(name)
    return found


def _yarn(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    sub = command.subcommand
    action = sub.value if sub is not None else "install"
    options = {
        "cwd": context.cwd,
        "cache_dir": local.get("YARN_CACHE_FOLDER") or "/usr/local/share/.cache/yarn",
    }
    production = any(w.value in ("--production", "--prod") for w in command.args) or (
        local.get("NODE_ENV") == "production"
    )
    if action == "install":
        _record(context, command, "yarn", "install", [], **options)
        context.state.fs.put(
            Entry(
                normpath("node_modules", context.cwd),
                "dir",
                context.uid,
                context.gid,
                0o755,
                context.line,
                f"yarn install on line {context.line}",
                opaque=True,
                dev_dependencies=not production,
            )
        )
    elif action in ("build", "run"):
        _record(context, command, "yarn", "run", [action], **options)
    else:
        context.unknown(command)


def _go(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    sub = command.subcommand
    if sub is None:
        return
    if sub.value == "mod":
        _record(context, command, "go", "download", [])
        return
    if sub.value == "env":
        words = [w.value for w in command.args]
        if "-w" in words:
            for word in words:
                if "=" in word:
                    name, _, value = word.partition("=")
                    expanded = context.value(value)  # the shell expands $TARGETARCH before go sees it
                    context.state.go_env[name] = expanded if expanded is not None else value
        return
    if sub.value not in ("build", "install"):
        if sub.value not in ("version", "test", "vet", "generate", "get", "clean"):
            context.unknown(command)
        return
    env = {**context.state.go_env, **local}
    words = [w.value for w in command.args]
    output = None
    packages: list[str] = []
    index = 1
    while index < len(words):
        word = words[index]
        if word == "-o" and index + 1 < len(words):
            output = words[index + 1]
            index += 2
            continue
        if word.startswith("-o="):
            output = word[3:]
        elif word in ("-ldflags", "-tags", "-gcflags", "-asmflags", "-mod", "-modfile", "-p", "-buildmode"):
            index += 2
            continue
        elif not word.startswith("-"):
            packages.append(word)
        index += 1
    cgo: bool | None
    if "CGO_ENABLED" not in env or env["CGO_ENABLED"] == "":
        base = context.state.base
        cgo = None if base is None else "gcc" in base.programs
        if env.get("GOARCH") and context.state.platform == "{build platform}":
            cgo = None  # off when cross-compiling, on for a target that matches the build machine
    else:
        cgo = None if env["CGO_ENABLED"] is None else env["CGO_ENABLED"] != "0"
    goarch = env.get("GOARCH")
    if not goarch and "GOARCH" not in env:
        goarch = "{build arch}" if context.state.platform == "{build platform}" else "{target arch}"
    name = posixpath.basename((packages[-1] if packages else context.cwd).rstrip("/.")) or "main"
    if output is not None:
        path = context.path(output)
        if path and output.endswith("/"):
            path = f"{path}/{name}"
    elif sub.value == "install":
        path = normpath(f"{env.get('GOBIN') or (env.get('GOPATH') or '/go') + '/bin'}/{name}")
    else:
        path = normpath(name, context.cwd)
    binary = Binary("go", cgo, env.get("GOOS"), goarch, context.line)
    _record(context, command, "go", "build", packages, output=path, binary=binary)
    if path:
        context.state.fs.ensure_dir(
            posixpath.dirname(path), context.line, context.uid, context.gid, "go build"
        )
        context.state.fs.put(
            Entry(
                path,
                "file",
                context.uid,
                context.gid,
                0o755,
                context.line,
                f"built by `go build` on line {context.line}",
                binary=binary,
            )
        )
        context.state.programs[posixpath.basename(path)] = (path, context.line)


# --- accounts -----------------------------------------------------------------------------------


def _option_value(words: list[str], *names: str) -> str | None:
    for index, word in enumerate(words):
        for name in names:
            if word == name and index + 1 < len(words):
                return words[index + 1]
            if name.startswith("--") and word.startswith(name + "="):
                return word.split("=", 1)[1]
    return None


def _id_option(context: RunContext, words: list[str], short: str, long: str) -> str | None:
    """A uid or gid option as the command reads it: `-u 10001`, `--uid=10001`, `-u10001`, or
    `--uid "$APP_UID"` with the variable's value (None when it has no known value)."""
    text = _option_value(words, short, long)
    if text is None:
        text = next((w[len(short) :] for w in words if w.startswith(short) and len(w) > len(short)), None)
    return context.value(text) if text is not None else None


def _useradd(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    words = [w.value for w in command.args]
    uid_text = _id_option(context, words, "-u", "--uid")
    positional = [
        w.value
        for w in command.positional(
            {
                "-u",
                "--uid",
                "-g",
                "--gid",
                "-G",
                "--groups",
                "-d",
                "--home",
                "--home-dir",
                "-s",
                "--shell",
                "-c",
                "--comment",
                "-k",
                "-K",
                "-h",
                "--ingroup",
                "--gecos",
                "-e",
                "-f",
            }
        )
    ]
    if not positional:
        return
    name = positional[-1] if command.program in ("useradd",) else positional[0]
    uid = int(uid_text) if uid_text and uid_text.isdigit() else SOME_NON_ROOT_UID
    context.state.users[name] = uid
    context.state.created_users[name] = context.line
    group = _option_value(words, "-g", "--gid", "-G", "--ingroup")
    if group is None and name not in context.state.groups and uid >= 0:
        context.state.groups[name] = uid
    home = _option_value(words, "-d", "--home", "--home-dir", "-h")
    if home is None and (command.has_option("-m", "--create-home") or command.program == "adduser"):
        home = f"/home/{name}"
    if home and home.startswith("/") and not command.has_option("-M", "--no-create-home", "-H"):
        context.state.fs.ensure_dir(
            home, context.line, uid if uid >= 0 else None, None, f"the home of {name}"
        )


def _groupadd(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    words = [w.value for w in command.args]
    gid_text = _id_option(context, words, "-g", "--gid")
    positional = [w.value for w in command.positional({"-g", "--gid", "-K"})]
    if positional:
        context.state.groups[positional[-1]] = (
            int(gid_text) if gid_text and gid_text.isdigit() else SOME_NON_ROOT_UID
        )


# --- file commands --------------------------------------------------------------------------------


def _paths(context: RunContext, command: Command, takes_value: Iterable[str] = ()) -> list[str | None]:
    return [context.path(word.value) for word in command.positional(takes_value)]


def _expand_glob(context: RunContext, path: str) -> list[str]:
    if not any(char in path for char in "*?["):
        return [path]
    return [entry for entry in context.state.fs.entries if fnmatchcase(entry, path)]


# Folders every Linux base image has, owned by root with mode 755: a non-root user cannot create
# anything directly in them.
ROOT_FOLDERS = frozenset(
    {"/", "/var", "/var/lib", "/var/log", "/var/cache", "/usr", "/usr/local", "/opt", "/etc", "/srv"}
)


def _mkdir_denied(context: RunContext, path: str) -> str:
    """Why `mkdir path` fails for the RUN's user, when the model knows ('' otherwise): its parent
    is a folder the Dockerfile made or a root folder of the base image, and the user cannot write it."""
    uid, gid = context.uid, context.gid
    state = context.state
    if uid in (None, 0) or state.fs.get(path) is not None or path in ROOT_FOLDERS or state.base is None:
        return ""
    parent = posixpath.dirname(path)
    entry = state.fs.get(parent)
    if entry is not None:
        if writable_by(entry, uid, gid) is not False:
            return ""
        owner = f"belongs to {entry.owner} with mode {entry.mode or 0:04o} ({entry.origin})"
    elif parent in ROOT_FOLDERS:
        owner = f"belongs to root with mode 0755 in {state.base_reference or 'the base image'}"
    else:
        return ""
    return (
        f"mkdir on line {context.line} runs as uid {uid} (USER), but {parent} {owner}, so creating {path} "
        "is denied and the build stops; create it before USER, or as root with the owner set"
    )


def _mkdir(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    mode_text = _option_value([w.value for w in command.args], "-m", "--mode")
    mode = apply_chmod(0o755, mode_text) if mode_text else 0o755
    for path in _paths(context, command, {"-m", "--mode"}):
        if path is None:
            context.unknown(command, "mkdir of an unknown path")
            continue
        denied = _mkdir_denied(context, path)
        if denied and context.state.failure is None:
            context.state.failure = (context.line, denied)
        fs = context.state.fs
        fs.ensure_dir(
            posixpath.dirname(path), context.line, context.uid, context.gid, f"mkdir on line {context.line}"
        )
        made = fs.get(path)
        if made is None or made.kind != "dir":
            fs.put(
                Entry(
                    path, "dir", context.uid, context.gid, mode, context.line, f"mkdir on line {context.line}"
                )
            )


def _touch(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    for path in _paths(context, command):
        if path and context.state.fs.get(path) is None:
            context.write_file(path, f"touch on line {context.line}", "", command)


def _rm(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    for path in _paths(context, command):
        if path is None:
            context.unknown(command, "rm of an unknown path")
            continue
        for match in _expand_glob(context, path):
            context.state.fs.remove(match, context.line)


def _ln(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    symbolic = command.has_option("-s", "--symbolic")
    words = [w.value for w in command.positional({"-t", "--target-directory", "-S", "--suffix"})]
    if len(words) < 2:
        context.unknown(command, "ln with one argument")
        return
    *targets, link = words
    link_path = context.path(link)
    if link_path is None:
        context.unknown(command, "ln to an unknown path")
        return
    fs = context.state.fs
    existing = fs.get(link_path)
    into_dir = (
        len(targets) > 1 or link.endswith("/") or (existing is not None and existing.kind == "dir")
    ) and not (
        command.has_option("-n", "--no-dereference", "-T") and existing is not None and existing.kind != "dir"
    )
    for target in targets:
        value = context.value(target)
        path = f"{link_path}/{posixpath.basename(target)}" if into_dir else link_path
        parent = posixpath.dirname(path)
        if fs.get(parent) is None and parent not in STANDARD_FOLDERS:
            context.unknown(command, f"ln into {parent}, which no earlier line creates")
            continue
        kind = "link" if symbolic else "hardlink"
        fs.put(
            Entry(
                path,
                kind,
                context.uid,
                context.gid,
                0o777,
                context.line,
                f"ln on line {context.line}",
                target=value,
            )
        )


def _cp(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    words = [w.value for w in command.positional({"-t", "--target-directory"})]
    if len(words) < 2:
        return
    *sources, destination = words
    dest = context.path(destination)
    if dest is None:
        context.unknown(command, "cp to an unknown path")
        return
    fs = context.state.fs
    existing = fs.get(dest)
    many = len(sources) > 1 or destination.endswith("/") or (existing is not None and existing.kind == "dir")
    for source in sources:
        secret = context.secret_in(source)
        src = context.path(source)
        target = normpath(posixpath.basename(src or source), dest) if many else dest
        found = fs.under(src) if src else []
        if found and src and not secret:
            for entry in found:
                moved = target + entry.path[len(src) :]
                fs.put(
                    Entry(
                        moved,
                        entry.kind,
                        context.uid
                        if command.program == "cp" and not command.has_option("-a", "-p", "--preserve")
                        else entry.uid,
                        entry.gid,
                        entry.mode,
                        context.line,
                        f"cp on line {context.line}",
                        target=entry.target,
                        secret=entry.secret,
                        binary=entry.binary,
                        opaque=entry.opaque,
                    )
                )
        else:
            context.write_file(target, f"cp on line {context.line}", source, command)


def _mv(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    words = [w.value for w in command.positional()]
    if len(words) != 2:
        context.unknown(command)
        return
    src, dest = context.path(words[0]), context.path(words[1])
    if src is None or dest is None:
        context.unknown(command)
        return
    existing = context.state.fs.get(dest)
    if existing is not None and existing.kind == "dir":
        dest = normpath(posixpath.basename(src), dest)
    fs = context.state.fs
    if fs.under(src):
        fs.move(src, dest, context.line)
    elif any(entry.opaque and is_under(src, entry.path) for entry in fs.entries.values()):
        # `tar -xzf t.tgz -C /opt && mv /opt/tool-4.2 /opt/tool`: what moves is not known
        origin = f"moved by mv on line {context.line} from {src}, which I cannot list"
        fs.put(
            Entry(
                dest,
                "dir",
                context.uid,
                context.gid,
                None,
                context.line,
                origin,
                opaque=True,
                kind_known=False,
            )
        )
    else:
        context.write_file(dest, f"mv on line {context.line}", words[0], command)


def _chmod(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    words = [w for w in command.args if w.value not in ("-R", "--recursive", "-v", "-f", "-c")]
    recursive = command.has_option("-R", "--recursive")
    if len(words) < 2:
        return
    mode_text = words[0].value
    for word in words[1:]:
        path = context.path(word.value)
        if path is None:
            context.unknown(command, "chmod of an unknown path")
            continue
        for match in _expand_glob(context, path):
            _change_mode(context, match, mode_text, recursive)


def _change_mode(
    context: RunContext, path: str, mode_text: str, recursive: bool, kind: str | None = None
) -> None:
    fs = context.state.fs
    if fs.get(path) is None:
        fs.ensure_dir(path, context.line, None, None, f"changed on line {context.line}")
        fs.put(
            Entry(path, "dir", None, None, None, context.line, f"chmod on line {context.line}", opaque=True)
        )
    for entry in fs.under(path) if recursive else [fs.get(path)]:
        if entry is None or (kind and entry.kind != kind):
            continue
        fs.change(
            entry.path, False, context.line, mode=lambda e: apply_chmod(e.mode, mode_text, e.kind == "dir")
        )


def _owner(context: RunContext, spec: str) -> tuple[int | None, int | None]:
    user, sep, group = spec.replace(".", ":", 1).partition(":") if ":" not in spec else spec.partition(":")
    uid = int(user) if user.isdigit() else context.state.users.get(user) if user else None
    gid = int(group) if group.isdigit() else context.state.groups.get(group) if group else None
    if sep and not group and uid is not None:
        gid = uid
    return uid, gid


def _chown(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    words = [w for w in command.args if not w.value.startswith("-")]
    recursive = command.has_option("-R", "--recursive")
    if len(words) < 2:
        return
    spec = context.value(words[0].value) or ""
    if command.program == "chgrp":  # its first word is a group, not user[:group]
        uid, gid = None, int(spec) if spec.isdigit() else context.state.groups.get(spec)
    else:
        uid, gid = _owner(context, spec)
    for word in words[1:]:
        path = context.path(word.value)
        if path is None:
            context.unknown(command, "chown of an unknown path")
            continue
        for match in _expand_glob(context, path):
            _change_owner(context, match, spec, uid, gid, recursive, command.program == "chgrp")


def _change_owner(
    context: RunContext,
    path: str,
    spec: str,
    uid: int | None,
    gid: int | None,
    recursive: bool,
    group_only: bool = False,
    kind: str | None = None,
) -> None:
    fs = context.state.fs
    if fs.get(path) is None:
        fs.put(
            Entry(path, "dir", None, None, None, context.line, f"chown on line {context.line}", opaque=True)
        )
    for entry in fs.under(path) if recursive else [fs.get(path)]:
        if entry is None or (kind and entry.kind != kind):
            continue
        if group_only:
            fs.change(entry.path, False, context.line, gid=gid)
        else:
            fs.change(
                entry.path,
                False,
                context.line,
                uid=uid,
                gid=gid if gid is not None else entry.gid,
                owner_text=spec,
            )


def _find(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    words = [w.value for w in command.args]
    if "-exec" not in words:
        if "-delete" in words and words:
            root = context.path(words[0])
            if root:
                context.unknown(command, "find -delete")
        return
    root = context.path(words[0]) if words and not words[0].startswith("-") else context.cwd
    kind = {"d": "dir", "f": "file"}.get(_option_value(words, "-type") or "")
    start = words.index("-exec") + 1
    inner = [w for w in words[start:] if w not in ("{}", ";", "+", "\\;")]
    if not inner or root is None:
        context.unknown(command)
        return
    if inner[0] == "chmod" and len(inner) >= 2:
        context.state.fs.ensure_dir(root, context.line, None, None, "find")
        for entry in context.state.fs.under(root):
            if kind is None or entry.kind == kind:
                _change_mode(context, entry.path, inner[-1] if len(inner) == 2 else inner[1], False)
    elif inner[0] == "chown" and len(inner) >= 2:
        spec = inner[1] if not inner[1].startswith("-") else inner[2]
        uid, gid = _owner(context, spec)
        for entry in context.state.fs.under(root):
            if kind is None or entry.kind == kind:
                _change_owner(context, entry.path, spec, uid, gid, False)
    else:
        context.unknown(command, f"find -exec {inner[0]}")


def _install(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    words = [w.value for w in command.args]
    owner = _option_value(words, "-o", "--owner")
    group = _option_value(words, "-g", "--group")
    mode_text = _option_value(words, "-m", "--mode") or "755"
    uid, gid = (
        _owner(context, f"{owner or ''}:{group or ''}") if owner or group else (context.uid, context.gid)
    )
    paths = [
        context.path(w.value)
        for w in command.positional({"-o", "--owner", "-g", "--group", "-m", "--mode", "-t"})
    ]
    fs = context.state.fs
    if command.has_option("-d", "--directory"):
        for path in paths:
            if path:
                fs.ensure_dir(path, context.line, 0, 0, "install -d")
                fs.put(
                    Entry(
                        path,
                        "dir",
                        uid,
                        gid,
                        apply_chmod(0o755, mode_text, True),
                        context.line,
                        f"install -d on line {context.line}",
                        owner_text=owner and f"{owner}:{group or owner}",
                    )
                )
        return
    if len(paths) < 2 or paths[-1] is None:
        context.unknown(command)
        return
    dest = paths[-1]
    source_text = command.positional({"-o", "--owner", "-g", "--group", "-m", "--mode", "-t"})[0].value
    existing = fs.get(dest)
    if existing is not None and existing.kind == "dir":
        dest = normpath(posixpath.basename(paths[0] or source_text), dest)
    secret = context.secret_in(source_text)
    fs.put(
        Entry(
            dest,
            "file",
            uid,
            gid,
            apply_chmod(0o755, mode_text),
            context.line,
            f"install on line {context.line}",
            secret=secret,
        )
    )
    context.state.programs[posixpath.basename(dest)] = (dest, context.line)
    if secret:
        context.state.secret_writes.append(SecretWrite(dest, secret, context.line, command.span))


def _download(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    words = [w.value for w in command.args]
    output = None
    url = next((w for w in words if "://" in w), None)
    for index, word in enumerate(words):
        if command.program == "curl":
            if (word in ("-o", "--output") and index + 1 < len(words)) or (
                word.startswith("-")
                and not word.startswith("--")
                and word.endswith("o")
                and index + 1 < len(words)
            ):
                output = words[index + 1]
            elif word in ("-O", "--remote-name") or (
                word.startswith("-") and not word.startswith("--") and "O" in word
            ):
                output = posixpath.basename(url or "") or None
        elif word in ("-O", "--output-document") or (
            word.startswith("-") and not word.startswith("--") and word.endswith("O")
        ):
            output = words[index + 1] if index + 1 < len(words) else None
        elif word.startswith("--output-document="):
            output = word.split("=", 1)[1]
    if command.program == "wget" and output is None and url and command.after not in ("|", "|&"):
        output = posixpath.basename(url)
    if output in (None, "-", "/dev/stdout"):
        return
    path = context.path(output)
    if path:
        context.write_file(
            path, f"downloaded by {command.program} on line {context.line}", " ".join(words), command
        )


# tar options whose value is the next word (or after `=`).
_TAR_VALUE_OPTIONS = frozenset(
    {
        "-C",
        "--directory",
        "-f",
        "--file",
        "--strip-components",
        "--strip",
        "--exclude",
        "-T",
        "--files-from",
        "-X",
        "--exclude-from",
        "--transform",
        "--xform",
        "--owner",
        "--group",
        "--mode",
        "-b",
        "--blocking-factor",
    }
)


def _tar(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    words = [w.value for w in command.args]
    extracting = any(
        w in ("-x", "--extract", "x")
        or (w.startswith("-") and not w.startswith("--") and "x" in w)
        or ((not w.startswith("-") and w and set(w) <= set("xzvfjJ")) and "x" in w)
        for w in words[:2]
    )
    if not extracting:
        return
    folder = _option_value(words, "-C", "--directory")
    path = context.path(folder) if folder else context.cwd
    if not path:
        return
    archive_file, members = _tar_operands(words)
    archive = _archive(context, archive_file, previous)
    if archive is not None:
        strip = _option_value(words, "--strip-components", "--strip") or "0"
        excluded = [word.partition("=")[2] for word in words if word.startswith("--exclude=")]
        _unpack(context, archive, path, int(strip) if strip.isdigit() else 0, members, excluded, "tar")
        return
    context.state.fs.ensure_dir(path, context.line, context.uid, context.gid, "tar -x")
    context.state.fs.put(
        Entry(
            path,
            "dir",
            context.uid,
            context.gid,
            0o755,
            context.line,
            f"unpacked by tar on line {context.line}",
            opaque=True,
        )
    )


def _tar_operands(words: list[str]) -> tuple[str | None, list[str]]:
    """The archive `tar` reads (`-f FILE`, `-xzf FILE`, old-style `xzf FILE`; None: standard input)
    and the member names it is asked to extract."""
    archive: str | None = None
    members: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        name, equals, inline = word.partition("=")
        bundle = word.startswith("-") and not word.startswith("--") and len(word) > 2
        old_style = index == 0 and not word.startswith("-") and "x" in word and set(word) <= set("xzvfjJpo")
        if name in ("-f", "--file"):
            archive = inline if equals else (words[index + 1] if index + 1 < len(words) else None)
            index += 1 if equals else 2
            continue
        if (bundle or old_style) and "f" in word:
            archive = words[index + 1] if word.endswith("f") and index + 1 < len(words) else None
            index += 2
            continue
        if name in _TAR_VALUE_OPTIONS:
            index += 1 if equals else 2
            continue
        if not word.startswith("-") and not old_style:
            members.append(word)
        index += 1
    return (None if archive == "-" else archive), members


def _archive(context: RunContext, archive_file: str | None, previous: Command | None) -> Archive | None:
    """The declared archive a command unpacks: a file a download wrote, or a download piped into it."""
    if not context.archives:
        return None
    if archive_file is None:
        if previous is None or previous.program not in ("curl", "wget"):
            return None
        text = " ".join(word.value for word in previous.args)
    else:
        path = context.path(archive_file)
        entry = context.state.fs.get(path) if path else None
        if entry is None or not entry.content:
            return None
        text = entry.content
    for word in text.split():
        if "://" in word:
            url = context.value(word)
            url = url if url is not None else re.sub(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?", "*", word)
            found = next((a for a in context.archives if fnmatchcase(url, a.url)), None)
            if found is not None:
                return found
    return None


def _unpack(
    context: RunContext,
    archive: Archive,
    folder: str,
    strip: int,
    members: list[str],
    excluded: list[str],
    tool: str,
) -> None:
    """Put the archive's files under `folder`, as `tar -x` (or unzip) would: leading folders stripped,
    only the members asked for. As root, tar keeps the archive's owners, which the drill does not give."""
    fs = context.state.fs
    fs.ensure_dir(folder, context.line, context.uid, context.gid, f"{tool} on line {context.line}")
    keeps_owner = tool == "tar" and context.uid == 0
    uid, gid = (None, None) if keeps_owner else (context.uid, context.gid)
    origin = f"unpacked by {tool} from {archive.url} on line {context.line}"
    for member in archive.members:
        name = member.path.strip("/")
        if members and not any(
            name == wanted.strip("/")
            or is_under("/" + name, "/" + wanted.strip("/"))
            or fnmatchcase(name, wanted)
            for wanted in members
        ):
            continue
        if any(
            fnmatchcase(name, pattern) or fnmatchcase(posixpath.basename(name), pattern)
            for pattern in excluded
        ):
            continue
        parts = name.split("/")[strip:]
        if not parts:
            continue
        target = normpath("/".join(parts), folder)
        parent = posixpath.dirname(target)
        if fs.get(parent) is None:
            fs.ensure_dir(parent, context.line, uid, gid, origin)
        mode = member.mode if member.mode is not None else 0o644
        fs.put(
            Entry(
                target,
                "file",
                uid,
                gid,
                mode,
                context.line,
                origin,
                content=member.contents,
                mode_declared=member.mode is not None,
            )
        )


def _unzip(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    words = [w.value for w in command.args]
    folder = _option_value(words, "-d")
    path = context.path(folder) if folder else context.cwd
    if not path:
        return
    operands = [w.value for w in command.positional(("-d", "-x", "-P"))]
    archive = _archive(context, operands[0], None) if operands else None
    if archive is not None:
        _unpack(context, archive, path, 0, operands[1:], [], "unzip")
        return
    context.state.fs.put(
        Entry(
            path,
            "dir",
            context.uid,
            context.gid,
            0o755,
            context.line,
            f"unzipped on line {context.line}",
            opaque=True,
        )
    )


def _tee(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    content = " ".join(word.value for word in previous.words) if previous is not None else ""
    content += "".join(heredoc.content for heredoc in context.ins.heredocs)
    for word in command.positional():
        path = context.path(word.value)
        if path and not path.startswith("/dev/"):
            context.write_file(path, f"written by tee on line {context.line}", content, command)


def _git(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    """`git config --global ...` writes $HOME/.gitconfig (--system: /etc/gitconfig), where a token
    in a URL stays in the layer; any other git command is not followed."""
    words = [word.value for word in command.words]
    if command.subcommand is None or command.subcommand.value != "config":
        context.unknown(command)
        return
    if "--system" in words:
        path = "/etc/gitconfig"
    elif "--global" in words:
        path = normpath(".gitconfig", context.home())
    else:
        path = normpath(".git/config", context.cwd)
    if any(word.startswith(("--get", "--list", "-l", "--unset")) for word in words):
        return
    content = " ".join(word.text for word in command.words)
    context.write_file(path, f"written by `git config` on line {context.line}", content, command)


def _set(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    """`set -o pipefail` under a shell that has no such option (dash, Debian's /bin/sh) stops the RUN."""
    if sets_pipefail([word.value for word in command.words]):
        _no_pipefail(context, _run_shell(context))


def _run_shell(context: RunContext) -> str:
    """The shell that runs this RUN's script: a heredoc's `#!` line (BuildKit runs it as a
    script file), else the stage's SHELL."""
    if context.inner_shell:
        return context.inner_shell
    for heredoc in context.ins.heredocs:
        shell = shebang_shell(heredoc.content)
        if shell is not None:
            return shell
    if context.ins.heredocs:
        # `RUN <<EOF bash`: the heredoc is the standard input of that shell
        for command in context.ins.script.commands:
            if command.program in SHELLS and not command.has_option("-c"):
                return command.program
    return context.state.shell[0] if context.state.shell else "/bin/sh"


def _no_pipefail(context: RunContext, shell: str) -> None:
    traits = shell_traits(shell, context.state.base)
    if traits.pipefail is False and context.state.failure is None:
        base = context.state.base_reference or "the base image"
        context.state.failure = (
            context.line,
            f"line {context.line} runs `-o pipefail` under {shell}, which is {traits.kind} in {base}: it has no pipefail "
            "option, so the RUN stops (Illegal option -o pipefail); "
            'use `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN',
        )


def _shell(
    context: RunContext, command: Command, local: dict[str, str | None], previous: Command | None
) -> None:
    if sets_pipefail([word.value for word in command.words if word.value != "-c"]):
        _no_pipefail(context, command.program)  # `sh -o pipefail -c ...` with sh being dash
    words = [word.value for word in command.words]
    index = command_option(words)
    if index is not None and index + 1 < len(command.words):
        _model_inner_script(context, command.program, command.words[index + 1])
        return
    if context.ins.heredocs and not command.has_option("-c"):
        return  # `RUN <<EOF bash`: the lint parser puts the heredoc's commands in the same script
    context.unknown(command)


def _model_inner_script(context: RunContext, shell: str, script: Word) -> None:
    """`bash -o pipefail -c 'curl ... | tar -xz'`: the script's commands, in a child shell (its
    variables and folder do not come back); positions point at the script's word."""
    text_map = TextMap()
    text_map.add(0, script.span.line, script.span.column, len(script.value) + 1)
    inner = parse_script(script.value, text_map)
    saved = (dict(context.vars), context.cwd, context.inner_shell)
    context.inner_shell = shell
    try:
        _model_commands(context, inner.unwrapped())
    finally:
        context.vars, context.cwd, context.inner_shell = saved


HANDLERS = {
    **{name: _apt for name in APT},
    "apk": _apk,
    **{name: _dnf for name in DNF},
    **{name: _pip for name in PIP},
    "virtualenv": _virtualenv,
    "npm": _npm,
    "yarn": _yarn,
    "go": _go,
    "useradd": _useradd,
    "adduser": _useradd,
    "groupadd": _groupadd,
    "addgroup": _groupadd,
    "mkdir": _mkdir,
    "touch": _touch,
    "rm": _rm,
    "ln": _ln,
    "cp": _cp,
    "mv": _mv,
    "chmod": _chmod,
    "chown": _chown,
    "chgrp": _chown,
    "find": _find,
    "install": _install,
    "curl": _download,
    "wget": _download,
    "tar": _tar,
    "unzip": _unzip,
    "tee": _tee,
    "sh": _shell,
    "bash": _shell,
    "set": _set,
    "git": _git,
    "dpkg": lambda *a: None,
    "update-ca-certificates": lambda *a: None,
    "ldconfig": lambda *a: None,
}


def mentioned_variables(text: str) -> set[str]:
    return set(_VAR.findall(text))
