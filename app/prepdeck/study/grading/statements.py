"""An answer read as statements: sentences, clauses, negation scopes, and whether it claims anything.

- Sentences end at . ! ? followed by a space, at a blank line, or before a bullet line.
- Clauses end at ; : ( ) and dashes, and before a contrast word (but, whereas, while, although,
  however, unlike). A comma, "and", "or", "so", "which", "because"... open a new clause only when
  what follows has a verb, so that "CPU, memory and IO" stays one phrase.
- A negation cue (not, no, never, n't, without, neither/nor, cannot, instead of, rather than,
  unlike, lacks, "it is false that") negates the rest of its clause; two cues cancel out. "no"
  naming a thing ("the no policy", "--restart no", "no, on-failure, always") is not a cue, and
  "not only X" claims X (the "only" drops out).
- A short clause that rejects what it names ("switching back to root is not the fix either")
  negates its subject.
- An auxiliary ending a clause stands for the verb before it: "namespaces do not limit memory;
  cgroups do" reads the second clause as "cgroups limit memory".
- A sentence states something when it has a verb that binds its words: an auxiliary (is, has,
  can, ...) or a common verb with words on both sides. A bare list of terms states nothing.
"""

from __future__ import annotations

from prepdeck.study.grading import lexicon as lx
from prepdeck.study.grading.words import CLAUSE, COMMA, END, WORD, Synonyms, Token, stem, tokens

# Share of function words below which a sentence with no auxiliary reads as a list of terms.
PROSE_SHARE = 0.12
LIST_ITEM_WORDS = 3.5
GLOSSES = 2  # "docker stats (resource usage), docker logs (stdout)": a list with what each does
HEADING_WORDS = 8  # "For a single-host long-running service:" at most
COLON = "colon"  # a segment opened by ":"
SUBJECT_WORDS = 3  # "Volumes", "named volumes", "the Docker daemon": a subject with no verb
VERB_REACH = 3  # words after a comma (or after "and", "so"...) in which a new clause shows its verb  # mean words per comma-separated item, at most, in a list of terms


class Word:
    """A meaningful word of a clause: its stem (after synonyms), its span, whether it is negated."""

    __slots__ = ("end", "negated", "start", "stem")

    def __init__(self, stem: str, start: int, end: int, negated: int) -> None:
        self.stem, self.start, self.end, self.negated = stem, start, end, negated


class Clause:
    __slots__ = ("borrows", "conditional", "end", "opens_with_pronoun", "sentence", "start", "words")

    def __init__(self, sentence: int, words: list[Word], start: int, end: int, pronoun: bool) -> None:
        self.sentence = sentence
        self.words = words
        self.start, self.end = start, end  # span in the text, for quoting
        self.opens_with_pronoun = pronoun
        self.borrows = False  # "cgroups do": its verb and object are the clause before's
        self.conditional = False  # "when it doesn't handle signals": a case, not a claim


class Sentence:
    __slots__ = ("clauses", "is_list", "refers_back", "states_something", "stems")

    def __init__(self) -> None:
        self.clauses: list[Clause] = []
        self.states_something = False
        self.is_list = False  # short comma-separated terms with almost no function words
        self.refers_back = False  # opens with a pronoun: "It restarts..." continues the last subject
        self.stems: set[str] = set()

    @property
    def start(self) -> int:
        return self.clauses[0].start

    @property
    def end(self) -> int:
        return self.clauses[-1].end


class _Segment:
    """Words between two marks, before segments are joined into clauses."""

    __slots__ = ("after", "words")

    def __init__(self, after: str) -> None:
        self.after = after  # what opened it: END, CLAUSE, COMMA, "hard" or "soft" (a word)
        self.words: list[Token] = []


def _is_auxiliary(word: str) -> bool:
    return word in lx.AUXILIARIES or word.endswith("n't")


