"""Publishing ground rules and recording members' acceptance.

Posting anywhere first calls check_house_rules_accepted(); a member who has
not accepted the current version is sent to read it, with what changed since
the version they last accepted.
"""

import difflib
import re

from django.db import transaction

from config.realtime import EVERY_MEMBER, send_event_on_commit

from ..markup import render_markdown
from ..models import HOUSE_RULES, RuleAcceptance, RuleBook, RuleVersion


class RulesAcceptanceRequired(Exception):
    """The member must accept the current rules before doing this."""

    def __init__(self, version: RuleVersion):
        super().__init__(f"Please read and accept {version} first.")
        self.version = version


def current_version(book_slug: str = HOUSE_RULES) -> RuleVersion | None:
    return RuleVersion.objects.filter(book__slug=book_slug).select_related("book").first()


_NUMBERED_RULE = re.compile(r"^\s*(\d+)[.)]\s+(.+)$")
_BOLD_TITLE = re.compile(r"^\*\*(.+?)\*\*")


def rule_titles(book_slug: str = HOUSE_RULES) -> list[str]:
    """Each numbered rule of the current version, as "1. Be kind": its number and its bold title (else its
    first sentence). What a moderator cites; a rule book without a numbered list has none."""
    version = current_version(book_slug)
    titles = []
    for line in version.body.splitlines() if version else []:
        numbered = _NUMBERED_RULE.match(line)
        if numbered:
            number, text = numbered.groups()
            bold = _BOLD_TITLE.match(text)
            title = bold.group(1) if bold else re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
            titles.append(f"{number}. {title.strip().rstrip('.!:')}")
    return titles


def last_accepted_version(user, book_slug: str = HOUSE_RULES) -> RuleVersion | None:
    return RuleVersion.objects.filter(book__slug=book_slug, acceptances__user=user).first()


def has_accepted_current(user, book_slug: str = HOUSE_RULES) -> bool:
    current = current_version(book_slug)
    return current is None or current.acceptances.filter(user=user).exists()


def check_house_rules_accepted(user) -> None:
    if not has_accepted_current(user):
        raise RulesAcceptanceRequired(current_version())


@transaction.atomic
def publish_rules(book_slug: str, title: str, body: str, change_note: str = "", by=None) -> RuleVersion:
    """Add the next version of a rule book; members are asked to accept it on their next post."""
    book, _ = RuleBook.objects.select_for_update().get_or_create(slug=book_slug, defaults={"title": title})
    latest = book.versions.first()
    version = RuleVersion.objects.create(
        book=book,
        number=(latest.number + 1) if latest else 1,
        body=body,
        body_html=render_markdown(body),
        change_note=change_note,
        published_by=by,
    )
    if book_slug == HOUSE_RULES:
        send_event_on_commit(EVERY_MEMBER, {"type": "rules.published", "version": version.number})
    return version


def accept_rules(user, version: RuleVersion) -> RuleAcceptance:
    acceptance, _ = RuleAcceptance.objects.get_or_create(user=user, version=version)
    return acceptance


def changed_lines(old: RuleVersion | None, new: RuleVersion) -> list[tuple[str, str]]:
    """Lines added and removed since the version the member accepted, as (sign, text)."""
    if old is None or old.pk == new.pk:
        return []
    diff = difflib.ndiff(old.body.splitlines(), new.body.splitlines())
    return [(line[0], line[2:]) for line in diff if line[:1] in {"+", "-"} and line[2:].strip()]


def export_acceptances(user) -> list[dict]:
    return [
        {"rules": str(a.version), "accepted_at": a.accepted_at.isoformat()}
        for a in RuleAcceptance.objects.filter(user=user).select_related("version__book")
    ]
