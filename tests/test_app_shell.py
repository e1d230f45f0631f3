"""The app shell: the sidebar's boards and rooms, generated avatars, the icons and the web app manifest."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders

from accounts.services import delete_account
from accounts.templatetags.avatars import HUES, hue, initials
from community.models import Board, Room
from community.queries import places_for
from community.services import forum


@pytest.fixture
def places(db, board):
    carers = Group.objects.create(name="Carers")
    Board.objects.create(title="Carers only", slug="carers", description="For carers.", restricted_to=carers)
    Room.objects.create(name="Evening room", slug="evening", purpose="Company.", position=2)
    Room.objects.create(name="Morning room", slug="morning", purpose="Company.", position=1)
    Room.objects.create(name="Debrief", slug="debrief", purpose="For moderators.", audience=Room.Audience.MODERATORS)
    return carers


@pytest.mark.security("permissions")
def test_the_sidebar_lists_only_the_boards_and_rooms_a_member_may_see_in_order(places, member, moderator):
    assert [(p["kind"], p["name"]) for p in places_for(member)] == [
        ("board", "Anxiety"),
        ("room", "Morning room"),
        ("room", "Evening room"),
    ]
    seen_by_moderator = {p["name"] for p in places_for(moderator)}
    assert {"Carers only", "Debrief"} <= seen_by_moderator
    member.groups.add(places)
    del member._role_names
    assert "Carers only" in {p["name"] for p in places_for(member)}


def test_the_sidebar_is_one_query_and_its_own_request(places, member, client_for, django_assert_num_queries):
    places_for(member)  # the member's roles, once a request
    with django_assert_num_queries(1):
        places_for(member)
    page = client_for(member).get("/places/").content.decode()
    assert 'href="/forum/anxiety/"' in page and 'href="/rooms/morning/"' in page and "debrief" not in page
    assert "/places/" in client_for(member).get("/").content.decode()


def test_initials_come_from_the_words_of_a_handle():
    assert [initials(h) for h in ("robin", "quiet_fox", "QuietFox", "sky-2", "ABC")] == ["R", "QF", "QF", "S2", "A"]


def test_an_avatars_colour_is_the_same_for_a_handle_in_every_process_and_spread_over_the_palette():
    assert hue("robin") == hue("Robin") == 0
    assert len({hue(f"member{n}") for n in range(200)}) == HUES


def test_posts_show_the_avatar_and_a_former_member_a_neutral_one(board, member, other_member, client_for):
    thread = forum.start_thread(other_member, board, "Panic on the bus", "It happened again.")
    forum.add_reply(member, thread, "Breathing helps me.")
    page = client_for(member).get(thread.get_absolute_url()).content.decode()
    assert f'<span class="avatar hue-{hue("robin")}" aria-hidden="true">R</span>' in page
    delete_account(other_member)
    page = client_for(member).get(thread.get_absolute_url()).content.decode()
    assert '<span class="avatar" aria-hidden="true"></span>Former member' in page


def test_the_manifest_names_the_app_and_its_icons_exist():
    manifest = json.loads(Path(finders.find("manifest.webmanifest")).read_text())
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    for icon in manifest["icons"]:
        assert finders.find(icon["src"]), icon["src"]
