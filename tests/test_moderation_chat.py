"""Chat messages in the one moderation queue: reporting, scope, and every role against every action."""

import pytest

from accounts.roles import Role
from community.models import ChatMessage, Room, RoomAction, RoomMember
from community.services import chat, rooms
from moderation import permissions as perms
from moderation.models import MemberNotice, ModerationLog, ModeratorScope, Reason, ReviewItem, TargetType
from moderation.services import queue, reports, review, training
from safeguarding.models import Case

pytest_plugins = ["tests.moderation_fixtures"]

A = perms
ON_PUBLISHED = {A.DISMISS, A.REMOVE, A.FEEDBACK, A.MUTE, A.REFER}
EVERYWHERE = ON_PUBLISHED | {A.SUSPEND}
ON_PUBLISHED_ORDER = [A.DISMISS, A.REMOVE, A.FEEDBACK, A.MUTE, A.REFER]

# role -> actions allowed on an open report about a published chat message
MATRIX = {
    "member": set(),
    "board_moderator": set(),
    "other_room_moderator": set(),
    "room_moderator": ON_PUBLISHED,
    "lead": EVERYWHERE,
    "admin_user": EVERYWHERE,
}


@pytest.fixture
def room(db):
    return Room.objects.create(name="Evening check-in", slug="evening", purpose="How was today?")


@pytest.fixture
def message(room, other_member):
    return chat.send_message(other_member, room, "Nobody wants to hear from you")


@pytest.fixture
def room_moderator(make_host, room):
    return make_host(room, "roomhost")


@pytest.fixture
def board_moderator(scoped_moderator):
    """A peer moderator of a board, not of this room."""
    return scoped_moderator


@pytest.fixture
def other_room_moderator(make_host):
    other_room = Room.objects.create(name="Creative corner", slug="creative", purpose="Making things.")
    return make_host(other_room, "elsewhere")


@pytest.fixture
def item(message, make_member):
    reports.report_chat_message(make_member(), message, Reason.UNKIND)
    return ReviewItem.objects.select_related("chat_message", "room").get()


# Reporting ----------------------------------------------------------------------------


def test_reports_on_one_message_merge_into_one_item_with_the_reasons(message, room, member, make_member):
    reports.report_chat_message(member, message, Reason.UNKIND)
    reports.report_chat_message(make_member(), message, Reason.RULES, "Not the first time")
    item = ReviewItem.objects.get()
    assert (item.target_type, item.target_id, item.chat_message, item.room) == (
        TargetType.CHAT_MESSAGE,
        message.pk,
        message,
        room,
    )
    assert item.member == message.author
    assert item.board is None
    assert (item.report_count, item.reasons) == (2, [Reason.UNKIND, Reason.RULES])
    assert item.priority == reports.compute_priority([Reason.UNKIND, Reason.RULES], 2)


def test_reports_follow_the_same_reason_and_detail_rules(message, member):
    with pytest.raises(reports.ReportError, match="choose a reason"):
        reports.report_chat_message(member, message, "cross")
    with pytest.raises(reports.ReportError, match="tell us a little"):
        reports.report_chat_message(member, message, Reason.OTHER, "  ")
    with pytest.raises(reports.ReportError, match="1,000 characters"):
        reports.report_chat_message(member, message, Reason.UNKIND, "x" * 1001)
    reports.report_chat_message(member, message, Reason.OTHER, "Feels pointed")
    with pytest.raises(reports.ReportError, match="already reported"):
        reports.report_chat_message(member, message, Reason.SPAM)
    assert ReviewItem.objects.get().report_count == 1


def test_own_messages_and_rooms_one_cannot_enter_cannot_be_reported(message, room, member, other_member):
    with pytest.raises(reports.ReportError, match="your own message"):
        reports.report_chat_message(other_member, message, Reason.SPAM)
    room.audience = Room.Audience.MODERATORS
    room.save()
    with pytest.raises(reports.ReportError, match="isn't available"):
        reports.report_chat_message(member, ChatMessage.objects.get(pk=message.pk), Reason.SPAM)
    assert not ReviewItem.objects.exists()


def test_a_safety_report_on_a_message_opens_a_safeguarding_case(message, member, other_member):
    reports.report_chat_message(member, message, Reason.SAFETY, "They said goodbye to everyone")
    case = Case.objects.get()
    assert case.member == other_member
    assert "They said goodbye to everyone" in case.items.get().snapshot
    assert ReviewItem.objects.get().sensitive


def test_three_reporters_hide_the_message_until_a_moderator_leaves_it_up(message, make_member, room_moderator):
    for _ in range(2):
        reports.report_chat_message(make_member(), message, Reason.UNKIND)
    message.refresh_from_db()
    assert message.state == ChatMessage.State.PUBLISHED
    reports.report_chat_message(make_member(), message, Reason.UNKIND)
    message.refresh_from_db()
    item = ReviewItem.objects.get()
    assert message.state == ChatMessage.State.HIDDEN and item.auto_hidden
    assert ModerationLog.objects.filter(action="auto_hide", after=ChatMessage.State.HIDDEN).exists()
    assert "hidden for now" in MemberNotice.objects.get(member=message.author).headline
    review.perform(room_moderator, item.pk, A.DISMISS, item.version)
    message.refresh_from_db()
    assert message.state == ChatMessage.State.PUBLISHED


