"""Finding risk phrases in what members write, fast enough to run on every message.

Safeguarding assesses everything members write; moderation reuses the same
engine for watched words (moderation.services.watched_words). Phrases are plain data, (phrase, level, category), so
the list can move to the database without touching the engine: build a Matcher
once per list (construction depends on nothing but its arguments) and call
assess() per message.

Text and phrases go through the same folding, so they always agree:

1. Each character is folded on its own: compatibility decomposition (the K of
   NFKC, so fullwidth, mathematical bold and circled letters become plain ones), combining
   marks and invisible format characters dropped (accents, zero-width spaces),
   case folded, then common Cyrillic, Greek and small-capital look-alikes mapped
   to the Latin letter they imitate. Apostrophes, straight or curly, are dropped,
   so "don't" and "dont", "I'm" and "im" read the same.
2. Digits and symbols touching letters become the letters they stand for
   ("k1ll", "$uicide", "d!e", "w@nt"); a lone number or a trailing "!" is left alone.
3. Anything that is not a letter or digit becomes a space (runs of spaces are
   left as they are: the matcher allows for them, and it keeps offsets simple).
4. Three or more single letters in a row are joined ("s u i c i d a l",
   "k.i.l.l"); two are not, so "am I a burden" keeps its words.
5. A run of three or more of the same letter becomes one letter ("diiiie").

Repeated letters: text keeps a double letter as written, and in a phrase a
letter written double, or any vowel, matches one or two of it. So "kill" matches
"kil", "kill" and "kiiiilllll"; "die" matches "diie" and "diiiie"; but the phrase
"od" never matches "odd" and "kill" never matches "skill".

A phrase matches whole words only, with up to two gap words (intensifiers such as
"just" and "really", given by the caller) between its words, and also written as
one word ("killmyself", "#wanttodie", "k i l l m y s e l f"). Equivalent wordings
("going to" / "gonna", "to" / "2") are swapped in when the matcher is built. A
phrase may say "{N+}" for a number of at least N, in digits or in the number
words the caller gives: "took {10+} paracetamol" matches "took 20 paracetamol"
and "took twenty five paracetamol", not "took 2 paracetamol".

Every phrase, exception and wording becomes one path in a single trie, compiled
to one regular expression, so assessing a message costs about the same with a
thousand phrases as with ten.
"""

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from functools import cache, cached_property

from . import default_phrases


class Level(IntEnum):
    """How worried to be, ordered so that max() picks the most serious."""

    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRISIS = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> "Level":
        try:
            return cls[label.upper()]
        except KeyError:
            raise ValueError(f"Unknown level {label!r}; use one of low, medium, high, crisis.") from None


class Category(StrEnum):
    SUICIDE = "suicide"
    SELF_HARM = "self_harm"
    ABUSE = "abuse"  # harm from others
    HARM_TO_OTHERS = "harm_to_others"
    EATING = "eating"
    SUBSTANCE = "substance"
    # Warning signs and concern language, shown without the usual risk words.
    WARNING_SIGN = "warning_sign"  # saying goodbye, giving things away, affairs in order, a burden
    DISTRESS = "distress"  # hopelessness, not coping
    SELF_NEGLECT = "self_neglect"  # not eating, not sleeping, not washing
    PSYCHOSIS = "psychosis"  # voices, messages, being watched
    DISSOCIATION = "dissociation"  # numbness, unreality, lost time


# --- Folding -----------------------------------------------------------------

_LOOKALIKES = {
    **dict(zip("авекмнорстухѕіјԁӏһԛԝү", "abekmhopctyxsijdlhqwy", strict=True)),  # Cyrillic
    **dict(zip("αβγεηικνορτυχω", "abyeniknoptuxw", strict=True)),  # Greek
    **dict(zip("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghijklmnoprstuvwyz", strict=True)),  # small capitals
    **dict(zip("ıłøđħŧɡ", "ilodhtg", strict=True)),  # Latin letters that do not decompose
    "æ": "ae",
    "œ": "oe",
    **dict.fromkeys("'\u2019\u2018\u201b\u02bc\u02bb`\u00b4\u2032", ""),  # apostrophes, straight or curly
}
_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf"})  # accents, enclosing marks, zero-width and format characters
_REMEMBERED_CHARACTERS = 20_000  # bounds the folding table whatever people paste in
_REMEMBERED_HITS = 20_000  # bounds each matcher's table of hits already identified


