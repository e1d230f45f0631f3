"""Generated avatars: `{% load avatars %}{% avatar member %}` beside a handle, by every post and chat message.

An avatar is the handle's initials on one of eight colours picked by a hash of the handle: the same
handle always looks the same, nothing is uploaded, and it tells no one more than the handle beside it.
A deleted account's posts show one neutral avatar for every former member, so they can't be told apart.
"""

import hashlib
import re

from django import template

register = template.Library()
HUES = 8


def initials(handle: str) -> str:
    """Up to two letters: "quiet_fox" and "QuietFox" give "QF", "robin" gives "R"."""
    words = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", handle) or [handle]
    return "".join(word[0] for word in words[:2]).upper()


def hue(handle: str) -> int:
    """A stable colour number (not Python's hash(), which changes between processes)."""
    return hashlib.sha256(handle.casefold().encode()).digest()[0] % HUES


@register.inclusion_tag("accounts/_avatar.html")
def avatar(member) -> dict:
    if member is None or member.deleted_at:
        return {"letters": "", "hue": None}
    return {"letters": initials(member.handle), "hue": hue(member.handle)}
