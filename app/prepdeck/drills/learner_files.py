"""The files of a drill the learner edits: always the Dockerfile, and the `.dockerignore` where the
drill says so (`context.dockerignore_editable`). The drill screen edits both; the check reads both.

    if edits_dockerignore(drill):
        text = starter_dockerignore(drill)        # what the editor opens with (no draft yet)
        check_drill(drill, dockerfile, dockerignore=text)
    study.save_draft(pack_id, dockerignore_draft_id(drill.id), text)
"""

from __future__ import annotations

from prepdeck.content import model as m

# Drafts are stored per (pack id, item id); the .dockerignore's draft sits beside the Dockerfile's.
_DOCKERIGNORE_DRAFT = "{drill_id}/.dockerignore"


def edits_dockerignore(drill: m.Drill) -> bool:
    """True when the learner writes the .dockerignore beside the Dockerfile (the checks use it)."""
    return drill.context is not None and drill.context.dockerignore_editable


def starter_dockerignore(drill: m.Drill) -> str:
    """The .dockerignore the learner starts from: the drill context's, else an empty file."""
    return (drill.context.dockerignore or "") if drill.context is not None else ""


def solution_dockerignore(drill: m.Drill) -> str:
    """The .dockerignore the reference solution is built with."""
    if drill.context is None:
        return ""
    if drill.context.solution_dockerignore is not None:
        return drill.context.solution_dockerignore
    return drill.context.dockerignore or ""


def dockerignore_draft_id(drill_id: str) -> str:
    """The draft key of a drill's .dockerignore (never a pack item id: those have no '/')."""
    return _DOCKERIGNORE_DRAFT.format(drill_id=drill_id)
