"""Every role against every action, for a published post in the moderator's board."""

import pytest

from accounts.roles import Role
from community.models import Post
from community.services import forum
from moderation import permissions as perms
from moderation.models import ModerationLog, ModeratorScope, ReviewItem
from moderation.services import reports, review, training

pytest_plugins = ["tests.moderation_fixtures"]

A = perms
ON_PUBLISHED = {A.DISMISS, A.HIDE, A.REMOVE, A.EDIT, A.FEEDBACK, A.PREMODERATE, A.REFER}
EVERYWHERE = ON_PUBLISHED | {A.SUSPEND}

# role -> actions allowed on an open report about a published post
MATRIX = {
    "member": set(),
    "outside_moderator": set(),
    "scoped_moderator": ON_PUBLISHED,
    "lead": EVERYWHERE,
    "admin_user": EVERYWHERE,
    "reporting_moderator": set(),  # reported it too: the decision is someone else's
    "reporting_lead": set(),
}


@pytest.fixture
def item(thread, make_member):
    reports.report_post(make_member(), thread.opening_post, "unkind")
    return ReviewItem.objects.select_related("post").get()


def _also_reports(user, item):
    reports.report_post(user, item.post, "rules")
    item.refresh_from_db()
    return user


@pytest.fixture
def reporting_moderator(item, make_member, board, admin_user):
    user = make_member("worriedmod", roles=(Role.MODERATOR,))
    training.confirm_all(user, by=admin_user)
    ModeratorScope.objects.create(moderator=user, board=board)
    return _also_reports(user, item)


@pytest.fixture
def reporting_lead(item, make_member):
    return _also_reports(make_member("worriedlead", roles=(Role.SAFEGUARDING_LEAD,)), item)


@pytest.mark.parametrize("role", MATRIX)
def test_allowed_actions_per_role(role, item, request, scoped_moderator, outside_moderator, lead, admin_user):
    viewer = request.getfixturevalue(role)
    assert set(perms.allowed_actions(viewer, item)) == MATRIX[role]


@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize("action", perms.ACTIONS)
def test_perform_obeys_the_matrix(role, action, item, request, scoped_moderator, outside_moderator, lead, admin_user):
    viewer = request.getfixturevalue(role)
    if action in MATRIX[role]:
        review.perform(viewer, item.pk, action, item.version, "A short reason", body="Kinder words")
    else:
        with pytest.raises(review.ModerationError):
            review.perform(viewer, item.pk, action, item.version, "A short reason", body="Kinder words")


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


def test_an_item_the_viewer_reported_is_left_out_of_their_queue(item, reporting_moderator, reporting_lead, lead):
    assert not perms.items_visible_to(reporting_moderator).exists()
    assert not perms.items_visible_to(reporting_lead).exists()
    assert list(perms.items_visible_to(lead)) == [item]


def test_nobody_sees_log_rows_about_themselves(thread, make_member, scoped_moderator, lead, admin_user):
    from accounts.services import grant_role

    post = forum.add_reply(scoped_moderator, thread, "A moderator's own post.")
    reports.report_post(make_member(), post, "unkind")
    item = ReviewItem.objects.get(post=post)
    review.perform(admin_user, item.pk, perms.FEEDBACK, item.version, "Please be gentler with newcomers.")
    rows = ModerationLog.objects.filter(item=item)
    assert rows.filter(actor=admin_user).exists()
    assert not perms.log_visible_to(scoped_moderator, rows).exists()
    assert perms.log_visible_to(lead, rows).filter(actor=admin_user).exists()
    grant_role(scoped_moderator, Role.SAFEGUARDING_LEAD)
    assert not perms.log_visible_to(scoped_moderator, rows).exists()


def test_hide_is_not_offered_on_a_held_post(thread, make_member, lead, scoped_moderator, settings):
    settings.MODERATION_PREMODERATE_FIRST_POSTS = 0
    settings.SAFEGUARDING_HOLD_CRISIS = True
    post = forum.add_reply(make_member(), thread, "I'm going to kill myself tonight, I can't do this any more.")
    assert post.state == Post.State.HELD
    reports.report_post(lead, post, "spam")
    item = ReviewItem.objects.get(post=post)
    assert A.HIDE not in perms.allowed_actions(scoped_moderator, item)
    assert A.REMOVE in perms.allowed_actions(scoped_moderator, item)


def test_peer_moderators_see_only_their_boards_in_the_queue(item, scoped_moderator, outside_moderator, lead):
    assert list(perms.items_visible_to(scoped_moderator)) == [item]
    assert not perms.items_visible_to(outside_moderator).exists()
    assert list(perms.items_visible_to(lead)) == [item]


def test_member_profile_reports_go_to_leads_and_admins_only(member, other_member, scoped_moderator, lead):
    reports.report_member(member, other_member, "spam")
    item = ReviewItem.objects.get()
    assert perms.allowed_actions(scoped_moderator, item) == []
    assert A.SUSPEND in perms.allowed_actions(lead, item)
