"""Grading reads statements: negation and its scope, contrast, subjects and swapped roles,
contradictions, misconceptions, stems, synonyms, lists of terms, the score and the rating."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from prepdeck.study.grading import grade_answer, key_points_covered, suggested_rating


@dataclass
class Point:
    """Any object with these attributes works: the grader does not need the pack model."""

    id: str
    label: str
    aliases: list[str]
    weight: float = 1.0
    about: list[str] = field(default_factory=list)
    contradicted_by: list[str] = field(default_factory=list)


@dataclass
class Wrong:
    claim: str
    about: list[str] = field(default_factory=list)
    correction: str | None = None


# --- containers and VMs: plain points, a negative point, a contradiction ---------------------

VM_PROMPT = "What is the difference between a container and a virtual machine?"
VM_MODEL = (
    "A container is a process that shares the host kernel, so it needs no kernel of its own. "
    "A virtual machine boots its own guest kernel on a hypervisor. Containers start in milliseconds."
)
VM_POINTS = [
    Point(
        "shared-kernel",
        "containers share the host kernel",
        ["shares the host kernel", "uses the host's kernel"],
        weight=2,
        contradicted_by=["each container boots its own kernel"],
    ),
    Point("no-own-kernel", "a container needs no kernel of its own", ["needs no kernel of its own"]),
    Point("vm-kernel", "a VM boots a guest kernel", ["guest kernel", "boots its own kernel"], about=["vm"]),
    Point("fast", "containers start fast", ["start in milliseconds", "start quickly"]),
]
VM_SYNONYMS = [["vm", "virtual machine"], ["start", "boot up"]]


def vm_grade(answer: str):
    return grade_answer(answer, VM_MODEL, VM_POINTS, prompt=VM_PROMPT, synonyms=VM_SYNONYMS)


def test_the_model_answer_scores_full_marks_and_easy() -> None:
    result = vm_grade(VM_MODEL)
    assert (result.score, result.missed, result.contradictions, result.suggested_rating) == (1.0, [], (), 4)


def test_a_paraphrase_in_other_word_forms_and_order_is_credited() -> None:
    result = vm_grade(
        "Containers are sharing the kernel of the host. The virtual machine boots its own kernel, "
        "and containers boot up quickly. A container does not need its own kernel."
    )
    assert result.covered == ["shared-kernel", "no-own-kernel", "vm-kernel", "fast"]


def test_a_negated_point_is_contradicted_quoted_and_corrected() -> None:
    answer = "Containers do NOT share the host kernel, and they start in milliseconds."
    result = vm_grade(answer)
    assert "shared-kernel" in result.missed
    (contradiction,) = result.contradictions
    assert contradiction.key_point == "shared-kernel"
    assert contradiction.evidence.text == "Containers do NOT share the host kernel"
    assert answer[contradiction.evidence.start : contradiction.evidence.end] == contradiction.evidence.text
    assert "shares the host kernel" in contradiction.correction  # the model answer's sentence
    assert result.suggested_rating == 1  # the main (heaviest) point is contradicted


@pytest.mark.parametrize(
    "answer",
    [
        "Containers don't share the host kernel.",
        "A container never shares the host kernel.",
        "It is false that containers share the host kernel.",
        "Containers run their own kernel instead of sharing the host kernel.",
        "Each container boots its own kernel.",  # contradicted_by
    ],
)
def test_forms_of_negation_and_contradicting_claims(answer: str) -> None:
    result = vm_grade(answer)
    assert [c.key_point for c in result.contradictions] == ["shared-kernel"]
    assert result.suggested_rating == 1


def test_a_thing_named_after_instead_of_is_not_a_denied_point() -> None:
    # "instead of the shell form" names the alternative; it does not deny "the shell form drops signals"
    points = [Point("shell", "a shell-form CMD does not forward signals", ["shell form"])]
    result = grade_answer("Write CMD in exec form instead of the shell form.", "", points)
    assert result.contradictions == ()
    # with a verb after the cue it is a statement denied: still a contradiction
    assert [
        c.key_point
        for c in vm_grade("Containers boot a kernel instead of sharing the host kernel.").contradictions
    ] == ["shared-kernel"]


def test_two_negations_cancel_out() -> None:
    result = vm_grade("It is not true that containers do not share the host kernel.")
    assert result.contradictions == ()


def test_a_cue_after_a_comma_opens_its_own_scope_instead_of_cancelling_the_first() -> None:
    # "no ..., no restart": the second "no" denies the restart, it does not undo the first "no"
    wrong = [Wrong("restarts the container", ["readiness"])]
    points = [Point("ready", "readiness stops traffic", ["stops traffic"], about=["readiness"])]
    answer = "When readiness fails, no traffic goes to it, no restart of the container."
    assert grade_answer(answer, answer, points, wrong).misconceptions == ()
    flagged = grade_answer("When readiness fails, it restarts the container.", answer, points, wrong)
    assert flagged.misconceptions == ("restarts the container",)


def test_a_negative_point_matches_its_positive_paraphrase_and_is_contradicted_by_the_positive() -> None:
    assert vm_grade("A container does not need its own kernel.").covered == ["no-own-kernel"]
    assert vm_grade("A container has no need for a kernel of its own.").covered == ["no-own-kernel"]
    wrong = vm_grade("A container needs its own kernel.")
    assert [c.key_point for c in wrong.contradictions] == ["no-own-kernel"]
    assert wrong.suggested_rating <= 2


def test_contrast_ends_a_negation_scope() -> None:
    result = vm_grade("A VM does not share anything, whereas a container shares the host kernel.")
    assert result.contradictions == () and "shared-kernel" in result.covered


def test_each_and_its_do_not_carry_the_last_subject_into_a_clause() -> None:
    # "each virtual machine runs its own kernel" is about the VM: the container's point is not
    # swapped, and "inside its namespace" does not borrow the sentence's words
    result = vm_grade("A container uses the host's kernel, while each VM boots its own kernel.")
    assert result.contradictions == () and {"shared-kernel", "vm-kernel"} <= set(result.covered)


def test_a_point_about_a_subject_needs_that_subject() -> None:
    assert "vm-kernel" in vm_grade("A VM boots its own kernel.").covered
    assert "vm-kernel" in vm_grade("Virtual machines: each one boots a guest kernel.").covered
    # "containers ... boot their own kernel" is bound to containers, not to the VM
    assert "vm-kernel" not in vm_grade("A VM is heavy. Containers also boot their own kernel.").covered


# --- swapped roles --------------------------------------------------------------------------

NS_MODEL = "Namespaces limit what a process can see; cgroups limit how much CPU and memory it can use."
NS_POINTS = [
    Point("ns-see", "namespaces limit what it sees", ["what it can see", "own view"], 2, ["namespaces"]),
    Point(
        "cg-use", "cgroups limit usage", ["how much cpu", "resource usage", "limit resources"], 2, ["cgroups"]
    ),
]


def test_swapped_roles_contradict_both_points() -> None:
    result = grade_answer(
        "Cgroups decide what a process can see, while namespaces limit resources.", NS_MODEL, NS_POINTS
    )
    assert sorted(c.key_point for c in result.contradictions) == ["cg-use", "ns-see"]
    assert result.covered == [] and result.suggested_rating == 1


def test_roles_in_their_places_are_covered_even_through_a_heading_or_a_pronoun() -> None:
    answer = "Namespaces: what a process can see. Cgroups are different. They limit resources."
    result = grade_answer(answer, NS_MODEL, NS_POINTS)
    assert result.covered == ["ns-see", "cg-use"] and result.contradictions == ()


def test_a_negated_swapped_claim_is_a_correct_statement() -> None:
    result = grade_answer(
        "Namespaces give each process its own view; cgroups do not change what a process can see.",
        NS_MODEL,
        NS_POINTS,
    )
    assert result.contradictions == () and result.covered == ["ns-see"]


# --- misconceptions -------------------------------------------------------------------------

MISCONCEPTIONS = ["containers are more secure than virtual machines", Wrong("limit memory", ["namespaces"])]


def test_a_misconception_is_found_through_the_same_matcher() -> None:
    answer = "Containers share the host kernel, which makes containers far more secure than VMs."
    result = grade_answer(answer, VM_MODEL, VM_POINTS, MISCONCEPTIONS, synonyms=VM_SYNONYMS)
    assert result.misconceptions == ("containers are more secure than virtual machines",)
    assert result.misconceptions_found[0].evidence.text.endswith("more secure than VMs")
    assert result.suggested_rating <= 2


def test_a_negated_misconception_is_not_flagged() -> None:
    answer = "Containers are not more secure than virtual machines."
    assert grade_answer(answer, VM_MODEL, VM_POINTS, MISCONCEPTIONS).misconceptions == ()


def test_a_misconception_about_a_subject_needs_that_subject() -> None:
    flagged = grade_answer("Namespaces limit memory.", NS_MODEL, NS_POINTS, MISCONCEPTIONS)
    assert flagged.misconceptions == ("limit memory",)
    fine = grade_answer("Cgroups limit memory.", NS_MODEL, NS_POINTS, MISCONCEPTIONS)
    assert fine.misconceptions == ()


# --- lists of terms, the question copied back, typos, empty ---------------------------------


def test_a_bare_list_of_terms_earns_at_most_partial_credit() -> None:
    result = grade_answer("namespaces, own view, cgroups, CPU, resource usage, limits.", NS_MODEL, NS_POINTS)
    assert result.covered == [] and result.named == ["ns-see", "cg-use"]
    assert result.score < 0.4 and result.suggested_rating <= 2


def test_the_question_copied_back_earns_no_full_credit() -> None:
    points = [Point("see", "what it can see", ["what a process can see"])]
    prompt = "What decides what a process can see?"
    result = grade_answer(
        "The question is what decides what a process can see.", NS_MODEL, points, prompt=prompt
    )
    assert result.covered == [] and result.suggested_rating <= 2


def test_a_typo_in_a_long_word_is_forgiven() -> None:
    assert "ns-see" in grade_answer("Namespacse limit what a process can see.", NS_MODEL, NS_POINTS).covered


def test_an_empty_answer_scores_zero() -> None:
    result = grade_answer("   ", NS_MODEL, NS_POINTS, MISCONCEPTIONS)
    assert (result.score, result.covered, result.misconceptions, result.suggested_rating) == (0.0, [], (), 1)


def test_a_one_word_answer_does_not_cover_a_longer_alias() -> None:
    assert grade_answer("usage", NS_MODEL, NS_POINTS).covered == []


# --- score and rating -----------------------------------------------------------------------


def test_two_of_five_points_missed_is_never_good() -> None:
    points = [Point(f"p{n}", f"point {n}", [f"alpha{n} beta{n} happens"]) for n in range(5)]
    answer = "It is true that alpha0 beta0 happens, alpha1 beta1 happens and alpha2 beta2 happens."
    result = grade_answer(answer, answer, points)
    assert len(result.missed) == 2 and result.suggested_rating == 2


def test_the_json_shape_of_prepdeck_grade_extends_the_old_one() -> None:
    result = vm_grade("Containers do not share the host kernel; a VM boots a guest kernel.")
    data = result.to_json()
    assert {"score", "covered", "missed", "misconceptions", "suggested_rating", "contradicted"} <= set(data)
    assert data["covered"] == ["vm-kernel"]
    (entry,) = data["contradicted"]
    assert set(entry) == {"key_point", "evidence", "correction"}
    assert set(entry["evidence"]) == {"start", "end", "text"}
    assert set(data["covered"]) | set(data["missed"]) == {point.id for point in VM_POINTS}


@pytest.mark.parametrize(
    ("score", "misconception", "rating"),
    [(0.0, False, 1), (0.34, False, 1), (0.4, False, 2), (0.8, False, 3), (0.95, False, 4), (0.95, True, 2)],
)
def test_score_to_suggested_rating(score: float, misconception: bool, rating: int) -> None:
    assert suggested_rating(score, misconception) == rating


def test_a_missed_point_caps_the_rating() -> None:
    assert suggested_rating(0.95, False, missed=1) == 3
    assert suggested_rating(0.95, False, missed=1, misses_main=True) == 2
    assert suggested_rating(0.95, False, contradicts_main=True) == 1


def test_key_points_covered_lists_the_ids_a_text_states() -> None:
    assert key_points_covered(NS_MODEL, NS_POINTS) == ["ns-see", "cg-use"]
    assert key_points_covered("Only one FROM here.", NS_POINTS) == []