def test_a_medium_concern_in_a_chat_message_reaches_the_rooms_queue(room, member, room_moderator):
    message = chat.send_message(member, room, "I feel so hopeless lately.")
    item = ReviewItem.objects.get()
    assert (item.chat_message, item.room, item.reasons, item.sensitive) == (message, room, [Reason.SAFETY], True)
    assert perms.allowed_actions(room_moderator, item) == ON_PUBLISHED_ORDER


# Scope and the matrix ---------------------------------------------------------------------


@pytest.mark.parametrize("role", MATRIX)
def test_allowed_actions_per_role(role, item, request):
    viewer = request.getfixturevalue(role)
    assert set(perms.allowed_actions(viewer, item)) == MATRIX[role]
    assert perms.items_visible_to(viewer).filter(pk=item.pk).exists() is bool(MATRIX[role])


@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize("action", perms.ACTIONS)
def test_perform_obeys_the_matrix(role, action, item, request):
    viewer = request.getfixturevalue(role)
    if action in MATRIX[role]:
        review.perform(viewer, item.pk, action, item.version, "A short reason", minutes=15)
    else:
        with pytest.raises(review.ModerationError):
            review.perform(viewer, item.pk, action, item.version, "A short reason", minutes=15)


def test_queue_filters_by_room(item, room, lead, make_member):
    other_room = Room.objects.create(name="Creative corner", slug="creative", purpose="Making things.")
    elsewhere = chat.send_message(make_member(), other_room, "Buy my course")
    reports.report_chat_message(make_member(), elsewhere, Reason.SPAM)
    assert [row["item"] for row in queue.open_items(lead, room="evening")] == [item]
    assert len(queue.open_items(lead, target_type=TargetType.CHAT_MESSAGE)) == 2


def test_a_board_scope_does_not_reach_rooms_nor_a_room_scope_boards(board, room, room_moderator, board_moderator):
    assert perms.room_ids_in_scope(room_moderator) == {room.pk} and perms.board_ids_in_scope(room_moderator) == set()
    assert perms.board_ids_in_scope(board_moderator) == {board.pk} and perms.room_ids_in_scope(board_moderator) == set()
    assert perms.hosts_room(room_moderator, room) and not perms.hosts_room(board_moderator, room)


def test_a_scope_row_is_a_board_or_a_room_never_both(board, room, moderator):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ModeratorScope.objects.create(moderator=moderator, board=board, room=room)
    with pytest.raises(IntegrityError), transaction.atomic():
        ModeratorScope.objects.create(moderator=moderator)


# Actions on a chat message ----------------------------------------------------------------


def test_remove_uses_the_host_removal_and_restore_puts_it_back(item, message, room_moderator):
    review.perform(room_moderator, item.pk, A.REMOVE, item.version, "Please keep it kind", review.rules()[0])
    message.refresh_from_db()
    item.refresh_from_db()
    assert message.state == ChatMessage.State.REMOVED
    assert item.status == ReviewItem.Status.RESOLVED
    assert RoomAction.objects.get(kind=RoomAction.Kind.REMOVE_MESSAGE).actor == room_moderator
    log = ModerationLog.objects.get(action=A.REMOVE)
    assert (log.before, log.after, log.member) == ("published", "removed", message.author)
    notice = MemberNotice.objects.get(member=message.author)
    assert "removed one of your messages" in notice.headline and notice.link == "/rooms/evening/#m1"
    assert perms.allowed_actions(room_moderator, item) == [A.RESTORE, A.FEEDBACK, A.MUTE, A.REFER]
    review.perform(room_moderator, item.pk, A.RESTORE, item.version)
    message.refresh_from_db()
    assert message.state == ChatMessage.State.PUBLISHED


def test_mute_pauses_the_member_in_that_room_for_the_chosen_time(item, message, room, room_moderator):
    with pytest.raises(review.ModerationError, match="how long"):
        review.perform(room_moderator, item.pk, A.MUTE, item.version, "A breather", minutes=7)
    review.perform(room_moderator, item.pk, A.MUTE, item.version, "A breather", minutes=60)
    membership = RoomMember.objects.get(room=room, user=message.author)
    assert membership.is_muted
    assert RoomAction.objects.get(kind=RoomAction.Kind.MUTE).detail == "1 hour"
    assert ModerationLog.objects.get(action=A.MUTE).after == "muted 1 hour"
    assert "paused your messages in Evening check-in" in MemberNotice.objects.get(member=message.author).headline
    with pytest.raises(chat.MessageRefused, match="paused your messages"):
        chat.send_message(message.author, room, "Hello?")


