"""The one check every frame a browser sends over a WebSocket passes before a consumer sees it.

Each consumer declares what it accepts as a schema: message type -> the fields
it needs and their types, e.g. `{"send": {"body": str, "token": str}, "ping": {}}`.
`parse_frame()` turns a frame into a plain dict of exactly those fields, or raises
FrameError with a code and words for the member, which the consumer answers as
`{"type": "error", "code": ..., "message": ...}` (docs/realtime.md). Whatever a
browser sends (not JSON, not an object, an unknown type, a wrong field, a lone
surrogate, a NUL byte, a frame too long, bytes) it gets that answer, never a
crashed socket.

Text fields refuse NUL and the other control characters, as the site's forms
refuse NUL ("Null characters are not allowed."): tab, newline and carriage
return are the only ones a person types. Which characters those are is
config.text's one definition; the services clean the rest (bidi controls) as
they clean form input.
"""

import json
import re

from .text import CONTROL_CHARACTERS

Schema = dict[str, dict[str, type]]

# Lone surrogates among them: JSON's \\ud800 escapes make them, and nothing can store or show them.
_REFUSED = re.compile(f"[{CONTROL_CHARACTERS}]")


class FrameError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message

    def as_event(self) -> dict:
        return {"type": "error", "code": self.code, "message": self.message}


def parse_frame(text: str | None, schema: Schema, max_chars: int) -> dict:
    """The frame as {"type": ..., field: value, ...}, checked against schema; FrameError if it is not one."""
    if text is None:
        raise FrameError("binary", "This connection takes text messages only.")
    if len(text) > max_chars:
        raise FrameError("too_large", f"That message was too long to read (the limit is {max_chars:,} characters).")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise FrameError("invalid_json", "That message could not be read: it is not JSON.") from None
    if not isinstance(data, dict):
        raise FrameError("not_an_object", 'A message is a JSON object with a "type".')
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in schema:
        raise FrameError("unknown_type", "This connection does not take messages of that type.")
    frame = {"type": kind}
    for name, expected in schema[kind].items():
        value = data.get(name)
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise FrameError("bad_field", f'"{name}" is missing or is not {_described(expected)}.')
        if isinstance(value, str) and _REFUSED.search(value.replace("\r", "")):
            what = "Null characters are" if "\x00" in value else "Control characters are"
            raise FrameError("control_characters", f"{what} not allowed.")
        frame[name] = value
    return frame


def _described(expected: type) -> str:
    return {str: "text", int: "a whole number", bool: "true or false"}.get(expected, expected.__name__)
