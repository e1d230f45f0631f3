"""Template context: a private offer of help after a member wrote something worrying; the leads' link;
how many messages from the safeguarding team the member has not read yet."""

import functools

from .permissions import can_work_on_cases
from .services import escalation, messages, signposting


def support(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context = {
        "safeguarding_lead": can_work_on_cases(user),
        # Counted only if a template asks (the banner), then remembered for the page.
        "safeguarding_messages_unread": functools.cache(lambda: messages.unread_count(user)),
    }
    if escalation.unseen_support_offer(user):
        context.update(support_offer=True, crisis_services=signposting.crisis_services())
    return context
