"""Grading an answer: which key points it states, contradicts or only names; the score and rating.

- A key point is covered when one of its aliases is found as a claim with the point's polarity
  (and bound to the point's `about` subject, when it has one) in a sentence that states
  something. Found only in a bare list of terms, in the question copied back, or with no subject
  to bind it to, the point is only *named*: NAMED_CREDIT of its weight.
- A point is contradicted when an alias is found with the opposite polarity (and not also
  stated), bound to another subject of the question (a swapped role: that subject's
  points are contradicted too), with a wrong number, or when one of its `contradicted_by` claims
  is found. A contradicted point earns nothing and is quoted back with the model answer's
  sentence that states it.
- Misconceptions go through the same matcher (a negated misconception is a correct statement).
- The score is the weighted credit (curved by SCORE_CURVE), less FAULT_COST per contradiction or
  misconception. The suggested rating follows RATING_FLOORS on the credit; any contradiction
  or misconception caps it at Hard (2), or Again (1) when the main (heaviest) point is
  contradicted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from prepdeck.study.grading.matcher import (
    DENIES,
    NAMES,
    STATES,
    SWAPPED,
    UNBOUND,
    Claim,
    Match,
    Reading,
    Subject,
    compile_claim,
    subject_key,
)
from prepdeck.study.grading.statements import verb_stems
from prepdeck.study.grading.words import Synonyms, TypoMap, content_stems

# A point found only in a list of terms, the question copied back or with no subject earns
# nothing: naming the right terms is not an answer (chosen on the tune split: 0.1, 0.05 and 0
# ranked partial above wrong answers alike, 0 ties a list with an empty answer).
NAMED_CREDIT = 0.0
WEAK_CREDIT = 0.5
# An answer of at least this many meaningful words, with less than this weighted coverage and
# nothing found wrong, is one the grader cannot judge: it says so (AnswerGrade.undetermined).
UNDETERMINED_WORDS = 12
UNDETERMINED_COVERAGE = 0.35
# Each contradiction or misconception takes this much off the score: a false claim cancels half
# the marks. An answer right on every other point keeps some (a strong answer where the grader
# misreads one clause still ranks above most partial ones); a wrong answer that uses the right
# words for a point or two drops near zero, below a partial answer that is right as far as it
# goes (one point of five scores 0.32). Chosen on the tune split: a cost of 0.3, 0.4, 0.5, 0.6
# ranked partial above wrong at AUC 0.967, 0.971, 0.972, 0.973 and strong above partial at
# 0.993, 0.991, 0.990, 0.989; a share kept instead (score x 0.3 per fault: 0.970 and 0.989)
# sinks a strong answer with one misread clause below the partial ones.
FAULT_COST = 0.5
# score = coverage ** SCORE_CURVE: the main ideas are worth most of the marks, the last details
# fewer (5 of 7 weighted points score 0.79). Ranks, and so AUCs, do not depend on it.
SCORE_CURVE = 0.7
# Lowest score for each suggested rating: Easy, Good, Hard; below the last is Again. Easy also
# needs every point covered, Good at most one point missed and never the main one.
RATING_FLOORS = ((4, 0.9), (3, 0.75), (2, 0.35))
# What the answer says in the model answer's own words, beyond the key points, adds at most this
# (times the share of the model answer's words it states): a correct answer that makes no key point
# still ranks above one that says nothing or is wrong.
OVERLAP_CREDIT = 0.15
# An answer whose stating clauses neither make a key point nor speak mostly in the model answer's
# (or the question's) words loses up to this share of its score, scaled by the coverage it lacks:
# a strong answer keeps its marks, a low-coverage one telling a wrong mechanism in the right terms
# drops below the partial answers that are right as far as they go. Chosen on the tune split
# (0.4, 0.6, 0.8 ranked partial above wrong at 0.957, 0.958, 0.960 with no strong answer lost
# below 0.8; at 0.8 one fell under 0.75).
STRAY_COST = 0.6
ON_TOPIC_SHARE = 0.5
COVERED, NAMED, MISSED, CONTRADICTED = "covered", "named", "missed", "contradicted"
PASSING = "passing"  # a one-word point found in passing: WEAK_CREDIT


class KeyPointLike(Protocol):
    """Read-only members, so a pack's KeyPoint (its aliases a list) is one."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def weight(self) -> float: ...


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class PointResult:
    id: str
    label: str
    covered: bool
    matched: str | None  # the learner's words that made the point (or named or contradicted it)
    state: str = MISSED  # covered, named, missed or contradicted
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Contradiction:
    key_point: str
    label: str
    evidence: Evidence
    correction: str  # the correct claim, in the model answer's words

    def to_json(self) -> dict[str, Any]:
        return {
            "key_point": self.key_point,
            "evidence": self.evidence.to_json(),
            "correction": self.correction,
        }


