"""Who sees what in the forum: restricted boards, post states per viewer, and private email addresses."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import Role
from community.models import Board, Post
from community.permissions import (
    can_read_post_text,
    can_see_post,
    can_see_thread,
    is_moderator,
    posts_readable_by,
    posts_visible_to,
    threads_visible_to,
)
from community.services import forum
from community.services.boards import save_board
from tests.test_privacy import crawl

State = Post.State


@pytest.fixture
def board(db):
    return save_board(Board(slug="depression", title="Depression", description="Low days."))


@pytest.fixture
def carers_board(db):
    group = Group.objects.create(name="Carers")
    return save_board(Board(slug="carers", title="Carers", description="For carers.", restricted_to=group))


@pytest.fixture
def carer(make_member, carers_board):
    carer = make_member("carer")
    carer.groups.add(carers_board.restricted_to)
    return carer


@pytest.fixture
def carers_thread(carers_board, carer):
    return forum.start_thread(carer, carers_board, "Mum had a hard day", "Private carers' words about mum.")


@pytest.fixture
def thread(board, other_member):
    return forum.start_thread(other_member, board, "Grey week", "Everything feels heavy.")


def with_state(post: Post, state: str) -> Post:
    Post.objects.filter(pk=post.pk).update(state=state)
    post.refresh_from_db()
    return post


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ((Role.MODERATOR,), True),
        ((Role.SAFEGUARDING_LEAD,), True),
        ((Role.ADMINISTRATOR,), True),
        ((Role.EVALUATOR,), False),
        ((), False),
    ],
)
def test_moderators_are_peer_moderators_safeguarding_leads_and_administrators(make_member, roles, expected):
    assert is_moderator(make_member(roles=roles)) is expected


def test_a_restricted_board_is_not_listed_for_members_outside_its_group(carers_board, member, client_for):
    client = client_for(member)
    for path in ("/forum/", "/"):
        assert b"/forum/carers/" not in client.get(path).content, path


def test_restricted_board_pages_are_not_found_for_members_outside_its_group(carers_thread, member, client_for):
    client = client_for(member)
    opening = carers_thread.opening_post_id
    for path in (
        "/forum/carers/",
        "/forum/carers/new/",
        carers_thread.get_absolute_url(),
        f"/forum/p/{opening}/",
        f"/forum/p/{opening}/edit/",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/forum/p/{opening}/react/", {"kind": "hug"}).status_code == 404


def test_restricted_board_threads_stay_out_of_latest_search_and_activity(carers_thread, carer, member, client_for):
    client = client_for(member)
    for path in ("/forum/latest/", "/forum/search/?q=mum", f"/forum/activity/{carer.handle}/", "/"):
        assert b"Mum had a hard day" not in client.get(path).content, path


@pytest.mark.parametrize("viewer", ["carer", "moderator"])
def test_the_boards_group_and_moderators_can_read_a_restricted_board(carers_thread, client_for, request, viewer):
    client = client_for(request.getfixturevalue(viewer))
    assert b"Mum had a hard day" in client.get("/forum/latest/").content
    assert b"words about mum." in client.get(carers_thread.get_absolute_url()).content


def test_a_held_reply_shows_only_to_its_author_and_moderators(thread, member, moderator, client_for):
    with_state(forum.add_reply(member, thread, "Words waiting for a check."), State.HELD)
    url = thread.get_absolute_url()
    assert b"Words waiting for a check." not in client_for(thread.author).get(url).content
    mine = client_for(member).get(url).content.decode()
    assert "Words waiting for a check." in mine and "Waiting for a moderator" in mine
    assert "Words waiting for a check." in client_for(moderator).get(url).content.decode()


def test_a_hidden_reply_is_gone_for_members_and_marked_for_moderators(thread, member, moderator, client_for):
    hidden = with_state(forum.add_reply(member, thread, "Hidden words."), State.HIDDEN)
    url = thread.get_absolute_url()
    for viewer in (member, thread.author):
        page = client_for(viewer).get(url).content.decode()
        assert "Hidden words." not in page and f'id="post-{hidden.pk}"' not in page
    page = client_for(moderator).get(url).content.decode()
    assert "Hidden words." in page and "Hidden by a moderator" in page


@pytest.mark.parametrize(
    ("state", "placeholder"),
    [
        (State.REMOVED, "This post was removed by a moderator."),
        (State.REMOVED_BY_AUTHOR, "This post was removed by the author."),
    ],
)
def test_removed_replies_show_as_a_placeholder_to_everyone(thread, member, moderator, client_for, state, placeholder):
    removed = with_state(forum.add_reply(member, thread, "Removed words."), state)
    for viewer in (member, thread.author, moderator):
        page = client_for(viewer).get(thread.get_absolute_url()).content.decode()
        assert f'id="post-{removed.pk}"' in page and placeholder in page
        assert "Removed words." not in page


def test_a_thread_whose_opening_post_is_held_is_hidden_from_other_members(thread, member, moderator, client_for):
    with_state(thread.opening_post, State.HELD)
    assert client_for(member).get(thread.get_absolute_url()).status_code == 404
    assert b"Grey week" not in client_for(member).get("/forum/latest/").content
    for viewer in (thread.author, moderator):
        assert b"Grey week" in client_for(viewer).get("/forum/depression/").content


def test_a_thread_whose_opening_post_a_moderator_removed_is_gone_for_members(thread, member, client_for):
    with_state(thread.opening_post, State.REMOVED)
    assert client_for(member).get(thread.get_absolute_url()).status_code == 404
    assert b"Grey week" not in client_for(member).get("/forum/depression/").content


def test_a_thread_stays_when_its_author_removes_the_opening_post(thread, member, client_for):
    forum.remove_own_post(thread.author, thread.opening_post)
    page = client_for(member).get(thread.get_absolute_url()).content.decode()
    assert "This post was removed by the author." in page and "Everything feels heavy." not in page


@pytest.mark.parametrize("state", [State.HELD, State.HIDDEN, State.REMOVED, State.REMOVED_BY_AUTHOR])
def test_search_and_activity_never_show_another_members_unpublished_words(
    thread, member, other_member, client_for, state
):
    with_state(forum.add_reply(other_member, thread, "Needle in the haystack."), state)
    client = client_for(member)
    for path in ("/forum/search/?q=needle", f"/forum/activity/{other_member.handle}/"):
        assert b"Needle in the haystack" not in client.get(path).content, path


def test_edit_history_is_for_moderators_only(thread, moderator, client_for):
    forum.edit_post(thread.author, thread.opening_post, "Edited words.")
    history = f"/forum/p/{thread.opening_post_id}/history/"
    assert client_for(thread.author).get(history).status_code == 404
    assert b"Everything feels heavy." in client_for(moderator).get(history).content


def test_no_forum_page_shows_another_members_email(thread, member, other_member, client_for):
    forum.add_reply(member, thread, "Reply with a quote.", quoted=thread.opening_post)
    pages = dict(crawl(client_for(member), "/forum/"))
    pages.update(crawl(client_for(member), f"/forum/activity/{other_member.handle}/"))
    pages.update(crawl(client_for(member), "/forum/search/?q=grey"))
    assert thread.get_absolute_url() in pages and len(pages) >= 8
    for path, response in pages.items():
        assert other_member.email.encode() not in response.content, path


# The rule as a matrix: for each state, who sees the post at all and who reads its words.
# Viewers: the post's author, another member, a moderator.
POST_MATRIX = {
    State.PUBLISHED: {"author": "reads", "member": "reads", "moderator": "reads"},
    State.HELD: {"author": "reads", "member": "nothing", "moderator": "reads"},
    State.HIDDEN: {"author": "nothing", "member": "nothing", "moderator": "reads"},
    State.REMOVED: {"author": "placeholder", "member": "placeholder", "moderator": "placeholder"},
    State.REMOVED_BY_AUTHOR: {"author": "placeholder", "member": "placeholder", "moderator": "placeholder"},
}


@pytest.mark.parametrize("state", list(POST_MATRIX))
@pytest.mark.parametrize("who", ["author", "member", "moderator"])
def test_each_viewer_sees_each_state_of_reply_as_the_rule_says(thread, member, moderator, state, who):
    reply = with_state(forum.add_reply(member, thread, "A reply."), state)
    viewer = {"author": member, "member": thread.author, "moderator": moderator}[who]
    expected = POST_MATRIX[state][who]
    appears = posts_visible_to(viewer).filter(pk=reply.pk).exists()
    reads = posts_readable_by(viewer).filter(pk=reply.pk).exists()
    assert (appears, reads) == {"reads": (True, True), "placeholder": (True, False), "nothing": (False, False)}[
        expected
    ]
    assert can_see_post(viewer, reply) is appears
    assert can_read_post_text(viewer, reply) is reads


@pytest.mark.parametrize(
    ("state", "listed_for_others"),
    [
        (State.PUBLISHED, True),
        (State.HELD, False),
        (State.HIDDEN, False),
        (State.REMOVED, False),
        (State.REMOVED_BY_AUTHOR, True),
    ],
)
def test_a_thread_is_listed_while_its_opening_post_is_readable_or_removed_by_its_author(
    thread, member, state, listed_for_others
):
    with_state(thread.opening_post, state)
    thread.refresh_from_db()
    assert threads_visible_to(member).filter(pk=thread.pk).exists() is listed_for_others
    assert can_see_thread(member, thread) is listed_for_others
