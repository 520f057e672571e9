"""One matcher for key points, their contradictions and misconceptions: is a claim stated, and how.

A claim (an alias, a `contradicted_by` phrase, a misconception) is found in a clause when all its
meaningful stems are there, close together, in any order. The match then has:
- a polarity: negated when one of its words lies in a negation scope. It supports the claim when
  that polarity equals the claim's own ("needs no kernel of its own" is a negative claim, so "does
  not need its own kernel" supports it and "needs its own kernel" contradicts it; for a negative
  claim the scopes over its last word decide, so "can't run without Docker" denies "runs without
  Docker");
- an order: a claim with "before", "after", "than", "rather" or "instead" matches only with its
  two sides in the same order ("the install runs before the cleanup" is not "cleanup runs before
  the install");
- a subject, when the claim is `about` something: the nearest subject named positively in the
  clause, else the subject the sentence carries on from ("Liveness: if it fails, ... restarts").
  A claim bound to another subject of the question is a swapped role;
- whether its sentence states something (has a verb) and is not the question copied back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from prepdeck.study.grading.lexicon import (
    ANTONYMS,
    AUXILIARIES,
    HEDGES,
    ORDER_PIVOTS,
    PHRASE_PREPOSITIONS,
    REQUESTS,
    SYMMETRIC,
)
from prepdeck.study.grading.statements import (
    CUE_REACH,
    NEAR_CUE,
    NEGATED,
    REJECTED,
    Clause,
    Sentence,
    Word,
    read_statements,
    verb_stems,
)
from prepdeck.study.grading.words import Synonyms, TypoMap, stem, tokens

# A match may spread over this many words beyond the claim's own length, within one clause.
WINDOW_SLACK = 8
# A pronoun opening a clause stands for one of the first this many words of its sentence.
ANTECEDENT_WORDS = 3
SWAP_SLACK = 4  # a swapped role's words: at most this many others between them
# ... and at most this many words from the subject they are said of ("CMD turns into the default
# parameters appended to it, so the image behaves like an executable" says nothing of CMD)
SWAP_REACH = 6
# Prefix of a stem typed in capitals, in the index and in subject names.
CAPITALS = "^"
# A sentence with at most this share of words not in the question restates the question.
ECHO_NEW_WORDS = 0.3
# What a match says about its claim (Reading.reads).
STATES, NAMES, DENIES, SWAPPED, UNBOUND, OTHER = "states", "names", "denies", "swapped", "unbound", "other"

# A subject: the stems of each of its names, sorted ((("cgroup",), ("control", "group")), ...).
Subject = tuple[tuple[str, ...], ...]
# A subject named in a clause: (subject, first word, last word, named in a negation scope).
Mention = tuple[Subject, int, int, bool]
# Stem -> clause number -> positions of the stem's words in that clause.
Postings = dict[int, list[int]]


@dataclass(frozen=True)
class Claim:
    text: str
    stems: tuple[str, ...]  # distinct, in order
    negative: bool
    subject: Subject | None  # a Subject key, or None when the claim is not about anything named
    # stems before and after an ORDER_PIVOT ("before", "than"...), which must keep their order
    sides: tuple[frozenset[str], frozenset[str]] | None = None
    # a negated phrase with no verb of its own ("not as a build arg", "no shell"): naming the
    # thing plainly does not deny it
    phrase: bool = False
    # a command-line flag ("--init", "--target"): only a word typed after "--" names it, not the
    # plain word ("init containers", "the target")
    flag: bool = False
    # a claim that ends on its negation cue ("default bridge has no", "build tools are not"): what
    # follows is left open, so the answer must deny something right after the claim's words
    open_tail: bool = False

    @cached_property
    def opposable(self) -> bool:
        """One of its words has an opposite (lexicon.ANTONYMS)."""
        return any(word in _OPPOSITES for word in self.stems)

    @cached_property
    def numbers(self) -> tuple[str, ...]:
        return tuple(word for word in self.stems if _is_number(word))


_HEDGE_STEMS = frozenset(stem(word) for word in HEDGES)
_REQUEST_STEMS = frozenset(stem(word) for word in REQUESTS)
_OPPOSITES: dict[str, set[str]] = {}
for _one, _other in ANTONYMS:
    _OPPOSITES.setdefault(stem(_one), set()).add(stem(_other))
    _OPPOSITES.setdefault(stem(_other), set()).add(stem(_one))
_SYMMETRIC_STEMS = frozenset(stem(word) for word in SYMMETRIC)
# A clause in the passive voice names its doer last: its words come in another order.
_PASSIVE = re.compile(
    r"\b(?:by|(?:is|are|was|were|be|been|being|gets?|got)(?:n.t)?\s+(?:(?:not|never|\w+ly)\s+)?\w+(?:ed|en|wn|t))\b",
    re.I,
)


def _is_number(word: str) -> bool:
    return word.replace(".", "").isdigit()


def subject_key(phrases: Iterable[str], synonyms: Synonyms | None) -> Subject:
    """A subject is the set of its names' stems: two points `about` the same names share it.

    A name written in capitals (ADD, ARG, CMD) matches only a word typed in capitals, so that
    "ADD copies files" is about ADD and not about COPY."""
    names = set()
    for phrase in phrases:
        words = [
            word
            for sentence in read_statements(phrase, synonyms)
            for clause in sentence.clauses
            for word in clause.words
        ]
        stems = tuple(_cased(phrase, word) for word in words)
        if stems:
            names.add(stems)
    return tuple(sorted(names))


def _cased(text: str, word: Word) -> str:
    """A word's stem, marked with CAPITALS when it was typed in capitals."""
    typed = text[word.start : word.end]
    return CAPITALS + word.stem if len(typed) > 1 and typed.isupper() else word.stem


