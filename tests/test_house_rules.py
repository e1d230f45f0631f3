"""House rules are versioned; members accept the current version before they post."""

import pytest

from community.services import rules
from community.services.profile import update_about


@pytest.fixture
def version_two(admin_user):
    return rules.publish_rules(
        "house",
        "House rules",
        rules.current_version().body.replace("1. **Be kind.**", "1. **Be kind and patient.**"),
        change_note="Rule 1 now asks for patience too.",
        by=admin_user,
    )


def test_installation_starts_with_version_one(db):
    assert rules.current_version().number == 1


def test_publishing_adds_the_next_version_and_keeps_the_old_one(version_two):
    assert version_two.number == 2
    assert version_two.book.versions.count() == 2


def test_a_member_must_accept_before_posting(make_member):
    newcomer = make_member("newcomer", accepted_rules=False)
    with pytest.raises(rules.RulesAcceptanceRequired):
        update_about(newcomer, "Hello")


def test_a_new_version_asks_members_again_on_their_next_post(member, version_two):
    with pytest.raises(rules.RulesAcceptanceRequired):
        update_about(member, "Hello")
    rules.accept_rules(member, version_two)
    assert update_about(member, "Hello").about == "Hello"


def test_acceptance_is_recorded_with_member_version_and_time(member):
    acceptance = member.rule_acceptances.get()
    assert acceptance.version == rules.current_version()
    assert acceptance.accepted_at is not None


def test_accept_page_shows_what_changed_since_the_members_version(member, version_two, client_for):
    content = client_for(member).get("/rules/accept/").content.decode()
    assert "Rule 1 now asks for patience too." in content
    assert "Added:</span> 1. **Be kind and patient.**" in content
    assert "Removed:</span> 1. **Be kind.**" in content


def test_accepting_records_and_returns_to_where_the_member_was(member, version_two, client_for):
    response = client_for(member).post("/rules/accept/", {"version": version_two.pk, "next": "/account/"})
    assert response.url == "/account/"
    assert rules.has_accepted_current(member)


def test_accepting_never_redirects_off_site(member, version_two, client_for):
    response = client_for(member).post("/rules/accept/", {"version": version_two.pk, "next": "https://evil.example/"})
    assert response.url == "/"


def test_new_member_is_sent_to_the_rules_from_home(make_member, client_for):
    response = client_for(make_member("newcomer", accepted_rules=False)).get("/")
    assert response.url == "/rules/accept/"


def test_rules_page_is_public(client, db):
    assert b"Be kind." in client.get("/rules/").content


def test_publishing_tells_connected_members_only_after_commit(admin_user, django_capture_on_commit_callbacks):
    from unittest import mock

    with mock.patch("config.realtime._send_now") as send:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            rules.publish_rules("house", "House rules", "New text", by=admin_user)
        send.assert_not_called()
        for callback in callbacks:
            callback()
    send.assert_called_once_with("members", {"type": "rules.published", "version": 2})