@dataclass(frozen=True)
class MisconceptionFound:
    claim: str
    evidence: Evidence
    correction: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "misconception": self.claim,
            "evidence": self.evidence.to_json(),
            "correction": self.correction,
        }


@dataclass(frozen=True)
class AnswerGrade:
    score: float  # 0..1
    coverage: float  # weighted credit of the key points, 0..1
    points: tuple[PointResult, ...]
    misconceptions: tuple[str, ...]
    suggested_rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    contradictions: tuple[Contradiction, ...] = ()
    misconceptions_found: tuple[MisconceptionFound, ...] = ()
    # the answer says things the grader does not recognise: it can neither credit nor fault them
    undetermined: bool = False

    @property
    def note(self) -> str | None:
        """What the learner is told when the grader cannot tell."""
        if not self.undetermined:
            return None
        return (
            "The grader recognised too little of this answer to judge it: it may be right in words "
            "the grader does not know. Compare it with the model answer and rate it yourself."
        )

    @property
    def covered(self) -> list[str]:
        return [point.id for point in self.points if point.covered]

    @property
    def missed(self) -> list[str]:
        return [point.id for point in self.points if not point.covered]

    @property
    def named(self) -> list[str]:
        return [point.id for point in self.points if point.state == NAMED]

    @property
    def in_passing(self) -> list[str]:
        return [point.id for point in self.points if point.state == PASSING]

    def to_json(self) -> dict[str, Any]:
        """The `prepdeck grade --format json` shape: covered/missed are key-point ids; `named` points
        (found only in a list of terms), `in_passing` ones (one word of the point, with nothing of
        the point around it: part credit) and `contradicted` ones are among the missed."""
        return {
            "score": round(self.score, 4),
            "covered": self.covered,
            "missed": self.missed,
            "misconceptions": list(self.misconceptions),
            "suggested_rating": self.suggested_rating,
            "contradicted": [contradiction.to_json() for contradiction in self.contradictions],
            "named": self.named,
            "in_passing": self.in_passing,
            "misconception_evidence": [found.to_json() for found in self.misconceptions_found],
            "undetermined": self.undetermined,
            "note": self.note,
        }


def suggested_rating(
    score: float,
    has_misconception: bool,
    contradicts_main: bool = False,
    missed: int = 0,
    misses_main: bool = False,
) -> int:
    """1 Again, 2 Hard, 3 Good, 4 Easy. `missed` counts the key points not covered."""
    if contradicts_main:
        return 1
    rating = next((rating for rating, floor in RATING_FLOORS if score >= floor), 1)
    if missed > 0:
        rating = min(rating, 3)
    if missed > 1 or misses_main:
        rating = min(rating, 2)
    return min(rating, 2) if has_misconception else rating


# --- a question, compiled once ----------------------------------------------------------------


@dataclass(frozen=True)
class _Misconception:
    claim: Claim
    text: str
    correction: str | None


