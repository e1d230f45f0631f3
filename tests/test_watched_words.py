"""Watched words: whole-word, case- and accent-insensitive matching; block, hold and flag; who keeps the list."""

import pytest
from django.urls import reverse

from community.models import ChatMessage, Post, PostHold, Room
from community.services import chat, forum
from moderation.models import ModerationLog, ReviewItem, WatchedWord
from moderation.services import watched_words
from moderation.services.watched_words import Action, WatchedWordError
from safeguarding.models import Case

pytest_plugins = ["tests.moderation_fixtures"]

State = Post.State


@pytest.fixture
def words(admin_user):
    watched_words.add_word(admin_user, "ass", Action.HOLD)
    watched_words.add_word(admin_user, "crypto investment", Action.FLAG)
    watched_words.add_word(admin_user, "Café Noir", Action.FLAG)
    watched_words.add_word(admin_user, "kys", Action.BLOCK, "Please don't tell anyone to hurt themselves.")


# Matching ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("What an ass.", "ass"),
        ("ASS", "ass"),
        ("you ass!", "ass"),
        ("(ass)", "ass"),
        ("a$$", "ass"),
        ("Try this CRYPTO   investment now", "crypto investment"),
        ("crypto-investment", "crypto investment"),
        ("cafe noir please", "Café Noir"),
        ("CAFÉ NOIR", "Café Noir"),
    ],
)
def test_watched_words_match_whatever_the_case_accents_and_punctuation(words, text, phrase):
    assert watched_words.find(text).phrase == phrase


@pytest.mark.parametrize(
    "text",
    ["I'm in a class of twenty.", "Bass guitar", "assistance please", "massive", "crypto is an investment"],
)
def test_watched_words_match_whole_words_only(words, text):
    assert watched_words.find(text) is None


def test_the_strictest_action_wins_when_several_words_match(words):
    found = watched_words.find("crypto investment, kys")
    assert (found.phrase, found.action) == ("kys", Action.BLOCK)


def test_the_matcher_is_rebuilt_when_the_list_changes(words, admin_user, django_capture_on_commit_callbacks):
    assert watched_words.find("scam here") is None
    with django_capture_on_commit_callbacks(execute=True):
        word = watched_words.add_word(admin_user, "scam", Action.HOLD)
    assert watched_words.find("scam here").phrase == "scam"
    with django_capture_on_commit_callbacks(execute=True):
        watched_words.remove_word(admin_user, word.pk)
    assert watched_words.find("scam here") is None


def test_a_phrase_without_letters_is_refused(admin_user):
    with pytest.raises(WatchedWordError, match="no letters"):
        watched_words.add_word(admin_user, "!!!", Action.HOLD)
    assert not WatchedWord.objects.exists()


def test_changes_to_the_list_are_logged_with_who_made_them(words, admin_user):
    word = WatchedWord.objects.get(text="ass")
    assert word.added_by == admin_user
    watched_words.remove_word(admin_user, word.pk)
    actions = set(ModerationLog.objects.filter(actor=admin_user).values_list("action", flat=True))
    assert actions == {"watched_word_added", "watched_word_removed"}


# In the forum ------------------------------------------------------------------------


def test_a_blocked_word_refuses_the_post_with_its_message_and_saves_nothing(words, thread, member):
    with pytest.raises(forum.ForumError, match="hurt themselves"):
        forum.add_reply(member, thread, "Honestly, kys.")
    with pytest.raises(forum.ForumError, match="hurt themselves"):
        forum.start_thread(member, thread.board, "kys", "A title with it.")
    assert not Post.objects.filter(author=member).exists()


DISTRESS = "kys, honestly, I'm going to kill myself tonight. I can't do this any more."


def test_writing_that_shows_risk_is_held_and_screened_not_refused_by_a_block_word(words, thread, member):
    reply = forum.add_reply(member, thread, DISTRESS)
    assert reply.state == State.HELD
    assert list(reply.holds.values_list("reason", flat=True)) == [PostHold.Reason.WATCHED_WORD]
    assert Case.objects.filter(member=member).exists()


def test_the_reply_form_keeps_the_members_words_when_blocked(words, thread, member, client_for):
    response = client_for(member).post(thread.get_absolute_url(), {"body": "Honestly, kys."})
    page = response.content.decode()
    assert "hurt themselves" in page and "Honestly, kys." in page


def test_a_held_word_holds_the_post_for_review(words, thread, member, other_member):
    reply = forum.add_reply(member, thread, "You absolute ass.")
    assert reply.state == State.HELD
    assert list(reply.holds.values_list("reason", flat=True)) == [PostHold.Reason.WATCHED_WORD]
    item = ReviewItem.objects.get(post=reply)
    assert item.reason_labels == ["watched word: ass"]
    assert ModerationLog.objects.filter(item=item, action="held", actor=None).exists()


