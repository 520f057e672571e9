"""Readings the grader used to get wrong, each in the words a candidate would type: a restart
policy named "no", "not only", a rejected idea ("is not a fix either"), double negatives, a
negated role handed to the other subject ("namespaces do not limit memory; cgroups do"), and a
wrong claim whose words come in another order ("install before cleanup" is not "cleanup before
install")."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from prepdeck.content.loader import load_pack
from prepdeck.study.grading import AnswerGrade, grade_answer, grade_question

from .test_grading import NS_MODEL, NS_POINTS, Point, Wrong

REPO = Path(__file__).resolve().parents[3]


@cache
def _pack():
    return load_pack(REPO / "content" / "docker").pack


def graded(question_id: str, answer: str) -> AnswerGrade:
    pack = _pack()
    return grade_question(pack.item(question_id), answer, pack.synonyms)


def flagged(result: AnswerGrade) -> list[str]:
    """Everything the learner would be told they got wrong."""
    return [c.key_point for c in result.contradictions] + list(result.misconceptions)


# --- the restart policy called "no" ----------------------------------------------------------

POLICIES = [Point("four", "the four policies", ["on-failure", "unless-stopped", "always"], weight=2)]


@pytest.mark.parametrize(
    "answer",
    [
        "The policies are no, on-failure, always and unless-stopped.",
        "With --restart no the container stays down; on-failure, always and unless-stopped restart it.",
        "The no policy is the default. The others are on-failure, always and unless-stopped.",
        "Use --restart=no for one-off jobs, and on-failure, always or unless-stopped for services.",
        "No is the default policy, then there are on-failure, always and unless-stopped.",
    ],
)
def test_the_policy_named_no_is_not_a_negation(answer: str) -> None:
    result = grade_answer(answer, answer, POLICIES)
    assert result.contradictions == () and result.covered == ["four"]


def test_the_restart_policies_question_credits_a_list_that_starts_with_no() -> None:
    result = graded(
        "q-restart-policies",
        "Docker has four restart policies: no, on-failure, always and unless-stopped. "
        "I'd go with unless-stopped for a long-running service, since it remembers a manual stop.",
    )
    assert flagged(result) == [] and {"four-policies", "always-vs-unless", "choice"} <= set(result.covered)


def test_no_as_a_word_of_its_own_still_denies() -> None:
    result = grade_answer("There is no on-failure policy in Docker.", "", POLICIES)
    assert result.covered == []


# --- "not only" ------------------------------------------------------------------------------

ONLY_WRONG = [Wrong("only root can bind low ports")]
LOW_PORTS = [Point("low-ports", "low ports need privileges", ["bind low ports"])]


def test_not_only_is_neither_only_nor_a_denial() -> None:
    answer = "Not only root can bind low ports: a process with CAP_NET_BIND_SERVICE can too."
    result = grade_answer(answer, answer, LOW_PORTS, ONLY_WRONG)
    assert result.misconceptions == () and result.contradictions == ()
    assert result.covered == ["low-ports"]


def test_only_without_not_is_still_the_misconception() -> None:
    answer = "Only root can bind low ports."
    assert grade_answer(answer, answer, LOW_PORTS, ONLY_WRONG).misconceptions == ONLY_WRONG_CLAIMS


ONLY_WRONG_CLAIMS = ("only root can bind low ports",)


def test_not_just_x_but_also_y_states_x() -> None:
    points = [Point("cpu", "cgroups cap CPU", ["cap cpu"], about=["cgroups"])]
    result = grade_answer("Cgroups not just cap CPU but also memory.", "", points)
    assert result.covered == ["cpu"] and result.contradictions == ()


# --- a negated role handed to the other subject ----------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "Namespaces do not limit resource usage; cgroups do.",
        "Namespaces don't limit resource usage, cgroups do.",
        "Namespaces don't limit resources - that's what cgroups are for.",
    ],
)
def test_a_role_denied_to_one_subject_and_given_to_the_other_is_correct(answer: str) -> None:
    result = grade_answer(answer, NS_MODEL, NS_POINTS)
    assert result.contradictions == () and result.covered == ["cg-use"]


def test_the_role_given_back_to_the_wrong_subject_is_still_swapped() -> None:
    result = grade_answer("Cgroups don't limit resource usage; namespaces do.", NS_MODEL, NS_POINTS)
    assert "cg-use" in [c.key_point for c in result.contradictions]


def test_the_namespaces_question_reads_the_other_subject_doing_it() -> None:
    result = graded(
        "q-namespaces-vs-cgroups",
        "Namespaces do not limit memory; cgroups do. Namespaces decide what a process can see.",
    )
    assert flagged(result) == [] and {"namespaces-visibility", "cgroups-usage"} <= set(result.covered)


# --- double negatives ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("q-testcontainers", "Testcontainers can't run without a Docker API, so the runner needs one."),
        ("q-testcontainers", "It never works without Docker: it needs a Docker API to start containers."),
        ("q-read-docker-history", "<missing> doesn't mean the layer was not downloaded; it is normal."),
        ("q-rootless-docker", "Rootless does not mean that a container cannot run as root inside."),
    ],
)
def test_a_double_negative_is_a_correct_statement(question_id: str, answer: str) -> None:
    assert flagged(graded(question_id, answer)) == []


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("q-testcontainers", "Testcontainers runs without Docker, it fakes the database itself."),
        ("q-read-docker-history", "<missing> means the layer was not downloaded yet."),
        ("q-rootless-docker", "Rootless means a container cannot run as root inside."),
    ],
)
def test_the_single_negative_is_still_flagged(question_id: str, answer: str) -> None:
    assert flagged(graded(question_id, answer)) != []


# --- a rejected idea ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "chmod 777 is not the fix, and switching back to root is not either.",
        "Switching back to root isn't a good idea.",
        "Switching back to root won't help here; create the directory owned by the app user.",
    ],
)
def test_a_rejected_fix_is_not_the_misconception(answer: str) -> None:
    result = graded("q-volume-permissions", answer)
    assert "switch back to root" not in result.misconceptions


def test_a_recommended_fix_is_the_misconception() -> None:
    result = graded("q-volume-permissions", "Just switch back to root, that fixes it.")
    assert "switch back to root" in result.misconceptions


# --- order in a contradicting claim ----------------------------------------------------------

CLEANUP = [
    Point(
        "same-run",
        "cleanup in the same RUN",
        ["same run"],
        contradicted_by=["cleanup runs before the install"],
    )
]


def test_a_contradicting_claim_needs_its_words_in_their_order_around_before() -> None:
    right = grade_answer("The install runs before the cleanup, in the same RUN.", "", CLEANUP)
    assert right.contradictions == () and right.covered == ["same-run"]
    wrong = grade_answer("The cleanup runs before the install, in the same RUN.", "", CLEANUP)
    assert [c.key_point for c in wrong.contradictions] == ["same-run"]


def test_a_comparison_needs_its_sides_in_order() -> None:
    wrong = [Wrong("distroless has more cves than alpine")]
    points = [Point("size", "small", ["small"])]
    assert grade_answer("Alpine has more CVEs than distroless.", "", points, wrong).misconceptions == ()
    assert grade_answer("Distroless has more CVEs than Alpine.", "", points, wrong).misconceptions != ()


# --- subjects on the Docker pack's comparison questions ---------------------------------------


@pytest.mark.parametrize(
    ("question_id", "right", "swapped"),
    [
        (
            "q-network-drivers",
            "Macvlan gives every container its own MAC address on the LAN, while ipvlan shares the host's MAC.",
            "Macvlan shares the host's MAC, while ipvlan gives every container its own MAC address.",
        ),
        (
            "q-apparmor-selinux",
            "AppArmor profiles name paths, whereas SELinux puts labels on every process and file.",
            "AppArmor puts labels on every process and file, whereas SELinux profiles name paths.",
        ),
        (
            "q-rootless-docker",
            "In rootless mode the daemon runs as an ordinary user; with userns-remap the daemon still runs as root.",
            "With userns-remap the daemon runs as an ordinary user; in rootless mode the daemon still runs as root.",
        ),
        (
            "q-restart-policies",
            "Unless-stopped remembers a manual stop, always does not.",
            "Always remembers a manual stop, unless-stopped does not.",
        ),
        (
            "q-dind-vs-socket",
            "Mounting the Docker socket is root on the node, and Docker-in-Docker needs --privileged.",
            "Mounting the socket needs --privileged, while Docker-in-Docker is root on the node.",
        ),
        (
            "q-save-vs-export",
            "docker save works on images and keeps every layer; docker export works on a container.",
            "docker save works on a container and keeps every layer; docker export works on images.",
        ),
        (
            "q-volume-types",
            "A bind mount maps a host directory into the container; a tmpfs mount lives in memory.",
            "A bind mount lives in memory, while a tmpfs mount maps a host directory into the container.",
        ),
        (
            "q-image-signing",
            "Docker Content Trust is being retired; sign with cosign, keyless.",
            "Cosign is being retired; sign with Docker Content Trust, keyless.",
        ),
    ],
)
def test_roles_swapped_between_two_named_things_are_contradicted(
    question_id: str, right: str, swapped: str
) -> None:
    assert flagged(graded(question_id, right)) == []
    wrong = graded(question_id, swapped)
    assert wrong.contradictions != () and wrong.suggested_rating <= 2
    assert wrong.score < graded(question_id, right).score


# --- when the grader cannot tell --------------------------------------------------------------


def test_an_answer_the_grader_cannot_read_is_said_to_be_undetermined_and_not_passed() -> None:
    answer = (
        "Well, it mostly depends on what you are running; in my experience people pick whichever "
        "their team already knows, and the tooling around it matters more than the technology."
    )
    result = graded("q-container-vs-vm", answer)
    assert result.undetermined and result.suggested_rating <= 2
    data = result.to_json()
    assert data["undetermined"] is True and "rate it yourself" in data["note"]


def test_a_recognised_answer_or_a_wrong_one_is_not_undetermined() -> None:
    strong = graded(
        "q-container-vs-vm",
        "A container is a process that shares the host kernel; a VM boots its own guest kernel "
        "on a hypervisor, so containers start in milliseconds but isolate less strongly.",
    )
    wrong = graded("q-container-vs-vm", "Containers do not share the host kernel: each one boots its own.")
    assert not strong.undetermined and strong.note is None
    assert not wrong.undetermined and wrong.suggested_rating <= 2


# --- a negated phrase named plainly -------------------------------------------------------------


def test_naming_the_thing_a_negated_phrase_warns_against_is_not_denying_it() -> None:
    points = [Point("no-arg", "not through ARG", ["not as a build arg"], weight=2)]
    answer = "Build args or ENV would leave the token in the image history."
    assert grade_answer(answer, answer, points).contradictions == ()
    wrong = grade_answer("Pass the token as a build arg, that is fine.", answer, points)
    assert wrong.covered == []


# --- British and American spellings -----------------------------------------------------------


def test_british_spellings_match_american_aliases() -> None:
    points = [
        Point("opt", "optimize the image", ["optimized image"]),
        Point("beh", "odd behavior", ["strange behavior"]),
        Point("ana", "analyze the layers", ["analyze the layers"]),
    ]
    answer = "I analysed the layers: the optimised image showed strange behaviour."
    assert grade_answer(answer, answer, points).covered == ["opt", "beh", "ana"]


def test_a_model_answer_with_a_subjects_words_far_apart_is_not_a_swapped_role() -> None:
    # "... works the same on any host, and a new empty volume ... at that path" names a volume,
    # a host and a path, but does not say a volume maps a host path
    question = _pack().item("q-volume-types")
    result = grade_question(question, question.model_answer, _pack().synonyms)
    assert result.contradictions == () and result.score == 1.0


def test_a_flag_alias_needs_the_flag_not_the_plain_word() -> None:
    points = [Point("init", "use docker run --init", ["--init"])]
    assert grade_answer("Init containers run before the app.", "", points).covered == []
    assert grade_answer("Start it with docker run --init to add tini.", "", points).covered == ["init"]