def test_refer_sends_the_message_to_safeguarding(item, message, room_moderator):
    review.perform(room_moderator, item.pk, A.REFER, item.version, "Sounds in a dark place")
    assert "Nobody wants to hear from you" in Case.objects.get(member=message.author).items.get().snapshot


# Pages -----------------------------------------------------------------------------------------


def test_item_page_shows_the_message_in_its_room_and_the_mute_choice(
    item, room, room_moderator, client_for, make_member
):
    chat.send_message(make_member(), room, "I'm here, take your time")
    page = client_for(room_moderator).get(f"/moderation/item/{item.pk}/").content.decode()
    assert "Reported message in Evening check-in" in page
    assert "Nobody wants to hear from you" in page and "take your time" in page
    assert 'name="minutes"' in page and "Mute in this room" in page
    assert '<option value="60">1 hour</option>' in page and '<option value="1440">1 day</option>' in page


def test_queue_page_lists_chat_items_by_room_and_links_the_debrief_room(item, room, room_moderator, client_for):
    Room.objects.create(
        name="Moderators' debrief room", slug="debrief", purpose="Debriefs.", audience=Room.Audience.MODERATORS
    )
    page = client_for(room_moderator).get("/moderation/?room=evening").content.decode()
    assert "Reported message in Evening check-in" in page
    assert 'href="/rooms/debrief/"' in page
    assert 'id="filter-room"' in page


def test_mute_from_the_item_page(item, message, room, room_moderator, client_for):
    response = client_for(room_moderator).post(
        f"/moderation/item/{item.pk}/act/",
        {"action": "mute", "version": item.version, "reason": "A breather", "minutes": "15"},
    )
    assert response.status_code == 302
    assert RoomMember.objects.get(room=room, user=message.author).is_muted


def test_outside_moderators_do_not_find_the_item(item, other_room_moderator, board_moderator, client_for):
    for viewer in (other_room_moderator, board_moderator):
        assert client_for(viewer).get(f"/moderation/item/{item.pk}/").status_code == 404


def test_a_room_scope_hosts_only_with_the_peer_moderator_role(make_member, admin_user):
    room = Room.objects.create(name="Creative corner", slug="creative", purpose="Making things.")
    user = make_member("notyet")
    ModeratorScope.objects.create(moderator=user, room=room)
    assert not perms.hosts_room(user, room)
    peer_moderator = make_member("nowmod", roles=(Role.MODERATOR,))
    ModeratorScope.objects.create(moderator=peer_moderator, room=room)
    assert not perms.hosts_room(peer_moderator, room)  # not until their training is complete
    training.confirm_all(peer_moderator, by=admin_user)
    assert perms.hosts_room(peer_moderator, room)


# Host actions in the moderation log ------------------------------------------------------------


def test_host_actions_in_the_room_are_in_the_moderation_log(room, message, room_moderator):
    author = message.author
    rooms.set_slow_mode(room_moderator, room, 30, "Busy evening")
    rooms.mute_member(room_moderator, room, author, 15, "A breather")
    chat.remove_message(room_moderator, message, "Please keep it kind")
    rooms.remove_member(room_moderator, room, author, "Repeated unkindness")
    rows = {row.action: row for row in ModerationLog.objects.exclude(action="confirm_training")}
    assert set(rows) == {"slow_mode", "mute", "remove_message", "remove_member"}
    assert all(row.actor == room_moderator and row.room == room for row in rows.values())
    assert (rows["slow_mode"].after, rows["slow_mode"].reason, rows["slow_mode"].member) == (
        "30 seconds",
        "Busy evening",
        None,
    )
    assert (rows["mute"].member, rows["mute"].after, rows["mute"].reason) == (author, "muted 15 minutes", "A breather")
    assert (rows["remove_message"].target_type, rows["remove_message"].target_id) == (
        TargetType.CHAT_MESSAGE,
        message.pk,
    )
    assert (rows["remove_member"].member, rows["remove_member"].reason) == (author, "Repeated unkindness")


def test_the_log_page_shows_room_actions_to_the_rooms_moderators_and_leads_only(
    room, message, room_moderator, other_room_moderator, lead, client_for
):
    rooms.mute_member(room_moderator, room, message.author, 60, "A breather")
    for viewer in (room_moderator, lead):
        page = client_for(viewer).get("/moderation/log/").content.decode()
        assert "A breather" in page and "Evening check-in" in page, viewer
    assert "A breather" not in client_for(other_room_moderator).get("/moderation/log/").content.decode()


def test_a_mute_from_the_queue_is_logged_once_with_its_item(item, message, room, room_moderator):
    review.perform(room_moderator, item.pk, A.MUTE, item.version, "A breather", minutes=15)
    row = ModerationLog.objects.get(action=A.MUTE)
    assert (row.item, row.room) == (item, room)
