"""Every page and action, for every role: who may use it, and that everyone else is refused.

ACCESS names each URL's audience for GET and for POST. A URL added without a row
fails the first test, so no page ships before someone decides who may use it.
Refused means 403 or 404 for a signed-in role and a redirect to sign-in when
signed out; nobody ever gets a server error. Where a URL is open to a role but the
service refuses that role with a message (an evaluator deciding a research panel),
the service's own tests cover the refusal.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.roles import Role
from community.models import Board, Room
from community.services import chat, forum
from evaluation.models import ResearchPanel
from moderation.models import ModeratorScope, TrainingModule, WatchedWord
from moderation.services import reports, training
from safeguarding.models import Case, RiskPhrase

pytestmark = pytest.mark.security("permissions")

ROLES = ("anonymous", "author", "other_member", "moderator", "outside_moderator", "lead", "evaluator", "admin")
EVERYONE = frozenset(ROLES)
MEMBERS = EVERYONE - {"anonymous"}
AUTHOR = frozenset({"author"})
HOSTS = frozenset({"moderator", "lead", "admin"})
MODERATORS = HOSTS | {"outside_moderator"}
LEADS = frozenset({"lead", "admin"})
EVALUATORS = frozenset({"evaluator", "admin"})
ADMINS = frozenset({"admin"})
NOT_OFFERED = None  # 405 for every signed-in role

# url name -> (who may GET, who may POST)
ACCESS = {
    "home": (EVERYONE, EVERYONE),
    "house_rules": (EVERYONE, EVERYONE),
    "help": (EVERYONE, EVERYONE),
    "rules_accept": (MEMBERS, MEMBERS),
    "forum_index": (MEMBERS, MEMBERS),
    "forum_latest": (MEMBERS, MEMBERS),
    "forum_search": (MEMBERS, MEMBERS),
    "forum_preview": (NOT_OFFERED, MEMBERS),
    "forum_activity": (MEMBERS, MEMBERS),
    "forum_thread": (MEMBERS, MEMBERS),
    "forum_thread_slug": (MEMBERS, MEMBERS),
    "forum_post": (MEMBERS, MEMBERS),
    "forum_post_edit": (AUTHOR, AUTHOR),
    "forum_post_remove": (AUTHOR, AUTHOR),
    "forum_post_react": (NOT_OFFERED, MEMBERS),
    "forum_post_history": (MODERATORS, MODERATORS),  # docs/roles.md: every moderator reads earlier versions
    "forum_board": (MEMBERS, MEMBERS),
    "forum_new_thread": (MEMBERS, MEMBERS),
    "room_list": (MEMBERS, NOT_OFFERED),
    "shell_places": (MEMBERS, NOT_OFFERED),
    "room": (MEMBERS, MEMBERS),
    "room_rules_accept": (NOT_OFFERED, MEMBERS),
    "room_ask": (NOT_OFFERED, MEMBERS),
    "room_appearance": (NOT_OFFERED, MEMBERS),
    "room_history": (MEMBERS, NOT_OFFERED),
    "room_status": (MEMBERS, NOT_OFFERED),
    "room_host": (HOSTS, HOSTS),
    "room_report": (MEMBERS, MEMBERS),
    "room_remove_message": (HOSTS, HOSTS),
    "profile": (MEMBERS, MEMBERS),
    "block_member": (NOT_OFFERED, MEMBERS),
    "unblock_member": (NOT_OFFERED, MEMBERS),
    "account_settings": (MEMBERS, MEMBERS),
    "account_age_band": (NOT_OFFERED, MEMBERS),
    "account_export": (MEMBERS, MEMBERS),
    "account_delete": (MEMBERS, MEMBERS),
    "self_care": (MEMBERS, MEMBERS),
    "mute_word": (NOT_OFFERED, MEMBERS),
    "unmute_word": (NOT_OFFERED, MEMBERS),
    "take_break": (NOT_OFFERED, MEMBERS),
    "come_back": (NOT_OFFERED, MEMBERS),
    "notifications": (MEMBERS, MEMBERS),
    "notifications_read": (NOT_OFFERED, MEMBERS),
    "support_panel": (MEMBERS, MEMBERS),
    "dismiss_support": (NOT_OFFERED, MEMBERS),
    "check_ins": (MEMBERS, MEMBERS),
    "check_ins_join": (NOT_OFFERED, MEMBERS),
    "check_ins_withdraw": (MEMBERS, MEMBERS),
    "check_in_wave": (MEMBERS, MEMBERS),
    "check_in_skip": (NOT_OFFERED, MEMBERS),
    "safeguarding_check_in": (MEMBERS, MEMBERS),
    "safeguarding_check_in_choice": (NOT_OFFERED, MEMBERS),
    "safeguarding_check_in_contact": (NOT_OFFERED, MEMBERS),
    "safeguarding_messages": (MEMBERS, MEMBERS),
    "safeguarding_message_reply": (NOT_OFFERED, MEMBERS),
    "safeguarding_messages_read": (NOT_OFFERED, MEMBERS),
    "safeguarding_messages_banner": (MEMBERS, NOT_OFFERED),
    "safeguarding_dashboard": (LEADS, LEADS),
    "safeguarding_case_list": (LEADS, LEADS),
    "safeguarding_duty": (NOT_OFFERED, LEADS),
    "safeguarding_case": (LEADS, LEADS),
    "safeguarding_case_message": (NOT_OFFERED, LEADS),
    "safeguarding_case_action": (NOT_OFFERED, LEADS),
    "safeguarding_phrases": (LEADS, LEADS),
    "safeguarding_phrase_add": (LEADS, LEADS),
    "safeguarding_phrase_try": (LEADS, LEADS),
    "safeguarding_phrase_history": (LEADS, LEADS),
    "safeguarding_phrase_active": (NOT_OFFERED, LEADS),
    "moderation:queue": (HOSTS | {"outside_moderator"}, MODERATORS),
    "moderation:queue_list": (MODERATORS, MODERATORS),
    "moderation:item": (HOSTS, HOSTS),
    "moderation:act": (NOT_OFFERED, HOSTS),
    "moderation:report_post": (MEMBERS, MEMBERS),
    "moderation:report_thread": (MEMBERS, MEMBERS),
    "moderation:report_member": (MEMBERS, MEMBERS),
    "moderation:my_reports": (MEMBERS, MEMBERS),
    "moderation:notices": (MEMBERS, MEMBERS),
    "moderation:notices_read": (NOT_OFFERED, MEMBERS),
    "moderation:concern": (MEMBERS, MEMBERS),
    "moderation:log": (MODERATORS, MODERATORS),
    "moderation:training": (MODERATORS, MODERATORS),
    "moderation:read_module": (NOT_OFFERED, MODERATORS),
    "moderation:confirm_module": (NOT_OFFERED, LEADS),
    "moderation:duty": (NOT_OFFERED, MODERATORS),
    "moderation:team": (LEADS, ADMINS),  # leads confirm training there; only administrators promote
    "moderation:set_scope": (NOT_OFFERED, ADMINS),
    "moderation:watched_words": (MODERATORS, MODERATORS),
    "moderation:remove_watched_word": (NOT_OFFERED, MODERATORS),
    "evaluation_dashboard": (EVALUATORS, EVALUATORS),
    "evaluation_download": (EVALUATORS, EVALUATORS),
    "evaluation_check_ins_download": (EVALUATORS, EVALUATORS),
    "evaluation_research": (EVALUATORS, EVALUATORS),
    "evaluation_research_export": (NOT_OFFERED, EVALUATORS),
    "evaluation_request_panel": (NOT_OFFERED, EVALUATORS),
    "evaluation_decide_panel": (NOT_OFFERED, EVALUATORS),
    "evaluation_research_switch": (NOT_OFFERED, EVALUATORS),
    # config.admin: signed out, to the members' sign-in; a member who is not staff finds nothing.
    "admin:login": (ADMINS, ADMINS),
}
PROJECT_APPS = {"config", "accounts", "community", "moderation", "safeguarding", "evaluation"}


def _patterns(resolver=None, prefix="", namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), namespace + entry.name, entry.callback.__module__


def project_routes() -> dict[str, str]:
    """The project's own URL names (not the admin's or allauth's), with their routes."""
    return {name: route for route, name, module in _patterns() if module.split(".")[0] in PROJECT_APPS}


