"""A member's profile text: writing other members read, so it is treated like a post.

The house rules must be accepted, the text is cleaned and rendered once with
community.markup (within its bounds), and safeguarding screens it like anything
else a member writes.
"""

from django.db import transaction

from config.text import clean_text
from safeguarding.services.escalation import screen

from ..markup import MarkdownRefused, render_markdown, shown_text
from .rules import check_house_rules_accepted


class ProfileError(Exception):
    """Profile text that cannot be saved, with a message for the member (who keeps their words)."""


def update_about(user, about: str):
    """Profile text is member writing other members read, so the house rules and Markdown's bounds apply.

    It is rendered before the transaction; a refusal leaves the saved profile as it was.
    """
    check_house_rules_accepted(user)
    about = clean_text(about).strip()
    try:
        about_html = render_markdown(about)
    except MarkdownRefused as refused:
        raise ProfileError(str(refused)) from None
    with transaction.atomic():
        user.about, user.about_html = about, about_html
        user.save(update_fields=["about", "about_html"])
        screen(user, user.about, "profile", user.pk, shown_as=shown_text(user.about))
    return user
