"""v2 checks on the final image's files: a path with its owner and mode, paths that must not be
in any layer, secrets, and files a RUN rewrites (copying them into another layer)."""

from __future__ import annotations

from prepdeck.build.credentials import connection_name, secret_name, secret_value
from prepdeck.build.filesystem import Entry, elsewhere, is_under, normpath, readable_by, writable_by
from prepdeck.build.ignore import glob_regex
from prepdeck.build.patterns import compile_pattern
from prepdeck.build.state import StageBuild
from prepdeck.content import model as m
from prepdeck.drills.model_common import final_or_verdict, line_span
from prepdeck.drills.outcome import Verdict
from prepdeck.drills.subject import Subject
from prepdeck.lint.model import Span


def _unknown_writer(final: StageBuild, path: str) -> str | None:
    """Why `path` might exist without the model seeing it (an opaque folder, a command it cannot follow)."""
    folder = next((e for e in final.fs.entries.values() if e.opaque and is_under(path, e.path)), None)
    if folder is not None:
        return f"{folder.origin} puts files in {folder.path} that I cannot list"
    name = path.rsplit("/", 1)[-1]
    unknown = next((u for u in final.unknowns if name and name in u.text), None)
    if unknown is not None:
        return f"line {unknown.line} runs `{unknown.program}`, which I cannot follow"
    return None


def _empty_folder(final: StageBuild, entry: Entry, span: Span) -> Verdict | None:
    """A folder that only a `mkdir` made: nothing was unpacked, copied or written into it."""
    if entry.kind != "dir" or entry.opaque:
        return None
    if any(item.path != entry.path for item in final.fs.under(entry.path)):
        return None
    others = {
        item.path: item for item in final.fs.entries.values() if item.opaque and item.path != entry.path
    }
    above = next((item for item in others.values() if is_under(entry.path, item.path)), None)
    if above is not None:
        return Verdict.cannot_tell(
            span, f"{above.origin} puts files in {above.path} that I cannot list, maybe into {entry.path}"
        )
    unknown = next((u for u in final.unknowns if u.line >= entry.line), None)
    if unknown is not None:
        return Verdict.cannot_tell(
            span,
            f"{entry.path} is empty unless line {unknown.line}'s `{unknown.program}`, which I cannot follow, fills it",
        )
    elsewhere = next((item for item in others.values() if item.origin.startswith("unpacked")), None)
    instead = (
        f"; {elsewhere.origin} unpacks into {elsewhere.path} instead (no -C {entry.path})"
        if elsewhere
        else ""
    )
    return Verdict.fail(
        span, f"{entry.path} is an empty folder ({entry.origin}): nothing puts files in it{instead}"
    )