def test_every_project_url_has_a_decided_audience():
    routes = project_routes()
    assert sorted(set(routes) - set(ACCESS)) == [], "add these URLs to ACCESS with who may use them"
    assert sorted(set(ACCESS) - set(routes)) == [], "these URLs no longer exist"


@pytest.fixture
def world(db, make_member, board, client_for, client):
    """Someone in every role, and one of everything a URL can point at."""
    author, other = make_member("robin"), make_member("sky")
    admin = make_member("siteadmin", roles=(Role.ADMINISTRATOR,))
    admin.is_superuser = admin.is_staff = True
    admin.save(update_fields=["is_superuser", "is_staff"])
    moderator = make_member("kindmod", roles=(Role.MODERATOR,))
    outside = make_member("elsewhere", roles=(Role.MODERATOR,))
    for each in (moderator, outside):
        training.confirm_all(each, by=admin)
    room = Room.objects.create(name="Evening check-in", slug="evening", purpose="How was today?")
    ModeratorScope.objects.create(moderator=moderator, board=board)
    ModeratorScope.objects.create(moderator=moderator, room=room)
    ModeratorScope.objects.create(moderator=outside, board=Board.objects.create(title="Sleep", slug="sleep"))
    lead = make_member("lead", roles=(Role.SAFEGUARDING_LEAD,))
    evaluator = make_member("counts", roles=(Role.EVALUATOR,))

    thread = forum.start_thread(other, board, "Panic on the bus", "It happened again today.")
    post = forum.add_reply(author, thread, "Same here, the bus is hard.")
    chat.send_message(author, room, "Hello everyone")
    values = {
        "thread_id": thread.pk,
        "slug": board.slug,
        "post_id": post.pk,
        "seq": 1,
        "item_id": reports.report_post(other, post, "unkind").item_id,
        "case_id": Case.objects.create(member=author, level=3).pk,
        "action": "acknowledge",
        "handle": author.handle,
        "phrase_id": RiskPhrase.objects.first().pk,
        "module_id": TrainingModule.objects.first().pk,
        "word_id": WatchedWord.objects.create(text="mean", action="flag").pk,
        "panel_id": ResearchPanel.objects.create(title="Study", requested_by=evaluator).pk,
        "muted_word_id": 0,
        "message_id": 0,
        "wave_day": 0,
        "room_slug": room.slug,
    }
    people = {
        "author": author,
        "other_member": other,
        "moderator": moderator,
        "outside_moderator": outside,
        "lead": lead,
        "evaluator": evaluator,
        "admin": admin,
    }
    clients = {"anonymous": client, **{role: client_for(user) for role, user in people.items()}}
    for each in clients.values():
        each.raise_request_exception = False
    return values, clients