# Claims compiled in this process, by text, subject and synonym table: packs repeat their phrases
# (an alias or a misconception shared by several questions), and `pack check` compiles every one.
_COMPILED: dict[tuple[str, Subject | None, int], tuple[Synonyms | None, Claim | None]] = {}
_COMPILED_SIZE = 20_000


def compile_claim(text: str, subject: Subject | None, synonyms: Synonyms | None) -> Claim | None:
    """The claim `text` makes, compiled once per process (a Claim is immutable, so it is shared)."""
    key = (text, subject, id(synonyms))
    known = _COMPILED.get(key)
    if known is not None and known[0] is synonyms:
        return known[1]
    claim = _compile_claim(text, subject, synonyms)
    if len(_COMPILED) >= _COMPILED_SIZE:
        _COMPILED.clear()
    _COMPILED[key] = (synonyms, claim)
    return claim


def _compile_claim(text: str, subject: Subject | None, synonyms: Synonyms | None) -> Claim | None:
    words = [
        word
        for sentence in read_statements(text, synonyms)
        for clause in sentence.clauses
        for word in clause.words
    ]
    stems = tuple(dict.fromkeys(word.stem for word in words))
    if not stems:
        return None
    typed = [token.word for token in tokens(text) if token.word]
    open_tail = len(typed) > 1 and (typed[-1] in _TAIL_CUES or typed[-1].endswith("n't"))
    return Claim(
        text,
        stems,
        open_tail or any(word.negated for word in words),
        subject,
        _sides(text, words),
        _is_phrase(text),
        text.lstrip().startswith("--") and len(stems) == 1,
        open_tail,
    )


_TAIL_CUES = frozenset({"no", "not", "never", "cannot", "without"})


def _is_phrase(text: str) -> bool:
    """ "not as a build arg", "no shell", "not through ARG": a cue opening a claim before a
    preposition or a word that is not a verb."""
    words = [token.word for token in tokens(text) if token.word]
    if len(words) < 2 or words[0] not in ("not", "no", "without"):
        return False
    return words[1] in PHRASE_PREPOSITIONS or stem(words[1]) not in verb_stems()