class CompiledQuestion:
    """A question's claims, subjects and vocabulary, ready to grade many answers."""

    def __init__(
        self,
        prompt: str,
        model_answer: str,
        key_points: Sequence[KeyPointLike],
        misconceptions: Sequence[Any],
        synonyms: Synonyms | None,
    ) -> None:
        self.key_points = list(key_points)
        self.model_answer = model_answer
        self.synonyms = synonyms
        abouts = [list(getattr(point, "about", None) or ()) for point in self.key_points]
        wrong_abouts = [[] if isinstance(item, str) else list(item.about or ()) for item in misconceptions]
        subject_of = _subjects([*abouts, *wrong_abouts], synonyms)
        self.point_subjects: list[Subject | None] = [subject_of[index] for index in range(len(abouts))]
        self.aliases: list[list[Claim]] = []
        self.contradictions: list[list[Claim]] = []
        for point, key in zip(self.key_points, self.point_subjects, strict=True):
            self.aliases.append(_claims(point.aliases, key, synonyms))
            self.contradictions.append(_claims(getattr(point, "contradicted_by", None) or (), key, synonyms))
        self.misconceptions: list[_Misconception] = []
        for number, item in enumerate(misconceptions):
            text = item if isinstance(item, str) else item.claim
            claim = compile_claim(text, subject_of[len(abouts) + number], synonyms)
            if claim is not None:
                correction = None if isinstance(item, str) else item.correction
                self.misconceptions.append(_Misconception(claim, text, correction))
        self.subjects = list(dict.fromkeys(key for key in subject_of if key is not None))
        # the words of each point (label, aliases, subject names): a one-word alias found in a
        # clause with none of the others is a word in passing, not the point
        self.point_words = [
            frozenset(content_stems(point.label, synonyms)).union(
                *(claim.stems for claim in claims), *(key or ())
            )
            for point, claims, key in zip(self.key_points, self.aliases, self.point_subjects, strict=True)
        ]
        known = {
            word for claims in self.aliases + self.contradictions for claim in claims for word in claim.stems
        }
        known |= {word for found in self.misconceptions for word in found.claim.stems}
        known |= {word for subject in self.subjects for name in subject for word in name}
        self.typos = TypoMap(known)
        self.prompt_stems = frozenset(content_stems(prompt)) if prompt else frozenset()
        weights = [point.weight for point in self.key_points]
        heaviest = max(weights, default=0.0)
        if weights and heaviest > min(weights):
            self.main = {index for index, weight in enumerate(weights) if weight == heaviest}
        else:
            self.main = {0} if weights else set()
        self._corrections: list[str] | None = None
        model = set(content_stems(model_answer, synonyms)) - self.prompt_stems
        self.model_stems = frozenset(word for word in model if not word.isdigit())

    def read(self, text: str) -> Reading:
        return Reading(text, self.synonyms, self.typos, self.subjects, self.prompt_stems)

    def corrections(self) -> list[str]:
        """For each point, the model answer's sentence that states it (else the point's label)."""
        if self._corrections is None:
            reading = self.read(self.model_answer)
            found = []
            for index, point in enumerate(self.key_points):
                verdict = _point_verdict(self, reading, index)
                sentence = verdict[1].sentence if verdict[0] == COVERED and verdict[1] else None
                text = " ".join(self.model_answer[sentence.start : sentence.end].split()) if sentence else ""
                found.append(f"{text}." if text and text[-1] not in ".!?" else text or point.label)
            self._corrections = found
        return self._corrections


def _subjects(abouts: list[list[str]], synonyms: Synonyms | None) -> list[Subject | None]:
    """One subject key per `about` list; lists that share a name are one subject (a point about
    [container, containers] and one about [container] speak of the same thing)."""
    keys = [subject_key(about, synonyms) if about else None for about in abouts]
    merged: list[set[tuple[str, ...]]] = []
    for key in keys:
        if key:
            names = set(key)
            for group in [group for group in merged if group & names]:
                names |= group
                merged.remove(group)
            merged.append(names)
    return [
        tuple(sorted(next(group for group in merged if set(key) <= group))) if key else None for key in keys
    ]


def _claims(phrases: Sequence[str], subject: Subject | None, synonyms: Synonyms | None) -> list[Claim]:
    claims = (compile_claim(phrase, subject, synonyms) for phrase in phrases)
    return [claim for claim in claims if claim is not None]


