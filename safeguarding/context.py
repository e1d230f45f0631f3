"""Template context: a private offer of help after a member wrote something worrying; the leads' link;
how many messages from the safeguarding team the member has not read yet (base.html's banner)."""

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import CaseMessage, SupportOffer
from .permissions import can_work_on_cases
from .services import signposting


def _waiting_for(user) -> tuple[bool | None, int]:
    """Whether a help offer is waiting for the member (None if not; else whether it is about someone
    else), and how many team messages they have not read. One query, because every page asks both.
    """
    offers = SupportOffer.objects.filter(member=OuterRef("pk"), seen_at__isnull=True).order_by("-pk")
    unread = (
        CaseMessage.objects.filter(case__member=OuterRef("pk"), from_member=False, read_at__isnull=True)
        .order_by()
        .values("case__member")
        .annotate(n=Count("pk"))
        .values("n")
    )
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(offer=Subquery(offers.values("about_someone_else")[:1]), unread=Coalesce(Subquery(unread), 0))
        .values_list("offer", "unread")
        .first()
    )
    return row or (None, 0)


def support(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    offer, unread = _waiting_for(user)
    context = {"safeguarding_lead": can_work_on_cases(user), "safeguarding_messages_unread": unread}
    if offer is not None:
        context.update(support_offer=True, about_someone_else=offer, crisis_services=signposting.crisis_services())
    return context
