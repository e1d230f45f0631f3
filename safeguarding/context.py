"""Template context: a private offer of help after a member wrote something worrying; the leads' link."""

from .permissions import can_work_on_cases
from .services import escalation, signposting


def support(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context = {"safeguarding_lead": can_work_on_cases(user)}
    if escalation.unseen_support_offer(user):
        context.update(support_offer=True, crisis_services=signposting.crisis_services())
    return context
