"""Reports out: a mock interview and a progress summary, as Markdown and JSON."""

from __future__ import annotations

import json
import random
from datetime import UTC
from pathlib import Path

import pytest

from prepdeck.content import load_pack
from prepdeck.store import Store
from prepdeck.study.mock import MockConfig, MockService
from prepdeck.study.reports import ReportError, write_report
from prepdeck.study.service import StudyService

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "packs" / "quiz-sample"


@pytest.fixture
def study(store: Store, clock) -> StudyService:
    return StudyService(store, [load_pack(SAMPLE).pack], clock=clock, rng=random.Random(11), zone=UTC)


def finished_session(study, clock) -> int:
    session = MockService(study).start(MockConfig(questions=2, minutes=15, level="mid"))
    clock.advance(seconds=75)
    session.submit("dockerd hands it to containerd, and runc starts the process; SIGTERM then SIGKILL")
    clock.advance(seconds=30)
    session.submit("")
    session.finish()
    return session.id


def test_mock_report_in_markdown_and_json(study, clock, tmp_path: Path) -> None:
    session_id = finished_session(study, clock)
    markdown = write_report("mock", tmp_path / "mock.md", study).read_text(encoding="utf-8")
    data = json.loads(
        write_report("mock", tmp_path / "mock.json", study, session_id).read_text(encoding="utf-8")
    )
    assert data == MockService(study).report(session_id).to_json()
    first, second = data["answers"]
    assert markdown.startswith(f"# Mock interview {session_id}, 2026-03-02 09:00 UTC\n")
    assert "- Packs: all packs; level: mid; 2 question(s) in 15 min" in markdown
    assert "- Ended: every question answered" in markdown
    assert f"### 1. {first['prompt'].strip()}" in markdown
    assert "time 1 min 15 s" in markdown and "time 30 s" in markdown
    assert "> dockerd hands it to containerd, and runc starts the process; SIGTERM then SIGKILL" in markdown
    assert "(not answered)" in markdown
    for point in second["missed"]:
        assert f"- missed: {point['label']}" in markdown
    weakest = data["weakest_sections"][0]
    assert f"| {weakest['title']} | quiz-sample/{weakest['section']} |" in markdown
    assert "| quiz-sample/" in markdown.split("## Ratings for the schedule")[1]


def test_progress_report_lists_mastery_and_mock_interviews(study, clock, tmp_path: Path) -> None:
    [card] = [c for c in study.cram(section="signals", limit=10) if c.key.item_id == "stop-signal-name"]
    study.grade(card, 3)
    finished_session(study, clock)
    markdown = write_report("progress", tmp_path / "progress.md", study).read_text(encoding="utf-8")
    data = json.loads(write_report("progress", tmp_path / "progress.json", study).read_text(encoding="utf-8"))
    assert data["total_reviews"] == 1
    assert data["mock_interviews"][0]["answered"] == 1
    assert "- Reviews: 1 in total, 1 today" in markdown
    assert "| quiz-sample | PID 1 and signals |" in markdown
    assert "## Mock interviews" in markdown and "| 1 of 2 |" in markdown


def test_report_mistakes_are_sentences(study, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"name the report FILE\.md"):
        write_report("progress", tmp_path / "report.pdf", study)
    with pytest.raises(ReportError, match="no mock interview has finished yet"):
        write_report("mock", tmp_path / "mock.md", study)
    with pytest.raises(ReportError, match="cannot be written"):
        write_report("progress", tmp_path / "no-such-folder" / "p.md", study)