def _may_be_verb(segment: _Segment) -> bool:
    """Loose test used to decide whether a comma or "and" opens a new clause: a verb near the
    start of what follows ("and runs its own kernel", ", the kernel isolates it"), not the
    verb of a compound subject ("package.json and package-lock.json are copied first")."""
    words = segment.words
    # a subordinator after the opener does not count: ", and if something breaks" shows its
    # verb as late as ", and something breaks"
    first = 1 if words and words[0].word in lx.CLAUSE_OPENERS else 0
    subordinators = 0
    while first + subordinators < len(words) and words[first + subordinators].word in lx.SUBORDINATORS:
        subordinators += 1
    # the reach counts from after the opener, whether the opener or a comma began the segment
    reach = first + VERB_REACH + subordinators
    return any(
        _is_auxiliary(token.word) or (stem(token.word) in verb_stems() and index + 1 < len(words))
        for index, token in enumerate(words[:reach])
    )


def _glossed(segments: list[_Segment], text: str) -> bool:
    """Terms each given what they are: "X = Y", or two or more "term (what it does)"."""
    span = text[segments[0].words[0].start : segments[-1].words[-1].end]
    return " = " in span or span.count("(") >= GLOSSES


def _bare_subject(words: list[Token], text: str) -> bool:
    """A few words with no verb opening a sentence: a subject that a coordinated one continues."""
    return len(words) <= SUBJECT_WORDS and _bare(words, text)


def _bare(words: list[Token], text: str) -> bool:
    """No verb (but in a hyphenated name: "long-running", "unless-stopped"), auxiliary, negation
    or subordinator: a phrase, not a clause."""
    return len(words) <= HEADING_WORDS and not any(
        _is_auxiliary(token.word)
        or (stem(token.word) in verb_stems() and "-" not in text[token.start - 1 : token.end + 1])
        or _is_cue(token.word)
        or token.word in lx.CONDITIONALS
        for token in words
    )


def _states_something(segment: _Segment) -> bool:
    """Strict test: an auxiliary, or a common verb between two words of the same segment
    (or ending a segment of three words or more: "the host dies"; or opening one that a comma
    did not open: "restart the container when it hangs")."""
    words = segment.words
    for index, token in enumerate(words):
        if _is_auxiliary(token.word):
            return True
        if stem(token.word) not in verb_stems():
            continue
        if index + 1 >= len(words):
            if index >= 2 and words[index - 1].word not in lx.DETERMINERS:
                return True
            continue
        if index > 0 and words[index - 1].word not in lx.DETERMINERS:
            return True
        if index == 0 and len(words) >= 3 and segment.after != COMMA:
            return True
    return False


def _reads_as_prose(segments: list[_Segment]) -> bool:
    """Not a list of terms: a sentence of three or more short comma-separated items
    ("runAsNonRoot, capabilities drop ALL, seccompProfile") with no auxiliary and almost no
    function words (the, is, to, of...) is a list, even when one item looks like a verb."""
    words = [token.word for segment in segments for token in segment.words]
    if len(segments) < 3 or len(words) > LIST_ITEM_WORDS * len(segments):
        return True
    if any(_is_auxiliary(word) for word in words):
        return True
    function = sum(word in lx.FUNCTION_WORDS or _is_cue(word) for word in words)
    return function >= max(1, PROSE_SHARE * len(words))


_VERB_STEMS: set[str] = set()


def verb_stems() -> set[str]:
    if not _VERB_STEMS:
        _VERB_STEMS.update(stem(verb) for verb in lx.VERBS)
    return _VERB_STEMS


_ANY_OPENER = lx.CLAUSE_OPENERS | lx.HARD_CLAUSE_OPENERS  # built once, not per word


