"""What makes a good handle: a pseudonym that never reveals who someone is.

Handles are 3-30 letters, digits, `_` or `-`. Handles that look like an email
address or a phone number are refused, because people in distress sometimes
type contact details where a pseudonym belongs.
"""

import re

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
