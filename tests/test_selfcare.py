"""Self-care: muted words, blocking and breaks change only what the member sees and hears."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import selfcare
from accounts.selfcare import ReadingFilter, SelfCareError


def test_muted_words_collapse_whole_words_ignoring_case_and_accents(member):
    selfcare.mute_word(member, "Cafe")
    selfcare.mute_word(member, "weight loss")
    reading = ReadingFilter.for_reader(member)
    assert reading.collapse_reason(None, "Met a friend at the CAFÉ today")
    assert reading.collapse_reason(None, "talking about Weight  Loss again".replace("  ", " "))
    assert not reading.collapse_reason(None, "a cafeteria lunch")
    assert not reading.collapse_reason(None, "nothing to see")


def test_muted_words_are_limited_and_need_real_text(member):
    with pytest.raises(SelfCareError, match="2 to 60"):
        selfcare.mute_word(member, " x ")
    for number in range(selfcare.MAX_MUTED_WORDS):
        selfcare.mute_word(member, f"word{number}")
    with pytest.raises(SelfCareError, match="up to 50"):
        selfcare.mute_word(member, "one more")


def test_blocking_hides_posts_both_ways(member, other_member, make_member):
    selfcare.block_member(member, other_member)
    assert ReadingFilter.for_reader(member).collapse_reason(other_member.pk, "hello")
    assert ReadingFilter.for_reader(other_member).collapse_reason(member.pk, "hello")
    bystander = make_member("ash")
    assert not ReadingFilter.for_reader(bystander).collapse_reason(member.pk, "hello")


def test_unblocking_shows_posts_again(member, other_member):
    selfcare.block_member(member, other_member)
    selfcare.unblock_member(member, other_member)
    assert not ReadingFilter.for_reader(member).collapse_reason(other_member.pk, "hello")


def test_members_cannot_block_themselves(member):
    with pytest.raises(SelfCareError):
        selfcare.block_member(member, member)


def test_a_break_ends_by_itself_or_early(member):
    selfcare.take_break(member, timezone.now() + timedelta(days=1))
    assert member.is_on_break()
    assert not member.is_on_break(now=timezone.now() + timedelta(days=2))
    selfcare.come_back(member)
    assert not member.is_on_break()


def test_a_break_must_end_in_the_future(member):
    with pytest.raises(SelfCareError):
        selfcare.take_break(member, timezone.now() - timedelta(minutes=1))


def test_block_from_a_profile_page_without_telling_them(member, other_member, client_for):
    client = client_for(member)
    response = client.post(f"/members/{other_member.handle}/block/", follow=True)
    assert b"They won&#x27;t be told" in response.content
    assert b"Unblock sky" in client.get(f"/members/{other_member.handle}/").content
    assert b"blocked" not in client_for(other_member).get(f"/members/{member.handle}/").content


def test_self_care_page_manages_words_and_breaks(member, client_for):
    client = client_for(member)
    client.post("/account/self-care/mute/", {"phrase": "calories"})
    assert list(member.muted_words.values_list("phrase", flat=True)) == ["calories"]
    client.post("/account/self-care/break/", {"days": "7"})
    member.refresh_from_db()
    assert member.is_on_break()
    assert b"Come back now" in client.get("/").content
    client.post("/account/self-care/break/end/")
    member.refresh_from_db()
    assert not member.is_on_break()


@pytest.mark.parametrize("path", ["/account/self-care/break/end/", "/members/sky/unblock/"])
def test_returning_after_an_action_never_leaves_the_site(member, other_member, client_for, path):
    response = client_for(member).post(path, {"next": "https://evil.example/"})
    assert response.url in {"/", "/account/self-care/"}
