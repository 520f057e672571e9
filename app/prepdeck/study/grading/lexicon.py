"""The small closed word lists the grader reads structure from (English).

- FUNCTION_WORDS carry no claim of their own and are left out when a phrase is compared; words
  that change a claim's meaning ("only", "own", "same", "more", "each", "all") are not in it.
- AUXILIARIES (be, have, do, modals) show that a clause states something.
- VERBS are common verbs: one of them between two other words also shows a statement. Without a
  part-of-speech tagger this is a heuristic, tuned so that a comma-separated list of terms
  ("cache mounts, command string") is not taken for a sentence.
- Negation cues open a scope that runs to the end of their clause.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


AUXILIARIES = _words(
    "is are was were be been being am has have had do does did can could will would shall should "
    "may might must cannot "
    # a pronoun joined to its auxiliary: "it's", "you've", "they'll"
    "it's that's what's there's here's he's she's who's i'm you're we're they're i've you've we've "
    "they've i'll you'll we'll they'll it'll that'll i'd you'd we'd they'd it'd"
)
PRONOUNS = _words(
    "it they this these that those each both its their them he she it's they're they've they'll"
)
# Pronouns that stand for the subject of the sentence before ("It restarts the container").
SUBJECT_PRONOUNS = _words("this these it they he she it's they're they've they'll")
DETERMINERS = _words("the a an its their his her our your my this that these those of")
FUNCTION_WORDS = (
    AUXILIARIES
    | PRONOUNS
    | DETERMINERS
    | _words("""to in on at by for with from into onto as and or so then than which who whom whose what
        when where how why i you we me us just also very really basically actually simply
        there here s t d ll re ve m because since if whether while though although thus hence
        therefore e g i.e e.g etc via let's""")
)

# A cue negates the rest of its clause. "n't" endings are recognised separately. "rarely",
# "seldom" and "hardly" say how often, not that something is false ("dependencies rarely change"
# claims they change rarely): they are words of the claim, not cues.
NEGATION_CUES = _words(
    "not no never none nothing nobody nowhere neither without cannot unlike lacks lack lacking"
)
# ... but a claim without such a word is not made by a clause that has one inside it: "throttled,
# rarely killed" does not claim "the CPU limit kills", nor affirm it.
HEDGES = _words("rarely seldom hardly")
# Cues that negate a phrase rather than a statement: their scope ends at the next comma.
PHRASE_CUES = _words("without unlike instead rather despite")
# "instead of X" and "rather than X": the cue is the first word, only when the second follows.
TWO_WORD_CUES = {"instead": "of", "rather": "than"}
# "it is false that ...", "it is a myth that ...": these words followed by "that" negate the rest.
FALSITY_WORDS = _words("false untrue wrong myth incorrect")
# "nor" negates on its own unless "neither" already opened the scope.
NOR = "nor"
# "not only X but also Y" is not a negation of X, nor a claim that only X: both words drop out.
NOT_NEGATING_AFTER_NOT = frozenset({"only", "just", "merely", "simply"})
# "no" names a thing (the restart policy "no") after these words, or before an auxiliary or a
# list mark: "the no policy", "--restart no", "no is the default", "no, on-failure, always".
NO_AS_NAME_AFTER = _words("the a an called named policy restart value option mode")
NO_AS_NAME_BEFORE = _words("and or nor")
# A predicate that rejects what came before it: "switching back to root is not the fix",
# "chmod 777 isn't a good idea", "... won't help either". Only these words may follow the cue.
REJECTING = _words(
    """either too fix answer solution option way idea good great safe fine ok okay acceptable
    recommended needed necessary required right correct true case enough help helpful work works
    fixes solves solve advisable wise sensible approach practice best it anything matter really"""
)
# A predicate that condemns what came before it with no negation cue: "writing log files inside
# the container is a bad idea", "copying everything first is pointless". It needs one of the
# heads; the other words may only qualify them.
CONDEMNING_HEADS = _words(
    """mistake anti-pattern antipattern pointless useless unnecessary counterproductive
    idea practice"""
)
CONDEMNING = CONDEMNING_HEADS | _words(
    "bad terrible poor common big huge really quite completely totally always"
)
# An auxiliary that ends a clause stands for the verb of the clause before it: "namespaces do not
# limit memory; cgroups do", "cgroups limit memory, namespaces don't".
ELLIPSIS_AUXILIARIES = _words("do does did can could will would is are has have")
ELLIPSIS_TAIL = _words("that it so too instead though this either for job one")