def _url(name: str, route: str, values: dict) -> str:
    def value(match):
        key = match.group(1)
        return str(values["room_slug" if key == "slug" and name.startswith("room") else key])

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)


def _refused(role: str, response) -> bool:
    if role == "anonymous":
        return response.status_code == 302 and "/accounts/login/" in response["Location"]
    return response.status_code in (403, 404)


def _check(clients, method: str, url: str, audience) -> list[str]:
    """What went wrong for each role; refusals first, so an allowed role's action can't hide one."""
    problems = []
    ordered = sorted(ROLES, key=lambda role: audience is not None and role in audience)
    for role in ordered:
        response = getattr(clients[role], method)(url)
        status = response.status_code
        if status >= 500:
            problems.append(f"{role}: {method.upper()} {status}")
        elif audience is None:
            if not (_refused(role, response) if role == "anonymous" else status == 405):
                problems.append(f"{role}: {method.upper()} should be 405, got {status}")
        elif role in audience:
            if status in (403, 404, 405) or _refused(role, response):
                problems.append(f"{role}: {method.upper()} refused ({status}) but should be allowed")
        elif not _refused(role, response):
            problems.append(f"{role}: {method.upper()} should be refused, got {status}")
    return problems


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_each_role_reaches_only_what_it_may(world, name):
    values, clients = world
    route = project_routes()[name]
    get_audience, post_audience = ACCESS[name]
    url = _url(name, route, values)
    problems = _check(clients, "get", url, get_audience) + _check(clients, "post", url, post_audience)
    assert problems == [], url
