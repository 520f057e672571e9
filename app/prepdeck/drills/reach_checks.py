"""v2 checks on what reaches the final image and the context: pruned node_modules, the package
`python -m` runs, and files the .dockerignore must keep out of the build context."""

from __future__ import annotations

from prepdeck.build.filesystem import Entry, is_under, normpath
from prepdeck.build.ignore import clean_path
from prepdeck.build.state import StageBuild
from prepdeck.content import model as m
from prepdeck.drills.model_common import final_or_verdict, line_span
from prepdeck.drills.outcome import Verdict
from prepdeck.drills.subject import Subject


def no_dev_dependencies(requirement: m.NoDevDependencies, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    for entry in sorted(final.fs.entries.values(), key=lambda e: e.line):
        if entry.dev_dependencies is not True:
            continue
        source = ""
        if entry.copied_from is not None:
            stage = subject.build.stages[entry.copied_from[0]]
            source = f", copied from {stage.label()} where nothing prunes it"
        return Verdict.fail(
            line_span(subject, entry.line),
            f"{entry.path} (line {entry.line}) still holds the devDependencies: it comes from an install "
            f"without --omit=dev{source}; run `npm prune --omit=dev` after the build and ship that copy",
        )
    return Verdict.ok()


def context_excludes(requirement: m.ContextExcludes, subject: Subject) -> Verdict:
    context = subject.context
    span = subject.missing_span()
    for wanted in requirement.params.paths:
        path = clean_path(wanted)
        if context.dockerignore_text is None:
            return Verdict.fail(
                span,
                f"there is no .dockerignore, so {path} is sent to the builder with the rest of the context",
            )
        if not context.dockerignore.excludes(path):
            return Verdict.fail(
                span, f"the .dockerignore does not exclude {path}, so a `COPY . .` would still take it"
            )
    return Verdict.ok()


def _python_path(final: StageBuild) -> list[tuple[str, str]]:
    """Where `python -m` looks, in order, with why: the working folder, PYTHONPATH, the image's site."""
    places = [(final.workdir, "the WORKDIR")]
    for item in str(final.env.get("PYTHONPATH") or "").split(":"):
        if item and "$" not in item:
            places.append((normpath(item, final.workdir), "PYTHONPATH"))
    if final.base is not None and final.base.python_site:
        places.append((final.base.python_site, "the image's site-packages"))
    return places


def _may_hold(subject: Subject, cover: Entry, top: str) -> bool:
    """Can a folder whose contents the model cannot list hold the package `top`? Not when it was
    copied from a stage that never had the package's files (pip installs only the requirements
    there; installing a local package needs its files in that stage first)."""
    if cover.copied_from is None:
        return True
    stage = subject.build.stages[cover.copied_from[0]]
    if any(mount.type == "bind" for step in stage.stage.instructions for mount in step.mounts):
        return True
    return any(
        entry.path.rsplit("/", 1)[-1] in (top, f"{top}.py")
        or (entry.opaque and entry.origin.startswith(("unpacked", "unzipped", "copied from")))
        for entry in stage.fs.history
    )


def module_importable(requirement: m.ModuleImportable, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    top = requirement.params.module.split(".")[0]
    places = _python_path(final)
    unknown = ""
    for folder, _why in places:
        for candidate in (f"{folder.rstrip('/')}/{top}", f"{folder.rstrip('/')}/{top}.py"):
            if final.fs.get(candidate) is not None or final.fs.under(candidate):
                return Verdict.ok()
            cover = next(
                (e for e in final.fs.entries.values() if e.opaque and is_under(candidate, e.path)), None
            )
            if cover is not None and not unknown and _may_hold(subject, cover, top):
                unknown = f"{cover.origin} puts files in {cover.path} that I cannot list"
    looked = ", ".join(f"{folder} ({why})" for folder, why in places)
    if unknown:
        return Verdict.cannot_tell(
            subject.missing_span(), f"`python -m {top}` looks in {looked}, and {unknown}"
        )
    elsewhere = next(
        (
            e
            for e in final.fs.entries.values()
            if f"/{top}/" in e.path or e.path.endswith((f"/{top}", f"/{top}.py"))
        ),
        None,
    )
    if elsewhere is not None:
        return Verdict.fail(
            line_span(subject, elsewhere.line),
            f"line {elsewhere.line} puts {top} at {elsewhere.path}, but `python -m {top}` looks in {looked}",
        )
    return Verdict.fail(
        subject.missing_span(),
        f"nothing copies the {top} package into the final image, so `python -m {top}` fails "
        f"(it looks in {looked})",
    )
