"""Shapes of claims the grader must read right (issue 10, session 5): a key point that ends on its
negation, one negation stating one point rather than also denying another, a request handed on,
two subjects named together, and a thing named before another subject.

The questions here are made up (a print shop, a library), so that nothing depends on the pack."""

from __future__ import annotations

from prepdeck.study.grading import AnswerGrade, grade_answer, grade_question

from .test_grading import Point
from .test_grading_readings import _pack


def told_wrong(result: AnswerGrade) -> set[str]:
    return {item.key_point for item in result.contradictions} | set(result.misconceptions)


LAN = [
    Point("guest-no-names", "the guest LAN gives no name lookups", ["guest lan has no", "guest lan doesn't"]),
    Point("own-lan", "make a LAN of your own", ["own lan", "private lan"]),
]
LAN_MODEL = "Make a private LAN. The guest LAN has no name lookups, so printers there need an address."


def test_a_point_ending_on_its_negation_needs_the_denial_the_learner_wrote() -> None:
    only_named = grade_answer("Plug both printers into the guest LAN and print by name.", LAN_MODEL, LAN)
    assert "guest-no-names" not in only_named.covered
    assert only_named.suggested_rating <= 2

    stated = grade_answer(
        "The guest LAN doesn't resolve printer names, so build a private LAN.", LAN_MODEL, LAN
    )
    assert set(stated.covered) == {"guest-no-names", "own-lan"}
    assert told_wrong(stated) == set()


RECIPE = [
    Point("untracked", "the tweak is not recorded anywhere", ["no recipe change", "not recorded"], weight=2),
    Point(
        "fix-recipe", "write the tweak into the recipe", ["change the recipe", "update the recipe"], weight=2
    ),
]
RECIPE_MODEL = "The tweak is not recorded: there is no recipe change. Change the recipe and bake again."


def test_one_negation_that_states_a_negative_point_does_not_also_deny_another() -> None:
    result = grade_answer(
        "Nothing records it: the change never made it into the recipe, so tomorrow's loaf is different.",
        RECIPE_MODEL,
        RECIPE,
    )
    assert "untracked" in result.covered
    assert told_wrong(result) == set()
    assert result.score > 0.3


def test_a_plain_denial_of_a_point_is_still_a_contradiction() -> None:
    result = grade_answer("You should never update the recipe; tweak the oven by hand.", RECIPE_MODEL, RECIPE)
    assert "fix-recipe" in told_wrong(result)
    assert result.suggested_rating <= 2


SHOP = [
    Point(
        "press-prints", "the press puts the ink on paper", ["prints the poster"], about=["press"], weight=2
    ),
    Point("desk-queues", "the desk queues the jobs", ["queues the jobs"], about=["desk"]),
]
SHOP_MODEL = "The desk queues the jobs and the press prints the poster."


def test_what_a_subject_is_asked_to_do_is_not_a_claim_that_it_does_it() -> None:
    result = grade_answer(
        "The owner tells the desk to print the poster; the desk queues the jobs.", SHOP_MODEL, SHOP
    )
    assert told_wrong(result) == set()
    assert "desk-queues" in result.covered


def test_a_subject_that_does_the_other_ones_job_is_a_swapped_role() -> None:
    result = grade_answer("The desk prints the poster itself.", SHOP_MODEL, SHOP)
    assert "press-prints" in told_wrong(result)
    assert result.suggested_rating <= 2


ARCHIVE = [
    Point(
        "tape-lasts", "tape keeps data for decades", ["keeps the data for decades"], about=["tape", "tapes"]
    ),
    Point("disk-fast", "disks are read fast", ["read fast"], about=["disk", "disks"]),
]
ARCHIVE_MODEL = "Tape keeps the data for decades. Disks are read fast."


def test_a_claim_made_of_two_subjects_named_together_is_made_of_each() -> None:
    result = grade_answer(
        "Tapes and disks both keep the data for decades if stored cool; disks are read fast.",
        ARCHIVE_MODEL,
        ARCHIVE,
    )
    assert told_wrong(result) == set()
    assert set(result.covered) == {"tape-lasts", "disk-fast"}