def _fold_character(char: str) -> str:
    folded = []
    for part in unicodedata.normalize("NFKD", char).casefold():
        if unicodedata.category(part) not in _DROPPED_CATEGORIES:
            folded.append(_LOOKALIKES.get(part, part))
    return "".join(folded)


class _FoldingTable(dict):
    """A str.translate table that works out each character's folding the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = _fold_character(chr(code))
        if len(self) < _REMEMBERED_CHARACTERS:
            self[code] = folded
        return folded


_FOLDING = _FoldingTable()
# Splits text into runs of ASCII characters that fold to exactly one character (even
# items), whose offsets need no tracking, and the rest (odd items).
_ONE_TO_ONE = "".join(char for char in map(chr, range(128)) if len(_FOLDING[ord(char)]) == 1)
_NOT_ONE_TO_ONE = re.compile(f"([^{re.escape(_ONE_TO_ONE)}]+)")


_SYMBOL_LETTERS = str.maketrans("013457@$!|€8+", "oieastasilebt")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _letters_for_symbols(match: re.Match[str]) -> str:
    """'k1ll' -> 'kill' and '$uicide' -> 'suicide'; symbols not touching a letter stay, as does a final '!'."""
    symbols, text = match.group(), match.string
    letter_before = text[match.start() - 1] in _LETTERS
    letter_after = text[match.end()] in _LETTERS
    if not (letter_before or letter_after):
        return symbols
    core = symbols if letter_before else symbols.lstrip("!")
    core = core if letter_after else core.rstrip("!")
    lead = len(symbols) - len(symbols.lstrip("!")) if not letter_before else 0
    return symbols[:lead] + core.translate(_SYMBOL_LETTERS) + symbols[lead + len(core) :]


def _spaced_letters_joined(match: re.Match[str]) -> str:
    return " " + match.group()[1:].replace(" ", "")


def _first_letter(match: re.Match[str]) -> str:
    return match.group(1)


@dataclass(frozen=True)
class _Rewrite:
    """One substitution of the folding pipeline: by a fixed string, or by a function of the match."""

    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str]
    same_length: bool = False  # every replacement is as long as what it replaces, so offsets survive

    def replace(self, match: re.Match[str]) -> str:
        return self.replacement(match) if callable(self.replacement) else self.replacement


# Each pattern starts with a character class or a literal, which the regex engine
# scans for quickly: folding a message costs a few microseconds.
_REPEATED_LETTERS = re.compile(r"([a-z])\1\1+")
_REWRITES = (
    _Rewrite(re.compile("[0-9@$!|€+]+"), _letters_for_symbols, same_length=True),
    _Rewrite(re.compile("[^a-z0-9 ]"), " ", same_length=True),
    _Rewrite(re.compile(" [a-z](?: +[a-z](?= )){2,}"), _spaced_letters_joined),
    _Rewrite(_REPEATED_LETTERS, _first_letter),
)

# Where each folded character came from: original[starts[i]:ends[i]]. Two lists of
# ints rather than a list of pairs, which the garbage collector would keep walking.
Origins = tuple[list[int], list[int]]


def _fold_tracked(text: str) -> tuple[str, Origins]:
    folded, starts, ends, offset = [" "], [0], [0], 0
    for index, part in enumerate(_NOT_ONE_TO_ONE.split(text)):
        if index % 2 == 0:  # one character in, one out
            folded.append(part.translate(_FOLDING))
            starts += range(offset, offset + len(part))
            ends += range(offset + 1, offset + len(part) + 1)
        else:
            for position, char in enumerate(part, offset):
                replacement = _FOLDING[ord(char)]
                folded.append(replacement)
                starts += [position] * len(replacement)
                ends += [position + 1] * len(replacement)
                if not replacement and len(ends) > 1:  # a dropped accent or apostrophe joins the character before
                    ends[-1] = position + 1
        offset += len(part)
    folded.append(" ")
    starts.append(len(text))
    ends.append(len(text))
    return "".join(folded), (starts, ends)


def _replacement_origins(old: str, new: str, starts: list[int], ends: list[int]) -> Origins:
    """Origins of new, which replaced old (whose characters came from starts and ends)."""
    if len(new) == len(old):
        return starts, ends
    if len(new) <= 1:  # one character (or none) standing for the whole match
        return [starts[0]] * len(new), [ends[-1]] * len(new)
    kept, index = [], 0  # otherwise characters were only deleted: each survivor keeps its own origin
    for char in new:
        while old[index] != char:
            index += 1
        kept.append(index)
        index += 1
    return [starts[i] for i in kept], [ends[i] for i in kept]


def _rewrite_tracked(rewrite: _Rewrite, text: str, origins: Origins) -> tuple[str, Origins]:
    """rewrite applied to text, carrying each character's origin through."""
    if rewrite.same_length:
        return rewrite.pattern.sub(rewrite.replacement, text), origins
    starts, ends = origins
    pieces, new_starts, new_ends, done = [], [], [], 0
    for match in rewrite.pattern.finditer(text):
        start, end = match.span()
        replacement = rewrite.replace(match)
        pieces += (text[done:start], replacement)
        replaced_starts, replaced_ends = _replacement_origins(
            match.group(), replacement, starts[start:end], ends[start:end]
        )
        new_starts += starts[done:start]
        new_starts += replaced_starts
        new_ends += ends[done:start]
        new_ends += replaced_ends
        done = end
    if not done:  # nothing matched
        return text, origins
    pieces.append(text[done:])
    return "".join(pieces), (new_starts + starts[done:], new_ends + ends[done:])