# --- verdicts ---------------------------------------------------------------------------------


class Verdict(NamedTuple):
    state: str
    match: Match | None  # the deciding match
    swapped_with: set[int]  # other points a swapped role contradicts
    # the point is not stated, and one of its claims is found negated in a way the grader does
    # not read as a denial ("can't bind ports below 1024", "when it doesn't ..."): it cannot tell
    doubted: bool = False


def _negations_used(compiled: CompiledQuestion, reading: Reading) -> set[tuple[int, int]]:
    """(clause, word) of every negated word that states a negative key point: "the change isn't in
    the Dockerfile" states "no Dockerfile change"; its "isn't" is then not also read as denying
    another point made of the same words ("change the Dockerfile")."""
    used: set[tuple[int, int]] = set()
    for claims in compiled.aliases:
        for claim in claims:
            if not claim.negative:
                continue
            for match in reading.matches(claim):
                if reading.reads(match) == STATES:
                    words = match.clause.words
                    used.update((id(match.clause), index) for index in match.indexes if words[index].negated)
    return used


def _point_verdict(
    compiled: CompiledQuestion, reading: Reading, index: int, used: set[tuple[int, int]] | None = None
) -> Verdict:
    """The point's state, the deciding match, other points a swapped role contradicts.

    An alias found negated (or with another number) contradicts the point only when the answer
    does not also state it: "a VM has a kernel of its own; a container has no guest kernel" is
    right. A swapped role or a `contradicted_by` claim always contradicts."""
    subject = compiled.point_subjects[index]
    supports: list[Match] = []
    named: Match | None = None
    denials: list[Match] = []
    against: Match | None = None
    swapped_with: set[int] = set()
    doubted = False  # a negated mention the grader does not read as a denial
    for claim in compiled.aliases[index]:
        for match in reading.matches(claim):
            reads = reading.reads(match)
            if reads == DENIES and used and any((id(match.clause), at) in used for at in match.indexes):
                continue  # the negation states another (negative) point
            if reads == DENIES:
                # one word ("image", "env") is too little to say the learner denied the point,
                # and so is a thing named in a negated clause: "it can't bind ports below 1024"
                # does not deny "below 1024", "it doesn't replace graceful shutdown" does not deny
                # "graceful shutdown". A claim with a verb is denied, a thing rejected outright
                # ("pg_dump is unnecessary"), and a claim stated with another number (not a
                # negated one: "can't bind ports below 1024" says nothing against "port 8080").
                if match.clause.conditional:
                    doubted = True  # "when it doesn't handle signals itself": a case, not a denial
                elif (
                    (match.wrong_number and not match.negated)
                    or (match.turned and match.explicit)
                    or (
                        not match.wrong_number
                        and len(claim.stems) > 1
                        and (_has_verb(claim) or match.rejected or not _negates_another_verb(match))
                    )
                ):
                    denials.append(match)
                elif len(claim.stems) > 1 or match.wrong_number:
                    doubted = True
            elif reads == STATES:
                supports.append(match)
            elif reads in (NAMES, UNBOUND):
                named = named or match
            elif reads == SWAPPED and not _names(reading, match, subject):
                against = against or match
                swapped_with |= {
                    other
                    for other, key in enumerate(compiled.point_subjects)
                    if key == match.bound and other != index
                }
    for claim in compiled.contradictions[index]:
        against = against or reading.asserted(claim)
    negated = denials[0] if denials else None
    # a denial bound to the point's own subject outweighs a mere mention elsewhere ("always
    # remembers a manual stop, unless-stopped does not")
    bound_denial = negated is not None and subject is not None and negated.explicit
    if against is None and negated is not None and not supports and (named is None or bound_denial):
        against = negated
    if against is not None:
        return Verdict(CONTRADICTED, against, swapped_with)
    made = [match for match in supports if _in_context(compiled, reading, index, match)]
    if made:
        return Verdict(COVERED, made[0], swapped_with)
    if supports:
        return Verdict(PASSING, supports[0], swapped_with)
    if named is not None:
        return Verdict(NAMED, named, swapped_with, doubted)
    return Verdict(MISSED, None, swapped_with, doubted)