def image_has_file(requirement: m.ImageHasFile, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    params = requirement.params
    if any(char in params.path for char in "*?["):
        return _every_match(subject, final, params)
    # a relative path is under the final WORKDIR
    return _has_file(subject, final, params, normpath(params.path, final.workdir))


def _every_match(subject: Subject, final: StageBuild, params: m.FileParams) -> Verdict:
    """A glob (`**/dist`): every path of the final image it matches meets the params, wherever the
    Dockerfile put it; none at all fails, or cannot be told when a folder hides what is in it."""
    pattern = compile_pattern(glob_regex(params.path.lstrip("/")))
    found = sorted(path for path in final.fs.entries if pattern.search(path.lstrip("/")))
    tops = [path for path in found if not any(other != path and is_under(path, other) for other in found)]
    if not tops:
        hidden = next((entry for entry in final.fs.entries.values() if entry.opaque), None)
        if hidden is not None:
            return Verdict.cannot_tell(
                line_span(subject, hidden.line),
                f"{hidden.origin} puts files in {hidden.path} that I cannot list, maybe {params.path}",
            )
        return Verdict.fail(
            subject.missing_span(), f"nothing in the Dockerfile puts {params.path} in the final image"
        )
    for path in tops:
        verdict = _has_file(subject, final, params, path)
        if not verdict.met:
            return verdict
    return Verdict.ok()


def _has_file(subject: Subject, final: StageBuild, params: m.FileParams, path: str) -> Verdict:
    entry = final.fs.get(path)
    missing = subject.missing_span()
    if entry is None:
        why = _unknown_writer(final, path)
        if why:
            return Verdict.cannot_tell(missing, f"{path} is not created by any line I can follow ({why})")
        removed = final.fs.removed.get(path)
        if removed:
            return Verdict.fail(line_span(subject, removed), f"line {removed} removes {path}")
        return Verdict.fail(
            missing, f"nothing in the Dockerfile creates {path} in the final image{elsewhere(final.fs, path)}"
        )
    span = line_span(subject, entry.line)
    verdict = _kind(entry, params, span) or (_empty_folder(final, entry, span) if params.not_empty else None)
    if verdict is not None:
        return verdict
    if params.owner is not None:
        uid_text, _, gid_text = params.owner.partition(":")
        if entry.uid is None or (gid_text and entry.gid is None):
            return Verdict.cannot_tell(
                span, f"the owner of {path} (line {entry.line}) depends on a user I cannot resolve"
            )
        if entry.uid != int(uid_text) or (gid_text and entry.gid != int(gid_text)):
            return Verdict.fail(
                span, f"{path} belongs to {entry.owner} (line {entry.line}), not {params.owner}"
            )
    gid = final.gid() if final.uid() == params.writable_by else None
    for wanted, test, word in (
        (params.writable_by, writable_by, "write"),
        (params.readable_by, readable_by, "read"),
    ):
        if wanted is None:
            continue
        result = test(entry, wanted, gid)
        if result is None:
            return Verdict.cannot_tell(span, f"the owner or mode of {path} (line {entry.line}) is not known")
        if not result:
            mode = oct(entry.mode)[2:] if entry.mode is not None else "?"
            return Verdict.fail(
                span,
                f"uid {wanted} cannot {word} {path}: it belongs to {entry.owner} with mode {mode} (line {entry.line})",
            )
    if params.not_writable_by is not None:
        spared = [normpath(folder, final.workdir) for folder in params.except_under]
        verdict = _not_writable_by(subject, final, path, params.not_writable_by, spared)
        if verdict is not None:
            return verdict
    if params.not_writable_by_others or params.only_owner_writes:
        for item in [entry, *final.fs.under(path)]:
            if item.mode is not None and item.mode & 0o002:
                return Verdict.fail(
                    line_span(subject, item.line),
                    f"line {item.line} makes {item.path} writable by every user (mode {oct(item.mode)[2:]})",
                )
    if params.only_owner_writes:
        for item in [entry, *final.fs.under(path)]:
            verdict = _group_writes(subject, item)
            if verdict is not None:
                return verdict
    return Verdict.ok()


def _not_writable_by(
    subject: Subject, final: StageBuild, path: str, uid: int, spared: list[str]
) -> Verdict | None:
    """`uid` cannot change `path` or anything under it but the `spared` folders: no write bit for
    it, and it owns none of them (an owner can always `chmod u+w` its own file, so read-only modes
    do not protect it)."""
    gid = final.gid() if final.uid() == uid else None
    for item in final.fs.under(path):
        if any(is_under(item.path, folder) for folder in spared):
            continue
        if item.uid == uid:
            return Verdict.fail(
                line_span(subject, item.line),
                f"uid {uid} owns {item.path} ({item.origin}), so it can change it, read-only mode or not; "
                "leave it owned by root",
            )
        if writable_by(item, uid, gid):
            return Verdict.fail(
                line_span(subject, item.line),
                f"uid {uid} can write {item.path}: it belongs to {item.owner} (line {item.line})",
            )
    return None


def _group_writes(subject: Subject, item: Entry) -> Verdict | None:
    """A group other than the owner's own can write `item` (775 with group root, say)."""
    if item.mode is None or not item.mode & 0o020:
        return None
    span = line_span(subject, item.line)
    if item.gid is None or item.uid is None or item.gid < 0 or item.uid < 0:  # < 0: made without a fixed id
        return Verdict.cannot_tell(
            span,
            f"{item.path} is writable by its group (line {item.line}), and I cannot tell which group that is",
        )
    if item.gid == item.uid:
        return None
    who = (
        "group root (gid 0), which any process started with `--user <uid>:0` is in"
        if item.gid == 0
        else f"group {item.gid}"
    )
    return Verdict.fail(
        span,
        f"line {item.line} lets its group write {item.path} as well as its owner (mode {oct(item.mode)[2:]}): {who}",
    )


def _kind(entry: Entry, params: m.FileParams, span: Span) -> Verdict | None:
    if params.link_to:
        if entry.kind == "hardlink":
            return Verdict.fail(
                span, f"line {entry.line} makes {entry.path} a hard link; a symbolic link (`ln -s`) is needed"
            )
        if entry.kind != "link":
            return Verdict.fail(span, f"{entry.path} is a {entry.kind} ({entry.origin}), not a link")
        targets = {normpath(target) for target in params.link_to}
        if entry.target is None:
            return Verdict.cannot_tell(
                span, f"the target of the link {entry.path} (line {entry.line}) is not known"
            )
        if normpath(entry.target, entry.path.rsplit("/", 1)[0] or "/") not in targets:
            wanted = " or ".join(sorted(targets))
            return Verdict.fail(span, f"line {entry.line} links {entry.path} to {entry.target}, not {wanted}")
        return None
    if params.kind != "any" and entry.kind != params.kind:
        if not entry.kind_known:
            return Verdict.cannot_tell(span, f"{entry.path} is {entry.origin}: file or folder")
        return Verdict.fail(span, f"{entry.path} is a {entry.kind} ({entry.origin}), not a {params.kind}")
    return None


def _glob_root(pattern: str) -> str:
    """The folder a glob cannot leave: /var/lib/apt/lists for /var/lib/apt/lists/*, / for /**/.env."""
    fixed = []
    for part in pattern.strip("/").split("/"):
        if any(char in part for char in "*?["):
            break
        fixed.append(part)
    else:
        fixed = fixed[:-1]
    return "/" + "/".join(fixed)


def image_lacks(requirement: m.ImageLacks, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    patterns = [compile_pattern(glob_regex(path.lstrip("/"))) for path in requirement.params.paths]
    what = requirement.params.what
    for entry in final.fs.history:
        relative = entry.path.lstrip("/")
        if any(pattern.search(relative) for pattern in patterns):
            label = what or entry.path
            later = final.fs.removed.get(entry.path)
            after = (
                f"; deleting it on line {later} does not take it out of that layer"
                if later and later > entry.line
                else ""
            )
            return Verdict.fail(
                line_span(subject, entry.line),
                f"{label} is in the layer of line {entry.line}, at {entry.path} ({entry.origin}){after}",
            )
    roots = [_glob_root(path) for path in requirement.params.paths]
    for entry in final.fs.entries.values():
        if (
            entry.opaque
            and "context" in entry.origin
            and not subject.build.context.declared
            and any(is_under(entry.path, root) or is_under(root, entry.path) for root in roots)
        ):
            return Verdict.cannot_tell(
                line_span(subject, entry.line),
                f"line {entry.line} copies from a build context this drill does not describe, so I cannot tell what it brings",
            )
    return Verdict.ok()


def no_secret_in_image(requirement: m.NoSecretInImage, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    build = subject.build
    fix = "pass it with `RUN --mount=type=secret` instead"
    for ins in subject.dockerfile.walk():
        if ins.keyword == "ARG":
            for pair in ins.pairs:
                if pair.name in build.secret_args:
                    how = (
                        "its name says so"
                        if secret_name(pair.name)
                        else "its name says it is a connection string, which holds the password"
                        if connection_name(pair.name)
                        else "a RUN uses it as a credential"
                    )
                    return Verdict.fail(
                        pair.key.span,
                        f"ARG {pair.name} on line {ins.line} carries a secret ({how}), and build arguments are "
                        f"recorded in the image history; {fix}",
                    )
        if ins.keyword in ("ARG", "ENV"):
            for pair in ins.pairs:
                kind = secret_value(pair.value.value) if pair.value is not None else None
                if kind and pair.value is not None:
                    return Verdict.fail(
                        pair.value.span,
                        f"the value of {ins.keyword} {pair.name} on line {ins.line} looks like {kind}; {fix}",
                    )
                if (
                    ins.keyword == "ENV"
                    and secret_name(pair.name)
                    and pair.value is not None
                    and pair.value.value
                ):
                    return Verdict.fail(
                        pair.key.span,
                        f"ENV {pair.name} on line {ins.line} stores a secret in the image config for anyone who pulls it; {fix}",
                    )
    literal = _literal_secret(subject, fix)
    if literal is not None:
        return literal
    for entry in final.fs.history:
        if entry.secret:
            later = final.fs.removed.get(entry.path)
            after = (
                f"; deleting it on line {later} does not take it out of that layer"
                if later and later > entry.line
                else ""
            )
            return Verdict.fail(
                line_span(subject, entry.line),
                f"a secret is in the layer of line {entry.line}, at {entry.path} ({entry.secret}; {entry.origin}){after}",
            )
    for write in final.secret_writes:
        return Verdict.fail(
            write.span,
            f"line {write.line} writes {write.source} into {write.path}, which stays in that layer",
        )
    if not build.context.declared:
        for entry in final.fs.entries.values():
            if entry.opaque and "build context" in entry.origin:
                return Verdict.cannot_tell(
                    line_span(subject, entry.line),
                    f"line {entry.line} copies from a build context this drill does not describe, so I cannot tell whether it brings secrets",
                )
    return Verdict.ok()


def _literal_secret(subject: Subject, fix: str) -> Verdict | None:
    """A credential written into the Dockerfile itself, outside ARG and ENV: a LABEL is in the image
    config (`docker inspect`), and the text of a RUN, CMD or heredoc is in the image history."""
    for ins in subject.dockerfile.walk():
        if ins.keyword == "LABEL":
            for pair in ins.pairs:
                value = pair.value.value if pair.value is not None else ""
                kind = secret_value(value)
                what = f"holds {kind}" if kind else "is named like a secret and has a value"
                if kind or (value and secret_name(pair.name)):
                    return Verdict.fail(
                        pair.key.span,
                        f"LABEL {pair.name} on line {ins.line} {what}, and labels are in the image "
                        f"config for anyone who pulls it (`docker inspect`); {fix}",
                    )
            continue
        if ins.keyword in ("ARG", "ENV", "FROM"):
            continue
        text = " ".join([ins.arguments, *(heredoc.content for heredoc in ins.heredocs)])
        kind = secret_value(text)
        if kind:
            return Verdict.fail(
                ins.head_span,
                f"line {ins.line} writes {kind} into the Dockerfile: the {ins.keyword} text is kept in the "
                f"image history (`docker history`) and whatever it writes stays in that layer; {fix}",
            )
    return None


def no_rewritten_files(requirement: m.NoRewrittenFiles, subject: Subject) -> Verdict:
    final, verdict = final_or_verdict(subject)
    if final is None:
        return verdict  # type: ignore[return-value]
    for old, line in final.fs.rewrites:
        return Verdict.fail(
            line_span(subject, line),
            f"line {line} changes the owner or mode of {old.path}, which line {old.line} added, so a new layer "
            "stores another copy of it; set the owner as you copy (`COPY --chown`) instead",
        )
    return Verdict.ok()