def test_a_flagged_word_publishes_the_post_and_flags_it(words, thread, member):
    reply = forum.add_reply(member, thread, "Anyone tried a crypto investment?", content_warning="")
    assert reply.state == State.PUBLISHED
    item = ReviewItem.objects.get(post=reply)
    assert item.reason_labels == ["watched word: crypto investment"]
    assert item.history.get().action == "flagged"


def test_formatting_does_not_hide_a_watched_word(words, thread, member):
    with pytest.raises(forum.ForumError):
        forum.add_reply(member, thread, "Honestly, k**y**s.")
    assert forum.add_reply(member, thread, "What an **a**ss.").state == State.HELD


def test_the_title_and_content_warning_are_checked_too(words, board, member):
    thread = forum.start_thread(member, board, "A crypto investment question", "Is it wise?")
    assert ReviewItem.objects.filter(post=thread.opening_post).exists()
    with pytest.raises(forum.ForumError):
        forum.add_reply(member, thread, "Fine words.", content_warning="kys")


def test_an_edit_adding_a_held_word_holds_the_post(words, thread, member):
    reply = forum.add_reply(member, thread, "Fine words.")
    forum.edit_post(member, reply, "You ass.")
    reply.refresh_from_db()
    assert reply.state == State.HELD
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_an_edit_adding_a_blocked_word_is_refused(words, thread, member):
    reply = forum.add_reply(member, thread, "Fine words.")
    with pytest.raises(forum.ForumError):
        forum.edit_post(member, reply, "kys")
    reply.refresh_from_db()
    assert reply.body == "Fine words."


# In chat: only blocking --------------------------------------------------------------


@pytest.fixture
def room(db):
    return Room.objects.create(name="Creative corner", slug="creative-corner", purpose="Making things together.")


def test_chat_refuses_a_blocked_word_and_sends_other_watched_words(words, room, member):
    with pytest.raises(chat.MessageRefused, match="hurt themselves"):
        chat.send_message(member, room, "kys")
    assert chat.send_message(member, room, "You ass").pk
    assert ChatMessage.objects.count() == 1
    assert not ReviewItem.objects.exists()


def test_a_chat_message_that_shows_risk_is_sent_and_screened_despite_a_block_word(words, room, member):
    message = chat.send_message(member, room, DISTRESS)
    assert message.state == ChatMessage.State.PUBLISHED
    assert Case.objects.filter(member=member).exists()


# Who keeps the list ---------------------------------------------------------------------


@pytest.fixture
def unscoped_moderator(make_member):
    from accounts.roles import Role

    return make_member("noboards", roles=(Role.MODERATOR,))


@pytest.mark.parametrize("role", ["member", "unscoped_moderator"])
def test_members_and_moderators_without_boards_cannot_see_or_change_the_list(role, request, client_for, words):
    viewer = request.getfixturevalue(role)
    client = client_for(viewer)
    assert client.get(reverse("moderation:watched_words")).status_code == 404
    response = client.post(reverse("moderation:watched_words"), {"text": "spam", "action": "hold"})
    assert response.status_code == 404
    word = WatchedWord.objects.get(text="ass")
    assert client.post(reverse("moderation:remove_watched_word", args=[word.pk])).status_code == 404
    assert WatchedWord.objects.filter(pk=word.pk).exists() and not WatchedWord.objects.filter(text="spam").exists()
    with pytest.raises(WatchedWordError):
        watched_words.add_word(viewer, "spam", Action.HOLD)


@pytest.mark.parametrize("role", ["scoped_moderator", "outside_moderator", "lead", "admin_user"])
def test_moderators_and_administrators_keep_the_list(role, request, client_for):
    viewer = request.getfixturevalue(role)
    client = client_for(viewer)
    page = client.get(reverse("moderation:watched_words"))
    assert page.status_code == 200
    response = client.post(reverse("moderation:watched_words"), {"text": "spam", "action": "hold"})
    assert response.status_code == 302
    word = WatchedWord.objects.get(text="spam")
    assert word.added_by == viewer
    assert "spam" in client.get(reverse("moderation:watched_words")).content.decode()
    client.post(reverse("moderation:remove_watched_word", args=[word.pk]))
    assert not WatchedWord.objects.exists()


def test_the_moderation_pages_link_to_the_list_for_those_who_keep_it(scoped_moderator, unscoped_moderator, client_for):
    link = reverse("moderation:watched_words")
    assert link in client_for(scoped_moderator).get(reverse("moderation:queue")).content.decode()
    assert link not in client_for(unscoped_moderator).get(reverse("moderation:queue")).content.decode()


def test_an_entry_reading_the_same_as_one_on_the_list_is_refused_with_the_words_kept(words, admin_user, client_for):
    response = client_for(admin_user).post(reverse("moderation:watched_words"), {"text": "A.S.S", "action": "flag"})
    assert response.status_code == 400
    assert "already on the list" in response.content.decode() and 'value="A.S.S"' in response.content.decode()
    assert not WatchedWord.objects.filter(text="A.S.S").exists()
