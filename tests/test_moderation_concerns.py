"""Medium-level risk found by screening becomes a moderation item marked as a safeguarding concern."""

from community.services import forum
from moderation.models import Reason, ReviewItem
from moderation.services import review
from safeguarding.models import Case

pytest_plugins = ["tests.moderation_fixtures"]


def test_a_medium_concern_reaches_the_queue_blurred_and_marked_as_a_safety_worry(thread, member):
    reply = forum.add_reply(member, thread, "I feel so hopeless lately.")
    item = ReviewItem.objects.get(post=reply)
    assert item.reasons == [Reason.SAFETY] and item.sensitive and item.report_count == 0
    assert item.history.get().action == "screened"
    assert not Case.objects.exists()


def test_a_moderator_refers_a_concern_to_a_lead_in_one_action(thread, member, scoped_moderator, lead):
    reply = forum.add_reply(member, thread, "I feel so hopeless lately.")
    item = ReviewItem.objects.get(post=reply)
    review.perform(scoped_moderator, item.pk, "refer", item.version, reason="Sounds low; worth a lead's look.")
    assert Case.objects.get(member=member).status == "open"


def test_ordinary_and_high_writing_make_no_concern_item(thread, member):
    forum.add_reply(member, thread, "Had a lovely walk today.")
    forum.add_reply(member, thread, "I want to die.")
    assert not ReviewItem.objects.exists()


def test_moderators_see_that_a_case_is_open_but_not_what_it_holds(thread, member, scoped_moderator, lead, client_for):
    from safeguarding.services import cases

    reply = forum.add_reply(member, thread, "I feel so hopeless lately.")
    forum.add_reply(member, thread, "Honestly I want to die.")
    cases.add_note(lead, Case.objects.get(member=member), "Spoke with them by message; safe tonight.")
    item = ReviewItem.objects.get(post=reply)
    page = client_for(scoped_moderator).get(f"/moderation/item/{item.pk}/").content.decode()
    assert "The safeguarding team is already supporting this member." in page
    assert "safe tonight" not in page and "/safeguarding/cases/" not in page