def _segments(text: str) -> list[list[_Segment]]:
    """Sentences, each a list of segments."""
    sentences: list[list[_Segment]] = [[_Segment(END)]]
    for token in tokens(text):
        current = sentences[-1]
        if token.kind == END:
            if any(segment.words for segment in current):
                sentences.append([_Segment(END)])
        elif token.kind in (CLAUSE, COMMA):
            if current[-1].words:
                colon = token.kind == CLAUSE and text[token.start] == ":"
                current.append(_Segment(COLON if colon else token.kind))
        elif token.kind == WORD:
            word = token.word
            segment = current[-1]
            # "unless-stopped" is a name, not "unless" opening a clause
            if segment.words and word in _ANY_OPENER and text[token.end : token.end + 1] != "-":
                segment = _Segment("hard" if word in lx.HARD_CLAUSE_OPENERS else "soft")
                current.append(segment)
            segment.words.append(token)
    kept = ([segment for segment in sentence if segment.words] for sentence in sentences)
    return [sentence for sentence in kept if sentence]


def _joined(segments: list[_Segment], text: str) -> list[list[Token]]:
    """Segments joined into clauses: a comma or a soft opener starts a clause only before a verb."""
    clauses: list[list[Token]] = []
    previous: _Segment | None = None
    for segment in segments:
        opener = segment.words[0].word
        keeps_apart = (
            not clauses
            or segment.after in (END, CLAUSE, "hard")
            # "For a long-running service: unless-stopped" is one claim; "Liveness: if it fails, ..."
            # is a heading over a clause of its own
            or (segment.after == COLON and not (_bare(clauses[-1], text) and _bare(segment.words, text)))
            or opener in lx.HARD_CLAUSE_OPENERS
            # a clause with no verb yet is a subject that goes on: "volumes and bind mounts both
            # keep data" says it of both
            or (_may_be_verb(segment) and not _bare_subject(clauses[-1], text))
            # "Without an address, -p publishes on every interface": the cue ends at the comma.
            or (previous is not None and _scope_ends_at_comma(previous.words))
        )
        previous = segment
        if keeps_apart:
            clauses.append(list(segment.words))
        else:
            clauses[-1].extend(segment.words)
    return clauses


NOT_NEGATED, NEGATED, NEGATED_PHRASE = 0, 1, 2
NEAR_CUE = 4  # flag: at most CUE_REACH words after its cue ("no guest kernel", "not the host kernel")
REJECTED = 8  # flag: the subject of a rejecting verdict ("pg_dump is unnecessary", "is not the fix")
CUE_REACH = 3
PREDICATE_REACH = 4  # the verb an ellipsis borrows is among a clause's first words
ELLIPSIS_WORDS = 9  # "but that's what cgroups are for, though" at most
REJECTED_SUBJECT_WORDS = 6  # "switching back to root is not the fix": at most this many words rejected


def _negations(words: list[Token], text: str) -> list[int]:
    """For each word of a clause: NOT_NEGATED, or in an odd number of negation scopes, opened
    last by a statement cue (NEGATED: not, never, n't) or by a phrase cue (NEGATED_PHRASE:
    without, instead of, unlike). A cue joined to the next word by a hyphen names something
    ("all-or-nothing", "--no-install-recommends").

    Two cues cancel out only between two commas ("it is not true that they do not share"); a cue
    after a comma opens a scope of its own ("so no traffic goes to it, no restart" denies the
    restart: it does not undo the first "no")."""
    if not any(_may_be_cue(token.word) for token in words):
        return [NOT_NEGATED] * len(words)
    negated = []
    depth = 0
    last_kind = NEGATED
    last_cue = -CUE_REACH - 1
    last_cue_piece = -1
    seen_neither = False
    pieces = _comma_pieces(words, text)
    for index, token in enumerate(words):
        if depth and _new_clause_after_comma(words, index, text):
            depth = 0  # "derived images can't undo it, and with the legacy builder a later step ..."
        if depth % 2 == 0:
            negated.append(NOT_NEGATED)
        else:
            near = index - last_cue <= CUE_REACH
            negated.append(last_kind | (NEAR_CUE if near else 0))
        word = token.word
        following = words[index + 1].word if index + 1 < len(words) else ""
        if word == "not" and following in lx.NOT_NEGATING_AFTER_NOT:
            continue
        if text[token.end : token.end + 1] == "-" or text[token.start - 1 : token.start] == "-":
            continue
        if word == "neither":
            seen_neither = True
        if word == "no" and _names_no(words, index, text):
            continue
        if (
            word in lx.NEGATION_CUES
            or word.endswith("n't")
            or (word == lx.NOR and not seen_neither)
            or lx.TWO_WORD_CUES.get(word) == following
            or (word in lx.FALSITY_WORDS and following == "that")
        ):
            if (
                word == "without"
                and depth % 2 == 1
                and pieces[index] == last_cue_piece
                and last_kind == NEGATED
            ):
                # "can't run without a Docker API" says it needs one: it does not deny running
                negated[last_cue + 1 : index + 1] = [NOT_NEGATED] * (index - last_cue)
            depth = 1 if depth % 2 == 1 and pieces[index] != last_cue_piece else depth + 1
            last_cue_piece = pieces[index]
            last_kind = NEGATED_PHRASE if _is_phrase_cue(word, following) else NEGATED
            last_cue = index + (word in lx.TWO_WORD_CUES or word in lx.FALSITY_WORDS)
    return negated


