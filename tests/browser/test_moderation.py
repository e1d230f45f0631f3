"""A member reports a post (or a chat message); a moderator on the queue sees it arrive and acts; the author reads why.

The queue updates over its socket at once (polling every 20 seconds is the fallback).
"""

import pytest
from playwright.sync_api import expect

from community.models import Room
from moderation.models import ModeratorScope, Reason, TrainingModule
from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_a_report_reaches_the_queue_live_and_the_author_is_told_kindly(
    thread, board, member, other_member, moderator, signed_in_page
):
    ModeratorScope.objects.create(moderator=moderator, board=board)
    on_duty = signed_in_page(moderator)
    on_duty.goto("/moderation/")
    expect(on_duty.get_by_text("Nothing needs you right now.")).to_be_visible()

    reporter = signed_in_page(member)
    reporter.goto(f"/moderation/report/post/{thread.opening_post_id}/")
    reporter.get_by_label("Unkind or bullying").check()
    reporter.get_by_role("button", name="Send report").click()
    expect(reporter.get_by_role("heading", name="Thank you for telling us")).to_be_visible()

    reported = on_duty.get_by_role("link", name="Reported post in “Panic on the bus” (Anxiety)")
    expect(reported).to_be_visible(timeout=25_000)
    reported.click()
    on_duty.get_by_label("Reason, in plain and kind words").fill("Please keep this kind to each other.")
    on_duty.get_by_role("button", name="Hide", exact=True).click()
    expect(on_duty.get_by_text("Done. Thank you.")).to_be_visible()

    author = signed_in_page(other_member)
    author.goto("/moderation/notices/")
    expect(author.get_by_text("A moderator has hidden one of your posts.")).to_be_visible()
    expect(author.get_by_text("Please keep this kind to each other.")).to_be_visible()
    expect(author.get_by_text(member.handle)).to_have_count(0)


def test_a_reported_chat_message_reaches_the_rooms_moderator_who_mutes_the_member(
    member, other_member, moderator, make_host, signed_in_page
):
    room = Room.objects.create(name="Creative corner", slug="creative-corner", purpose="Making things.")
    make_host(room, user=moderator)
    author, reporter = signed_in_page(other_member), signed_in_page(member)
    for page in (author, reporter):
        page.goto("/rooms/creative-corner/")
        expect(page.locator("#room[data-live='1']")).to_be_attached()
    author.get_by_label("Your message").fill("Nobody here wants to hear from you")
    author.get_by_role("button", name="Send").click()
    expect(reporter.get_by_text("Nobody here wants to hear from you")).to_be_visible()

    reporter.get_by_role("link", name=f"Report this message from {other_member.public_name}").click()
    reporter.get_by_label("Unkind or bullying").check()
    reporter.get_by_role("button", name="Send report").click()
    expect(reporter.get_by_text("Reported, thank you.")).to_be_visible()

    on_duty = signed_in_page(moderator)
    on_duty.goto("/moderation/?room=creative-corner")
    on_duty.get_by_role("link", name="Reported message in Creative corner").click()
    expect(on_duty.get_by_role("heading", name="Reported message in Creative corner")).to_be_visible()
    on_duty.get_by_label("Reason, in plain and kind words").fill("Let's take a breather and keep it kind.")
    on_duty.get_by_label("If muting: for how long").select_option(label="15 minutes")
    on_duty.get_by_role("button", name="Mute in this room").click()
    expect(on_duty.get_by_text("Done. Thank you.")).to_be_visible()

    expect(author.get_by_text("A host has paused your messages in this room until")).to_be_visible()
    expect(author.get_by_label("Your message")).to_be_hidden()
    author.goto("/moderation/notices/")
    expect(author.get_by_text("A moderator has paused your messages in Creative corner until")).to_be_visible()
    expect(author.get_by_text("Let's take a breather and keep it kind.")).to_be_visible()
    expect(author.get_by_text(member.handle)).to_have_count(0)


def test_an_administrator_makes_a_member_a_moderator_in_one_step(board, member, admin_user, signed_in_page):
    room = Room.objects.create(name="Creative corner", slug="creative-corner", purpose="Making things.")
    admin = signed_in_page(admin_user, width=1280)
    admin.goto("/moderation/team/")
    admin.get_by_label("Member's name").fill(member.handle)
    admin.get_by_role("group", name="Boards they will moderate").get_by_label(board.title).check()
    admin.get_by_role("group", name="Rooms they will host").get_by_label(room.name).check()
    training = admin.get_by_role("group", name="Training you have already gone through with them")
    for module in TrainingModule.objects.all():
        training.get_by_label(module.title).check()
    admin.get_by_role("button", name="Make peer moderator").click()
    expect(admin.get_by_text(f"{member.handle} is now a peer moderator, and their tools are open.")).to_be_visible()
    expect(admin.get_by_role("heading", name=member.handle)).to_be_visible()
    expect(admin.get_by_role("group", name=f"{member.handle}'s rooms").get_by_label(room.name)).to_be_checked()

    newcomer = signed_in_page(member, width=375)
    newcomer.goto("/moderation/")
    expect(newcomer.get_by_role("heading", name="Moderation queue")).to_be_visible()
    expect(newcomer.get_by_text("Nothing needs you right now.")).to_contain_text(f"{board.title}, {room.name}")
    newcomer.goto(f"/rooms/{room.slug}/host/")
    expect(newcomer.get_by_role("heading", name=f"Hosting {room.name}")).to_be_visible()


def _beside(page, radio_id: str) -> bool:
    """The radio button is left of its label and level with it (its middle within the label's height)."""
    radio = page.locator(f"#{radio_id}").bounding_box()
    label = page.locator(f"label[for={radio_id}]").bounding_box()
    middle = radio["y"] + radio["height"] / 2
    return radio["x"] + radio["width"] <= label["x"] and label["y"] <= middle <= label["y"] + label["height"]


@pytest.mark.parametrize("width", [375, 1280])
def test_the_report_form_shows_the_post_with_each_reason_beside_its_button(thread, member, signed_in_page, width):
    page = signed_in_page(member, width=width)
    page.goto(f"/moderation/report/post/{thread.opening_post_id}/")
    expect(page.locator(".report-preview")).to_contain_text("It happened again today.")
    expect(page.locator(".report-preview")).to_contain_text(f"by {thread.author.public_name} in “{thread.title}”")
    for value in Reason.values:
        assert _beside(page, f"reason-{value}"), value
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="Thank you for telling us")).to_be_visible()


def test_the_chat_report_page_shows_the_message_without_links_to_act(member, other_member, signed_in_page):
    from community.services import chat

    room = Room.objects.create(name="Creative corner", slug="creative-corner", purpose="Making things.")
    chat.send_message(other_member, room, "Hmm, not nice")
    page = signed_in_page(member, width=375)
    page.goto("/rooms/creative-corner/m/1/report/")
    expect(page.locator(".chat-log")).to_contain_text("Hmm, not nice")
    expect(page.locator(".chat-log").get_by_role("link")).to_have_count(0)
    assert _beside(page, "reason-unkind")
