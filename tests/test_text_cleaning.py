"""Bidi overrides, control characters and unnormalised text are cleaned once, by config.text.clean_text, in every
service that accepts someone's words."""

import pytest

from accounts import selfcare
from accounts.roles import Role
from community.models import Post, Room, RoomAction
from community.services import chat, forum, rooms
from community.services import moderation as post_moderation
from community.services.profile import update_about
from config.text import BIDI_CONTROLS, clean_text
from evaluation.services import research
from moderation.models import MemberNotice, Reason, Report, ReviewItem, WatchedWord
from moderation.services import reports, review, watched_words
from safeguarding.matching import Assessment, Level
from safeguarding.models import CaseHistory, CaseMessage, RiskPhrase
from safeguarding.services import cases, escalation, messages, phrases

pytestmark = [pytest.mark.django_db, pytest.mark.security("text-spoofing")]
pytest_plugins = ["tests.moderation_fixtures"]

# A right-to-left override, an isolate, NUL, a bell, an escape, a C1 "next line", and an "é" typed as two characters.
HOSTILE = "Hi\u202e evil\u2066 x\u2069\x00\x07\x1b\x85 ok\u200f e\u0301"
CLEAN = "Hi evil x ok\u200f \u00e9"


# The cleaning itself ------------------------------------------------------------------


@pytest.mark.parametrize("control", list(BIDI_CONTROLS))
def test_every_bidi_embedding_override_and_isolate_is_removed(control):
    assert clean_text(f"moc.{control}elpmaxe") == "moc.elpmaxe"


@pytest.mark.parametrize("code", [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])
def test_control_characters_are_removed(code):
    assert clean_text(f"a{chr(code)}b") == "ab"


def test_newlines_and_tabs_stay_and_every_line_end_becomes_a_newline():
    assert clean_text("one\r\ntwo\rthree\nfour\tfive") == "one\ntwo\nthree\nfour\tfive"


def test_directional_marks_and_joiners_stay():
    kept = "\u200e\u200f\u061c \U0001f468\u200d\U0001f469 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert clean_text(kept) == kept


def test_text_is_normalised_to_nfc_and_lone_surrogates_are_removed():
    assert clean_text("Cafe\u0301 \ud800") == "Caf\u00e9 "


# Every entry point ----------------------------------------------------------------------


def test_forum_titles_posts_and_warnings_are_cleaned(board, member, thread):
    started = forum.start_thread(member, board, HOSTILE, HOSTILE, HOSTILE)
    assert (started.title, started.content_warning, started.opening_post.body) == (CLEAN, CLEAN, CLEAN)
    reply = forum.add_reply(member, thread, HOSTILE, HOSTILE)
    assert (reply.body, reply.content_warning) == (CLEAN, CLEAN)


def test_forum_edits_are_cleaned(board, member):
    started = forum.start_thread(member, board, "A title", "Words.")
    forum.edit_post(member, started.opening_post, HOSTILE, HOSTILE, title=HOSTILE)
    started.refresh_from_db()
    post = Post.objects.get(pk=started.opening_post_id)
    assert (started.title, post.body, post.content_warning) == (CLEAN, CLEAN, CLEAN)


def test_a_moderators_edit_and_its_note_are_cleaned(thread, moderator):
    post_moderation.edit_post(moderator, thread.opening_post, HOSTILE, note=HOSTILE)
    post = Post.objects.get(pk=thread.opening_post_id)
    assert (post.body, post.moderator_note) == (CLEAN, CLEAN)


def test_chat_messages_are_cleaned(member):
    room = Room.objects.create(name="Evening", slug="evening", purpose="Company.")
    assert chat.send_message(member, room, HOSTILE).body == CLEAN


def test_a_hosts_reason_is_cleaned(member, make_host):
    room = Room.objects.create(name="Evening", slug="evening", purpose="Company.")
    chat.send_message(member, room, "Hello")
    rooms.mute_member(make_host(room), room, member, rooms.MUTE_CHOICES[0], reason=HOSTILE)
    assert RoomAction.objects.get(kind="mute").reason == CLEAN


def test_profile_text_is_cleaned(member):
    update_about(member, HOSTILE)
    member.refresh_from_db()
    assert member.about == CLEAN


def test_muted_words_are_cleaned(member):
    assert selfcare.mute_word(member, HOSTILE).phrase == CLEAN


def test_report_notes_and_concerns_are_cleaned(thread, member, moderator):
    reports.report_post(member, thread.opening_post, Reason.OTHER, HOSTILE)
    reports.raise_concern(member, moderator, HOSTILE)
    assert list(Report.objects.values_list("detail", flat=True)) == [CLEAN, CLEAN]


def test_a_moderators_reason_to_the_member_is_cleaned(thread, member, scoped_moderator):
    reports.report_post(member, thread.opening_post, Reason.UNKIND)
    item = ReviewItem.objects.get()
    review.perform(scoped_moderator, item.pk, "hide", item.version, HOSTILE)
    assert MemberNotice.objects.get().reason == CLEAN


def test_watched_words_and_their_messages_are_cleaned(scoped_moderator):
    watched_words.add_word(scoped_moderator, "tw\u202eo words", "block", HOSTILE)
    assert WatchedWord.objects.values_list("text", "message").get() == ("two words", CLEAN)


@pytest.fixture
def lead(make_member):
    return make_member("leadperson", roles=(Role.SAFEGUARDING_LEAD,))


@pytest.fixture
def case(member):
    return escalation.escalate(member, "I want to die", Assessment(Level.HIGH, (), ()), source="forum post")


def test_safeguarding_messages_both_ways_are_cleaned(case, lead, member):
    message = messages.send_to_member(lead, case, HOSTILE)
    messages.reply(member, message.pk, HOSTILE)
    assert list(CaseMessage.objects.order_by("pk").values_list("text", flat=True)) == [CLEAN, CLEAN]


def test_case_notes_are_cleaned(case, lead):
    cases.add_note(lead, case, HOSTILE)
    cases.resolve(lead, case, "signposted", HOSTILE)
    assert CaseHistory.objects.get(action="note").detail == CLEAN
    assert CaseHistory.objects.get(action="resolved").detail.endswith(CLEAN)


def test_risk_phrases_are_cleaned(lead):
    phrases.add_phrase(lead, "climb the\u202e\x00 old pylon", "high", "suicide")
    assert RiskPhrase.objects.filter(text="climb the old pylon").exists()


def test_a_research_panels_title_is_cleaned(make_member):
    evaluator = make_member("evaluates", roles=(Role.EVALUATOR,))
    assert research.request_panel(evaluator, HOSTILE).title == CLEAN
