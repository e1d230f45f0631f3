"""A member's safeguarding data for their export (accounts.personal_data): the team's messages, help offered,
the daily check-in choice and a lead's duty.

Messages to the member are from "the safeguarding team", never a lead's handle,
as on the member's messages page. Mood check-in answers are not here: they are
stored without any link to the member (models.MoodCheckIn), so nobody can find
whose they are, the member included.

Decided: the case record itself (what raised it as the leads read it, their
notes and its history) is withheld from the automatic download. It is a
safeguarding record kept to protect the member, and UK GDPR lets it be reviewed
by a professional before release, so a member asks the team for it. The words
that raised a case are the member's own posts, messages and profile, already in
their export.
"""

from accounts.personal_data import Section

from .models import CaseMessage, LeadDuty, MoodCheckInChoice, SupportOffer
from .services.messages import TEAM_NAME


def _at(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_messages(user) -> list[dict]:
    """Every message in the member's own cases, to and from the team; never a message in someone else's case."""
    messages = CaseMessage.objects.filter(case__member=user).order_by("created_at", "pk")
    return [
        {
            "from": "you" if message.from_member else TEAM_NAME,
            "text": message.text,
            "at": _at(message.created_at),
            "read_at": _at(message.read_at),
        }
        for message in messages
    ]


def export_support_offers(user) -> list[dict]:
    offers = SupportOffer.objects.filter(member=user).order_by("created_at")
    return [{"offered_at": _at(offer.created_at), "seen_at": _at(offer.seen_at)} for offer in offers]


def export_mood_check_in(user) -> dict | None:
    choice = MoodCheckInChoice.objects.filter(member=user).first()
    if choice is None:
        return None
    return {"asked_daily": choice.opted_in, "last_answered_on": _at(choice.last_answered_on)}


def export_duty(user) -> dict | None:
    """A safeguarding lead's own on-duty setting."""
    duty = LeadDuty.objects.filter(lead=user).first()
    return None if duty is None else {"on_duty": duty.on_duty, "changed_at": _at(duty.changed_at)}


SECTIONS = [
    Section("safeguarding_messages", export_messages, ("safeguarding.CaseMessage.author",)),
    Section("support_offers", export_support_offers, ("safeguarding.SupportOffer.member",)),
    Section("mood_check_in", export_mood_check_in, ("safeguarding.MoodCheckInChoice.member",)),
    Section("safeguarding_duty", export_duty, ("safeguarding.LeadDuty.lead",)),
]
WITHHELD = {
    "safeguarding.Case.member": "The case record is a safeguarding record kept to protect you; a member asks "
    "the team for it, and a professional reviews it before release. The words that raised it are your own, "
    "in forum_posts, chat_messages and your account; the team's messages are in safeguarding_messages.",
    "safeguarding.Case.owner": "A lead's work on another member's case: it is about them.",
    "safeguarding.CaseHistory.actor": "Steps in a case, by the leads working on it (and your replies, which "
    "are in safeguarding_messages); a lead's steps in other members' cases are about them.",
    "safeguarding.RiskListVersion.changed_by": "A change to the site's risk phrase list, a record of a lead's "
    "work that is about no member.",
}


def declared(**kwargs) -> tuple[list[Section], dict[str, str]]:
    """This app's answer to accounts.signals.export_requested."""
    return SECTIONS, WITHHELD