def test_the_docker_daemon_handing_the_container_to_containerd_is_not_a_swapped_role() -> None:
    """The brief's known false contradiction, in other words."""
    pack = _pack()
    result = grade_question(
        pack.item("q-docker-run-stack"),
        "The client talks to dockerd over its socket. Dockerd then asks containerd to create the "
        "container, and containerd runs a shim that calls runc, which sets up namespaces and cgroups.",
        pack.synonyms,
    )
    assert told_wrong(result) == set()
    assert {"containerd", "runc"} <= set(result.covered)


GARDEN = [
    Point("prune-spring", "prune the roses in spring", ["pruned in spring", "cut back in march"], weight=2),
    Point("dead-wood", "cut out the dead wood", ["cut", "take out the dead stems"]),
]
GARDEN_MODEL = "Roses are pruned in spring, when the buds swell, and you cut out the dead wood."


def test_a_one_word_point_found_in_passing_earns_less_than_one_stated_with_its_words() -> None:
    passing = grade_answer(
        "Roses are pruned in spring. The lawn will be cut on Sunday.", GARDEN_MODEL, GARDEN
    )
    stated = grade_answer(
        "Roses are pruned in spring, and you cut every dead stem right back.", GARDEN_MODEL, GARDEN
    )
    assert "dead-wood" not in passing.covered and "dead-wood" in stated.covered
    assert passing.score < stated.score


def test_an_answer_in_the_model_answers_words_outranks_one_that_says_nothing_of_it() -> None:
    model_words = grade_answer("On the roses the buds are the first thing to swell.", GARDEN_MODEL, GARDEN)
    nothing = grade_answer("Tulips like sandy soil and a sunny corner.", GARDEN_MODEL, GARDEN)
    assert model_words.covered == nothing.covered == []
    assert model_words.score > nothing.score
    assert model_words.suggested_rating == nothing.suggested_rating == 1


def test_a_negation_ends_where_a_new_clause_begins_after_a_comma() -> None:
    result = grade_answer(
        "Beginners never get it right, and in most old gardens the roses are pruned in spring.",
        GARDEN_MODEL,
        GARDEN,
    )
    assert told_wrong(result) == set()
    assert "prune-spring" in result.covered


def test_a_subject_far_back_in_the_clause_is_not_the_one_a_late_word_is_said_of() -> None:
    result = grade_answer(
        "The desk takes the jobs from the counter in the morning and sorts them by size before the "
        "owner prints the poster.",
        SHOP_MODEL,
        SHOP,
    )
    assert "press-prints" not in told_wrong(result)


TICKETS = [
    Point(
        "paper-fixed", "a paper ticket is immutable", ["immutable"], about=["paper ticket", "paper tickets"]
    ),
    Point(
        "app-changes",
        "an app ticket can be reissued",
        ["reissued", "reprinted"],
        about=["app ticket", "app tickets"],
    ),
]
TICKETS_MODEL = "A paper ticket is immutable; an app ticket can be reissued at any time."


def test_a_claim_stated_with_the_opposite_word_is_a_contradiction() -> None:
    result = grade_answer("Paper tickets are mutable, that is the whole point.", TICKETS_MODEL, TICKETS)
    assert "paper-fixed" in told_wrong(result)
    assert result.suggested_rating == 1


def test_the_opposite_word_said_of_the_other_subject_is_right() -> None:
    result = grade_answer(
        "A paper ticket is immutable, while an app ticket is mutable and often reissued.",
        TICKETS_MODEL,
        TICKETS,
    )
    assert told_wrong(result) == set()
    assert set(result.covered) == {"paper-fixed", "app-changes"}


def test_a_one_word_claim_set_beside_a_subject_is_not_said_of_it() -> None:
    points = [
        Point("label-name", "a label is just a name", ["name"], about=["label", "labels"]),
        Point("code-exact", "a code pins the exact box", ["exact"], about=["code", "codes"]),
    ]
    model = "A label is just a name; a code pins the exact box."
    beside = grade_answer("We ship by code, usually as name:code on the box.", model, points)
    assert told_wrong(beside) == set()
    said = grade_answer("A code is only a name that anyone can change.", model, points)
    assert "label-name" in told_wrong(said)