# Words that open a new clause inside a sentence.
CLAUSE_OPENERS = _words(
    "but whereas while although though however yet so because since which who where when "
    "and or then unless otherwise meanwhile instead"
)
# After a comma, these open a clause of their own when a verb follows: a negation ends before them.
COORDINATORS = _words("and so then yet")
# A clause opened by one of these states a case, not a claim: "you need tini when the app doesn't
# handle signals itself" does not deny that the app handles signals.
CONDITIONALS = _words("if when whenever")
# A negation inside a relative clause ("images that don't exist for arm64") ends at its comma.
RELATIVE_PRONOUNS = _words("that which who whose whom")
# Words that open a subordinate clause after an opener: ", and if it fails", ", so that ...".
SUBORDINATORS = _words("if that once unless until after before as")
# Of those, the ones that always open a clause, even before a phrase with no verb.
HARD_CLAUSE_OPENERS = _words("but whereas while although though however unlike because")

VERBS = _words("""accept access add allow apply ask assign attach avoid become begin belong bind block boot break
    bring build bundle bypass cache call cap change check choose clean collect combine come compare
    compile compress configure contain control copy cost count create crash cut decide define delete
    depend deploy describe detect die differ disable discard do download drop eat enable end enforce
    ensure enter exceed exec execute exist exit expire expose extract fail fetch fill filter find
    fit fix flatten follow force fork forward get give go grant grow guarantee handle hang happen hide
    hit hold ignore include inherit inject inspect install isolate keep kill know land last launch
    leak leave let limit link list listen live load lock log look lose make manage map mark match mean
    matter measure merge mount move need open override pack pass pause persist pin point prevent print
    produce protect provide pull push put reach read reap reschedule rebuild receive reduce refer refuse reject
    release rely remain remove replace report request require reset resolve respond restart restrict
    resume retry return reuse rewrite rotate route run save scan see select send serve set share ship
    show shrink shut publish sign signal skip sleep slow speed spawn split squash stack start stay stop store
    strip succeed support survive switch take talk tell terminate test throttle throw trigger trust
    try turn understand unpack update upgrade use validate verify virtualise virtualize wait want watch
    work wrap write aggregate appear assume bake bloat bump carry confirm connect decrease deliver deny diagnose
    disappear embed emit emulate escape evict expect exploit generate harden help increase initialise
    initialize invalidate invoke observe permit poll populate prefer promote propagate prune purge
    raise relay remember render retag revoke secure seem separate supply swallow translate trim tune
    unmount upload vanish vary waste""")

# Verbs that hand work on: "dockerd asks containerd to create the container" says what containerd
# is asked to do, not who does it in the end (a swapped role needs a claim, not a request).
REQUESTS = _words("ask asks asked tell tells told instruct instructs request requests delegate delegates")

# Words that say the opposite of each other: a claim found with one of its words in its opposite
# ("a digest is mutable" for "a digest is immutable") is found denied. Plain adjectives and
# adverbs only: verbs and nouns change roles too easily ("add"/"remove", "start"/"stop").
ANTONYMS = (
    ("mutable", "immutable"),
    ("small", "large"),
    ("smaller", "larger"),
    ("smaller", "bigger"),
    ("fast", "slow"),
    ("faster", "slower"),
    ("more", "less"),
    ("more", "fewer"),
    ("inside", "outside"),
    ("include", "exclude"),
    ("enable", "disable"),
    ("same", "different"),
    ("static", "dynamic"),
    ("higher", "lower"),
    ("increase", "decrease"),
    ("public", "private"),
    ("compressed", "uncompressed"),
    ("encrypted", "unencrypted"),
    ("required", "optional"),
    ("safe", "unsafe"),
    ("secure", "insecure"),
    ("visible", "invisible"),
    ("persistent", "ephemeral"),
    ("stateless", "stateful"),
    ("synchronous", "asynchronous"),
    ("absolute", "relative"),
    ("local", "remote"),
    ("automatically", "manually"),
    ("automatic", "manual"),
    ("explicit", "implicit"),
    ("trusted", "untrusted"),
    ("signed", "unsigned"),
    ("valid", "invalid"),
    ("stable", "unstable"),
    ("cheap", "expensive"),
    ("lightweight", "heavyweight"),
    ("earlier", "later"),
    ("early", "late"),
    ("upper", "lower"),
    ("writable", "read-only"),
    ("privileged", "unprivileged"),
)

# Words that order a claim's two sides: "cleanup runs before the install" is not "the install runs
# before the cleanup", "more CVEs than Alpine" not "Alpine ... more CVEs than". A claim with one of
# them matches only with its sides in the same order.
ORDER_PIVOTS = _words("before after than rather instead")
# Words of a claim that relates two things either way round ("A and B are the same"): an
# accusation with one of them matches in any order.
SYMMETRIC = _words("same like equal equivalent identical interchangeable similar alike both")
# "not as a build arg", "not through ARG", "not in the image": a negated phrase, not a statement.
PHRASE_PREPOSITIONS = _words("as through via in into from for by with at on to onto")
