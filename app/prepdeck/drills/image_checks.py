"""v2 checks on the final image as a whole: stages, base, user, programs, packages, binaries."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import cast

from prepdeck.build.filesystem import is_under, normpath
from prepdeck.build.runtime import pid1, program_available
from prepdeck.build.state import PLATFORM_ARGS, SOME_NON_ROOT_UID, StageBuild
from prepdeck.content import model as m
from prepdeck.drills.images import _check_image, _matches
from prepdeck.drills.model_common import final_or_verdict, line_span, show
from prepdeck.drills.outcome import Verdict
from prepdeck.drills.subject import Subject, quoted


def stage_count(requirement: m.StageCount, subject: Subject) -> Verdict:
    params = requirement.params
    found = len(subject.dockerfile.stages)
    noun = "stage" if found == 1 else "stages"
    if found < params.min:
        return Verdict.fail(
            subject.missing_span(), f"the file has {found} {noun}; it needs at least {params.min}"
        )
    if params.max is not None and found > params.max:
        extra = subject.dockerfile.stages[params.max]
        return Verdict.fail(
            extra.from_instruction.head_span, f"the file has {found} {noun}; it needs at most {params.max}"
        )
    return Verdict.ok()


def final_base_matches(requirement: m.FinalBaseMatches, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    params = requirement.params
    root = final.chain()[0]
    image = root.stage.base
    if params.pinned == "any":
        if params.images:
            if image is None or image.resolved is None:
                return Verdict.cannot_tell(
                    subject.missing_span(), "the final base image depends on a build argument"
                )
            if not _matches(image, list(params.images)):
                allowed = ", ".join(f"`{pattern}`" for pattern in params.images)
                return Verdict.fail(
                    image.span, f"{quoted(image.text)} is not one of the allowed images: {allowed}"
                )
    else:
        image_verdict = _check_image(
            root.stage, m.BaseImageParams(by=params.pinned, match=list(params.images))
        )
        if not image_verdict.met:
            return image_verdict
    if params.no_shell:
        span = root.stage.from_instruction.head_span
        if root.base is None:
            if root.base_reference == "scratch":
                return Verdict.ok()
            return Verdict.cannot_tell(
                span,
                f"{quoted(root.base_reference or '?')} is not in the image catalogue, so I cannot tell whether it has a shell",
            )
        if root.base.shell is not None:
            return Verdict.fail(span, f"{quoted(root.base_reference or '')} has a shell ({root.base.shell})")
    return Verdict.ok()


def runs_as_non_root(requirement: m.RunsAsNonRoot, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    span = final.user_span or subject.missing_span()
    user = final.user
    source = (
        f"USER on line {final.user_line}"
        if final.user_line
        else f"the base image {quoted(final.base_reference or '?')}"
    )
    if final.user_line is None and final.base is None:
        if final.base_reference == "scratch":
            return Verdict.fail(
                span, "the image is built on scratch with no USER, so it runs as root (uid 0)"
            )
        return Verdict.cannot_tell(
            span,
            f"{quoted(final.base_reference or '?')} is not in the image catalogue and no USER is set, so I cannot tell which user it runs as",
        )
    if user == "?":
        return Verdict.cannot_tell(span, f"the {source} depends on a build argument with no value")
    name = user.partition(":")[0].strip()
    if not name:
        return Verdict.fail(span, f"the {source} names no user")
    uid = final.uid()
    if uid is None:
        return Verdict.fail(
            span,
            f"{source} names `{name}`, but no line creates that user and the base image has no such account, "
            "so the container cannot start",
        )
    if uid == 0:
        return Verdict.fail(span, f"{source} makes the container run as root (`{user}`)")
    if requirement.params.numeric and not name.isdigit():
        shown = f"{uid}" if uid != SOME_NON_ROOT_UID else "its uid"
        return Verdict.fail(
            span,
            f"{source} names the user `{name}`; Kubernetes' runAsNonRoot can only verify a number, so write USER {shown}",
        )
    wanted = requirement.params
    for what, want, got in (("uid", wanted.uid, uid), ("gid", wanted.gid, final.gid())):
        if want is None or got == want:
            continue
        if got is None or got == SOME_NON_ROOT_UID:
            return Verdict.cannot_tell(span, f"the {what} of `{user}` ({source}) is not fixed in the build")
        return Verdict.fail(span, f"{source} runs the container with {what} {got}, not {want}")
    if wanted.created_users_fixed:
        return _created_users_fixed(subject, final, wanted)
    return Verdict.ok()


def _created_users_fixed(subject: Subject, final: StageBuild, wanted: m.NonRootParams) -> Verdict:
    """The users the Dockerfile creates have the fixed uid (and gid) the task names."""
    for name, line in sorted(final.created_users.items(), key=lambda item: item[1]):
        span = line_span(subject, line)
        uid = final.users.get(name)
        gid = final.groups.get(name)
        if uid == SOME_NON_ROOT_UID:
            return Verdict.fail(
                span,
                f"line {line} creates the user `{name}` without a fixed uid, so it gets the next free "
                f"one (1000 on a fresh image){'' if wanted.uid is None else f', not {wanted.uid}'}",
            )
        if wanted.uid is not None and uid is not None and uid != wanted.uid:
            return Verdict.fail(
                span, f"line {line} creates the user `{name}` with uid {uid}, not {wanted.uid}"
            )
        if wanted.gid is not None and gid is not None and gid not in (wanted.gid, SOME_NON_ROOT_UID):
            return Verdict.fail(span, f"line {line} puts the user `{name}` in group {gid}, not {wanted.gid}")
    return Verdict.ok()


def program_available_check(requirement: m.ProgramAvailable, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    found = program_available(final, requirement.params.name)
    if found.present:
        return Verdict.ok()
    span = subject.missing_span()
    if found.present is None:
        return Verdict.cannot_tell(span, found.how)
    return Verdict.fail(span, found.how)


def _installed(final: StageBuild, manager: str) -> dict[str, int]:
    """Package name -> the line that installed it, for packages still installed in the final image."""
    present: dict[str, int] = {}
    for step in final.packages:
        language = step.manager in ("pip", "npm", "yarn", "go")
        if (language and manager != step.manager) or manager not in ("any", step.manager):
            continue
        if step.action == "install":
            for name in step.names:
                present[name.lower()] = step.line
        elif step.action == "remove":
            for name in step.names:
                present.pop(name.lower(), None)
    return present


def packages_installed(requirement: m.PackagesInstalled, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    params = requirement.params
    if params.manager == "pip" and params.requirements:
        return _pip_reaches_final(subject, final, params.requirements)
    if params.manager == "npm" and params.requirements:
        return _npm_reads(subject, params.requirements)
    present = _installed(final, params.manager)
    missing = [name for name in params.names if name.lower() not in present]
    for step in final.packages:
        wanted = [name for name in params.names if name.lower() in step.names]
        if step.manager != "apt" or step.action != "install" or not wanted or step.options.get("lists"):
            continue
        base = final.base_reference or "the base image"
        reason = (
            f"apt-get install on line {step.line} runs with no package lists: {base} ships none and no "
            f"apt-get update ran before it, so apt cannot find {', '.join(wanted)} and the build stops"
        )
        if step.options.get("lists") is None:
            return Verdict.cannot_tell(
                line_span(subject, step.line), reason.replace(" ships none", " may ship none")
            )
        return Verdict.fail(line_span(subject, step.line), reason)
    if missing:
        return Verdict.fail(
            subject.missing_span(), f"nothing installs {', '.join(missing)} in the final image"
        )
    return Verdict.ok()


def packages_absent(requirement: m.PackagesAbsent, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    present = _installed(final, requirement.params.manager)
    for name in requirement.params.names:
        line = present.get(name.lower())
        if line is not None:
            return Verdict.fail(line_span(subject, line), f"line {line} installs {name} into the final image")
    return Verdict.ok()


def _npm_reads(subject: Subject, wanted: str) -> Verdict:
    steps = [
        step
        for stage in subject.build.shipped_stages()
        for step in stage.packages
        if step.manager == "npm"
        and step.action in ("ci", "install")
        and step.instruction.stage is stage.stage
    ]
    if not steps:
        return Verdict.fail(subject.missing_span(), "no RUN in the build runs npm ci or npm install")
    for step in steps:
        if wanted not in cast(list[str], step.options.get("reads", [])):
            return Verdict.fail(
                line_span(subject, step.line),
                f"`{step.options.get('text', 'npm')}` on line {step.line} runs in {step.options.get('cwd')}, where no "
                f"earlier line puts {wanted} (copied or bind-mounted)",
            )
    return Verdict.ok()


def runtime_cache_in(requirement: m.RuntimeCacheIn, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    params = requirement.params
    env = final.env
    names = ("npm_config_cache", "NPM_CONFIG_CACHE") if params.tool == "npm" else ("PIP_CACHE_DIR",)
    setting = next((name for name in names if env.get(name)), None)
    uid = final.uid()
    home = env.get("HOME") or (
        "/root"
        if uid == 0
        else next(
            (f"/home/{name}" for name, known in final.users.items() if known == uid and name != "root"), None
        )
    )
    if setting:
        folder, how = normpath(str(env[setting])), f"{setting} (line {final.env_lines.get(setting)})"
        span = line_span(subject, final.env_lines.get(setting))
    elif home:
        suffix = ".npm" if params.tool == "npm" else ".cache/pip"
        folder, how = normpath(f"{home}/{suffix}"), f"HOME ({home})"
        span = line_span(subject, final.env_lines.get("HOME")) if env.get("HOME") else subject.missing_span()
    else:
        return Verdict.cannot_tell(
            subject.missing_span(), f"the home folder of the user {final.user} is not known"
        )
    if any(is_under(folder, normpath(path)) for path in params.paths):
        return Verdict.ok()
    return Verdict.fail(
        span,
        f"at run time {params.tool} keeps its cache in {folder}, from {how}, which is not under {', '.join(params.paths)}",
    )


def _pip_reaches_final(subject: Subject, final: StageBuild, requirements: str) -> Verdict:
    """`pip install -r requirements.txt` ran somewhere, and its packages are where the final image's
    python finds them: installed in the final stage itself, or copied from a builder onto PYTHONPATH."""
    build = subject.build
    installs = [
        (stage, step)
        for stage in build.shipped_stages()
        for step in stage.packages
        if step.manager == "pip"
        and step.action == "install"
        and step.options.get("site")
        and any(
            fnmatchcase(str(r).rsplit("/", 1)[-1], requirements)
            for r in cast(list[str], step.options.get("requirements", []))
        )
    ]
    if not installs:
        return Verdict.fail(subject.missing_span(), f"no RUN installs {requirements} with pip")
    python_path = [p for p in str(final.env.get("PYTHONPATH") or "").split(":") if p]
    if final.env.get("PYTHONUSERBASE"):  # python adds the user site under it to sys.path
        python_path.append(f"{final.env['PYTHONUSERBASE']}/lib/python*/site-packages")
    default_site = final.base.python_site if final.base is not None else None
    final_minor = final.base.language_version if final.base is not None else None
    for stage, step in installs:
        site = str(step.options["site"])
        where = _site_in_final(final, stage, site)
        if where is None:
            continue
        if final_minor and "/python3." in where:
            built_for = where.split("/python", 1)[1].split("/", 1)[0]
            if built_for != "*" and not final_minor.startswith(built_for):
                return Verdict.fail(
                    line_span(subject, step.line),
                    f"line {step.line} installs packages for Python {built_for}, but the final image runs Python {final_minor}",
                )
        on_path = any(fnmatchcase(where, normpath(p)) or fnmatchcase(normpath(p), where) for p in python_path)
        if on_path or where == default_site or stage is final:
            return Verdict.ok()
        venv = _venv_verdict(subject, final, stage, site, where)
        if venv is not None:
            return venv
        return Verdict.fail(
            line_span(subject, step.line),
            f"the packages pip installs on line {step.line} are at {where} in the final image, but PYTHONPATH "
            f"does not name that folder, so python will not find them",
        )
    step = installs[0][1]
    return Verdict.fail(
        line_span(subject, step.line),
        f"pip installs into {step.options['site']} on line {step.line}, but nothing copies that folder into the final image",
    )


def _python_prefix(stage: StageBuild) -> str | None:
    """Where the stage's base image keeps python (`/usr/local` for python:3.12-slim), or None."""
    site = stage.base.python_site if stage.base is not None else None
    return site.split("/lib/", 1)[0] if site else None


