"""A concern about a moderator reaches safeguarding leads and administrators only, never the moderator concerned."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from moderation import permissions as perms
from moderation.models import ModerationLog, ReviewItem, TargetType
from moderation.services import queue, reports, review

pytest_plugins = ["tests.moderation_fixtures"]

WORDS = "They removed my post and the reason felt mocking."


@pytest.fixture
def concern(member, scoped_moderator):
    reports.raise_concern(member, scoped_moderator, WORDS)
    return ReviewItem.objects.get(target_type=TargetType.CONCERN)


@pytest.mark.parametrize(("role", "sees"), [("lead", True), ("admin_user", True), ("outside_moderator", False)])
def test_only_leads_and_administrators_see_a_concern(role, sees, request, concern):
    viewer = request.getfixturevalue(role)
    assert perms.items_visible_to(viewer).filter(pk=concern.pk).exists() is sees


def test_the_moderator_concerned_never_sees_it_even_as_a_lead(member, lead, admin_user):
    reports.raise_concern(member, lead, WORDS)
    item = ReviewItem.objects.get(target_type=TargetType.CONCERN)
    assert not perms.items_visible_to(lead).filter(pk=item.pk).exists()
    review.perform(admin_user, item.pk, perms.DISMISS, item.version, "Spoke with them.")
    assert not perms.log_visible_to(lead, ModerationLog.objects.all()).filter(item=item).exists()
    assert perms.log_visible_to(admin_user, ModerationLog.objects.all()).filter(item=item).exists()


def test_the_moderator_concerned_cannot_open_it(concern, scoped_moderator, client_for):
    client = client_for(scoped_moderator)
    assert client.get(reverse("moderation:item", args=[concern.pk])).status_code == 404
    assert "Concern about" not in client.get(reverse("moderation:queue")).content.decode()


def test_peer_moderators_do_not_see_concern_actions_in_member_history(
    concern, scoped_moderator, outside_moderator, lead, thread, make_member
):
    review.perform(lead, concern.pk, perms.FEEDBACK, concern.version, "Please take more care with reasons.")
    post = thread.opening_post
    post.author = scoped_moderator
    post.save(update_fields=["author"])
    reports.report_post(make_member(), post, "unkind")
    item = ReviewItem.objects.get(post=post)
    assert queue.item_context(outside_moderator, item)["member_history"] == []
    assert [row.action for row in queue.item_context(lead, item)["member_history"]] == ["feedback"]


def test_a_member_raises_a_concern_from_the_form(member, scoped_moderator, lead, client_for):
    client = client_for(member)
    form = client.get(reverse("moderation:concern") + f"?about={scoped_moderator.handle}").content.decode()
    assert f'value="{scoped_moderator.handle}"' in form
    response = client.post(reverse("moderation:concern"), {"about": scoped_moderator.handle, "detail": WORDS})
    assert "The moderator won't see it" in response.content.decode()
    page = client_for(lead).get(reverse("moderation:queue")).content.decode()
    assert f"Concern about moderator {scoped_moderator.handle}" in page


@pytest.mark.parametrize(
    ("about", "detail", "error"),
    [("sky", WORDS, "find a moderator"), ("kindmod", "", "tell us a little"), ("robin", WORDS, "yourself")],
)
def test_concerns_need_a_moderator_and_some_words(
    about, detail, error, member, other_member, scoped_moderator, client_for
):
    response = client_for(member).post(reverse("moderation:concern"), {"about": about, "detail": detail})
    assert response.status_code == 400 and error in response.content.decode()
    assert not ReviewItem.objects.exists()


def test_a_moderators_profile_links_to_the_concern_form(member, other_member, scoped_moderator, client_for):
    client = client_for(member)
    assert "Raise a concern" in client.get(reverse("profile", args=[scoped_moderator.handle])).content.decode()
    assert "Raise a concern" not in client.get(reverse("profile", args=[other_member.handle])).content.decode()


def test_the_admin_site_hides_a_concern_its_history_and_its_log_from_the_administrator_concerned(
    member, admin_user, make_member, client_for
):
    colleague = make_member("otheradmin", roles=(Role.ADMINISTRATOR,))
    User.objects.filter(pk=colleague.pk).update(is_superuser=True)
    reports.raise_concern(member, admin_user, WORDS)
    item = ReviewItem.objects.get(target_type=TargetType.CONCERN)
    review.perform(colleague, item.pk, perms.FEEDBACK, item.version, "Please take more care with reasons.")
    pages = ("/admin/moderation/reviewitem/", "/admin/moderation/reviewhistory/", "/admin/moderation/moderationlog/")
    for page in pages:
        concerned = client_for(admin_user).get(page)
        assert concerned.status_code == 200 and concerned.context["cl"].result_count == 0, page
        assert client_for(colleague).get(page).context["cl"].result_count > 0, page