def _sides(text: str, words: Sequence[Word]) -> tuple[frozenset[str], frozenset[str]] | None:
    pivot = next((token.start for token in tokens(text) if token.word in ORDER_PIVOTS), None)
    if pivot is None:
        return None
    left = frozenset(word.stem for word in words if word.start < pivot)
    right = frozenset(word.stem for word in words if word.start > pivot) - left
    return (left, right) if left and right else None


@dataclass(frozen=True)
class Match:
    claim: Claim
    sentence: Sentence
    clause: Clause
    indexes: tuple[int, ...]  # words of the clause that matched
    negated: bool
    bound: Subject | None  # the subject the match is bound to
    explicit: bool  # that subject is named in the clause itself (not carried over)
    subject_index: int | None  # where, when explicit
    wrong_number: bool = False
    also: tuple[Subject, ...] = ()  # subjects coordinated with the bound one ("volumes and binds")
    turned: bool = False  # found with one word's opposite ("mutable" for "immutable")

    @property
    def supports(self) -> bool:
        return self.negated == self.claim.negative and not self.wrong_number

    @property
    def rejected(self) -> bool:
        """Found in the subject of a rejecting verdict: "pg_dump is unnecessary"."""
        return any(self.clause.words[index].negated & REJECTED for index in self.indexes)

    @property
    def start(self) -> int:
        return min(self._spans())[0]

    @property
    def end(self) -> int:
        return max(span[1] for span in self._spans())

    def _spans(self) -> list[tuple[int, int]]:
        words = self.clause.words
        spans = [(words[index].start, words[index].end) for index in self.indexes]
        if self.subject_index is not None:
            spans.append((words[self.subject_index].start, words[self.subject_index].end))
        return spans

    def quote_span(self) -> tuple[int, int]:
        """The learner's words to quote: from the clause's start when it is near, to the match's end."""
        start, end = self.start, self.end
        if self.clause.start <= start and start - self.clause.start <= 40:
            start = self.clause.start
        if self.clause.borrows:  # "limit memory; cgroups do"
            end = max(end, self.clause.end)
        return start, end