def _new_clause_after_comma(words: list[Token], index: int, text: str) -> bool:
    """ ", and ..." opening a clause with a verb of its own before the next comma, even one too far
    in to split the clause on: a negation before it does not reach into it."""
    if not index or words[index].word not in lx.COORDINATORS:
        return False
    if "," not in text[words[index - 1].end : words[index].start]:
        return False
    for before, token in zip(words[index:], words[index + 1 :], strict=False):
        if "," in text[before.end : token.start]:
            return False
        if _is_auxiliary(token.word) or stem(token.word) in verb_stems():
            return True
    return False


def _is_phrase_cue(word: str, following: str) -> bool:
    """A cue that negates a phrase: "without", "instead of", and "not" before a preposition
    ("log to stdout, not to files, ideally as JSON": the scope ends at the comma)."""
    return word in lx.PHRASE_CUES or (word == "not" and following in lx.PHRASE_PREPOSITIONS)


def _scope_ends_at_comma(words: list[Token]) -> bool:
    """A segment whose negation ends at the next comma: a phrase cue, or a cue in a relative
    clause ("binaries that don't exist for arm64, and the M1 Mac building arm64 images": the
    Mac is not negated)."""
    for index, token in enumerate(words):
        following = words[index + 1].word if index + 1 < len(words) else ""
        if _is_phrase_cue(token.word, following):
            return True
        if _is_cue(token.word) and any(
            earlier.word in lx.RELATIVE_PRONOUNS for earlier in words[max(0, index - 2) : index]
        ):
            return True
    return False


def _names_no(words: list[Token], index: int, text: str) -> bool:
    """ "no" is the name of something (Docker's restart policy) rather than a negation: quoted or
    given as a value ("`no`", "restart=no"), after "the" or "--restart", before an auxiliary, a list
    mark or the clause's end ("no is the default", "no, on-failure, always")."""
    token = words[index]
    before = text[token.start - 1 : token.start]
    after = text[token.end : token.end + 1]
    if (before in "`'\"=" and before) or (after in "`'\"" and after):
        return True
    if index > 0 and words[index - 1].word in lx.NO_AS_NAME_AFTER:
        return True
    if index + 1 >= len(words):
        return True
    following = words[index + 1].word
    return (
        "," in text[token.end : words[index + 1].start]
        or following in lx.NO_AS_NAME_BEFORE
        or (_is_auxiliary(following) and following not in ("one",))
    )