def test_a_list_of_absences_claims_them() -> None:
    points = [Point("no-trace", "no trace is left", ["no trace"]), Point("no-undo", "no undo", ["no undo"])]
    result = grade_answer(
        "No trace, no undo, no second chance.", "It leaves no trace and has no undo.", points
    )
    assert set(result.covered) == {"no-trace", "no-undo"}
    assert result.named == []


def test_a_heading_and_its_value_around_a_colon_are_one_claim() -> None:
    points = [Point("pick-sturdy", "choose sturdy shoes for rough trails", ["sturdy shoes for rough trails"])]
    model = "For rough trails I would choose sturdy shoes."
    result = grade_answer(
        "For long-distance rough trails: sturdy shoes, and you should lace them tight.", model, points
    )
    assert result.covered == ["pick-sturdy"]


def test_a_one_word_point_said_with_its_negation_is_a_claim() -> None:
    points = [
        Point("no-cache", "the runner keeps no cache", ["no cache"]),
        Point("other", "other", ["rebuild it"]),
    ]
    result = grade_answer(
        "Every job gets a new runner, so there is no cache to reuse.", "No cache survives.", points
    )
    assert "no-cache" in result.covered


def test_terms_each_with_what_they_do_are_an_answer_and_bare_terms_are_not() -> None:
    points = [
        Point("whisk", "a whisk beats air into eggs", ["beats air in", "whisk"]),
        Point("sieve", "a sieve removes lumps", ["removes lumps", "sieve"]),
    ]
    model = "A whisk beats air into the eggs and a sieve removes lumps from the flour."
    glossed = grade_answer("whisk (beats air in), sieve (removes lumps), spatula (folds).", model, points)
    assert set(glossed.covered) == {"whisk", "sieve"}
    bare = grade_answer("whisk, sieve, spatula, bowl.", model, points)
    assert bare.covered == [] and bare.score < glossed.score


BREAD = [
    Point("proof", "the dough proves until doubled", ["proves until doubled"], weight=2),
    Point("hot-oven", "bake in a hot oven", ["hot oven"]),
    Point("cool", "cool on a rack", ["cool on a rack"]),
]
BREAD_MODEL = (
    "Let the dough prove until doubled in a warm kitchen, bake it in a hot oven until the crust is "
    "brown, and cool it on a rack so the crumb sets."
)


def test_an_answer_that_adds_a_mechanism_the_model_never_uses_ranks_below_one_in_its_words() -> None:
    partial = grade_answer(
        "The dough is left so it proves until doubled; a warm kitchen makes the dough rise faster.",
        BREAD_MODEL,
        BREAD,
    )
    stray = grade_answer(
        "The dough is left so it proves until doubled; the yeast is pulled upward by magnetic attraction.",
        BREAD_MODEL,
        BREAD,
    )
    alone = grade_answer("The dough is left so it proves until doubled.", BREAD_MODEL, BREAD)
    assert partial.covered == stray.covered == alone.covered == ["proof"]
    assert stray.score < alone.score < partial.score


def test_an_answer_that_makes_every_point_keeps_full_marks_beside_a_story_of_its_own() -> None:
    result = grade_answer(
        "It is left until it proves until doubled, then it is baked in a hot oven and it has to cool on "
        "a rack. My grandmother was sure of enamel tins she had from her aunt.",
        BREAD_MODEL,
        BREAD,
    )
    assert result.covered == ["proof", "hot-oven", "cool"]
    assert result.score == 1.0


def test_parallel_halves_after_a_comma_keep_their_own_subjects() -> None:
    points = [
        Point(
            "kettle-water", "the kettle boils water", ["boils water", "kettle boils water"], about=["kettle"]
        ),
        Point("pan-fries", "the pan fries eggs", ["fries eggs"], about=["pan"]),
    ]
    model = "The kettle boils water and the pan fries eggs."
    result = grade_answer("So kettle boils water, pan for the eggs and bacon.", model, points)
    assert told_wrong(result) == set()
