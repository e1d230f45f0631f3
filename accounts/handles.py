"""What makes a good handle: a pseudonym that never reveals who someone is, nor pretends to be the team.

Handles are 3-30 letters, digits, `_` or `-`. Handles that look like an email
address or a phone number are refused, because people in distress sometimes
type contact details where a pseudonym belongs.

At sign-up a handle is also compared by its *skeleton*, what it looks like rather than
how it is spelt (see skeleton()): it may not look like another member's handle
("r0bin", "Rob_in" beside "robin"), nor like the team's. It is kept for the team when,
tried as written, with its trailing digits dropped and with every digit dropped, its
skeleton

1. is a reserved word (settings.ACCOUNT_USERNAME_BLACKLIST, the site name) once
   decorations are taken off either end ("the", "team", "official", "real", "hq", "crew",
   "squad", a plural "s"): moderat0r, safeguarding_team, the-moderators,
   admin_, Admin1, modteam, kindred_team, staff-;
2. is made only of reserved words and decorations: kindredsupport, admin-moderator;
3. begins or ends with a reserved word of five letters or more: adminton, sarah_admin,
   peer-support, kindred_spirit.

Not refused: a reserved word only inside the handle (badminton), a short one (mod, team,
help, root) run into other letters (modest, teamwork, helpful, help_me), or an everyday
word that merely begins or ends like one (supportive, supporter, systematic, ecosystem,
staffy, stafford): ORDINARY_WORDS.
"""

import re
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

HANDLE_PATTERN = r"^[A-Za-z0-9_-]{3,30}$"
EMAIL_LIKE = re.compile(
    r"(gmail|googlemail|hotmail|outlook|yahoo|icloud|protonmail|btinternet)"
    r"|[_-]at[_-]\w+[_-](com|net|org|co[_-]uk|uk)$"
    r"|[_-]?dot[_-]?(com|co[_-]?uk|net|org)$",
    re.IGNORECASE,
)
PHONE_DIGITS = 7

handle_format = RegexValidator(
    HANDLE_PATTERN,
    "Use 3 to 30 letters, numbers, _ or -, with no spaces.",
    code="handle_format",
)


def not_contact_details(value: str) -> None:
    if sum(ch.isdigit() for ch in value) >= PHONE_DIGITS:
        raise ValidationError(
            "That looks like a phone number. Please choose a handle that doesn't identify you.",
            code="handle_phone",
        )
    if EMAIL_LIKE.search(value):
        raise ValidationError(
            "That looks like an email address. Please choose a handle that doesn't identify you.",
            code="handle_email",
        )


HANDLE_VALIDATORS = [handle_format, not_contact_details]

# Skeletons -----------------------------------------------------------------------------

# Latin look-alikes in Cyrillic and Greek, by Unicode name (after case folding, plus the capitals
# whose small letter looks different: Greek capital Eta is H, small eta is n). Fullwidth and
# accented letters fold through NFKD first.
_SMALL_LOOK_ALIKES = {
    "a": ["CYRILLIC SMALL LETTER A", "LATIN SMALL LETTER ALPHA", "GREEK SMALL LETTER ALPHA"],
    "b": ["CYRILLIC SMALL LETTER VE", "GREEK SMALL LETTER BETA", "CYRILLIC SMALL LETTER SOFT SIGN"],
    "c": ["CYRILLIC SMALL LETTER ES", "GREEK LUNATE SIGMA SYMBOL", "GREEK SMALL LETTER FINAL SIGMA"],
    "d": ["CYRILLIC SMALL LETTER KOMI DE"],
    "e": ["CYRILLIC SMALL LETTER IE", "CYRILLIC SMALL LETTER UKRAINIAN IE", "GREEK SMALL LETTER EPSILON"],
    "g": ["LATIN SMALL LETTER SCRIPT G"],
    "h": ["CYRILLIC SMALL LETTER SHHA", "CYRILLIC SMALL LETTER EN"],
    "i": ["CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I", "GREEK SMALL LETTER IOTA", "LATIN SMALL LETTER IOTA"],
    "j": ["CYRILLIC SMALL LETTER JE"],
    "k": ["CYRILLIC SMALL LETTER KA", "GREEK SMALL LETTER KAPPA"],
    "l": ["CYRILLIC SMALL LETTER PALOCHKA"],
    "m": ["CYRILLIC SMALL LETTER EM"],
    "n": ["CYRILLIC SMALL LETTER PE", "GREEK SMALL LETTER ETA", "GREEK SMALL LETTER PI"],
    "o": ["CYRILLIC SMALL LETTER O", "GREEK SMALL LETTER OMICRON", "GREEK SMALL LETTER SIGMA"],
    "p": ["CYRILLIC SMALL LETTER ER", "GREEK SMALL LETTER RHO"],
    "q": ["CYRILLIC SMALL LETTER QA"],
    "r": ["CYRILLIC SMALL LETTER GHE"],
    "s": ["CYRILLIC SMALL LETTER DZE"],
    "t": ["CYRILLIC SMALL LETTER TE", "GREEK SMALL LETTER TAU"],
    "u": ["GREEK SMALL LETTER UPSILON", "GREEK SMALL LETTER MU"],
    "v": ["GREEK SMALL LETTER NU"],
    "w": ["CYRILLIC SMALL LETTER WE", "CYRILLIC SMALL LETTER OMEGA", "GREEK SMALL LETTER OMEGA"],
    "x": ["CYRILLIC SMALL LETTER HA", "GREEK SMALL LETTER CHI"],
    "y": ["CYRILLIC SMALL LETTER U", "CYRILLIC SMALL LETTER STRAIGHT U", "GREEK SMALL LETTER GAMMA"],
    "z": ["GREEK SMALL LETTER ZETA"],
}
_CAPITAL_LOOK_ALIKES = {
    "h": "ETA", "n": "NU", "m": "MU", "t": "TAU", "b": "BETA", "p": "RHO", "x": "CHI", "y": "UPSILON", "z": "ZETA",
}  # fmt: skip
CONFUSABLES = str.maketrans(
    {unicodedata.lookup(name): latin for latin, names in _SMALL_LOOK_ALIKES.items() for name in names}
)
CAPITALS = str.maketrans(
    {unicodedata.lookup(f"GREEK CAPITAL LETTER {name}"): latin for latin, name in _CAPITAL_LOOK_ALIKES.items()}
)
# Digits read as letters, and letters that look alike: i, l and 1 are one shape, as are o and 0.
LOOK_ALIKES = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "i": "l", "|": "l"})
DIGRAPHS = (("rn", "m"), ("vv", "w"))