def _venv_verdict(
    subject: Subject, final: StageBuild, stage: StageBuild, site: str, where: str
) -> Verdict | None:
    """A virtual environment copied from a builder works when the final image runs its python (its
    bin folder on PATH, or named by path) and that python's link target exists in the final image:
    a venv's bin/python points at the python of the image that created it. None: not a venv in use."""
    origin_root, _, _ = site.partition("/lib/python")
    root, _, _ = where.partition("/lib/python")
    if origin_root not in stage.venvs:
        return None
    program = pid1(final).program
    runs_it = bool(program) and program[0].startswith(f"{root}/bin/")
    on_path = f"{root}/bin" in str(final.env.get("PATH") or "").split(":")
    if not (runs_it or on_path):
        return None
    built, target = _python_prefix(stage), _python_prefix(final)
    minor = stage.venvs.get(origin_root) or ""
    if built is None or target is None:
        return Verdict.cannot_tell(
            subject.missing_span(),
            f"the venv at {root} runs the python of the image that built it, and I cannot tell whether the final image has it",
        )
    if built != target:
        return Verdict.fail(
            line_span(subject, final.stage.from_instruction.line),
            f"{root}/bin/python is a link to {built}/bin/python{minor}, the builder's python, but the final image "
            f"keeps python under {target}, so the venv's python cannot start",
        )
    return Verdict.ok()