def _rejected_until(words: list[Token]) -> int | None:
    """Where a clause that rejects what it names begins its verdict: "switching back to root is not
    the fix", "running as root isn't a good idea either". Returns the auxiliary's index when some
    words come before it and only REJECTING words follow the cue."""
    for index in range(1, min(len(words), REJECTED_SUBJECT_WORDS + 2)):
        word = words[index].word
        if not _is_auxiliary(word):
            continue
        cue = index if word.endswith("n't") or word == "cannot" else index + 1
        verdict = lx.REJECTING
        if cue == index + 1 and (cue >= len(words) or words[cue].word not in ("not", "no", "never")):
            # no cue: "writing log files inside the container is a bad idea" rejects it all the same
            # (the verdict ends the clause: "a bad idea", "pointless")
            cue, verdict = index, lx.CONDEMNING
            if words[-1].word not in lx.CONDEMNING_HEADS:
                continue
        rest = [token.word for token in words[cue + 1 :]]
        subject = [token.word for token in words[:index]]
        if subject[0] in lx.CLAUSE_OPENERS:  # ", and switching back to root is not either"
            subject = subject[1:]
        named = [word for word in subject if word not in lx.FUNCTION_WORDS]
        # a short subject of its own, not the end of a longer clause ("..., which the app as PID 1
        # doesn't do")
        simple = len(subject) <= REJECTED_SUBJECT_WORDS and not any(
            word in lx.CLAUSE_OPENERS or word in lx.SUBORDINATORS for word in subject
        )
        if named and simple and all(word in verdict or word in lx.FUNCTION_WORDS for word in rest):
            return index
        return None
    return None


def _comma_pieces(words: list[Token], text: str) -> list[int]:
    """For each word of a clause, how many commas come before it in the clause."""
    pieces = []
    count = 0
    for index, token in enumerate(words):
        if index and "," in text[words[index - 1].end : token.start]:
            count += 1
        pieces.append(count)
    return pieces


_CUES = lx.NEGATION_CUES | {lx.NOR}
_MAYBE_CUES = _CUES | set(lx.TWO_WORD_CUES) | lx.FALSITY_WORDS
_NOT_CONTENT = lx.FUNCTION_WORDS | _CUES  # left out of a clause's words


def _may_be_cue(word: str) -> bool:
    return word in _MAYBE_CUES or word.endswith("n't")


def _is_cue(word: str) -> bool:
    return word in lx.NEGATION_CUES or word.endswith("n't") or word == lx.NOR


def _ellipsis(words: list[Token], text: str) -> tuple[int, int, bool] | None:
    """(first, last) subject words and negation of a clause that stands for the verb of the clause
    before it: "cgroups do", "but namespaces don't", "that's what cgroups are for"."""
    if not words or len(words) > ELLIPSIS_WORDS:
        return None
    last = words[-1].word
    if not (_is_auxiliary(last) or last in lx.ELLIPSIS_TAIL or last in ("not", "never")):
        return None
    first = 1 if words[0].word in lx.CLAUSE_OPENERS and text[words[0].end : words[0].end + 1] != "-" else 0
    lead = [token.word for token in words[first : first + 3]]
    for prefix in (["that's", "what"], ["that", "is", "what"], ["which", "is", "what"]):
        if lead[: len(prefix)] == prefix:
            first += len(prefix)
            break
    for index in range(first + 1, min(len(words), first + 5)):
        word = words[index].word
        if not _is_auxiliary(word):
            continue
        base = word[:-3] if word.endswith("n't") else word
        negated = word.endswith("n't") or word == "cannot"
        rest = [token.word for token in words[index + 1 :]]
        if rest[:1] in (["not"], ["never"]):
            negated, rest = True, rest[1:]
        subject = [token.word for token in words[first:index]]
        if (
            (
                base in lx.ELLIPSIS_AUXILIARIES
                or base in ("doesn", "don", "didn", "won", "isn", "aren", "can", "ca")
            )
            and all(word in lx.ELLIPSIS_TAIL for word in rest)
            and any(word not in lx.FUNCTION_WORDS for word in subject)
            and not any(_is_auxiliary(word) or _is_cue(word) for word in subject)
        ):
            return first, index - 1, negated
        return None
    return None


