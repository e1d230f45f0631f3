"""Chat rooms in real browsers: two people talking live, a host removing a message or muting a member, ground rules
first."""

import calendar
from datetime import UTC, datetime, time, timedelta

from playwright.sync_api import expect

from community.models import Room, RoomOpening
from community.services import rooms
from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def open_room(page, slug: str = "creative-corner"):
    page.goto(f"/rooms/{slug}/")
    expect(page.locator("#room[data-live='1']")).to_be_attached()


def make_room(**extra) -> Room:
    return Room.objects.create(name="Creative corner", slug="creative-corner", purpose="Making things.", **extra)


def test_two_members_chat_live(member, other_member, signed_in_page):
    make_room()
    robin, sky = signed_in_page(member), signed_in_page(other_member)
    open_room(robin)
    open_room(sky)

    robin.get_by_label("Your message").fill("Finished my first crochet square!")
    robin.get_by_role("button", name="Send").click()
    expect(sky.get_by_text("Finished my first crochet square!")).to_be_visible()
    expect(robin.get_by_label("Your message")).to_have_value("")

    sky.get_by_label("Your message").fill("Well done, robin! Share a photo some time?")
    sky.get_by_label("Your message").press("Enter")
    expect(robin.get_by_text("Well done, robin! Share a photo some time?")).to_be_visible()
    expect(robin.locator("#presence-count")).to_have_text("2")


def test_refused_message_keeps_its_words(member, signed_in_page, settings):
    make_room(slow_mode_seconds=60)
    robin = signed_in_page(member)
    open_room(robin)
    robin.get_by_label("Your message").fill("First thought")
    robin.get_by_role("button", name="Send").click()
    expect(robin.get_by_text("First thought")).to_be_visible()
    robin.get_by_label("Your message").fill("A second thought, straight away")
    robin.get_by_role("button", name="Send").click()
    expect(robin.get_by_role("alert")).to_contain_text("Slow mode is on")
    expect(robin.get_by_label("Your message")).to_have_value("A second thought, straight away")


def test_host_removes_a_message_and_it_vanishes_for_the_other(member, moderator, make_host, signed_in_page):
    room = make_room()
    make_host(room, user=moderator)
    robin, host = signed_in_page(member), signed_in_page(moderator)
    open_room(robin)
    open_room(host)

    robin.get_by_label("Your message").fill("Something unkind about someone")
    robin.get_by_role("button", name="Send").click()
    expect(host.get_by_text("Something unkind about someone")).to_be_visible()

    host.get_by_role("link", name="Remove this message from robin").click()
    host.get_by_label("Reason (the member will see this)").fill("Please keep it kind")
    host.get_by_role("button", name="Remove message").click()

    expect(robin.get_by_text("Something unkind about someone")).to_have_count(0)
    expect(robin.locator(".chat-removed")).to_have_text("Removed by a moderator")
    expect(robin.get_by_text("A host removed one of your messages in Creative corner.")).to_be_visible()


def test_host_mutes_a_member_chosen_from_the_room_and_they_are_told_live(member, moderator, make_host, signed_in_page):
    room = make_room()
    make_host(room, user=moderator)
    robin, host = signed_in_page(member), signed_in_page(moderator, width=1280)
    open_room(robin)
    robin.get_by_label("Your message").fill("Another sharp remark")
    robin.get_by_role("button", name="Send").click()
    expect(robin.get_by_text("Another sharp remark")).to_be_visible()

    host.goto("/rooms/creative-corner/host/")
    host.get_by_label("Who").select_option(label="robin")
    host.get_by_label("Mute for").select_option(label="1 hour")
    host.get_by_label("Reason (the member will see this)").fill("Let's take a breather")
    host.get_by_role("button", name="Mute in this room").click()
    expect(host.get_by_text("robin is muted in this room.")).to_be_visible()
    expect(robin.get_by_text("A host has paused your messages in this room")).to_be_visible()

    host.goto("/moderation/log/")
    row = host.get_by_role("row").filter(has_text="Let's take a breather")
    expect(row).to_contain_text("mute")
    expect(row).to_contain_text("in Creative corner")


def _zone_where_it_is_now_23_hours() -> tuple[str, datetime]:
    """A fixed-offset time zone in which the clock now reads 23:xx, and the local time there."""
    now = datetime.now(UTC)
    for hours in range(-12, 15):
        local = now + timedelta(hours=hours)
        if local.hour == 23:
            return f"Etc/GMT{-hours:+d}", local  # Etc/GMT-5 is five hours ahead of UTC
    raise AssertionError("every hour of the day has an Etc/GMT zone")


def test_an_overnight_room_is_open_at_half_past_eleven_at_night(member, signed_in_page):
    zone, local = _zone_where_it_is_now_23_hours()
    room = make_room(time_zone=zone)
    RoomOpening.objects.create(room=room, weekday=local.weekday(), starts=time(22), ends=time(2))
    robin = signed_in_page(member)
    robin.goto("/rooms/")
    expect(robin.get_by_text(f"{calendar.day_name[local.weekday()]}s 22:00-02:00")).to_be_visible()
    open_room(robin)
    expect(robin.locator("#room-status")).to_contain_text("Open now until 02:00.")
    robin.get_by_label("Your message").fill("Can't sleep, anyone else up?")
    robin.get_by_role("button", name="Send").click()
    expect(robin.locator(".chat-log").get_by_text("Can't sleep, anyone else up?")).to_be_visible()


def test_member_accepts_room_rules_before_the_composer_appears(member, admin_user, signed_in_page):
    room = make_room()
    rooms.publish_room_rules(room, "Every attempt counts. Kind words only.", by=admin_user)
    robin = signed_in_page(member)
    robin.goto("/rooms/creative-corner/")
    expect(robin.get_by_role("heading", name="Ground rules for Creative corner")).to_be_visible()
    expect(robin.get_by_label("Your message")).to_have_count(0)
    robin.get_by_role("button", name="I agree to these ground rules").click()
    expect(robin.get_by_label("Your message")).to_be_visible()


def test_room_works_at_320px(member, signed_in_page):
    make_room()
    robin = signed_in_page(member, width=320)
    open_room(robin)
    robin.get_by_label("Your message").fill("Hello from a small screen")
    robin.get_by_role("button", name="Send").click()
    expect(robin.get_by_text("Hello from a small screen")).to_be_visible()
    assert robin.evaluate("document.documentElement.scrollWidth") <= 320


def test_room_pages_pass_axe_at_phone_and_desktop_widths(member, moderator, make_host, signed_in_page, admin_user):
    from axe_playwright_python.sync_playwright import Axe

    from community.services import chat

    room = make_room()
    make_host(room, user=moderator)
    rooms.publish_room_rules(room, "Kind words only.", by=admin_user)
    rooms.accept_room_rules(moderator, room)
    chat.send_message(moderator, room, "Welcome in, see https://example.org/welcome")
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
    for width in (320, 1280):
        robin = signed_in_page(member, width=width, bypass_csp=True)  # axe is injected as a script
        host = signed_in_page(moderator, width=width, bypass_csp=True)
        for page, path in (
            (robin, "/rooms/"),
            (robin, "/rooms/creative-corner/"),
            (host, "/rooms/creative-corner/"),
            (host, "/rooms/creative-corner/host/"),
            (host, "/rooms/creative-corner/m/1/remove/"),
        ):
            page.goto(path)
            results = Axe().run(page, options=options)
            assert results.violations_count == 0, f"{path} at {width}px:\n{results.generate_report()}"