def _site_in_final(final: StageBuild, stage: StageBuild, site: str) -> str | None:
    if stage is final or stage in final.chain():
        return site
    for entry in final.fs.entries.values():
        if entry.copied_from is None or entry.copied_from[0] != stage.index:
            continue
        origin = entry.copied_from[1]
        if is_under(site, origin) or fnmatchcase(origin, site):
            return entry.path + site[len(origin) :] if is_under(site, origin) else entry.path
    return None


def binary_built(requirement: m.BinaryBuilt, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    process = pid1(final)
    if not process.program:
        return Verdict.fail(subject.missing_span(), "the image runs no program")
    program = process.program[0]
    path = normpath(program, final.workdir) if "/" in program else final.programs.get(program, (None,))[0]
    entry = final.fs.get(path) if path else None
    spec = final.entrypoint or final.cmd
    span = line_span(subject, spec.line if spec is not None else None)
    if entry is None or entry.binary is None:
        if entry is not None and entry.opaque:
            return Verdict.cannot_tell(span, f"{program} comes from {entry.origin}, which I cannot follow")
        return Verdict.fail(
            span, f"the image runs {show([program])}, which no `go build` in the Dockerfile produces"
        )
    binary = entry.binary
    build_span = line_span(subject, binary.line)
    params = requirement.params
    if params.static:
        if binary.cgo is None:
            return Verdict.cannot_tell(
                build_span,
                f"whether cgo is on for `go build` on line {binary.line} depends on the target; set CGO_ENABLED=0",
            )
        if binary.cgo:
            return Verdict.fail(
                build_span,
                f"`go build` on line {binary.line} runs with cgo on (CGO_ENABLED is not 0 for that command), so the "
                "binary links the C library, which the final image does not have",
            )
    if params.for_target:
        arch = binary.goarch
        if arch == "{target arch}":
            return Verdict.ok()
        if arch is None:
            return Verdict.cannot_tell(
                build_span, f"GOARCH on line {binary.line} depends on a value I cannot see"
            )
        if arch == "":
            return Verdict.fail(
                build_span,
                f"GOARCH is empty on line {binary.line}: that stage never declares `ARG TARGETARCH`, so the binary is "
                "built for the build machine, not for each target",
            )
        if arch == "{build arch}":
            return Verdict.fail(
                build_span,
                f"`go build` on line {binary.line} sets no GOARCH in a stage that runs on $BUILDPLATFORM, so every "
                "image gets a binary for the build machine",
            )
        placeholder = next((name for name, shown in PLATFORM_ARGS.items() if shown == arch), None)
        if placeholder is not None:
            return Verdict.fail(
                build_span,
                f"`go build` on line {binary.line} sets GOARCH to ${placeholder}, which is not an architecture name "
                f"(GOARCH wants amd64 or arm64; ${placeholder} holds the {arch.strip('{}')}); use $TARGETARCH",
            )
        if "$" in arch:
            return Verdict.fail(
                build_span,
                f"`go build` on line {binary.line} gets GOARCH as the literal text `{arch}`: single quotes stop "
                "the shell expanding it, so go rejects it as an architecture; use double quotes or none",
            )
        return Verdict.fail(
            build_span, f"`go build` on line {binary.line} always builds for {arch}, whatever the target"
        )
    return Verdict.ok()
