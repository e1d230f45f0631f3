"""A new person joins: signs up, verifies their email, accepts the house rules, finds help."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_TEST, open_menu

pytestmark = BROWSER_TEST


def test_new_person_signs_up_verifies_accepts_rules_and_finds_help(new_page, daphne_server):
    page = new_page()
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="Sign up").click()

    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label("Handle").fill("quiet_reader")
    page.get_by_label("Password", exact=True).fill("a-long-new-password")
    page.get_by_label("Password (again)").fill("a-long-new-password")
    page.get_by_label("I am 18 or over").check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", daphne_server.sent_mail()).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Our house rules")).to_be_visible()
    page.get_by_role("button", name="I agree to the house rules").click()
    expect(page.get_by_role("heading", name="Welcome, quiet_reader")).to_be_visible()

    open_menu(page)
    page.get_by_role("link", name="quiet_reader").first.click()
    expect(page.get_by_role("heading", name="quiet_reader")).to_be_visible()
    expect(page.get_by_text("Member since")).to_be_visible()
    expect(page.get_by_text("newcomer@example.org")).to_have_count(0)

    page.get_by_role("link", name="Need help now?").click()
    expect(page.get_by_role("heading", name="Need help now?")).to_be_visible()
    expect(page.get_by_text("Call 116 123")).to_be_visible()


def test_help_link_is_reachable_by_keyboard_when_signed_out(new_page):
    page = new_page()
    page.goto("/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Need help now?":
            break
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/help/$"))
    expect(page.get_by_text("Call 116 123")).to_be_visible()


def test_after_several_wrong_passwords_sign_in_says_calmly_how_long_to_wait(make_member, new_page):
    member = make_member("patient")  # its own address: the server's cache outlives the test
    page = new_page()
    page.goto("/accounts/login/")
    for _ in range(7):  # five cost nothing, the sixth starts a wait, the seventh is too soon
        page.get_by_label("Email").fill(member.email)
        page.get_by_label("Password").fill("not-my-password")
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Please wait")
    expect(page.get_by_role("alert")).to_contain_text("before trying again, or reset your password")