def _normalise_tracked(text: str) -> tuple[str, Origins]:
    """The same folding as normalise(), also saying where each folded character came from."""
    folded, origins = _fold_tracked(text)
    for rewrite in _REWRITES:
        folded, origins = _rewrite_tracked(rewrite, folded, origins)
    return folded, origins


@dataclass
class NormalisedText:
    """Text folded for matching, able to say where a folded span came from in the original.

    text is lower-case letters and digits in words separated by spaces, with a
    space at each end, so that every word can be found by the space before it.
    The map back to the original is worked out on first use: most messages match
    nothing, and for them only the folded text (built by C-speed substitutions) is needed.
    """

    original: str
    text: str

    @cached_property
    def _origins(self) -> Origins:
        return _normalise_tracked(self.original)[1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters that folded into text[start:end] (end > start)."""
        starts, ends = self._origins
        return starts[start], ends[end - 1]


def normalise(text: str) -> NormalisedText:
    folded = f" {text.translate(_FOLDING)} "
    for rewrite in _REWRITES:
        folded = rewrite.pattern.sub(rewrite.replacement, folded)
    return NormalisedText(text, folded)


def _folded_words(text: str) -> tuple[str, ...]:
    return tuple(normalise(text).text.split())


# A phrase may hold "{N+}", a number of at least N. Folding would turn the braces
# into spaces and leave a plain number, so phrases are split on them first.
_AT_LEAST = re.compile(r"\{(\d+)\+\}")


def _phrase_words(source: str) -> tuple[str, ...]:
    """A phrase's (or exception's) folded words, each {N+} kept whole as one word of its own."""
    words: list[str] = []
    for index, part in enumerate(_AT_LEAST.split(source)):
        if index % 2:
            words.append(f"{{{int(part)}+}}")
        elif "{" in part or "}" in part:
            raise ValueError(f"{source!r} has a brace that is not a number: write “at least 10” as {{10+}}.")
        else:
            words += _folded_words(part)
    if words and all(_at_least(word) is not None for word in words):
        raise ValueError(f"{source!r} needs a word besides the number.")
    return tuple(words)


def _at_least(word: str) -> int | None:
    """N for a {N+} word of a phrase, None for any other word."""
    return int(word[1:-2]) if word.startswith("{") else None


def _digits_at_least(least: int) -> str:
    """Regex for a whole number of at least `least`, written in digits."""
    digits = str(least)
    options = [f"[1-9][0-9]{{{len(digits)},}}", digits]  # more digits, or the number itself
    for index, digit in enumerate(digits):  # as many digits: the same start, then a bigger digit
        if digit != "9":
            options.append(f"{digits[:index]}[{int(digit) + 1}-9]{'[0-9]' * (len(digits) - index - 1)}")
    return "(?:" + "|".join(options) + ")"


# --- Results -----------------------------------------------------------------


@dataclass(frozen=True)
class RiskPhrase:
    phrase: str
    level: Level
    category: Category

    @classmethod
    def from_entry(cls, entry: tuple[str, str, str]) -> "RiskPhrase":
        phrase, level, category = entry
        if not _folded_words(phrase):
            raise ValueError(f"The phrase {phrase!r} has no letters or digits to match.")
        if (parsed := Level.from_label(level)) is Level.NONE:
            raise ValueError(f"The phrase {phrase!r} needs a level of low, medium, high or crisis.")
        try:
            return cls(phrase, parsed, Category(category))
        except ValueError:
            known = ", ".join(Category)
            raise ValueError(f"The phrase {phrase!r} has unknown category {category!r}; use one of {known}.") from None


@dataclass(frozen=True)
class Match:
    """One phrase found in a message; start and end index the original text, which text quotes."""

    phrase: str
    level: Level
    category: Category
    start: int
    end: int
    text: str

    def contains(self, other: "Match") -> bool:
        return self is not other and self.start <= other.start and other.end <= self.end

    def as_dict(self) -> dict:
        return {
            "phrase": self.phrase,
            "level": self.level.label,
            "category": str(self.category),
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True)
class Assessment:
    """The most serious level found, every match in reading order, and categories most serious first.

    about_someone_else: the writer is telling us of someone else at risk, not themselves (see
    Matcher.assess), so leads know who is at risk and the writer is shown how to help.
    """

    level: Level
    matches: tuple[Match, ...]
    categories: tuple[Category, ...]
    about_someone_else: bool = False

    @classmethod
    def from_matches(cls, matches: Iterable[Match], about_someone_else: bool = False) -> "Assessment":
        ordered = tuple(sorted(matches, key=lambda match: (match.start, -match.level)))
        by_severity = sorted(ordered, key=lambda match: -match.level)
        categories = tuple(dict.fromkeys(match.category for match in by_severity))
        level = max((match.level for match in ordered), default=Level.NONE)
        return cls(level, ordered, categories, about_someone_else and level > Level.NONE)

    def as_dict(self) -> dict:
        return {
            "level": self.level.label,
            "matches": [match.as_dict() for match in self.matches],
            "categories": [str(category) for category in self.categories],
            "about": "someone else" if self.about_someone_else else "self",
        }


NO_RISK = Assessment(Level.NONE, (), ())


# --- Building the matcher --------------------------------------------------------

# Between the words of a phrase: spaces, then up to two gap words, which the matcher
# marks in the text by writing them in capitals (folded text is otherwise lower case).
# It sits between every two words of every path, so it is kept short: half the
# pattern's length was this once, and compiling costs time in proportion to length.
_GAP = " +(?:[A-Z]+ +){0,2}"


def _letter_patterns(word: str, is_gap_word: bool) -> list[str]:
    """A folded word as regex, letter by letter: a letter written double, or a vowel, matches one or two of it."""
    units = [
        f"{char}{char}?" if len(list(run)) > 1 or char in "aeiouy" else char for char, run in itertools.groupby(word)
    ]
    if is_gap_word:  # marked in the text, as the phrase's own word ("end it all") or not
        return [unit.upper() for unit in units]
    return units


def _trie_pattern(node: dict, written: dict | None = None) -> str:
    """Regex for a trie of tokens; "" marks where a path ends and is tried last, so longer phrases win.

    Branches of a node that go on the same way are written once: "took (?:loads of|all
    my) <medicines>", not the medicines after each. Lists built from families (verbs x
    amounts x medicines) stay a fraction of the size, and compiling them as fast.
    """
    written = {} if written is None else written
    if id(node) not in written:
        ways_on: dict[str, list[str]] = {}  # what follows -> the branches that lead to it
        for token, child in node.items():
            if token:
                while len(child) == 1 and "" not in child:  # a run of single steps is one branch
                    ((step, child),) = child.items()
                    token += step
                ways_on.setdefault(_trie_pattern(child, written), []).append(token)
        branches = [_either(starts) + follows for follows, starts in ways_on.items()]
        branches += [""] if "" in node else []
        written[id(node)] = _either(branches)
    return written[id(node)]


def _either(options: list[str]) -> str:
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def _trie(paths: Iterable[Iterable[str]]) -> dict:
    root: dict = {}
    for tokens in paths:
        node = root
        for token in (*tokens, ""):
            node = node.setdefault(token, {})
    return root


class _Wordings:
    """Every way of writing a phrase with equivalent wordings swapped in ("going to" -> "gonna").

    Groups are indexed by their members' first words, and the wordings of each tail of
    words are remembered while a matcher is built: thousands of phrases share tails
    ("... kill myself"), and this is most of the building that is not compiling.
    """

    def __init__(self, groups: list[tuple[tuple[str, ...], ...]]):
        self._by_first_word: dict[str, list[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]]] = {}
        for group in groups:
            for member in group:
                self._by_first_word.setdefault(member[0], []).append((member, group))
        self._known: dict[tuple[str, ...], set[tuple[str, ...]]] = {(): {()}}

    def of(self, words: tuple[str, ...]) -> set[tuple[str, ...]]:
        if words not in self._known:
            choices = [((words[0],), words[1:])]
            for member, group in self._by_first_word.get(words[0], ()):
                if words[: len(member)] == member:
                    choices += [(other, words[len(member) :]) for other in group]
            self._known[words] = {start + rest for start, remainder in choices for rest in self.of(remainder)}
        return set(self._known[words])


def _in_capitals(match: re.Match[str]) -> str:
    return match.group().upper()


def _marked_word(word: str, is_gap_word: bool) -> str:
    """A word of a phrase as it reads in marked text: gap words in capitals, {N+} as "#"."""
    if _at_least(word) is not None:
        return "#"
    return word.upper() if is_gap_word else word


_RUNS = re.compile(r"([a-z])\1+")


def _collapsed(text: str) -> str:
    """Text with each run of a letter read once, as skeletons read it ("sixteen" -> "sixten")."""
    return _RUNS.sub(r"\1", text)


@dataclass(frozen=True)
class _Counting:
    """How a matcher reads numbers: {N+} in a phrase, and any number in a hit read as "#".

    spelt: regex for each number wording ("twenty", "a dozen") -> its value, for {N+}.
    wordings: each number wording as collapsed words.
    counts: whether any phrase says {N+}; a matcher without one pays nothing for numbers.
    """

    spelt: dict[str, int]
    wordings: frozenset[tuple[str, ...]]
    counts: bool

    @classmethod
    def of(cls, number_words: Mapping[str, int], is_gap_word: Callable, counts: bool) -> "_Counting":
        folded = {_folded_words(text): value for text, value in number_words.items()}
        spelt = {
            " +".join("".join(_letter_patterns(word, bool(is_gap_word(word)))) for word in words): value
            for words, value in folded.items()
        }
        return cls(spelt, frozenset(tuple(map(_collapsed, words)) for words in folded), counts)

    @cached_property
    def _lengths(self) -> dict[str, list[int]]:
        """First word of a number wording -> the lengths of wordings starting with it, longest first."""
        lengths: dict[str, list[int]] = {}
        for wording in sorted(self.wordings, key=len, reverse=True):
            lengths.setdefault(wording[0], []).append(len(wording))
        return lengths

    def quantity(self, least: int) -> str:
        """{N+} as regex: a run of numbers and number words, one of them N or more."""
        if not self.spelt:
            return _digits_at_least(least)
        number = "|".join(["[0-9]+", *self.spelt])
        big = "|".join([_digits_at_least(least), *(pattern for pattern, value in self.spelt.items() if value >= least)])
        return f"(?:(?:{number}){_GAP})*(?:{big})(?:{_GAP}(?:{number}))*"

    def read(self, words: list[str]) -> list[str]:
        """Collapsed words with each run of numbers ("about 20", "twenty five") read as one "#"."""
        if not self.counts or (self._lengths.keys().isdisjoint(words) and not any(map(str.isdigit, words))):
            return words
        read, index = [], 0
        while index < len(words):
            length = self._number_at(words, index)
            if not length:
                read.append(words[index])
                index += 1
                continue
            if read[-1:] != ["#"]:
                read.append("#")
            index += length
        return read

    def _number_at(self, words: list[str], index: int) -> int:
        """How many words from index make a number (digits, or a number wording); 0 if none do."""
        if words[index].isdigit():
            return 1
        for length in self._lengths.get(words[index], ()):
            if tuple(words[index : index + length]) in self.wordings:
                return length
        return 0


@dataclass(frozen=True)
class _Outcome:
    """What finding a path means: a risk phrase, or (phrase None) an exception."""

    source: str
    phrase: RiskPhrase | None


def _stronger(existing: _Outcome | None, new: _Outcome) -> _Outcome:
    if existing is None:
        return new
    if (existing.phrase is None) != (new.phrase is None):
        raise ValueError(
            f"{existing.source!r} and {new.source!r} read the same once folded, "
            "but one is a risk phrase and the other an exception; remove one of them."
        )
    if existing.phrase is None or existing.phrase.level >= new.phrase.level:
        return existing
    return new


def _rank(outcome: _Outcome) -> int:
    """Phrases before exceptions when both read a hit the same way, as they were listed."""
    return outcome.phrase.level if outcome.phrase is not None else -1


@dataclass(frozen=True)
class _LookAlikes:
    """Outcomes whose paths share a skeleton; when there are several, a small regex says which one a hit is."""

    outcomes: tuple[_Outcome, ...]
    verify: re.Pattern[str] | None

    @classmethod
    def of(cls, paths: list[tuple[tuple[str, ...], _Outcome]]) -> "_LookAlikes":
        by_outcome: dict[_Outcome, list[tuple[str, ...]]] = {}
        for tokens, outcome in paths:
            by_outcome.setdefault(outcome, []).append(tokens)
        if len(by_outcome) == 1:
            return cls(tuple(by_outcome), None)
        # Prefer the phrase with more words, the more specific reading of the hit; then the more
        # serious one ("took {10+} pills" at crisis before "took {5+} pills" at high).
        outcomes = sorted(by_outcome, key=lambda outcome: (-len(_phrase_words(outcome.source)), -_rank(outcome)))
        verify = "|".join(_trie_pattern(_trie(by_outcome[outcome])) + "()" for outcome in outcomes)
        return cls(tuple(outcomes), re.compile(verify))

    def pick(self, hit: str) -> _Outcome:
        if self.verify is None:
            return self.outcomes[0]
        return self.outcomes[self.verify.fullmatch(hit).lastindex - 1]


class Matcher:
    """Every phrase and exception compiled once into one regular expression.

    entries: (phrase, level, category) with level one of low/medium/high/crisis.
    phrase_from_entry: turns an entry into what a match reports (phrase, level and
        category attributes), raising ValueError for one that cannot be used.
        Moderation's watched words pass their own, with the action as category.
    exceptions: figures of speech; a risk match overlapping one is dropped.
    gap_words: words allowed, up to two at a time, between the words of a phrase.
    equivalents: groups of interchangeable wordings, e.g. ("going to", "gonna").
    number_words: wording -> value ("twenty": 20, "a dozen": 12), read where a
        phrase says {N+}; a run of them ("twenty five") counts when one is N or more.
    Raises ValueError naming the entry if any of them cannot be used.

    The regex only finds where a phrase starts and ends (capture groups, one per
    phrase, would make every hit cost time in proportion to the list); which phrase
    it was is then looked up by the hit's skeleton.
    """

    def __init__(
        self,
        entries: Iterable[tuple[str, str, str]],
        exceptions: Iterable[str] = (),
        *,
        gap_words: Iterable[str] = (),
        equivalents: Iterable[Iterable[str]] = (),
        number_words: Mapping[str, int] | None = None,
        phrase_from_entry: Callable[[tuple], RiskPhrase] = RiskPhrase.from_entry,
        negations: Iterable[str] = (),
        negation_fillers: Iterable[str] = (),
        first_person: Iterable[str] = (),
        third_person: Iterable[str] = (),
        someone_else: Iterable[str] = (),
    ):
        gaps = {word for text in gap_words for word in _folded_words(text)}
        gap_pattern = _trie_pattern(_trie(_letter_patterns(word, False) for word in gaps)) or "(?!)"
        is_gap_word = re.compile(gap_pattern).fullmatch
        self._gap_words = re.compile(f" {gap_pattern}(?= )")
        wordings_of = _Wordings(
            [tuple(dict.fromkeys(_folded_words(wording) for wording in group)) for group in equivalents]
        ).of

        outcomes = [_Outcome(entry[0], phrase_from_entry(entry)) for entry in entries]
        outcomes += [_Outcome(text, None) for text in exceptions]
        parsed = [(outcome, _phrase_words(outcome.source)) for outcome in outcomes]
        counts = any(_at_least(word) is not None for _, words in parsed for word in words)
        self._counting = _Counting.of(number_words or {}, is_gap_word, counts)

        paths: dict[tuple[str, ...], _Outcome] = {}  # regex tokens -> what finding them means
        skeletons: dict[tuple[str, ...], str] = {}
        for outcome, words in parsed:
            if not words:
                raise ValueError(f"The exception {outcome.source!r} has no letters or digits to match.")
            wordings = wordings_of(words)
            # Written as one word ("#killmyself", "k i l l m y s e l f"); not a count, which cannot be
            # joined to words, nor an exception, which as one word could only cancel itself.
            if outcome.phrase is not None and not any(_at_least(word) is not None for word in words):
                wordings.add((_REPEATED_LETTERS.sub(_first_letter, "".join(words)),))
            for wording in wordings:
                tokens = []
                for word in wording:
                    tokens += [_GAP] if tokens else []
                    least = _at_least(word)
                    tokens += (
                        [self._counting.quantity(least)]
                        if least is not None
                        else _letter_patterns(word, bool(is_gap_word(word)))
                    )
                tokens = tuple(tokens)
                paths[tokens] = _stronger(paths.get(tokens), outcome)
                # What the text would read, gap words marked, so the skeleton is worked out as for a hit.
                marked = (_marked_word(word, bool(is_gap_word(word))) for word in wording)
                skeletons[tokens] = self._skeleton(" ".join(marked))

        by_skeleton: dict[str, list[tuple[tuple[str, ...], _Outcome]]] = {}
        for tokens, outcome in paths.items():
            by_skeleton.setdefault(skeletons[tokens], []).append((tokens, outcome))
        self._look_alikes = {skeleton: _LookAlikes.of(found) for skeleton, found in by_skeleton.items()}
        self._regex = re.compile(" " + _trie_pattern(_trie(paths)) + "(?= )")
        self._known_hits: dict[str, _Outcome] = {}
        self.phrase_count = sum(outcome.phrase is not None for outcome in outcomes)
        self._negations = {_folded_words(text) for text in negations}
        self._negation_fillers = {word for text in negation_fillers for word in _folded_words(text)}
        self._first_person = {word for text in first_person for word in _folded_words(text)}
        self._third_person = {word for text in third_person for word in _folded_words(text)}
        others = [" ".join(_folded_words(text)) for text in someone_else]
        self._someone_else = re.compile(f" (?:{'|'.join(map(re.escape, others))}) ") if others else None

    def assess(self, text: str) -> Assessment:
        folded = normalise(text)
        marked = self._gap_words.sub(_in_capitals, folded.text)
        hits = list(self._hits(marked))
        if not hits:
            return NO_RISK
        exceptions = [(start, end) for outcome, start, end in hits if outcome.phrase is None]
        found = [hit for hit in hits if hit[0].phrase is not None]
        found = [hit for hit in found if not any(hit[1] < x_end and x_start < hit[2] for x_start, x_end in exceptions)]
        # A denial covers the phrase it comes before and any phrase overlapping that one:
        # "not going to kill myself tonight" lowers "kill myself tonight" too.
        denied = [(start, end) for _, start, end in found if self._negated(marked, start)]
        matches, people = [], {}
        for outcome, start, end in found:
            first, last = folded.original_span(start, end)
            phrase = outcome.phrase
            lowered = any(start < d_end and d_start < end for d_start, d_end in denied)
            level = self._lowered(phrase.level) if lowered else phrase.level
            match = Match(phrase.phrase, level, phrase.category, first, last, text[first:last])
            matches.append(match)
            people[match] = self._person(marked, start, phrase.phrase)
        # One sentence should read as one finding, not as every shorter phrase inside it.
        outermost = [m for m in matches if not any(o.contains(m) and o.level >= m.level for o in matches)]
        return Assessment.from_matches(outermost, self._about_someone_else(marked, outermost, people))

    def _negated(self, marked: str, start: int) -> bool:
        """Whether the words just before a phrase deny it or put it in the past: "I'm not suicidal",
        "I used to self-harm", "I no longer feel hopeless", "never been suicidal". Gap words are
        skipped, and one filler ("feel", "been") may stand between the negation and the phrase."""
        if not self._negations:
            return False
        before = [word for word in marked[max(0, start - 60) : start].split() if not word[0].isupper()][-3:]
        if before and before[-1] in self._negation_fillers:
            before = before[:-1]
        return any(tuple(before[-size:]) in self._negations for size in (1, 2) if len(before) >= size)

    @staticmethod
    def _lowered(level: Level) -> Level:
        """A denied or past phrase still tells a lead something, but raises no alert: low, or medium
        (someone still reads it) for crisis wording ("I'm not going to kill myself tonight")."""
        return Level.MEDIUM if level is Level.CRISIS else min(level, Level.LOW)

    def _about_someone_else(self, marked: str, matches: list[Match], people: dict[Match, str]) -> bool:
        """The most serious findings speak of someone else and none of the writer: a phrase in the
        third person ("wants to kill himself"), or one in no person ("thinking about suicide") in a
        message that names someone close ("my friend", "my sister")."""
        if not matches:
            return False
        top = max(match.level for match in matches)
        persons = [people[match] for match in matches if match.level == top]
        if "first" in persons:
            return False
        return "third" in persons or (self._someone_else is not None and self._someone_else.search(marked) is not None)

    def _person(self, marked: str, start: int, phrase: str) -> str:
        """Who a phrase is said of, by its own words and the two before it ("I want to die")."""
        before = [word for word in marked[max(0, start - 40) : start].split() if not word[0].isupper()][-2:]
        words = {*_folded_words(phrase), *before}
        return "first" if words & self._first_person else "third" if words & self._third_person else "none"

    def _hits(self, marked: str) -> Iterable[tuple[_Outcome, int, int]]:
        """The longest phrase or exception starting at each word, overlapping ones included."""
        position = 0
        while (found := self._regex.search(marked, position)) is not None:
            position = found.start() + 1  # the phrase starts after the space that was searched for
            hit = marked[position : found.end()]
            outcome = self._known_hits.get(hit)
            if outcome is None:  # which phrase a hit is depends only on its text: work it out once
                outcome = self._look_alikes[self._skeleton(hit)].pick(hit)
                if len(self._known_hits) < _REMEMBERED_HITS:
                    self._known_hits[hit] = outcome
            yield outcome, position, found.end()

    def _skeleton(self, marked: str) -> str:
        """What tells phrases apart once a hit is found: its words without gap words (in capitals in
        marked text), each run of a letter read once, any number read as "#", spaces gone."""
        return "".join(self._counting.read([word for word in _collapsed(marked).split() if not word[0].isupper()]))


@cache
def default_matcher() -> Matcher:
    """The shipped UK English list, built once per process."""
    return Matcher(default_phrases.PHRASES, default_phrases.EXCEPTIONS, **default_phrases.WORDING)
