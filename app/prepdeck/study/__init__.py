"""The study engine (no Textual): FSRS scheduling, today's queue, answer grading, statistics.

Screens use `prepdeck.study.service.StudyService`; `prepdeck grade`, `prepdeck stats`,
`prepdeck export` and `prepdeck import` are in `prepdeck.study.command`.
"""
