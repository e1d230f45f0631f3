"""The app shell at 375 and 1280 px: the phone menu, the desktop sidebar, dark mode, the manifest and icons."""

import pytest
from playwright.sync_api import expect

from community.models import Board, Room
from community.services import forum
from tests.browser.conftest import BROWSER_TEST
from tests.browser.test_accessibility import assert_accessible, assert_no_sideways_scroll

pytestmark = BROWSER_TEST


@pytest.fixture
def places(db):
    board = Board.objects.create(title="Anxiety", slug="anxiety", description="Living with anxiety.")
    Room.objects.create(name="Creative corner", slug="creative", purpose="Making things.")
    Room.objects.create(name="Debrief", slug="debrief", purpose="Moderators.", audience=Room.Audience.MODERATORS)
    return board


def test_on_a_phone_the_menu_collapses_and_expands_and_help_stays_in_the_header(member, signed_in_page):
    page = signed_in_page(member, width=375)
    menu = page.get_by_role("button", name="Menu")
    forum_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Forum")
    help_now = page.get_by_role("banner").get_by_role("link", name="Need help now?")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(forum_link).to_be_hidden()
    expect(help_now).to_be_visible()
    assert abs(menu.bounding_box()["y"] - help_now.bounding_box()["y"]) < 8, "brand, help and Menu share one row"

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(forum_link).to_be_visible()
    forum_link.focus()
    page.keyboard.press("Escape")
    expect(forum_link).to_be_hidden()
    expect(menu).to_be_focused()
    expect(page.locator(".sidebar")).to_be_hidden()
    assert_no_sideways_scroll(page, "/")


def test_without_javascript_the_phone_menu_is_a_plain_list(member, signed_in_page):
    page = signed_in_page(member, width=375, java_script_enabled=False)
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Forum")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()


def test_at_desktop_width_the_sidebar_lists_the_boards_and_rooms_the_member_may_see(places, member, signed_in_page):
    page = signed_in_page(member, width=1280)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    sidebar = page.get_by_role("complementary", name="Boards and rooms")
    expect(sidebar.get_by_role("link", name="Anxiety")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Creative corner")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Debrief")).to_have_count(0)
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Forum")).to_be_visible()
    sidebar.get_by_role("link", name="Anxiety").click()
    expect(page.get_by_role("heading", name="Anxiety", level=1)).to_be_visible()
    expect(sidebar.get_by_role("link", name="Anxiety")).to_have_attribute("aria-current", "page")


@pytest.mark.parametrize("width", [375, 1280])
def test_dark_mode_follows_the_device_and_passes_axe(places, member, other_member, signed_in_page, width):
    thread = forum.start_thread(other_member, places, "Panic on the bus", "It happened *again* today.")
    forum.add_reply(member, thread, "Breathing slowly helps me.")
    page = signed_in_page(member, width=width, color_scheme="dark", bypass_csp=True)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(19, 24, 27)", background
    for path in ["/", "/forum/anxiety/", thread.get_absolute_url(), "/rooms/creative/", "/help/", "/notifications/"]:
        assert_accessible(page, path)
        assert_no_sideways_scroll(page, path)


def test_the_theme_toggle_is_remembered_before_the_page_paints(member, signed_in_page):
    page = signed_in_page(member, width=1280, color_scheme="light")
    toggle = page.get_by_role("button", name="Dark theme")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.reload(wait_until="commit")
    page.wait_for_selector("body", state="attached")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    toggle.click()
    expect(page.locator("html")).to_have_attribute("data-theme", "light")


def test_the_manifest_and_icons_are_served_and_linked(new_page):
    page = new_page(width=375)
    page.goto("/")
    manifest_url = page.locator('link[rel="manifest"]').get_attribute("href")
    response = page.request.get(manifest_url)
    assert response.ok and "manifest+json" in response.headers["content-type"]
    manifest = response.json()
    assert manifest["short_name"] == "Kindred" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert page.request.get(page.url.rstrip("/") + "/static/" + icon["src"]).ok, icon["src"]
    assert page.request.get(page.locator('link[rel="icon"]').first.get_attribute("href")).ok
