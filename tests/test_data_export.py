"""A member's data download: every link from a model to a member is exported by a section or withheld with a reason,
and each section holds the member's own rows and nothing about anyone else."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model

from accounts.personal_data import covered_fields, section_names, withheld_fields
from accounts.roles import Role
from accounts.selfcare import block_member, mute_word
from accounts.services import export_account_data
from community.models import Room
from community.services import chat, forum, reactions, rooms
from evaluation.periods import last_complete
from evaluation.services import checkins
from evaluation.services.exports import do_export
from moderation.models import ModeratorScope, ReviewItem
from moderation.services import care, reports, review, sanctions, training, watched_words
from safeguarding.models import Case
from safeguarding.services import alerts, mood
from safeguarding.services import messages as team_messages

pytestmark = pytest.mark.security("privacy")


def _links_to_members() -> list[str]:
    """Every field, in every model of the project's own apps, that points at a member account."""
    user_model = get_user_model()
    project_apps = [app for app in apps.get_app_configs() if Path(app.path).parent == settings.BASE_DIR]
    return sorted(
        f"{model._meta.label}.{field.name}"
        for app in project_apps
        for model in app.get_models()
        for field in [*model._meta.fields, *model._meta.many_to_many]
        if field.is_relation and field.related_model is user_model
    )


LINKS = _links_to_members()


def test_the_walk_finds_the_links_it_should():
    assert {"accounts.Block.blocker", "community.ChatMessage.author", "moderation.Report.reporter"} <= set(LINKS)
    assert len(LINKS) > 30


@pytest.mark.parametrize("link", LINKS)
def test_every_link_to_a_member_is_exported_or_withheld_with_a_reason(link):
    covered, withheld = covered_fields(), withheld_fields()
    assert (link in covered) != (link in withheld), f"{link}: add it to an app's exports.SECTIONS or WITHHELD"
    if link in withheld:
        assert len(withheld[link]) > 40, f"{link}: say why it is withheld"


def test_no_section_or_reason_names_a_link_that_does_not_exist():
    assert set(covered_fields()) | set(withheld_fields()) <= set(LINKS)


# What each section holds ------------------------------------------------------------------

ROBIN_OWN = {
    "rules_accepted": "House rules, version 1",
    "forum_posts": "ROBIN-FIRST-WORDS",
    "reactions_given": "Sending a hug",
    "reactions_received": "I hear you",
    "chat_messages": "ROBIN-CHAT",
    "chat_rooms": "A short pause for robin",
    "room_host_actions": "ROBIN-AS-HOST",
    "muted_words": "robin-muted",
    "blocks": "blockedkite",
    "notifications": "Robin's own thread",
    "reports_made": "ROBIN-REPORT-DETAIL",
    "moderation_notices": "LEAD-NOTICE-REASON",
    "sanctions": "LEAD-SUSPENSION-REASON",
    "moderating": "Moderating with kindness",
    "safeguarding_messages": "LEAD-MESSAGE-TO-ROBIN",
    "support_offers": "offered_at",
    "mood_check_in": "asked_daily",
    "safeguarding_duty": "on_duty",
    "wellbeing_check_ins": "consent_text",
    "evaluation_work": "Aggregate figures",
}
# Nothing of another member, nor who in the team acted, may reach robin's download.
NEVER = (
    "heron@example.org",
    "heronsecret",
    "HERON-",
    "heron-muted",
    "leadowl",
    "hostfinch",
    "siteadmin",
    "LEAD-MESSAGE-TO-HERON",
    "ROBIN-AS-LEAD-TO-HERON",
)


