"""Template context: the member's unread moderation notices, and whether to show the queue link.

The whole moderation team gets the link, from roles alone (no query per page):
for a peer moderator still in training it leads to their training.
"""

from .permissions import in_moderation_team
from .services.notices import unread_count


def notices(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_moderation_notices": unread_count(user), "moderator": in_moderation_team(user)}
