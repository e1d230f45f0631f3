"""Handles are compared by what they look like: nobody signs up as the team, or as someone else."""

import html

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.handles import looks_like_the_team, skeleton
from accounts.models import User
from tests.test_signup import SIGNUP

pytestmark = pytest.mark.security("text-spoofing")

CYRILLIC_O = "\N{CYRILLIC SMALL LETTER O}"
GREEK_ALPHA = "\N{GREEK SMALL LETTER ALPHA}"
FULLWIDTH_MODERATOR = "".join(chr(ord(letter) + 0xFEE0) for letter in "Moderator")


@pytest.mark.parametrize(
    ("handle", "looks_like"),
    [
        ("moderat0r", "moderator"),
        ("M0DERAT0R", "moderator"),
        (f"m{CYRILLIC_O}derator", "moderator"),  # the pattern refuses it anyway; the skeleton folds it all the same
        (f"{GREEK_ALPHA}dmin", "admln"),
        (FULLWIDTH_MODERATOR, "moderator"),
        ("Safeguarding_Team", "safeguardlngteam"),
        ("rn0d", "mod"),
        ("R0b-1n", "robln"),
        ("robin2", "robln2"),
    ],
)
def test_a_skeleton_is_what_the_handle_looks_like(handle, looks_like):
    assert skeleton(handle) == looks_like


# The review's examples, and the rule's other cases (accounts/handles.py says why each is refused).
TEAM_LOOK_ALIKES = [
    "moderat0r", "safeguarding_team", "safeguarding-team", "the-moderators", "admin_", "Admin1", "modteam",
    "kindred_team", "staff-", "M0D", "the_team", "Official-Moderator", "kindredsupport", "admin-moderator",
    "sarah_admin", "SarahModerator", "peer-support", "adminton", "kindred_spirit", "5afeguarding", "supp0rt_hq",
]  # fmt: skip
ORDINARY_HANDLES = [
    "moana", "badminton", "teamwork", "modest", "helpful", "help_me", "supportive_sam", "supporter", "systematic",
    "ecosystem", "staffy_lover", "theresa", "rooted", "moderately", "quiet_reader", "Tea-and-toast", "robin2024",
]  # fmt: skip


@pytest.mark.parametrize("handle", TEAM_LOOK_ALIKES)
def test_a_handle_that_looks_like_the_team_is_kept_for_the_team(handle, settings):
    assert looks_like_the_team(handle)


@pytest.mark.parametrize("handle", ORDINARY_HANDLES)
def test_an_ordinary_handle_that_only_shares_letters_with_a_team_word_is_fine(handle, settings):
    assert not looks_like_the_team(handle)


def test_the_site_name_is_reserved_whatever_it_is(settings):
    settings.SITE_NAME = "Harbour"
    assert looks_like_the_team("harb0ur_team") and not looks_like_the_team("kindred_team")


@pytest.fixture
def signup(client, db):
    def post(handle: str):
        return html.unescape(client.post("/accounts/signup/", {**SIGNUP, "username": handle}).content.decode())

    return post


@pytest.mark.parametrize("handle", ["moderat0r", "the-moderators", "Admin1", "kindred_team", "staff-"])
def test_signing_up_as_a_look_alike_of_the_team_is_refused_calmly(signup, handle):
    assert "That handle looks like one kept for the team. Please choose another." in signup(handle)
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


@pytest.mark.parametrize("handle", ["R0bin", "rob_in", "ROBIN-", "r0b1n"])
def test_signing_up_as_a_look_alike_of_another_member_is_refused(signup, make_member, handle):
    make_member("robin")
    assert "That handle looks too much like another member's. Please choose another." in signup(handle)


def test_an_ordinary_handle_beside_a_member_still_signs_up(signup, make_member):
    make_member("robin")
    signup("robin_hood")
    assert User.objects.get(email=SIGNUP["email"]).handle == "robin_hood"


def test_a_deleted_members_handle_holds_nothing_back(signup, make_member):
    from accounts.services import delete_account

    delete_account(make_member("robin"))
    signup("r0bin")
    assert User.objects.filter(handle="r0bin").exists()


def test_the_skeleton_is_kept_with_the_handle_on_every_save(make_member):
    member = make_member("Sky_Walker")
    assert User.objects.get(pk=member.pk).handle_skeleton == "skywalker"
    member.handle = "c1oud"
    member.save(update_fields=["handle"])
    assert User.objects.get(pk=member.pk).handle_skeleton == "cloud"


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_existing_member_a_skeleton():
    executor = MigrationExecutor(connection)
    before = ("accounts", "0003_optional_age_band")
    executor.migrate([before])
    OldUser = executor.loader.project_state([before]).apps.get_model("accounts", "User")
    for n, handle in enumerate(["R0bin", "Sky-Walker", "moana"]):
        OldUser.objects.create(email=f"m{n}@example.org", handle=handle, password="!")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert dict(User.objects.values_list("handle", "handle_skeleton")) == {
        "R0bin": "robln",
        "Sky-Walker": "skywalker",
        "moana": "moana",
    }
