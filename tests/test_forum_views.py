"""Forum pages: posting through forms, keeping words on refusal, quoting, reactions, paging and query counts."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.services import delete_account
from community.models import Board, Post, Reaction, Thread
from community.services import forum, reactions
from community.services.boards import save_board
from community.services.rules import publish_rules

# Session, user, roles, thread or board, count, one page, reactions, what base.html adds,
# the live event id the page starts from, the reader's blocks and muted words, and the
# reader's first read of the day for the evaluation (one insert), and the footer's
# "is the safeguarding team around" (cached for a minute outside tests).
PAGE_QUERY_BUDGET = 15


@pytest.fixture
def board(db):
    return save_board(
        Board(
            slug="anxiety",
            title="Anxiety",
            description="Worry and panic.",
            ground_rules="Share what helps **you**.",
        )
    )


@pytest.fixture
def thread(board, other_member):
    return forum.start_thread(other_member, board, "Panic on the bus", "It happened again this morning.")


def composer_text(page: str) -> str:
    return re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', page, re.S).group(1).strip()


def test_starting_a_thread_takes_the_member_to_it(board, member, client_for):
    response = client_for(member).post(
        "/forum/anxiety/new/", {"title": "First time here", "body": "Hello *all*.", "warning": ""}, follow=True
    )
    thread = Thread.objects.get()
    assert response.redirect_chain[-1][0] == thread.get_absolute_url()
    assert "<em>all</em>" in response.content.decode()


def test_new_thread_page_shows_the_boards_ground_rules(board, member, client_for):
    page = client_for(member).get("/forum/anxiety/new/").content.decode()
    assert "Ground rules for Anxiety" in page and "Share what helps <strong>you</strong>." in page


def test_reply_composer_shows_the_boards_ground_rules(thread, member, client_for):
    page = client_for(member).get(thread.get_absolute_url()).content.decode()
    assert page.index("Share what helps <strong>you</strong>.") > page.index(f'id="post-{thread.opening_post_id}"')


def test_an_over_long_reply_comes_back_whole_with_a_message(thread, member, client_for):
    words = "I have a lot to say. " * 500 + "The end."
    response = client_for(member).post(thread.get_absolute_url(), {"body": words})
    page = response.content.decode()
    assert response.status_code == 200
    assert "the limit is 10,000" in page
    assert composer_text(page) == words.strip()
    assert thread.posts.count() == 1


def test_an_over_long_title_comes_back_with_the_words_kept(board, member, client_for):
    title = "t" * 151
    page = client_for(member).post("/forum/anxiety/new/", {"title": title, "body": "My words."}).content.decode()
    assert "limit is 150" in page and f'value="{title}"' in page and "My words." in page
    assert not Thread.objects.exists()


def test_a_rate_limited_reply_keeps_the_words_and_says_when_to_try_again(thread, member, client_for, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "reply": (1, 60)}
    client = client_for(member)
    client.post(thread.get_absolute_url(), {"body": "First reply."})
    page = client.post(thread.get_absolute_url(), {"body": "Second reply, kept."}).content.decode()
    assert "You can reply again in" in page
    assert composer_text(page) == "Second reply, kept."
    assert thread.posts.count() == 2


def test_a_rate_limited_thread_keeps_the_words(board, member, client_for, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "thread": (1, 600)}
    client = client_for(member)
    client.post("/forum/anxiety/new/", {"title": "One", "body": "First."})
    page = client.post("/forum/anxiety/new/", {"title": "Two", "body": "Second, kept."}).content.decode()
    assert "You can start another in" in page and 'value="Two"' in page and "Second, kept." in page


def test_new_house_rules_send_the_member_to_accept_them_and_keep_their_reply(thread, member, client_for):
    publish_rules("house", "House rules", "Version two: be kind.")
    client = client_for(member)
    response = client.post(thread.get_absolute_url(), {"body": "My careful reply."})
    assert response.status_code == 302
    assert response.url == f"/rules/accept/?next={thread.get_absolute_url().replace('/', '%2F')}"
    assert not thread.posts.filter(author=member).exists()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert composer_text(page) == "My careful reply."


def test_the_quote_link_prefills_the_composer_with_the_quote(thread, member, client_for):
    page = client_for(member).get(f"{thread.get_absolute_url()}?quote={thread.opening_post_id}").content.decode()
    assert f'name="quote" value="{thread.opening_post_id}"' in page
    assert "You're quoting <strong data-quoting-author>sky</strong>" in page
    assert '<div class="quoting" id="quoting">' in page


def test_without_a_quote_the_quoting_box_waits_hidden_for_the_quote_link(thread, member, client_for):
    page = client_for(member).get(thread.get_absolute_url()).content.decode()
    assert '<div class="quoting" id="quoting" hidden>' in page
    assert f'data-quote="{thread.opening_post_id}" data-quote-author="sky"' in page


def test_a_quoting_reply_shows_the_quote_with_the_quoted_authors_name(thread, member, client_for):
    client = client_for(member)
    client.post(thread.get_absolute_url(), {"body": "Me too.", "quote": thread.opening_post_id})
    page = client.get(thread.get_absolute_url()).content.decode()
    quote = re.search(r'<blockquote class="quote">(.*?)</blockquote>', page, re.S).group(1)
    assert "sky wrote:" in quote and "It happened again this morning." in quote


def test_a_content_warning_folds_the_post_behind_a_button(board, member, client_for):
    client = client_for(member)
    client.post("/forum/anxiety/new/", {"title": "Hard night", "body": "Words.", "warning": "self-harm"})
    page = client.get(Thread.objects.get().get_absolute_url()).content.decode()
    folded = re.search(r'<details class="content-warning">(.*?)</details>', page, re.S).group(1)
    assert "<summary>Show post (content warning: self-harm)</summary>" in folded and "Words." in folded


def test_a_content_warning_can_be_in_the_members_own_words(board, member, client_for):
    client = client_for(member)
    client.post("/forum/anxiety/new/", {"title": "Hospital", "body": "Words.", "warning_other": "hospital stay"})
    page = client.get(Thread.objects.get().get_absolute_url()).content.decode()
    assert "Show post (content warning: hospital stay)" in page


def test_reacting_shows_the_count_and_that_the_viewer_gave_it(thread, member, client_for):
    client = client_for(member)
    response = client.post(f"/forum/p/{thread.opening_post_id}/react/", {"kind": "hug"}, follow=True)
    button = re.search(r'<button[^>]*value="hug"[^>]*>.*?</button>', response.content.decode(), re.S).group(0)
    assert 'aria-pressed="true"' in button and '<span class="count">1' in button


def test_editing_through_the_form_marks_the_post_edited(thread, client_for, other_member):
    post = thread.opening_post
    response = client_for(other_member).post(
        f"/forum/p/{post.pk}/edit/", {"title": "Panic on the train", "body": "New words."}, follow=True
    )
    page = response.content.decode()
    assert "New words." in page and "(edited)" in page and "<h1>Panic on the train</h1>" in page


def test_members_cannot_open_the_edit_page_for_someone_elses_post(thread, member, client_for):
    assert client_for(member).get(f"/forum/p/{thread.opening_post_id}/edit/").status_code == 404


def test_removing_through_the_form_leaves_a_placeholder(thread, member, client_for):
    reply = forum.add_reply(member, thread, "Second thoughts.")
    response = client_for(member).post(f"/forum/p/{reply.pk}/remove/", follow=True)
    page = response.content.decode()
    assert "This post was removed by the author." in page and "Second thoughts." not in page


def test_long_threads_are_paged_fifty_posts_at_a_time(thread, member, client_for):
    replies = [forum.do_add_reply(member, thread, f"Reply number {n}.") for n in range(1, 52)]
    client = client_for(member)
    first = client.get(thread.get_absolute_url()).content.decode()
    second = client.get(f"{thread.get_absolute_url()}?page=2").content.decode()
    assert first.count('class="post ') == 50 and "Page 1 of 2" in first
    assert second.count('class="post ') == 2 and "Reply number 51." in second
    assert client.get(f"/forum/p/{replies[-1].pk}/").url == f"{thread.get_absolute_url()}?page=2#post-{replies[-1].pk}"


def test_board_pages_list_threads_by_latest_activity_thirty_a_page(board, member, client_for):
    start = timezone.now() - timedelta(days=1)
    for n in range(31):
        forum.do_start_thread(member, board, f"Conversation {n:02}", "Words.", created_at=start + timedelta(minutes=n))
    client = client_for(member)
    first = client.get("/forum/anxiety/").content.decode()
    assert first.count('class="thread-row"') == 30
    assert first.index("Conversation 30") < first.index("Conversation 29")
    assert "Conversation 00" in client.get("/forum/anxiety/?page=2").content.decode()


def test_latest_puts_the_thread_with_the_newest_reply_first(board, thread, member, client_for):
    forum.start_thread(member, board, "Newer conversation", "Words.")
    forum.add_reply(member, thread, "Bumping the older one.")
    page = client_for(member).get("/forum/latest/").content.decode()
    assert page.index("Panic on the bus") < page.index("Newer conversation")


def test_activity_page_lists_a_members_threads_and_replies(board, thread, member, client_for):
    forum.start_thread(member, board, "My own conversation", "Words.")
    forum.add_reply(member, thread, "My reply.")
    page = client_for(member).get(f"/forum/activity/{member.handle}/").content.decode()
    assert "Started" in page and "My own conversation" in page
    assert "Replied" in page and "Panic on the bus" in page


def test_search_finds_posts_by_their_words_and_by_thread_title(thread, member, client_for):
    forum.add_reply(member, thread, "Breathing slowly helped me.")
    client = client_for(member)
    assert "Breathing slowly helped me." in client.get("/forum/search/?q=breathing").content.decode()
    assert "1 result" in client.get("/forum/search/?q=panic").content.decode()


def test_a_deleted_members_posts_show_as_former_member(thread, other_member, member, client_for):
    delete_account(other_member)
    page = client_for(member).get(thread.get_absolute_url()).content.decode()
    assert "Former member" in page and "sky" not in page


def test_home_shows_boards_and_recent_conversations(thread, member, client_for):
    page = client_for(member).get("/").content.decode()
    assert "/forum/anxiety/" in page and "Panic on the bus" in page


def test_nav_links_to_the_forum_and_latest(member, client_for):
    nav = re.search(r'<ul class="nav">(.*?)</ul>', client_for(member).get("/").content.decode(), re.S).group(1)
    assert 'href="/forum/"' in nav and 'href="/forum/latest/"' in nav


@pytest.fixture
def busy_thread(board, thread, make_member):
    """A thread with 60 posts by many members, quotes, content warnings, edits and many reactions."""
    members = [make_member() for _ in range(8)]
    posts = [thread.opening_post]
    for n in range(59):
        author = members[n % len(members)]
        quoted = posts[n // 2] if n % 3 == 0 else None
        posts.append(forum.do_add_reply(author, thread, f"Reply {n}", "self-harm" if n % 5 == 0 else "", quoted))
    forum.edit_post(members[0], posts[1], "Edited reply")
    for post in posts:
        for giver in members:
            if giver.pk != post.author_id:
                for kind in Reaction.Kind.values[: 1 + post.pk % 4]:
                    reactions.do_add_reaction(giver, post, kind)
    return thread


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("viewer", ["member", "moderator"])
def test_thread_page_queries_do_not_grow_with_posts_reactions_or_viewers(
    board, make_member, busy_thread, client_for, django_assert_max_num_queries, request, viewer
):
    small = forum.start_thread(make_member(), board, "Small", "Just one reply.")
    forum.add_reply(make_member(), small, "Here it is.")
    client = client_for(request.getfixturevalue(viewer))
    most = queries_for(client, small.get_absolute_url())
    assert most <= PAGE_QUERY_BUDGET
    with django_assert_max_num_queries(most):
        assert client.get(busy_thread.get_absolute_url()).status_code == 200
    assert Post.objects.filter(thread=busy_thread).count() == 60 and Reaction.objects.count() > 500


@pytest.mark.parametrize("viewer", ["member", "moderator"])
def test_board_page_queries_do_not_grow_with_threads(
    board, make_member, client_for, django_assert_max_num_queries, request, viewer
):
    client = client_for(request.getfixturevalue(viewer))
    forum.start_thread(make_member(), board, "Only one", "Words.")
    most = queries_for(client, "/forum/anxiety/")
    assert most <= PAGE_QUERY_BUDGET
    for n in range(40):
        forum.do_add_reply(make_member(), forum.do_start_thread(make_member(), board, f"Thread {n}", "Words."), "Hi")
    with django_assert_max_num_queries(most):
        assert client.get("/forum/anxiety/").status_code == 200
