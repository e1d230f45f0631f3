"""Profiles, data export and account deletion."""

import json

import pytest
from allauth.account.models import EmailAddress

from accounts.models import FORMER_MEMBER
from accounts.services import delete_account
from community.services.profile import update_about


def test_profile_shows_handle_about_and_join_month_only(member, other_member, client_for):
    update_about(other_member, "I *love* tea.")
    content = client_for(member).get(f"/members/{other_member.handle}/").content.decode()
    assert other_member.handle in content
    assert "<em>love</em>" in content
    assert f"Member since {other_member.date_joined:%B %Y}" in content
    assert other_member.email not in content


def test_about_me_is_sanitised(member):
    update_about(member, "<script>alert(1)</script> [x](javascript:alert(1))")
    assert "<script" not in member.about_html
    assert "javascript:" not in member.about_html


def test_export_contains_the_members_own_account_and_rules_acceptances(member, client_for):
    response = client_for(member).get("/account/export/")
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["handle"] == member.handle
    assert data["account"]["email"] == member.email
    assert data["rules_accepted"][0]["rules"] == "House rules, version 1"


def test_export_contains_the_members_forum_posts_and_reactions(member, other_member, client_for):
    from community.models import Board
    from community.services import forum, reactions

    board = Board.objects.create(title="Anxiety", slug="anxiety", description="Living with anxiety.")
    thread = forum.start_thread(other_member, board, "Panic on the bus", "It happened again.")
    forum.add_reply(member, thread, "It gets easier, I promise.")
    reactions.toggle_reaction(member, thread.opening_post, "hug")
    data = json.loads(client_for(member).get("/account/export/").content)
    assert [post["text"] for post in data["forum_posts"]] == ["It gets easier, I promise."]
    assert data["reactions_given"][0]["reaction"] == "Sending a hug"
    assert "It happened again." not in json.dumps(data)


def test_deletion_removes_personal_data_and_keeps_the_row_as_former_member(member):
    original_handle = member.handle
    delete_account(member)
    member.refresh_from_db()
    assert member.email is None and member.about == ""
    assert member.handle != original_handle
    assert member.public_name == FORMER_MEMBER
    assert not member.is_active and not member.has_usable_password()
    assert not EmailAddress.objects.filter(user=member).exists()


def test_deletion_ends_every_session(member, client):
    client.post("/accounts/login/", {"login": member.email, "password": "a-long-test-password"})
    other_device = client.cookies["sessionid"].value
    delete_account(member)
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=other_device).exists()


def test_deleting_through_the_page_needs_typed_confirmation_then_signs_out(member, client_for):
    client = client_for(member)
    assert b"Please type DELETE" in client.post("/account/delete/", {"confirm": "delete"}).content
    response = client.post("/account/delete/", {"confirm": "DELETE"})
    assert response.url == "/"
    assert client.get("/account/").status_code == 302


def test_former_member_has_no_profile(member, other_member, client_for):
    handle = other_member.handle
    delete_account(other_member)
    assert client_for(member).get(f"/members/{handle}/").status_code == 404
    assert client_for(member).get(f"/members/{other_member.handle}/").status_code == 404


@pytest.mark.parametrize("about", ["", "Just here to read for now."])
def test_member_edits_their_about_me_on_the_account_page(member, client_for, about):
    response = client_for(member).post("/account/", {"about": about})
    assert response.url == "/account/"
    member.refresh_from_db()
    assert member.about == about


def test_a_member_may_give_an_age_band_which_is_in_their_export_and_gone_when_they_leave(member, client_for):
    client = client_for(member)
    assert "I&#x27;d rather not say" in client.get("/account/").content.decode()
    client.post("/account/age/", {"age_band": "25-34"})
    member.refresh_from_db()
    assert member.age_band == "25-34"
    assert json.loads(client.get("/account/export/").content)["account"]["age_band"] == "25-34"
    client.post("/account/age/", {"age_band": "not a band"})
    member.refresh_from_db()
    assert member.age_band == "25-34"
    delete_account(member)
    member.refresh_from_db()
    assert member.age_band == ""