class Reading:
    """An answer read once for one question: statements, an index of stems, subjects per clause."""

    def __init__(
        self,
        text: str,
        synonyms: Synonyms | None,
        typos: TypoMap,
        subjects: Sequence[Subject],
        prompt_stems: frozenset[str],
    ) -> None:
        self.text = text
        self.sentences = read_statements(text, synonyms)
        self.clauses: list[Clause] = [clause for sentence in self.sentences for clause in sentence.clauses]
        self.sentence_of: list[Sentence] = [sentence for sentence in self.sentences for _ in sentence.clauses]
        # stem -> clause number -> word indexes
        self.index: dict[str, Postings] = {}
        for number, clause in enumerate(self.clauses):
            for position, word in enumerate(clause.words):
                word.stem = typos.correct(word.stem)
                self.index.setdefault(word.stem, {}).setdefault(number, []).append(position)
                if not text[word.start].isupper():
                    continue
                cased = _cased(text, word)
                if cased != word.stem:
                    self.index.setdefault(cased, {}).setdefault(number, []).append(position)
        for sentence in self.sentences:
            sentence.stems = {word.stem for clause in sentence.clauses for word in clause.words}
        # clauses with "rarely", "seldom", "hardly" (most have none: the check is skipped there)
        self.hedged = {number for hedge in _HEDGE_STEMS for number in self.index.get(hedge, ())}
        self.pronoun_clauses = [
            number for number, clause in enumerate(self.clauses) if clause.opens_with_pronoun
        ]
        self.echoes = {id(sentence) for sentence in self.sentences if _is_echo(sentence, prompt_stems)}
        # An answer that is only a list of terms (or the question again) states nothing at all.
        self.states_anything = any(
            sentence.states_something and not sentence.is_list and id(sentence) not in self.echoes
            for sentence in self.sentences
        )
        self.mentions = [self._mentions(number, subjects) for number in range(len(self.clauses))]
        # an accusation's words were found in another order: the grader cannot tell who does what
        self.doubted = False
        self.topics = self._topics()
        self._found: dict[int, tuple[Claim, list[Match]]] = {}

    # --- subjects --------------------------------------------------------------------------

    def _mentions(self, number: int, subjects: Sequence[Subject]) -> list[Mention]:
        """(subject, first word, last word, negated) for every subject named in a clause."""
        words = self.clauses[number].words
        found: list[Mention] = []
        for subject in subjects:
            for name in subject:
                for first in self.index.get(name[0], {}).get(number, ()):
                    last = first + len(name) - 1
                    if last < len(words) and all(
                        _cased(self.text, words[first + offset]) == part
                        if part.startswith(CAPITALS)
                        else words[first + offset].stem == part
                        for offset, part in enumerate(name)
                    ):
                        found.append((subject, first, last, bool(words[first].negated)))
        return sorted(found, key=lambda mention: mention[1])

    def _topics(self) -> list[Subject | None]:
        """The subject each clause carries on from, when it names none itself."""
        topics: list[Subject | None] = []
        topic = None
        for number, clause in enumerate(self.clauses):
            sentence = self.sentence_of[number]
            if clause is sentence.clauses[0] and not sentence.refers_back:
                topic = None
            topics.append(topic)
            positive = [mention for mention in self.mentions[number] if not mention[3]]
            if positive:
                topic = positive[0][0]
        return topics

    def coordinated(self, number: int, where: int | None) -> tuple[Subject, ...]:
        """Subjects named right before the one at `where`, joined to it by "and", "or" or a comma
        only: "volumes and bind mounts both keep data" says it of volumes too."""
        if where is None:
            return ()
        found: list[Subject] = []
        for mention in reversed([item for item in self.mentions[number] if not item[3] and item[1] < where]):
            if mention[2] + 1 != where:
                break
            found.append(mention[0])
            where = mention[1]
        return tuple(found)

    def binding(
        self, number: int, indexes: Sequence[int], claim: Claim | None = None
    ) -> tuple[Subject | None, bool, int | None]:
        """(subject, named in the clause, where) for a match on words `indexes` of clause `number`:
        the nearest subject named before it in the clause, else the one the sentence carries on
        from, else the first named after it. A subject named by the claim's own words inside the
        match does not count, unless it is the claim's own subject ("save exports an image" found
        in "save is for images, export ...")."""
        last = max(indexes)
        words = self.clauses[number].words
        own = claim.stems if claim is not None else ()
        candidates = [
            mention
            for mention in self.mentions[number]
            if not mention[3]
            and not (
                claim is not None
                and mention[0] != claim.subject
                and mention[1] in indexes
                and mention[1] != min(indexes)
                and all(words[at].stem in own for at in range(mention[1], mention[2] + 1))
            )
        ]
        # named before the claim, or inside it ("the PID namespace" is about namespaces)
        before = [mention for mention in candidates if mention[1] <= last]
        if before:
            chosen = before[-1]
            return chosen[0], True, chosen[1]
        if self.topics[number] is not None or not candidates:
            return self.topics[number], False, None
        chosen = candidates[0]  # after it: "what a process can see is decided by namespaces"
        between = (words[last].end, words[chosen[1]].start)
        if "," in self.text[between[0] : between[1]]:
            return None, False, None  # "save is for images, export for a container's filesystem"
        if not any(words[index].stem in verb_stems() for index in indexes) and not _PASSIVE.search(
            self.text, *between
        ):
            return None, False, None  # "dockerd asks containerd": a thing named before, not of it
        return chosen[0], True, chosen[1]

    # --- claims ----------------------------------------------------------------------------

    def matches(self, claim: Claim) -> list[Match]:
        """Every place `claim`'s words are found (kept: several readers ask for the same claim)."""
        known = self._found.get(id(claim))
        if known is not None and known[0] is claim:
            return known[1]
        found = self._matches(claim)
        self._found[id(claim)] = (claim, found)
        return found

    def _matches(self, claim: Claim) -> list[Match]:
        found: list[Match] = []
        numbers = claim.numbers
        words_needed = tuple(word for word in claim.stems if word not in numbers) if numbers else claim.stems
        if not words_needed:
            words_needed = claim.stems
            numbers = ()
        found_postings = [self.index.get(word) for word in words_needed]
        # one word missing, its opposite there: the claim is found with its polarity turned
        opposite = self._opposite(claim, words_needed, found_postings)
        if opposite is not None:
            found_postings[opposite[0]] = opposite[1]
        postings = [posting for posting in found_postings if posting is not None]
        if len(postings) < len(found_postings):
            return found
        for number in self._clauses_with(words_needed, postings):
            present = [posting[number] for posting in postings if number in posting]
            indexes = _window(present, len(words_needed) + WINDOW_SLACK)
            if indexes is None or (claim.sides and not self._in_order(claim.sides, number, indexes)):
                continue
            if number in self.hedged and self._hedged(claim, number, indexes):
                continue
            if (
                claim.flag
                and self.text[
                    max(0, self.clauses[number].words[indexes[0]].start - 2) : self.clauses[number]
                    .words[indexes[0]]
                    .start
                ]
                != "--"
            ):
                continue
            wrong_number = False
            if numbers:
                if all(number in self.index.get(value, {}) for value in numbers):
                    extra = (self.index[value][number][0] for value in numbers)
                    indexes = tuple(sorted({*indexes, *extra}))
                elif self._numbers_near(number, indexes):
                    wrong_number = True
                else:
                    continue
            clause = self.clauses[number]
            negated: bool | None
            if claim.open_tail:
                negated = _denies_after(clause, indexes)
            elif claim.negative:
                # "needs no kernel of its own" ~ "does not need its own kernel": the scopes open
                # before the claim's last word decide, so that two cancel out ("can't run without
                # Docker" denies "runs without Docker")
                negated = bool(clause.words[max(indexes)].negated)
                if not negated and (
                    claim.phrase or not any(clause.words[i].stem in verb_stems() for i in indexes)
                ):
                    # "build args" named plainly does not deny "not as a build arg"
                    negated = None
            else:
                negated = _polarity(clause, indexes)
            if negated is None:
                continue
            if opposite is not None:
                negated = not negated
            bound, explicit, where = self.binding(number, indexes, claim)
            found.append(
                Match(
                    claim,
                    self.sentence_of[number],
                    clause,
                    indexes,
                    negated,
                    bound,
                    explicit,
                    where,
                    wrong_number,
                    self.coordinated(number, where) if explicit else (),
                    opposite is not None,
                )
            )
        return found

    def _opposite(
        self, claim: Claim, words: Sequence[str], postings: Sequence[Postings | None]
    ) -> tuple[int, Postings] | None:
        """(which word, the postings of its opposite) when a claim of two words or more, or one
        about a subject, misses exactly one word and the answer has its opposite ("mutable" for
        "immutable")."""
        if not claim.opposable or (len(words) < 2 and claim.subject is None):
            return None
        missing = [index for index, posting in enumerate(postings) if posting is None]
        if len(missing) != 1:
            return None
        for other in _OPPOSITES.get(words[missing[0]], ()):
            found = self.index.get(other)
            if found is not None:
                return missing[0], found
        return None

    def _clauses_with(self, words: Sequence[str], postings: Sequence[Postings]) -> list[int]:
        """Clauses holding every word of a claim; for a claim of three words or more, also a clause
        that opens with a pronoun and misses one word that its sentence opens with ("latest is
        fine, it is always the newest release" claims "latest is always the newest release"; "As
        PID 1 it forwards signals, because the kernel ..., and it reaps zombies" does not claim
        that the kernel reaps them)."""
        chosen = set(postings[0]).intersection(*postings[1:])
        if len(words) >= 3:
            for number in self.pronoun_clauses:
                if number in chosen:
                    continue
                absent = [
                    word for word, posting in zip(words, postings, strict=True) if number not in posting
                ]
                if len(absent) == 1 and absent[0] in self._antecedents(self.sentence_of[number]):
                    chosen.add(number)
        return sorted(chosen)

    @staticmethod
    def _antecedents(sentence: Sentence) -> set[str]:
        """What a pronoun in a later clause may stand for: the sentence's first words, unless
        negated ("Kubernetes doesn't use it, it has its own probes" lends "Kubernetes", not "use")."""
        return {word.stem for word in sentence.clauses[0].words[:ANTECEDENT_WORDS] if not word.negated}

    def _hedged(self, claim: Claim, number: int, indexes: Sequence[int]) -> bool:
        """A hedge ("rarely") just before or inside the match, that the claim does not have."""
        words = self.clauses[number].words
        first = max(0, min(indexes) - 1)
        return any(
            words[position].stem in _HEDGE_STEMS and words[position].stem not in claim.stems
            for position in range(first, max(indexes) + 1)
        )

    def _in_order(
        self, sides: tuple[frozenset[str], frozenset[str]], number: int, indexes: Sequence[int]
    ) -> bool:
        words = self.clauses[number].words
        left = [index for index in indexes if words[index].stem in sides[0]]
        right = [index for index in indexes if words[index].stem in sides[1]]
        return not left or not right or max(left) < min(right)

    def _numbers_near(self, number: int, indexes: Sequence[int]) -> list[int]:
        words = self.clauses[number].words
        first, last = min(indexes), max(indexes)
        return [
            position
            for position in range(max(0, first - 3), min(len(words), last + 4))
            if _is_number(words[position].stem)
        ]

    def reads(self, match: Match) -> str:
        """What a match says about its claim: the one reading that key points, their
        `contradicted_by` claims and misconceptions all go through.

        - STATES: the claim, with its own polarity, bound to its subject, in a statement;
        - NAMES: the same in a list of terms or the question copied back (nothing claimed);
        - DENIES: the claim with the opposite polarity (or a wrong number), bound to its subject;
        - SWAPPED: the claim, stated about another subject named in the clause;
        - UNBOUND: stated about no subject at all (the claim is about one): a mention only;
        - OTHER: anything else (a denial about another subject says nothing)."""
        subject = match.claim.subject
        if subject is None or match.bound == subject or subject in match.also:
            if not match.supports:
                return DENIES
            return STATES if self.states(match) else NAMES
        if not match.supports:
            return OTHER
        if match.bound is None:
            return UNBOUND
        # a swapped role is an accusation: its words must stand close together ("works the same
        # on any host, and ... at that path" does not say a volume maps a host path)
        tight = max(match.indexes) - min(match.indexes) < len(match.claim.stems) + SWAP_SLACK
        near = match.subject_index is None or abs(min(match.indexes) - match.subject_index) <= SWAP_REACH
        said = len(match.claim.stems) > 1 or self._said_of(match)
        return SWAPPED if match.explicit and tight and near and said and not _requested(match) else OTHER

    def _said_of(self, match: Match) -> bool:
        """A one-word claim is said of the subject before it through a verb ("a digest is just a
        name"), not set beside it ("deploy by digest, usually as name:tag@sha256")."""
        where = match.subject_index
        words = match.clause.words
        if where is None or where >= min(match.indexes):
            return True
        between = tokens(self.text[words[where].end : words[min(match.indexes)].start])
        return any(
            token.word
            and (token.word in AUXILIARIES or token.word.endswith("n't") or stem(token.word) in verb_stems())
            for token in between
        )

    def asserted(self, claim: Claim) -> Match | None:
        """The first place the answer asserts `claim` (a `contradicted_by` claim or a
        misconception): with its polarity and bound to its subject, in a statement or a list.
        Its words found in another order (who does what is unclear) set `doubted`."""
        for match in self.matches(claim):
            if self.reads(match) in (STATES, NAMES) and not self._across_comma(match):
                if self._in_claim_order(match):
                    return match
                self.doubted = True
        return None

    def _in_claim_order(self, match: Match) -> bool:
        """An accusation's words come in its own order: "the container can't see host processes"
        is not "the host cannot see a container's processes". A claim that two things are the
        same ("rootless and userns-remap are the same") has no order, and the passive voice turns
        it round ("tini is never needed" ~ "you never need tini")."""
        if len(match.claim.stems) < 2 or any(stem in _SYMMETRIC_STEMS for stem in match.claim.stems):
            return True
        if _PASSIVE.search(self.text, match.clause.start, match.clause.end) or _PASSIVE.search(
            match.claim.text
        ):
            return True  # "zombies are reaped by the kernel" claims "the kernel reaps zombies"
        words = match.clause.words
        order = {stem: rank for rank, stem in enumerate(match.claim.stems)}
        ranks = [order[words[i].stem] for i in sorted(match.indexes) if words[i].stem in order]
        return ranks == sorted(ranks)

    def _across_comma(self, match: Match) -> bool:
        """An accusation's words split by a comma: "the registry shows the compressed size, image
        ls the unpacked size" does not claim "the registry shows the unpacked size"."""
        words = match.clause.words
        first, last = min(match.indexes), max(match.indexes)
        return "," in self.text[words[first].end : words[last].start]

    def states(self, match: Match) -> bool:
        """The match is part of a statement: its sentence has a verb and is not the prompt again."""
        return self.states_sentence(match.sentence)

    def states_sentence(self, sentence: Sentence) -> bool:
        return self.states_anything and sentence.states_something and id(sentence) not in self.echoes


