"""One cleaning for everything people write here: what each service that accepts their words applies first.

Text can be made to read as something it is not. A right-to-left override
(U+202E) shows "moc.elpmaxe" as "example.com" and turns a handle or a title
around; NUL and other control characters are invisible, break storage (PostgreSQL
refuses NUL) and can hide words from the watched-word and risk matchers. So
clean_text(), before any length check:

- turns Windows and old Mac line ends (CRLF, CR) into "\\n";
- removes the bidirectional embeddings, overrides and isolates (U+202A to U+202E,
  U+2066 to U+2069), which reorder whole runs of text;
- removes C0 and C1 control characters (U+0000 to U+001F, U+007F to U+009F) except
  newline and tab, and lone surrogates (which cannot be stored as UTF-8);
- normalises to NFC, so "é" typed as e + accent and as one letter are the same text.

Kept, deliberately: the directional marks U+200E (left-to-right), U+200F
(right-to-left) and U+061C (Arabic letter mark). They are invisible and reorder
nothing beyond the neutral character next to them, and members writing Arabic,
Hebrew, Persian or Urdu beside English need them to put punctuation in the right
place. Zero-width joiners and non-joiners stay too (emoji sequences, Indic and
Persian scripts). This module sits in config/ because every app uses it and it
uses nothing.
"""

import re
import unicodedata

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 controls but tab and newline (a carriage return is made a newline first), DEL and C1; and lone
# surrogates. Also what a WebSocket frame may not carry at all (config/frames.py).
CONTROL_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
_REMOVED = re.compile(f"[{CONTROL_CHARACTERS}{BIDI_CONTROLS}]")


def clean_text(text: str) -> str:
    """Text as a person meant it: line ends as "\\n", no bidi overrides or control characters, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _REMOVED.sub("", text))