_CODE = re.compile(r"--|\w[./_=$@]\w|(?<!\w)\.\w|[A-Z]{2}")


def _typed_as_name(text: str, match: Match) -> bool:
    """The word was typed with a capital inside its sentence."""
    word = match.clause.words[match.indexes[0]]
    return word.start > match.sentence.start and text[word.start : word.start + 1].isupper()


def _in_context(compiled: CompiledQuestion, reading: Reading, index: int, match: Match) -> bool:
    """A claim of two words or more, a word that is no common verb or is typed as a name, one said
    of its point's subject, or one among other words of its point: "Init containers wait for a dependency" does not make
    "wait on" (reaping zombies)."""
    if len(match.claim.stems) > 1 or match.claim.negative or match.claim.stems[0] not in verb_stems():
        return True  # "no cache" found negated is a claim, not a word in passing
    if _CODE.search(match.claim.text) or _typed_as_name(reading.text, match):
        return True  # "copy --from", "config.json", "a pod is Guaranteed": a name, not a word in passing
    if match.bound is not None and match.bound == match.claim.subject:
        return True
    own = set(match.claim.stems)
    return any(
        word.stem in compiled.point_words[index] and word.stem not in own for word in match.clause.words
    )


def _negates_another_verb(match: Match) -> bool:
    """The negation falls on a verb before the claim's words, not on them: "can't BIND ports below
    1024", "doesn't REPLACE graceful shutdown" (while "the image is not smaller" denies "smaller
    image")."""
    words = match.clause.words
    negated = [index for index in match.indexes if words[index].negated]
    if not negated:
        return False
    position = min(negated) - 1
    while position >= 0 and words[position].negated:
        if words[position].stem in verb_stems() and words[position].stem not in match.claim.stems:
            return True
        position -= 1
    return False


def _has_verb(claim: Claim) -> bool:
    return any(word in verb_stems() for word in claim.stems)


def _names(reading: Reading, match: Match, subject: Subject | None) -> bool:
    number = reading.clauses.index(match.clause)
    return any(mention[0] == subject and not mention[3] for mention in reading.mentions[number])


_OPENER = re.compile(
    r"(?:but|and|or|so|whereas|while|although|though|however|because|since|then|yet)\b[\s,]*", re.I
)


def _evidence(text: str, match: Match) -> Evidence:
    """The learner's words, without the conjunction that opened their clause."""
    start, end = match.quote_span()
    opener = _OPENER.match(text, start, end)
    if opener is not None and opener.end() < end:
        start = opener.end()
    return Evidence(start, end, " ".join(text[start:end].split()))