@pytest.fixture
def download(make_member, admin_user, board):
    """Robin, a member who is also a peer moderator, lead and evaluator, doing a bit of everything; heron doing
    the same beside them; and the team acting on both. Returns robin's download."""
    robin = make_member("robin", roles=(Role.MODERATOR, Role.SAFEGUARDING_LEAD, Role.EVALUATOR))
    heron = make_member("heronsecret")
    lead = make_member("leadowl", roles=(Role.SAFEGUARDING_LEAD,))
    kite = make_member("blockedkite")
    training.confirm_all(robin, by=admin_user)
    ModeratorScope.objects.create(moderator=robin, board=board)
    care.record_activity(robin)
    watched_words.add_word(robin, "robin-watched", "flag")

    own = forum.start_thread(robin, board, "Robin's own thread", "ROBIN-FIRST-WORDS")
    forum.edit_post(robin, own.opening_post, "ROBIN-FIRST-WORDS, edited")
    theirs = forum.start_thread(heron, board, "Heron's thread", "HERON-OPENING-WORDS")
    forum.add_reply(robin, theirs, "ROBIN-REPLY")
    heron_reply = forum.add_reply(heron, own, "HERON-REPLY-WORDS")
    reactions.toggle_reaction(robin, theirs.opening_post, "hug")
    reactions.toggle_reaction(heron, own.opening_post, "hear")

    mute_word(robin, "robin-muted")
    mute_word(heron, "heron-muted")
    block_member(robin, kite)
    block_member(heron, robin)

    room = Room.objects.create(name="Evening chat", slug="evening", purpose="Company in the evening.")
    host = make_member("hostfinch", roles=(Role.MODERATOR,))
    training.confirm_all(host, by=admin_user)
    ModeratorScope.objects.create(moderator=host, room=room)
    ModeratorScope.objects.create(moderator=robin, room=room)
    chat.send_message(robin, room, "ROBIN-CHAT")
    chat.send_message(heron, room, "HERON-CHAT-WORDS")
    rooms.mute_member(host, room, robin, 15, "A short pause for robin")
    rooms.mute_member(robin, room, heron, 15, "ROBIN-AS-HOST pause")

    reports.report_post(robin, heron_reply, "unkind", "ROBIN-REPORT-DETAIL")
    reports.report_post(heron, own.opening_post, "rules", "HERON-REPORT-DETAIL")
    item = ReviewItem.objects.get(post=own.opening_post)
    review.perform(lead, item.pk, "hide", item.version, "LEAD-NOTICE-REASON")

    forum.add_reply(robin, theirs, "Honestly I just want to die.")
    forum.add_reply(heron, theirs, "Honestly I just want to die, HERON-RISK.")
    robin_case, heron_case = Case.objects.get(member=robin), Case.objects.get(member=heron)
    to_robin = team_messages.send_to_member(lead, robin_case, "LEAD-MESSAGE-TO-ROBIN")
    team_messages.reply(robin, to_robin.pk, "ROBIN-REPLY-TO-TEAM")
    team_messages.send_to_member(lead, heron_case, "LEAD-MESSAGE-TO-HERON")
    team_messages.send_to_member(robin, heron_case, "ROBIN-AS-LEAD-TO-HERON")
    mood.set_opted_in(robin, True)
    alerts.set_on_duty(robin, True)

    checkins.opt_in(robin)
    checkins.skip(robin, 0)
    do_export(requested_by=robin, period=last_complete("month"), file_format="csv")
    sanctions.suspend(robin, "LEAD-SUSPENSION-REASON", by=lead)
    return export_account_data(robin)


@pytest.mark.parametrize("section", section_names())
def test_each_section_holds_the_members_own_rows_and_nothing_about_anyone_else(section, download):
    text = json.dumps(download[section], ensure_ascii=False)
    assert ROBIN_OWN[section] in text, f"{section} should hold robin's own rows"
    for never in NEVER:
        assert never not in text, f"{section} shows {never}"
    if section != "blocks":
        assert "blockedkite" not in text


def test_a_blocked_member_appears_by_handle_only_and_who_blocked_you_does_not_appear(download):
    assert [set(block) for block in download["blocks"]] == [{"member", "since"}]
    assert download["blocks"][0]["member"] == "blockedkite"


def test_the_team_writes_as_the_safeguarding_team_and_replies_are_the_members(download):
    assert [(row["from"], row["text"]) for row in download["safeguarding_messages"]] == [
        ("the safeguarding team", "LEAD-MESSAGE-TO-ROBIN"),
        ("you", "ROBIN-REPLY-TO-TEAM"),
    ]


def test_the_whole_download_names_nobody_else(download):
    text = json.dumps(download, ensure_ascii=False)
    for never in NEVER:
        assert never not in text, never


def test_the_account_part_holds_the_members_settings(download):
    assert download["account"]["handle"] == "robin"
    assert download["account"]["settings"] == {
        "notify_replies": True,
        "notify_quotes": True,
        "notify_reactions": True,
        "daily_digest": False,
        "on_break_until": None,
    }
