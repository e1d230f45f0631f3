"""The pages: reporting, the queue, acting, notices, your reports and the log."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.urls import reverse

from moderation.models import MemberNotice, ReviewItem
from moderation.services import reports

pytest_plugins = ["tests.moderation_fixtures"]


def test_a_member_reports_a_post_and_is_thanked(thread, member, client_for):
    url = reverse("moderation:report_post", args=[thread.opening_post_id])
    client = client_for(member)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "unkind", "detail": ""})
    assert "Thank you for telling us" in response.content.decode()
    assert ReviewItem.objects.get().report_count == 1


@pytest.mark.parametrize("url_name", ["report_post", "report_thread"])
def test_the_report_form_shows_the_post_being_reported(url_name, thread, member, client_for):
    args = [thread.opening_post_id] if url_name == "report_post" else [thread.pk]
    page = client_for(member).get(reverse(f"moderation:{url_name}", args=args)).content.decode()
    preview = page.split('class="report-preview"')[1].split("</figure>")[0]
    assert thread.opening_post.body_html in preview and thread.author.public_name in preview
    assert f"“{thread.title}”" in preview
    assert "/moderation/report/" not in preview and "Quote" not in preview


def test_a_report_form_error_is_shown_kindly(thread, member, client_for):
    url = reverse("moderation:report_thread", args=[thread.pk])
    response = client_for(member).post(url, {"reason": "other", "detail": ""})
    assert response.status_code == 400
    assert "tell us a little" in response.content.decode()


def test_a_member_reports_a_profile(member, other_member, client_for):
    url = reverse("moderation:report_member", args=[other_member.handle])
    client_for(member).post(url, {"reason": "spam"})
    assert ReviewItem.objects.get().target_type == "member"


def test_the_queue_is_for_moderators_in_scope(
    thread, member, make_member, scoped_moderator, outside_moderator, client_for
):
    reports.report_post(make_member(), thread.opening_post, "unkind")
    assert client_for(member).get(reverse("moderation:queue")).status_code == 404
    assert "Panic on the bus" not in client_for(outside_moderator).get(reverse("moderation:queue")).content.decode()
    assert "Panic on the bus" in client_for(scoped_moderator).get(reverse("moderation:queue")).content.decode()
    item = ReviewItem.objects.get()
    assert client_for(outside_moderator).get(reverse("moderation:item", args=[item.pk])).status_code == 404


def test_sensitive_items_are_folded_until_opened(thread, make_member, scoped_moderator, client_for):
    reports.report_post(make_member(), thread.opening_post, "safety")
    html = client_for(scoped_moderator).get(reverse("moderation:queue_list")).content.decode()
    assert '<details class="sensitive">' in html


def test_a_moderator_edits_a_post_from_its_item_page(thread, make_member, scoped_moderator, client_for):
    item = reports.report_post(make_member(), thread.opening_post, "rules").item
    client = client_for(scoped_moderator)
    page = client.get(reverse("moderation:item", args=[item.pk])).content.decode()
    assert '<textarea id="body" name="body"' in page and thread.opening_post.body in page
    client.post(
        reverse("moderation:act", args=[item.pk]),
        {"action": "edit", "version": item.version, "reason": "Took out a surname", "body": "It happened again."},
    )
    thread.opening_post.refresh_from_db()
    assert (thread.opening_post.body, thread.opening_post.moderator_note) == (
        "It happened again.",
        "Took out a surname",
    )


def test_the_queue_filters_by_reason(thread, make_member, scoped_moderator, client_for):
    reports.report_post(make_member(), thread.opening_post, "unkind")
    client = client_for(scoped_moderator)
    assert "Panic on the bus" not in client.get(reverse("moderation:queue") + "?reason=spam").content.decode()
    assert "Panic on the bus" in client.get(reverse("moderation:queue") + "?reason=unkind").content.decode()


def test_a_moderator_hides_a_post_and_the_author_reads_the_notice(
    thread,
    member,
    other_member,
    scoped_moderator,
    client_for,
):
    reports.report_post(member, thread.opening_post, "unkind")
    item = ReviewItem.objects.get()
    moderator = client_for(scoped_moderator)
    page = moderator.get(reverse("moderation:item", args=[item.pk])).content.decode()
    assert "It happened again today." in page and "Hide" in page
    moderator.post(
        reverse("moderation:act", args=[item.pk]),
        {"action": "hide", "version": item.version, "reason": "Please keep this kind."},
    )
    author = client_for(other_member)
    notices_page = author.get(reverse("moderation:notices")).content.decode()
    assert "A moderator has hidden one of your posts." in notices_page
    assert "Please keep this kind." in notices_page
    assert MemberNotice.objects.get().read_at is None  # reading the page marks nothing (security: state-on-get)
    assert "Mark all as read" in notices_page
    author.post(reverse("moderation:notices_read"))
    assert MemberNotice.objects.get().read_at is not None
    mine = client_for(member).get(reverse("moderation:my_reports")).content.decode()
    assert "We took action" in mine
    assert "kindmod" not in notices_page


def test_the_items_history_names_a_reporter_as_a_member_and_a_moderator_by_name(
    thread, make_member, scoped_moderator, client_for
):
    reports.report_post(make_member("firstreporter"), thread.opening_post, "unkind")
    reports.report_post(make_member("secondreporter"), thread.opening_post, "rules")
    item = ReviewItem.objects.get()
    client = client_for(scoped_moderator)
    client.post(reverse("moderation:act", args=[item.pk]), {"action": "claim", "version": item.version})
    page = client.get(reverse("moderation:item", args=[item.pk])).content.decode()
    history = page.split('id="history-heading"')[1]
    assert "reported by a member" in history and "report_added by a member" in history
    assert f"claim by {scoped_moderator.public_name}" in history
    assert "the system" not in history and "reporter" not in history


def test_a_stale_action_shows_a_message_and_changes_nothing(thread, member, scoped_moderator, client_for):
    reports.report_post(member, thread.opening_post, "unkind")
    item = ReviewItem.objects.get()
    response = client_for(scoped_moderator).post(
        reverse("moderation:act", args=[item.pk]),
        {"action": "hide", "version": item.version - 1, "reason": "x"},
        follow=True,
    )
    assert "Someone else has acted on this" in response.content.decode()
    assert ReviewItem.objects.get().status == "pending"


def test_the_log_is_searchable_by_moderators_only(thread, member, scoped_moderator, client_for):
    reports.report_post(member, thread.opening_post, "unkind")
    item = ReviewItem.objects.get()
    client_for(scoped_moderator).post(
        reverse("moderation:act", args=[item.pk]), {"action": "remove", "version": item.version, "reason": "Cruel"}
    )
    assert client_for(member).get(reverse("moderation:log")).status_code == 404
    html = client_for(scoped_moderator).get(reverse("moderation:log") + "?q=Cruel").content.decode()
    assert "remove" in html and "published → removed" in html


def test_the_context_processor_counts_unread_notices(other_member, rf):
    from moderation.context import notices
    from moderation.services.notices import send_notice

    send_notice(other_member, "A note")
    request = rf.get("/")
    request.user = other_member
    assert notices(request)["unread_moderation_notices"] == 1


# The live queue ---------------------------------------------------------------------------


def _socket(client_for, user):
    from channels.auth import AuthMiddlewareStack
    from channels.routing import URLRouter
    from channels.testing import WebsocketCommunicator
    from django.urls import path

    from moderation.consumers import ModerationQueueConsumer

    application = AuthMiddlewareStack(URLRouter([path("ws/moderation/", ModerationQueueConsumer.as_asgi())]))
    cookie = f"sessionid={client_for(user).cookies['sessionid'].value}".encode()
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost"), (b"cookie", cookie)]
    return WebsocketCommunicator(application, "/ws/moderation/", headers=headers)


@pytest.mark.django_db(transaction=True)
def test_moderators_on_the_queue_hear_of_a_new_report_at_once(thread, member, scoped_moderator, client_for):
    socket = _socket(client_for, scoped_moderator)

    async def run():
        assert (await socket.connect())[0]
        await database_sync_to_async(reports.report_post)(member, thread.opening_post, "unkind")
        event = await socket.receive_json_from(timeout=3)
        await socket.disconnect()
        return event

    assert async_to_sync(run)() == {"type": "review.changed", "item": ReviewItem.objects.get().pk}


def test_members_cannot_listen_to_the_queue(member, client_for):
    socket = _socket(client_for, member)
    assert async_to_sync(socket.connect)() == (False, 4403)


@pytest.mark.security("privacy")
def test_in_context_hides_removed_posts_as_the_thread_page_does(thread, make_member, scoped_moderator, client_for):
    from community.services import forum, moderation

    regret = forum.add_reply(make_member("quietone"), thread, "Something I wish I had not shared.")
    forum.remove_own_post(regret.author, regret)
    unkind = forum.add_reply(make_member("harsh"), thread, "Words a moderator took down.")
    moderation.remove_post(unkind)
    reported = forum.add_reply(make_member("loud"), thread, "The words under review.")
    item = reports.report_post(make_member(), reported, "unkind").item
    forum.remove_own_post(reported.author, reported)
    page = client_for(scoped_moderator).get(reverse("moderation:item", args=[item.pk])).content.decode()
    thread_page = client_for(scoped_moderator).get(thread.get_absolute_url()).content.decode()
    for hidden in ("Something I wish I had not shared.", "quietone", "Words a moderator took down.", "harsh"):
        assert hidden not in thread_page
        assert hidden not in page, hidden
    assert "This post was removed by the author." in page and "This post was removed by a moderator." in page
    assert "The words under review." in page and "loud" in page
