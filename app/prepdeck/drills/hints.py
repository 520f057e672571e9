"""The order in which a drill's hints are revealed (F2 on the drill screen).

The drill's own hints come first, in the order the pack gives them; then the hints of the
requirements the learner's file does not meet yet, in checklist order. Before the first check
(`result` None) only the drill's own hints are offered.
"""

from __future__ import annotations

from prepdeck.content.model import Drill
from prepdeck.drills.outcome import DrillResult


def hint_order(drill: Drill, result: DrillResult | None) -> list[str]:
    unmet = {requirement.id for requirement in result.unmet} if result is not None else set()
    requirement_hints = [
        requirement.hint for requirement in drill.requirements if requirement.hint and requirement.id in unmet
    ]
    return [*drill.hints, *requirement_hints]
