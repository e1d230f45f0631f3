"""A member's profile text: writing other members read, so it is treated like a post.

The house rules must be accepted, the text is rendered once with community.markup,
and safeguarding screens it like anything else a member writes.
"""

from django.db import transaction

from safeguarding.services.escalation import screen

from ..markup import render_markdown, shown_text
from .rules import check_house_rules_accepted


def update_about(user, about: str):
    """Profile text is member writing other members read, so the house rules apply."""
    check_house_rules_accepted(user)
    with transaction.atomic():
        user.about = about.strip()
        user.about_html = render_markdown(user.about)
        user.save(update_fields=["about", "about_html"])
        screen(user, user.about, "profile", user.pk, shown_as=shown_text(user.about))
    return user