def _polarity(clause: Clause, indexes: Sequence[int]) -> bool | None:
    """Negated, not negated, or None (ignore the match) when a claim with no verb lies far from
    its cue ("wasn't designed to run as PID 1" says nothing against "PID 1"), or when only some
    words are negated, by a phrase cue, and none of those is a verb ("piece by piece instead of
    root"). "The image is not smaller" is negated: "not" negates the statement."""
    words = [clause.words[index] for index in indexes]
    flags = [word.negated & ~(NEAR_CUE | REJECTED) for word in words]
    if not any(flags):
        return False
    verbs = verb_stems()
    if not any(word.stem in verbs for word in words) and not any(word.negated & NEAR_CUE for word in words):
        return None  # a noun phrase far from its cue: "wasn't designed to run as PID 1"
    if NEGATED not in flags and not any(word.stem in verbs for word in words):
        return (
            None  # a thing named after "instead of" or "rather than": "exec form instead of the shell form"
        )
    if all(flags) or NEGATED in flags:
        return True
    if any(word.negated and word.stem in verbs for word in words):
        return True
    return None


def _requested(match: Match) -> bool:
    """The match is what its subject is asked to do, not what it does: "dockerd asks containerd to
    create the container" does not claim containerd creates it (it hands the work on)."""
    where = match.subject_index
    if where is None or min(match.indexes) <= where:
        return False
    words = match.clause.words
    return any(word.stem in _REQUEST_STEMS for word in words[max(0, where - 2) : where])


