"""Every role against every action, for a published post in the moderator's board."""

import pytest

from accounts.roles import Role
from community.models import Post
from moderation import permissions as perms
from moderation.models import ReviewItem
from moderation.services import reports, review

pytest_plugins = ["tests.moderation_fixtures"]

A = perms
ON_PUBLISHED = {A.DISMISS, A.HIDE, A.REMOVE, A.FEEDBACK, A.PREMODERATE, A.REFER}
EVERYWHERE = ON_PUBLISHED | {A.SUSPEND}

# role -> actions allowed on an open report about a published post
MATRIX = {
    "member": set(),
    "outside_moderator": set(),
    "scoped_moderator": ON_PUBLISHED,
    "lead": EVERYWHERE,
    "admin_user": EVERYWHERE,
}


@pytest.fixture
def item(thread, make_member):
    reports.report_post(make_member(), thread.opening_post, "unkind")
    return ReviewItem.objects.select_related("post").get()


@pytest.mark.parametrize("role", MATRIX)
def test_allowed_actions_per_role(role, item, request, scoped_moderator, outside_moderator, lead, admin_user):
    viewer = request.getfixturevalue(role)
    assert set(perms.allowed_actions(viewer, item)) == MATRIX[role]


@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize("action", perms.ACTIONS)
def test_perform_obeys_the_matrix(role, action, item, request, scoped_moderator, outside_moderator, lead, admin_user):
    viewer = request.getfixturevalue(role)
    if action in MATRIX[role]:
        review.perform(viewer, item.pk, action, item.version, "A short reason")
    else:
        with pytest.raises(review.ModerationError):
            review.perform(viewer, item.pk, action, item.version, "A short reason")


def test_restore_is_offered_only_once_a_post_is_hidden(item, scoped_moderator):
    review.perform(scoped_moderator, item.pk, "hide", item.version, "Hurtful")
    item.refresh_from_db()
    assert item.post.state == Post.State.HIDDEN
    assert perms.allowed_actions(scoped_moderator, item) == [A.RESTORE, A.FEEDBACK, A.PREMODERATE, A.REFER]


def test_nobody_moderates_a_report_about_themselves(thread, make_member):
    author = thread.opening_post.author
    from accounts.services import grant_role

    grant_role(author, Role.SAFEGUARDING_LEAD)
    reports.report_post(make_member(), thread.opening_post, "unkind")
    item = ReviewItem.objects.get()
    assert perms.allowed_actions(author, item) == []
    assert not perms.items_visible_to(author).exists()


def test_peer_moderators_see_only_their_boards_in_the_queue(item, scoped_moderator, outside_moderator, lead):
    assert list(perms.items_visible_to(scoped_moderator)) == [item]
    assert not perms.items_visible_to(outside_moderator).exists()
    assert list(perms.items_visible_to(lead)) == [item]


def test_member_profile_reports_go_to_leads_and_admins_only(member, other_member, scoped_moderator, lead):
    reports.report_member(member, other_member, "spam")
    item = ReviewItem.objects.get()
    assert perms.allowed_actions(scoped_moderator, item) == []
    assert A.SUSPEND in perms.allowed_actions(lead, item)
