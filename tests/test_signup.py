"""Signing up with email, handle and password; verifying; logging in by email."""

import re

import pytest
from django.core import mail

from accounts.models import User
from community.services.rules import current_version

SIGNUP = {
    "email": "newcomer@example.org",
    "username": "quiet_reader",
    "password1": "a-long-new-password",
    "password2": "a-long-new-password",
    "adult": "on",
}


@pytest.fixture
def signup(client, db):
    def post(**changes):
        return client.post("/accounts/signup/", {**SIGNUP, **changes})

    return post


def test_signup_creates_a_member_with_the_chosen_handle_and_sends_a_verification_email(signup):
    response = signup()
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.org")
    assert user.handle == "quiet_reader"
    assert "confirm-email" in mail.outbox[0].body


def test_signup_requires_confirming_eighteen_or_over(signup):
    response = signup(adult="")
    assert b"Please confirm you are 18 or over" in response.content
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_signup_refuses_a_handle_taken_in_another_case(signup, make_member):
    make_member("Quiet_Reader")
    response = signup()
    assert b"That handle is already in use" in response.content


def test_signup_refuses_a_handle_that_is_a_phone_number(signup):
    response = signup(username="07700900123")
    assert b"looks like a phone number" in response.content


def test_signup_refuses_handles_kept_for_the_team(signup):
    response = signup(username="Moderator")
    assert b"kept for the team" in response.content


def test_unverified_member_cannot_log_in_until_they_follow_the_link(signup, client):
    signup()
    client.logout()
    response = client.post("/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert "/accounts/confirm-email/" in response.url

    link = re.search(r"/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    client.post(link)
    assert client.get("/account/").status_code == 200


def test_verified_member_logs_in_by_email(client, member):
    response = client.post("/accounts/login/", {"login": member.email, "password": "a-long-test-password"})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200


def test_account_emails_name_the_site_and_link_to_its_address(signup, settings):
    settings.SITE_URL = "https://peers.example.org"
    signup()
    email = mail.outbox[0]
    assert email.subject.startswith("[Kindred] ")
    assert "Hello from Kindred!" in email.body and "Thank you for using Kindred!" in email.body
    links = re.findall(r"https?://\S+", email.body)
    assert links and all(link.startswith("https://peers.example.org/") for link in links), links
    assert "testserver" not in email.body


def test_the_password_reset_email_links_to_the_site_address(client, member, settings):
    settings.SITE_URL = "https://peers.example.org"
    client.post("/accounts/password/reset/", {"email": member.email})
    email = mail.outbox[0]
    assert "Kindred" in email.body and "testserver" not in email.body
    link = re.search(r"https?://\S+", email.body).group(0)
    assert link.startswith("https://peers.example.org/accounts/password/reset/key/")


def test_the_first_visit_says_welcome_and_later_visits_welcome_back(client, member):
    client.post("/accounts/login/", {"login": member.email, "password": "a-long-test-password"})
    first = client.get("/").content.decode()
    assert "<h1>Welcome, robin</h1>" in first and "Welcome back" not in first
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": member.email, "password": "a-long-test-password"})
    assert "<h1>Welcome back, robin</h1>" in client.get("/").content.decode()


def test_following_the_verification_link_is_the_first_visit(signup, client):
    signup()
    link = re.search(r"/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    client.post(link)
    client.post("/rules/accept/", {"version": current_version().pk})
    assert "<h1>Welcome, quiet_reader</h1>" in client.get("/").content.decode()


def test_the_login_page_has_one_forgot_your_password_link(client, db):
    page = client.get("/accounts/login/").content.decode()
    links = re.findall(r'<a href="/accounts/password/reset/">([^<]*)</a>', page)
    assert links == ["Forgot your password?"]
