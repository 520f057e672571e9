"""Words of an answer: tokens with their place in the text, English stems, a pack's synonyms.

Stems come from PyStemmer (Snowball English), so "shares", "shared" and "sharing" are one word.
A pack's `synonyms` table rewrites every phrase of a group to the group's first phrase, on
stems, in answers and in key points alike ("virtual machine" and "vm" become one word).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

import Stemmer

# Words (with inner apostrophes or dots: don't, 1.24, config.json), sentence ends, clause marks.
TOKEN = re.compile(
    r"(?P<word>[^\W_]+(?:['\u2019.][^\W_]+)*)"
    r"|(?P<end>[.!?]+(?=\s|$)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*\u2022]|\d+[.)])\s))"
    r"|(?P<clause>[;:()\[\]]|\s[-\u2013\u2014]+\s|[\u2013\u2014])"
    r"|(?P<comma>,)"
)
WORD, END, CLAUSE, COMMA = "word", "end", "clause", "comma"


class Token:
    """One word (lower case, as typed) or punctuation mark, with its span in the text."""

    __slots__ = ("end", "kind", "start", "word")

    def __init__(self, kind: str, word: str, start: int, end: int) -> None:
        self.kind, self.word, self.start, self.end = kind, word, start, end


def tokens(text: str) -> list[Token]:
    lowered = text.lower().replace("\u2019", "'")
    if len(lowered) != len(text):  # a letter whose lower case is longer: lower each word alone
        lowered = ""
    found = []
    for match in TOKEN.finditer(text):
        kind = match.lastgroup or WORD
        start, end = match.span()
        if kind != WORD:
            word = ""
        elif lowered:
            word = lowered[start:end]
        else:
            word = match.group().lower().replace("\u2019", "'")
        found.append(Token(kind, word, start, end))
    return found


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


_STEMS: dict[str, str] = {}
# Irregular forms the Snowball stemmer leaves alone.
IRREGULAR = {
    "built": "build",
    "rebuilt": "rebuild",
    "ran": "run",
    "saw": "see",
    "seen": "see",
    "sees": "see",
    "kept": "keep",
    "made": "make",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "began": "begin",
    "begun": "begin",
    "wrote": "write",
    "written": "write",
    "went": "go",
    "gone": "go",
    "got": "get",
    "gotten": "get",
    "held": "hold",
    "left": "leave",
    "lost": "lose",
    "sent": "send",
    "spent": "spend",
    "brought": "bring",
    "bound": "bind",
    "found": "find",
    "shown": "show",
    "chose": "choose",
    "chosen": "choose",
    "stood": "stand",
    "understood": "understand",
    "broke": "break",
    "broken": "break",
    "hid": "hide",
    "hidden": "hide",
    "fell": "fall",
    "fallen": "fall",
    "threw": "throw",
    "thrown": "throw",
    "knew": "know",
    "known": "know",
    "grew": "grow",
    "grown": "grow",
    "shut": "shut",
    "children": "child",
    "data": "data",
    "bigger": "big",
    "biggest": "big",
    "smaller": "small",
    "smallest": "small",
    "larger": "larg",
    "largest": "larg",
}


# British spellings written the American way before stemming ("containerised", "behaviour",
# "analyse"), in answers and key points alike: a word with no American twin changes harmlessly.
_BRITISH = (
    (re.compile(r"(?<=[a-z]{3}[^aeiouy\W])is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{3})our(s|ed|ing|ite|ites)?$"), r"or\1"),
    (re.compile(r"(?<=l)ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2})logue(s)?$"), r"log\1"),
    (re.compile(r"(?<=[a-z]{2}[^aeiou\W])tre(s)?$"), r"ter\1"),
)
_BRITISH_WORDS = {
    "licence": "license",
    "defence": "defense",
    "offence": "offense",
    "programme": "program",
    "grey": "gray",
}


def american(word: str) -> str:
    word = _BRITISH_WORDS.get(word, word)
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


def stem(word: str) -> str:
    """The stem of one lower-case word; possessives dropped, numbers kept as written."""
    found = _STEMS.get(word)
    if found is None:
        base = american(word[:-2] if word.endswith("'s") else word)
        if len(base) > 2 and base.endswith("s") and not any(letter in "aeiouy" for letter in base[:-1]):
            base = base[:-1]  # "vms", "pcs": plurals of acronyms the stemmer keeps
        found = base if base[:1].isdigit() else IRREGULAR.get(base) or _stemmer().stemWord(base)
        if len(_STEMS) < 50_000:
            _STEMS[word] = found
    return found


class Synonyms:
    """A pack's synonym groups, each phrase rewritten to its group's first phrase (on stems)."""

    def __init__(self, groups: Iterable[Sequence[str]] = ()) -> None:
        # first stem of a phrase -> [(its stems, the canonical stems)], longest phrase first
        self.rules: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for group in groups:
            phrases = [content_stems(phrase) for phrase in group]
            phrases = [phrase for phrase in phrases if phrase]
            if len(phrases) < 2:
                continue
            canonical = phrases[0]
            for phrase in phrases[1:]:
                if phrase != canonical:
                    self.rules.setdefault(phrase[0], []).append((phrase, canonical))
        for options in self.rules.values():
            options.sort(key=lambda rule: -len(rule[0]))

    def __bool__(self) -> bool:
        return bool(self.rules)

    def rewrite(self, stems: list[str]) -> list[tuple[str, int]]:
        """[(stem, index of the source stem it came from)] with every synonym replaced."""
        out: list[tuple[str, int]] = []
        index = 0
        while index < len(stems):
            for phrase, canonical in self.rules.get(stems[index], ()):
                if tuple(stems[index : index + len(phrase)]) == phrase:
                    last = index + len(phrase) - 1
                    out.extend((word, min(index + offset, last)) for offset, word in enumerate(canonical))
                    index += len(phrase)
                    break
            else:
                out.append((stems[index], index))
                index += 1
        return out


def content_stems(phrase: str, synonyms: Synonyms | None = None) -> tuple[str, ...]:
    """The stems of a phrase's meaningful words (function words and negation cues left out).

    Kept per phrase and table: a question's labels are read for its point words and again by
    `pack check` (restates_label), and packs repeat labels and aliases across questions."""
    return _content_stems(phrase, synonyms)


@lru_cache(maxsize=8192)
def _content_stems(phrase: str, synonyms: Synonyms | None) -> tuple[str, ...]:
    from prepdeck.study.grading.lexicon import FUNCTION_WORDS, NEGATION_CUES

    stems = [
        stem(token.word)
        for token in tokens(phrase)
        if token.kind == WORD
        and token.word not in FUNCTION_WORDS
        and token.word not in NEGATION_CUES
        and not token.word.endswith("n't")
    ]
    if synonyms:
        return tuple(word for word, _ in synonyms.rewrite(stems))
    return tuple(stems)


class TypoMap:
    """Maps a misspelt stem to a known one at one deletion's distance (SymSpell-style, no scan).

    Only words of five letters or more, with the same first letter: "buidler" finds "builder",
    while "group" does not become "cgroup".
    """

    MIN_LENGTH = 5
    MEMO_SIZE = 20_000

    def __init__(self, known: Iterable[str]) -> None:
        self.known = set(known)
        self.corrected: dict[str, str] = {}
        self.by_deletion: dict[str, str] = {}
        for word in self.known:
            if len(word) >= self.MIN_LENGTH and word.isalpha():
                for variant in _deletions(word):
                    self.by_deletion.setdefault(variant, word)

    def correct(self, word: str) -> str:
        if word in self.known or len(word) < self.MIN_LENGTH:
            return word
        found = self.corrected.get(word)
        if found is None:
            found = self._correct(word)
            if len(self.corrected) < self.MEMO_SIZE:  # the same words come back answer after answer
                self.corrected[word] = found
        return found

    def _correct(self, word: str) -> str:
        if not word.isalpha():
            return word
        for variant in (word, *_deletions(word)):
            if variant in self.known and variant[0] == word[0] and len(variant) >= self.MIN_LENGTH:
                return variant  # one letter too many
            found = self.by_deletion.get(variant)
            if found is not None and found[0] == word[0] and abs(len(found) - len(word)) <= 1:
                return found
        return word


def _deletions(word: str) -> list[str]:
    return [word[:index] + word[index + 1 :] for index in range(1, len(word))]