def _denies_after(clause: Clause, indexes: Sequence[int]) -> bool | None:
    """For a claim that ends on its cue ("default bridge has no"): True when its own words are
    stated and a negation opens on the next words ("the default bridge has no DNS"), else None (a
    plain mention of "the default bridge" neither makes nor denies the claim)."""
    words = clause.words
    last = max(indexes)
    if any(words[index].negated for index in indexes):
        return None
    following = words[last + 1 : last + 2 + CUE_REACH]
    return True if any(word.negated for word in following) else None


def _is_echo(sentence: Sentence, prompt_stems: frozenset[str]) -> bool:
    """A sentence made of the question's own words (few new ones) restates the question."""
    if not prompt_stems:
        return False
    common = len(sentence.stems & prompt_stems)
    return common >= 2 and len(sentence.stems) - common <= max(1, ECHO_NEW_WORDS * len(sentence.stems))


def _window(postings: list[list[int]], limit: int) -> tuple[int, ...] | None:
    """The closest set of positions, one per posting list, spanning at most `limit` words."""
    best: tuple[int, ...] | None = None
    best_span = limit
    rarest = min(range(len(postings)), key=lambda index: len(postings[index]))
    for anchor in postings[rarest]:
        chosen = tuple(min(posting, key=lambda position: abs(position - anchor)) for posting in postings)
        span = max(chosen) - min(chosen) + 1
        if span <= best_span:
            best, best_span = chosen, span
    return best