DECORATIONS = ("the", "team", "official", "real", "hq", "crew", "squad")
ORDINARY_WORDS = (
    "supportive", "supporter", "supporting", "systematic", "ecosystem", "staffy", "staffie", "stafford",
)  # fmt: skip
LONG_RESERVED = 5  # letters a reserved word needs to be refused at the start or end of a handle


def skeleton(handle: str) -> str:
    """What the handle looks like: look-alike letters and digits folded to one ASCII letter, no separators.

    "M0dERAT0R", "moderat0r" and "m\N{CYRILLIC SMALL LETTER O}derator" all give "moderator";
    digits that look like no letter (2, 6, 8, 9) stay.
    """
    text = unicodedata.normalize("NFKD", handle.translate(CAPITALS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.translate(CONFUSABLES).translate(LOOK_ALIKES)
    for pair, letter in DIGRAPHS:
        text = text.replace(pair, letter)
    return re.sub(r"[^a-z0-9]", "", text)


def _letters(handle: str) -> str:
    return re.sub(r"[0-9]", "", skeleton(handle))


def _undecorated(letters: str) -> str:
    """The letters with decorations taken off either end, as long as something is left."""
    words = [skeleton(word) for word in DECORATIONS]
    stripped = True
    while stripped:
        stripped = False
        for word in words:
            if letters.startswith(word) and len(letters) > len(word):
                letters, stripped = letters[len(word) :], True
            if letters.endswith(word) and len(letters) > len(word):
                letters, stripped = letters[: -len(word)], True
    return letters


def _made_of(letters: str, words: set[str], reserved: set[str]) -> bool:
    """Whether letters split wholly into words, at least one of them reserved."""
    reached = {0: False}  # where a split can end -> whether a reserved word was used on the way
    for end in range(1, len(letters) + 1):
        for start, used in list(reached.items()):
            piece = letters[start:end]
            if piece in words:
                reached[end] = reached.get(end, False) or used or piece in reserved
    return reached.get(len(letters), False)


def _singular(letters: str) -> str:
    return letters[:-1] if letters.endswith("s") and len(letters) > 1 else letters


def reserved_skeletons() -> set[str]:
    return {skeleton(word) for word in [*settings.ACCOUNT_USERNAME_BLACKLIST, settings.SITE_NAME]}


def looks_like_the_team(handle: str) -> bool:
    reserved = reserved_skeletons()
    words = reserved | {skeleton(word) for word in DECORATIONS}
    ordinary = [skeleton(word) for word in ORDINARY_WORDS]
    long_reserved = [word for word in reserved if len(word) >= LONG_RESERVED]
    variants = {skeleton(handle), skeleton(handle.rstrip("0123456789")), _letters(handle)}
    for letters in filter(None, variants):
        if reserved & {_undecorated(letters), _singular(_undecorated(letters))}:
            return True
        if _made_of(letters, words, reserved) or _made_of(_singular(letters), words, reserved):
            return True
        for word in long_reserved:
            starts = letters.startswith(word) and not any(letters.startswith(o) for o in ordinary if o.startswith(word))
            ends = letters.endswith(word) and not any(letters.endswith(o) for o in ordinary if o.endswith(word))
            if starts or ends:
                return True
    return False


def not_like_the_team(value: str) -> None:
    if looks_like_the_team(value):
        raise ValidationError(
            "That handle looks like one kept for the team. Please choose another.", code="handle_team"
        )


def not_like_another_member(value: str) -> None:
    if get_user_model().objects.filter(handle_skeleton=skeleton(value)[:30], deleted_at__isnull=True).exists():
        raise ValidationError(
            "That handle looks too much like another member's. Please choose another.", code="handle_lookalike"
        )
