"""Drill requirements evaluated on the lint model (no Textual here).

    from prepdeck.drills import check_drill
    result = check_drill(drill, text)      # .passed, .requirements, .findings

The vocabulary (each `check` and its params) is documented in docs/drills.md.
"""

from prepdeck.drills.evaluate import check_drill
from prepdeck.drills.outcome import DrillResult, RequirementResult

__all__ = ["DrillResult", "RequirementResult", "check_drill"]