def _predicate(words: list[Token], content: list[Word]) -> list[Word]:
    """The words after a clause's first auxiliary, negation cue or verb: what an ellipsis borrows."""
    for token in words[1:PREDICATE_REACH]:
        if _is_auxiliary(token.word) or _is_cue(token.word):
            return [word for word in content if word.start > token.start]
        if stem(token.word) in verb_stems():
            return [word for word in content if word.start >= token.start]
    # no verb we know near the start: take the first word for the subject ("always remembers...")
    return [word for word in content if word.start > words[0].start] if len(words) > 1 else []


def _borrowing(
    clause: Clause,
    words: list[Token],
    found: tuple[int, int, bool] | None,
    before: tuple[list[Token], list[Word]] | None,
) -> bool:
    """Make an elliptical clause (`found` by _ellipsis: "cgroups do") say what the clause `before`
    said, with its own subject and polarity: "namespaces do not limit memory; cgroups do" ->
    "cgroups limit memory"."""
    predicate = _predicate(*before) if found is not None and before is not None else []
    if found is None or not predicate:
        return False
    first, last, negated = found
    subject = [word for word in clause.words if words[first].start <= word.start <= words[last].start]
    flag = NEGATED | NEAR_CUE if negated else NOT_NEGATED
    clause.words = subject + [Word(word.stem, word.start, word.end, flag) for word in predicate]
    clause.borrows = True
    return True


def read_statements(text: str, synonyms: Synonyms | None = None) -> list[Sentence]:
    sentences = []
    before: tuple[list[Token], list[Word]] | None = None  # the last clause with a verb of its own
    for number, segments in enumerate(_segments(text)):
        sentence = Sentence()
        # "No reproducibility, no rollback, no audit trail": a list of absences claims them
        absences = len(segments) >= 2 and all(
            segment.words[0].word in ("no", "without") for segment in segments
        )
        # "Named volume = Docker owns it", "docker stats (resource usage), docker logs (stdout)":
        # terms with what they are or do claim that, unlike a bare list of terms
        glossed = _glossed(segments, text)
        sentence.states_something = (
            absences or glossed or any(_states_something(segment) for segment in segments)
        )
        sentence.is_list = not absences and not glossed and not _reads_as_prose(segments)
        sentence.refers_back = any(token.word in lx.PRONOUNS for token in segments[0].words[:3])
        for words in _joined(segments, text):
            negated = _negations(words, text)
            # "unless-stopped does not" borrows a verb; "switching to root is not either" also
            # rejects its subject
            elliptical = _ellipsis(words, text)
            rejects = elliptical is None or (elliptical[2] and words[-1].word == "either")
            rejected = _rejected_until(words) if rejects else None
            if rejected is not None:
                negated[:rejected] = [
                    flag ^ NEGATED if flag else NEGATED | NEAR_CUE | REJECTED for flag in negated[:rejected]
                ]
            kept = [
                (token, flag)
                for index, (token, flag) in enumerate(zip(words, negated, strict=True))
                if token.word not in _NOT_CONTENT
                and not token.word.endswith("n't")
                and not (index and token.word in lx.NOT_NEGATING_AFTER_NOT and words[index - 1].word == "not")
            ]
            stems = [stem(token.word) for token, _ in kept]
            if synonyms:
                content = [
                    Word(word, kept[source][0].start, kept[source][0].end, kept[source][1])
                    for word, source in synonyms.rewrite(stems)
                ]
            else:
                content = [
                    Word(word, token.start, token.end, flag)
                    for word, (token, flag) in zip(stems, kept, strict=True)
                ]
            # "it restarts", "and they share": a pronoun as the subject, not "inside its namespace"
            # nor "each virtual machine"
            opener = 1 if len(words) > 1 and words[0].word in lx.CLAUSE_OPENERS else 0
            refers_back = words[opener].word in lx.SUBJECT_PRONOUNS
            clause = Clause(number, content, words[0].start, words[-1].end, refers_back)
            clause.conditional = any(token.word in lx.CONDITIONALS for token in words[: opener + 1])
            if not _borrowing(clause, words, elliptical, before):
                before = (words, content)
            sentence.clauses.append(clause)
            sentence.stems.update(word.stem for word in clause.words)
        sentences.append(sentence)
    return sentences
