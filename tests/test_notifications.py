"""Notifications: consolidated while unread, respecting choices, blocks and breaks; live count after commit."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import notifications, selfcare
from accounts.models import Notification
from community.services import forum, reactions

Kind = Notification.Kind


def hug(recipient, actor, post_id=1):
    return notifications.notify(recipient, Kind.REACTION, actor, f"reactions:{post_id}", "/t/1/", "Rough day", "a hug")


@pytest.fixture
def rough_day(member, board):
    return forum.start_thread(member, board, "Rough day", "Today was hard.").opening_post


def test_reactions_on_the_same_post_consolidate_while_unread(member, make_member):
    for handle in ("ash", "bea", "cal", "dee"):
        hug(member, make_member(handle))
    only = member.notifications.get()
    assert notifications.describe(only) == "4 people sent a hug to your post in “Rough day”"


def test_every_kind_of_reaction_on_one_post_is_one_notification_updated_in_place(member, make_member, rough_day):
    for handle, kind in (("ash", "hug"), ("bea", "hear"), ("cal", "hug"), ("dee", "well_done")):
        reactions.toggle_reaction(make_member(handle), rough_day, kind)
    only = member.notifications.get()
    assert notifications.describe(only) == (
        "4 people sent a hug, “I hear you” and “Well done” to your post in “Rough day”"
    )
    assert only.url == reverse("forum_post", args=[rough_day.pk])


def test_one_person_sending_one_reaction_is_named(member, other_member, rough_day):
    reactions.toggle_reaction(other_member, rough_day, "hear")
    assert notifications.describe(member.notifications.get()) == "sky sent “I hear you” to your post in “Rough day”"


def test_a_read_notification_is_not_reused(member, other_member, make_member):
    hug(member, other_member)
    notifications.mark_all_read(member)
    hug(member, make_member("ash"))
    assert member.notifications.count() == 2
    assert notifications.unread_count(member) == 1


def test_different_posts_are_different_notifications(member, other_member):
    hug(member, other_member, post_id=1)
    hug(member, other_member, post_id=2)
    assert member.notifications.count() == 2


def test_nobody_is_notified_of_their_own_actions(member):
    assert hug(member, member) is None


def test_members_choose_which_kinds_they_hear_about(member, other_member):
    member.notify_reactions = False
    member.save()
    assert hug(member, other_member) is None
    reply = notifications.notify(member, Kind.REPLY, other_member, "thread:1", "/t/1/", "Rough day")
    assert notifications.describe(reply) == "sky replied to Rough day"


def test_no_notifications_between_blocked_members_either_way(member, other_member):
    selfcare.block_member(member, other_member)
    assert hug(member, other_member) is None
    assert hug(other_member, member) is None


def test_no_notifications_while_on_a_break(member, other_member):
    selfcare.take_break(member, timezone.now() + timedelta(days=3))
    assert hug(member, other_member) is None
    selfcare.come_back(member)
    assert hug(member, other_member) is not None


def test_former_members_are_named_as_such(member, other_member):
    from accounts.services import delete_account

    notification = hug(member, other_member)
    delete_account(other_member)
    assert notifications.describe(notification).startswith("Former member sent")


def test_live_unread_count_is_sent_only_after_commit(member, other_member, django_capture_on_commit_callbacks):
    with mock.patch("config.realtime._send_now") as send:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            hug(member, other_member)
        send.assert_not_called()
        for callback in callbacks:
            callback()
    send.assert_called_once_with(f"member-{member.pk}", {"type": "notifications.unread", "count": 1})


@pytest.mark.security("state-on-get")
def test_opening_the_notifications_page_lists_them_and_leaves_them_unread(member, other_member, client_for):
    hug(member, other_member)
    content = client_for(member).get("/notifications/").content.decode()
    assert "sky sent a hug to your post in “Rough day”" in content
    assert "just now" in content and "0\xa0minutes" not in content and "0 minutes" not in content
    assert "Mark all as read" in content
    assert notifications.unread_count(member) == 1


@pytest.mark.security("state-on-get")
def test_mark_all_as_read_is_a_post_and_marks_only_what_the_page_showed(member, other_member, make_member, client_for):
    hug(member, other_member)
    client = client_for(member)
    page = client.get("/notifications/").content.decode()
    shown_at = re.search(r'name="shown_at" value="([^"]+)"', page).group(1)
    hug(member, make_member("late"), post_id=2)  # arrives after the page was shown
    response = client.post("/notifications/read/", {"shown_at": shown_at})
    assert response["Location"] == "/notifications/"
    assert list(member.notifications.filter(read_at__isnull=True).values_list("target_key", flat=True)) == [
        "reactions:2"
    ]
    assert client.get("/notifications/read/").status_code == 405


def test_header_shows_the_unread_count(member, other_member, client_for):
    hug(member, other_member)
    content = client_for(member).get("/account/").content.decode()
    assert 'data-unread="1"' in content


def test_saving_choices_on_the_notifications_page(member, client_for):
    client_for(member).post("/notifications/", {"notify_replies": "on", "daily_digest": "on"})
    member.refresh_from_db()
    assert (member.notify_replies, member.notify_quotes, member.notify_reactions, member.daily_digest) == (
        True,
        False,
        False,
        True,
    )


@pytest.fixture
def digest_member(member):
    member.daily_digest = True
    member.save()
    return member


def test_daily_digest_counts_without_revealing_content(digest_member, other_member):
    hug(digest_member, other_member)
    assert notifications.send_daily_digests() == 1
    email = mail.outbox[0]
    assert email.to == [digest_member.email]
    assert "1 new notification" in email.body
    assert "Rough day" not in email.body and "sky" not in email.body


def test_daily_digest_is_sent_once_for_the_same_notifications(digest_member, other_member):
    hug(digest_member, other_member)
    notifications.send_daily_digests()
    assert notifications.send_daily_digests(now=timezone.now() + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1


def test_no_digest_for_members_who_did_not_choose_one(member, other_member):
    hug(member, other_member)
    assert notifications.send_daily_digests() == 0
