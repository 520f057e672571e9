"""What a wrong answer that uses the right words costs: a contradiction or a misconception takes
half the marks (so it does not outscore an answer that is right as far as it goes), a bare list
of terms scores nothing, a sentence that plainly denies a point contradicts it, "rarely" is not a
negation, and "X is a bad idea" rejects X."""

from __future__ import annotations

from prepdeck.study.grading import AnswerGrade, grade_answer

from .test_grading import NS_MODEL, NS_POINTS, Point, Wrong
from .test_grading_readings import graded


def contradicted(result: AnswerGrade) -> list[str]:
    return [c.key_point for c in result.contradictions]


# --- a fault costs most of the score ----------------------------------------------------------


def test_a_false_claim_cancels_half_the_marks_and_caps_the_rating_at_hard() -> None:
    wrong = [Wrong("namespaces limit memory"), Wrong("cgroups hide the network")]
    answer = "Namespaces limit what a process can see and cgroups limit resources."
    right = grade_answer(answer, NS_MODEL, NS_POINTS, wrong)
    one = grade_answer(answer + " Namespaces limit memory.", NS_MODEL, NS_POINTS, wrong)
    two = grade_answer(
        answer + " Namespaces limit memory. Cgroups hide the network.", NS_MODEL, NS_POINTS, wrong
    )
    assert (right.score, right.suggested_rating) == (1.0, 4)
    assert one.covered == ["ns-see", "cg-use"] and one.misconceptions == ("namespaces limit memory",)
    assert (one.score, one.suggested_rating) == (0.5, 2)
    assert len(two.misconceptions) == 2 and (two.score, two.suggested_rating) == (0.0, 2)


def test_a_wrong_answer_with_the_right_words_scores_below_a_partial_one() -> None:
    # the wrong answer names three points in passing and states one misconception; the partial
    # answer states one point and nothing false
    wrong = graded(
        "q-apt-cleanup-same-run",
        "Each RUN makes its own layer, so chain the commands with && in the same RUN; but Docker squashes "
        "layers automatically, so a later rm would work too.",
    )
    partial = graded(
        "q-apt-cleanup-same-run", "Every RUN instruction produces an immutable layer of the image."
    )
    assert wrong.misconceptions and len(wrong.covered) >= 2
    assert wrong.suggested_rating <= 2
    assert wrong.score < partial.score


def test_a_bare_list_of_terms_scores_nothing() -> None:
    result = grade_answer("namespaces, own view, cgroups, CPU, resource usage, limits.", NS_MODEL, NS_POINTS)
    assert result.named == ["ns-see", "cg-use"] and result.covered == []
    assert (result.score, result.suggested_rating) == (0.0, 1)


# --- a plain denial of a point ------------------------------------------------------------------


def test_a_sentence_denying_that_order_matters_contradicts_the_point() -> None:
    result = graded(
        "q-layer-order",
        "The order doesn't really matter for caching. Copying the lockfile first doesn't help the cache, "
        "because any change to the source always reinstalls the dependencies no matter how you arrange "
        "the steps.",
    )
    assert "order-sensitive" in contradicted(result)
    assert result.misconceptions == ("the order does not matter",)
    assert result.suggested_rating == 1  # the main point is contradicted
    partial = graded("q-layer-order", "To take advantage of Docker's caching so builds are faster.")
    assert result.score < partial.score


def test_that_order_matters_is_credited() -> None:
    result = graded(
        "q-layer-order",
        "The order matters: the first changed step invalidates the layer cache for every step after it.",
    )
    assert "order-sensitive" in result.covered and contradicted(result) == []


def test_a_denial_and_a_support_in_one_sentence_keep_the_point_covered() -> None:
    # the negation's scope may reach too far inside one sentence: the point stays covered
    result = graded(
        "q-sigterm-not-delivered",
        "The shell doesn't relay the signal, so the runtime waits out the timeout and force-kills everything.",
    )
    assert "sigterm" not in " ".join(contradicted(result))
    assert "sigkill-after-timeout" in result.covered


# --- words that are not negations, and verdicts that are ----------------------------------------


def test_rarely_says_how_often_not_that_something_is_false() -> None:
    points = [Point("rare", "dependencies change rarely", ["dependencies rarely change"])]
    assert grade_answer("The dependencies rarely change.", "", points).covered == ["rare"]
    # "rarely" alone is not the point: "dependencies change" says something else
    assert grade_answer("Dependencies change on every commit.", "", points).covered == []


def test_a_hedged_clause_neither_makes_nor_denies_a_claim_without_the_hedge() -> None:
    result = graded(
        "q-requests-limits",
        "Requests are used by the scheduler to place the pod. Limits cap usage: a container above its CPU "
        "limit is throttled, rarely killed, while one above its memory limit is OOM-killed.",
    )
    assert result.misconceptions == () and contradicted(result) == []
    assert {"cpu-throttled", "memory-oom"} <= set(result.covered)


def test_a_clause_calling_something_a_bad_idea_rejects_it() -> None:
    points = [Point("no-files", "no log files inside the container", ["not write log files"])]
    for answer in (
        "Writing log files inside the container is a bad idea.",
        "Writing log files in the container is bad practice.",
        "Writing log files inside the container is pointless.",
    ):
        result = grade_answer(answer, "", points)
        assert result.covered == ["no-files"] and result.contradictions == (), answer
    # a good idea is not a rejection
    result = grade_answer("Writing log files inside the container is a good idea.", "", points)
    assert result.covered == [] and [c.key_point for c in result.contradictions] == ["no-files"]


# --- attacker answers that scored as high as a strong answer -----------------------------------


def test_a_later_rm_said_to_shrink_the_image_is_contradicted() -> None:
    result = graded(
        "q-apt-cleanup-same-run",
        "It makes no difference where the rm goes; any later RUN that removes the apt lists shrinks the "
        "image by the same amount.",
    )
    assert contradicted(result) == ["later-rm-hides"]
    assert result.score < 0.35 and result.suggested_rating <= 2


def test_tini_said_never_needed_is_a_misconception() -> None:
    result = graded(
        "q-pid1-init",
        "You never need tini; the kernel forwards signals to PID 1 and reaps orphans for you just like for "
        "any other process.",
    )
    assert result.misconceptions == ("tini is never needed",)
    assert "pid1-special" in contradicted(result)
    assert result.score < 0.35 and result.suggested_rating <= 2


def test_a_clause_opened_by_so_after_a_comma_is_read_on_its_own() -> None:
    # ", so pg_dump is unnecessary" rejects pg_dump: it is its own clause, not the end of the last
    result = graded(
        "q-volume-backup",
        "Just copy /var/lib/docker/volumes/pgdata while Postgres is running; so pg_dump is unnecessary, "
        "the files are fine.",
    )
    assert "dump-tool" in contradicted(result) and "dump-tool" not in result.covered
    assert result.score < 0.3 and result.suggested_rating <= 2


def test_a_paraphrase_of_the_sizes_is_credited() -> None:
    # "uncompressed size" and "once extracted" are aliases of the unpacked size
    result = graded(
        "q-image-size-kinds",
        "The registry shows the compressed size, docker image ls the uncompressed size once extracted.",
    )
    assert {"compressed", "unpacked"} <= set(result.covered)