def grade_compiled(compiled: CompiledQuestion, answer: str) -> AnswerGrade:
    reading = compiled.read(answer)
    used = _negations_used(compiled, reading)
    verdicts = [_point_verdict(compiled, reading, index, used) for index in range(len(compiled.key_points))]
    states = [verdict.state for verdict in verdicts]
    deciding: list[Match | None] = [verdict.match for verdict in verdicts]
    for _, match, swapped, _ in verdicts:
        for other in swapped:  # the other subject's point, unless the answer states it elsewhere
            if states[other] not in (CONTRADICTED, COVERED):
                states[other], deciding[other] = CONTRADICTED, match
    points = []
    contradictions = []
    for index, point in enumerate(compiled.key_points):
        match = deciding[index]
        evidence = _evidence(answer, match) if match is not None else None
        points.append(
            PointResult(
                point.id,
                point.label,
                states[index] == COVERED,
                evidence.text if evidence else None,
                states[index],
                evidence,
            )
        )
        if states[index] == CONTRADICTED and evidence is not None:
            contradictions.append(
                Contradiction(point.id, point.label, evidence, compiled.corrections()[index])
            )
    found = []
    for misconception in compiled.misconceptions:
        match = reading.asserted(misconception.claim)
        if match is not None:
            found.append(
                MisconceptionFound(misconception.text, _evidence(answer, match), misconception.correction)
            )
    credit = {COVERED: 1.0, NAMED: NAMED_CREDIT, PASSING: WEAK_CREDIT}
    total = sum(point.weight for point in compiled.key_points) or 1.0
    coverage = (
        sum(
            point.weight * credit.get(state, 0.0)
            for point, state in zip(compiled.key_points, states, strict=True)
        )
        / total
    )
    credited = min(1.0, coverage**SCORE_CURVE)
    echoed = _model_words(compiled, reading)
    credited_score = min(1.0, credited + OVERLAP_CREDIT * echoed)
    # a low-coverage answer whose other claims are in words the model answer never uses is less
    # likely right as far as it goes: a wrong mechanism told with the right terms
    credited_score *= 1 - STRAY_COST * (1 - _on_topic(compiled, reading, deciding)) * (1 - coverage)
    # the score ranks answers: a false claim costs half the marks. The rating is the credit's,
    # capped at Hard by the fault (Again when it is the main point), so that one wrong claim
    # beside every point right suggests Hard, not Again.
    score = max(0.0, credited_score - FAULT_COST * (len(contradictions) + len(found)))
    contradicts_main = any(states[index] == CONTRADICTED for index in compiled.main)
    missed = [index for index, state in enumerate(states) if state != COVERED]
    return AnswerGrade(
        score=score,
        coverage=coverage,
        points=tuple(points),
        misconceptions=tuple(item.claim for item in found),
        # a point found negated in a way the grader cannot read, or a false claim's words in
        # another order: it cannot tell, so never Good
        suggested_rating=suggested_rating(
            credited,
            bool(contradictions or found) or reading.doubted or any(verdict.doubted for verdict in verdicts),
            contradicts_main,
            missed=len(missed),
            misses_main=bool(compiled.main & set(missed)),
        ),
        contradictions=tuple(contradictions),
        misconceptions_found=tuple(found),
        undetermined=_undetermined(reading, coverage, bool(contradictions or found)),
    )


def _on_topic(compiled: CompiledQuestion, reading: Reading, deciding: Sequence[Match | None]) -> float:
    """Share of the answer's stating clauses (of three words or more) that make a key point or are
    at least ON_TOPIC_SHARE in the words of the model answer or the question."""
    used = {id(match.clause) for match in deciding if match is not None}
    counted = hits = 0
    for number, clause in enumerate(reading.clauses):
        if len(clause.words) < 3 or not reading.states_sentence(reading.sentence_of[number]):
            continue
        counted += 1
        if id(clause) in used:
            hits += 1
            continue
        known = sum(
            word.stem in compiled.model_stems or word.stem in compiled.prompt_stems for word in clause.words
        )
        hits += known >= ON_TOPIC_SHARE * len(clause.words)
    return hits / counted if counted else 1.0


def _model_words(compiled: CompiledQuestion, reading: Reading) -> float:
    """Share of the model answer's own words (not the question's) that the answer states, not
    negated, in sentences that claim something."""
    if not compiled.model_stems:
        return 0.0
    said = {
        word.stem
        for number, clause in enumerate(reading.clauses)
        if reading.states_sentence(reading.sentence_of[number])
        for word in clause.words
        if not word.negated
    }
    return len(said & compiled.model_stems) / len(compiled.model_stems)


def _undetermined(reading: Reading, coverage: float, faulted: bool) -> bool:
    """An answer of some length that states things, of which the grader recognises little and finds
    nothing wrong: it cannot tell a paraphrase it does not know from an answer beside the point.
    The rating stays as low as the score makes it (never Good or Easy by default)."""
    words = sum(len(clause.words) for clause in reading.clauses)
    return (
        not faulted
        and reading.states_anything
        and words >= UNDETERMINED_WORDS
        and coverage < UNDETERMINED_COVERAGE
    )
