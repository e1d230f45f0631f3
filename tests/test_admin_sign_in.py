"""The administration pages are signed in to through the members' sign-in, and need a verified email."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from accounts import signin

PASSWORD = "a-long-test-password"


@pytest.fixture
def unverified_admin(admin_user):
    EmailAddress.objects.filter(user=admin_user).update(verified=False)
    return admin_user


@pytest.mark.security("rate-limits")
def test_the_admin_sign_in_page_sends_people_to_the_members_sign_in_and_back(client, db):
    response = client.get("/admin/login/?next=/admin/community/room/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fcommunity%2Froom%2F"


@pytest.mark.security("rate-limits")
def test_a_password_posted_to_the_admin_sign_in_is_never_checked(client, admin_user):
    response = client.post("/admin/login/", {"username": admin_user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/admin/").status_code == 302


@pytest.mark.security("rate-limits")
def test_an_administrator_signs_in_through_the_members_sign_in_to_the_page_they_asked_for(client, admin_user):
    start = client.get("/admin/community/room/", follow=True).redirect_chain[-1][0]
    response = client.post(start, {"login": admin_user.email, "password": PASSWORD})
    assert response["Location"] == "/admin/community/room/"
    assert client.get("/admin/community/room/").status_code == 200


@pytest.mark.security("rate-limits")
def test_thirty_wrong_admin_passwords_make_the_right_one_wait(admin_user, monkeypatch):
    monkeypatch.setattr(signin, "clock", lambda: 1_000_000.0)
    guesses = [
        Client(REMOTE_ADDR=f"198.51.100.{n}").post(
            "/accounts/login/?next=/admin/", {"login": admin_user.email, "password": f"guess-{n}"}
        )
        for n in range(30)
    ]
    assert "Please wait" in guesses[-1].content.decode()
    response = Client().post("/accounts/login/?next=/admin/", {"login": admin_user.email, "password": PASSWORD})
    assert "Please wait" in response.content.decode()


@pytest.mark.security("permissions")
def test_staff_without_a_verified_email_are_sent_to_verify_it_not_into_the_admin(unverified_admin, client_for):
    client = client_for(unverified_admin)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/email/"
    assert "Please verify your email address to use the administration pages." in response.content.decode()
    assert client.get("/admin/community/room/").status_code == 302


@pytest.mark.security("permissions")
def test_once_verified_the_same_administrator_reaches_the_admin(unverified_admin, client_for):
    client = client_for(unverified_admin)
    EmailAddress.objects.filter(user=unverified_admin).update(verified=True)
    assert client.get("/admin/").status_code == 200


@pytest.mark.security("permissions")
def test_a_member_who_is_not_staff_finds_no_admin_sign_in(member, client_for):
    client = client_for(member)
    assert client.get("/admin/login/").status_code == 404
    assert client.get("/admin/", follow=True).status_code == 404
