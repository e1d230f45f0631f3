"""Markdown built to stall or crash rendering is refused with a clear message, or renders quickly; the member keeps
their words; the rate limit comes before any rendering; and nothing is rendered inside the write transaction."""

import html
import time

import pytest
from django.db import connection

from community import markup
from community.models import Board, Post
from community.services import forum
from community.services.chat import render_text
from community.services.errors import ForumError
from community.services.rate_limits import RateLimited
from tests.markdown_bombs import BOMBS

pytestmark = pytest.mark.security("markdown-bombs")

# The budget is relative to an ordinary post of the same length, timed here, so a busy machine moves both: the
# slowest bomb that is not refused takes about five times as long as that post (0.3 s on one idle core).
BUDGET_TIMES_ORDINARY = 20
BUDGET_AT_LEAST_SECONDS = 2.0
ORDINARY_POST = (
    "Had a rough night but I'm *still here*. My [counsellor](https://example.org/help) said:\n\n"
    "> one day at a time\n\nThings that helped:\n\n- a walk\n- tea with my sister\n    - and the cat\n\n"
    "Thank you all for being around, it means **so much**. See samaritans.org if you need it.\n\n"
) * 40
REFUSALS = {
    markup.TOO_DEEP,
    markup.TOO_MANY_STACKED,
    markup.TOO_MANY_BRACKETS,
    markup.TOO_MANY_CODE_MARKS,
    markup.TOO_MANY_LINES,
    markup.TOO_LONG_SHOWN,
}
# Where member text is rendered, with the most each place accepts.
RENDERERS = {
    "post": (markup.render_markdown, 10_000),
    "profile-about": (markup.render_markdown, 1_000),
    "chat-message": (render_text, 2_000),
}
REVIEW_BRACKETS = BOMBS["review-brackets-then-link-targets"]
REVIEW_LIST = BOMBS["review-nested-list"]


@pytest.fixture(scope="module")
def budget() -> float:
    """Seconds a bomb may take: BUDGET_TIMES_ORDINARY times an ordinary post of a post's full length."""
    post = ORDINARY_POST[:10_000]
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        markup.render_markdown.__wrapped__(post)
        timings.append(time.perf_counter() - started)
    return max(BUDGET_TIMES_ORDINARY * sorted(timings)[1], BUDGET_AT_LEAST_SECONDS)


@pytest.fixture(autouse=True)
def fresh_renders():
    """Renders are kept per process; every test here renders for real."""
    markup.render_markdown.cache_clear()
    yield
    markup.render_markdown.cache_clear()


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("bomb", BOMBS)
def test_every_bomb_is_refused_with_a_message_or_renders_within_the_budget(bomb, renderer, budget):
    render, most = RENDERERS[renderer]
    started = time.perf_counter()
    try:
        render(BOMBS[bomb][:most])
    except markup.MarkdownRefused as refused:
        assert str(refused) in REFUSALS
    assert time.perf_counter() - started < budget


@pytest.mark.parametrize(
    "text, message",
    [
        (REVIEW_BRACKETS, markup.TOO_MANY_BRACKETS),
        (REVIEW_LIST, markup.TOO_DEEP),
        ("- " * 11 + "x", markup.TOO_DEEP),
        ("- - x\n" * 501, markup.TOO_MANY_STACKED),
        ("> " * 11 + "x", markup.TOO_DEEP),
        ("\n".join(" " * (4 * level) + "- x" for level in range(11)), markup.TOO_DEEP),
        ("[" * 21, markup.TOO_MANY_BRACKETS),
        ("[a](" * 21, markup.TOO_MANY_BRACKETS),
        ("`a` " * 101, markup.TOO_MANY_CODE_MARKS),
        ("a\n" * 1001, markup.TOO_MANY_LINES),
        (BOMBS["reference-amplified"], markup.TOO_LONG_SHOWN),
    ],
)
def test_text_past_a_bound_is_refused_with_what_to_change(text, message):
    with pytest.raises(markup.MarkdownRefused) as refused:
        markup.render_markdown(text)
    assert str(refused.value) == message


def test_a_shape_the_bounds_miss_is_refused_rather_than_an_error_page(monkeypatch):
    monkeypatch.setattr(markup, "MAX_NESTING", 100_000)
    monkeypatch.setattr(markup, "MAX_STACKED_MARKERS", 100_000)
    with pytest.raises(markup.MarkdownRefused, match="levels deep"):
        markup.render_markdown(REVIEW_LIST)


@pytest.mark.parametrize(
    "text",
    [
        "- one\n    - two\n        - three\n\n> quoted\n> > and quoted again",
        "- " * 10 + "ten levels is still fine",
        "I feel :( today (and yesterday (and the day before :( :( :(",
        "[my counsellor](https://example.org) said [this](https://example.org/a_(b)) and `code` or ``two``",
        "* * * * * * * * * * * * *",
        "\n".join(f"line {n} of a long poem" for n in range(300)),
        "\\[" * 500 + " escaped brackets are only text",
        "    " * 30 + "a line pushed far right, as a poem might be",
    ],
)
def test_ordinary_writing_is_not_refused(text):
    markup.render_markdown(text)  # raises MarkdownRefused if refused


def test_bare_addresses_are_linked_as_before_but_only_for_allowed_schemes():
    rendered = markup.render_markdown("Try samaritans.org, (https://www.mind.org.uk/) or ftp://example.org/x")
    assert '<a href="http://samaritans.org" rel="nofollow noopener noreferrer">samaritans.org</a>' in rendered
    assert '(<a href="https://www.mind.org.uk/" rel="nofollow noopener noreferrer">' in rendered
    assert 'href="ftp:' not in rendered


# Posting -------------------------------------------------------------------------------


def test_a_bomb_reply_is_refused_and_nothing_is_saved(thread, member):
    before = Post.objects.count()
    with pytest.raises(ForumError, match="brackets"):
        forum.add_reply(member, thread, REVIEW_BRACKETS)
    with pytest.raises(ForumError, match="levels deep"):
        forum.add_reply(member, thread, REVIEW_LIST)
    assert Post.objects.count() == before


def test_bomb_titles_warnings_and_edits_are_refused(board, member, thread):
    with pytest.raises(ForumError, match="levels deep"):
        forum.start_thread(member, board, "- " * 11 + "x", "Words.")
    with pytest.raises(ForumError, match="brackets"):
        forum.add_reply(member, thread, "Words.", content_warning="[" * 21)
    post = forum.add_reply(member, thread, "Words.")
    with pytest.raises(ForumError, match="levels deep"):
        forum.edit_post(member, post, REVIEW_LIST)
    post.refresh_from_db()
    assert post.body == "Words."


def test_a_refused_bomb_gives_its_rate_limit_slot_back(thread, member, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "reply": (1, 60)}
    with pytest.raises(ForumError):
        forum.add_reply(member, thread, REVIEW_BRACKETS)
    assert forum.add_reply(member, thread, "Now in plain words.")


def test_over_the_rate_limit_nothing_is_rendered(thread, member, settings, monkeypatch):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "reply": (1, 60)}
    forum.add_reply(member, thread, "First.")
    rendered = []
    monkeypatch.setattr(markup, "_parser", lambda: rendered.append(1) or pytest.fail("rendered over the limit"))
    with pytest.raises(RateLimited):
        forum.add_reply(member, thread, REVIEW_LIST)
    assert rendered == []


def test_posts_are_rendered_before_the_write_transaction(board, member, thread, monkeypatch):
    outside = len(connection.atomic_blocks)  # the test's own transaction
    depths = []
    parser = markup._parser

    def recording_parser():
        depths.append(len(connection.atomic_blocks))
        return parser()

    monkeypatch.setattr(markup, "_parser", recording_parser)
    new_thread = forum.start_thread(member, board, "A *new* one", "Hello **all**", "low mood")
    reply = forum.add_reply(member, new_thread, "A *reply*")
    forum.edit_post(member, reply, "An *edited* reply")
    assert depths and set(depths) == {outside}
    assert Post.objects.get(pk=reply.pk).body_html == "<p>An <em>edited</em> reply</p>"


def test_a_moderators_edit_is_held_to_the_same_bounds(thread, moderator):
    from community.services import moderation as post_moderation

    with pytest.raises(ForumError, match="levels deep"):
        post_moderation.edit_post(moderator, thread.opening_post, REVIEW_LIST, note="Took out a phone number.")


# The member keeps their words -------------------------------------------------------------


@pytest.mark.parametrize("bomb", [REVIEW_BRACKETS, REVIEW_LIST])
def test_a_refused_reply_comes_back_with_the_message_and_the_members_words(thread, member, client_for, bomb):
    response = client_for(member).post(thread.get_absolute_url(), {"body": bomb})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your words are kept." in page
    assert html.escape(bomb) in page
    assert not Post.objects.filter(author=member).exists()


def test_a_refused_new_conversation_keeps_title_and_words(board, member, client_for):
    response = client_for(member).post(f"/forum/{board.slug}/new/", {"title": "Brackets", "body": REVIEW_BRACKETS})
    page = response.content.decode()
    assert response.status_code == 200
    assert "left open" in page and html.escape(REVIEW_BRACKETS) in page and 'value="Brackets"' in page


def test_a_refused_profile_keeps_the_words_and_the_old_profile(member, client_for):
    member.about = "Tea and crosswords."
    member.save(update_fields=["about"])
    bomb = "- " * 400 + "x"
    response = client_for(member).post("/account/", {"about": bomb})
    page = response.content.decode()
    assert response.status_code == 200
    assert "levels deep" in page and html.escape(bomb) in page
    member.refresh_from_db()
    assert member.about == "Tea and crosswords."


def test_an_administrator_sees_the_refusal_on_the_board_form(admin_user, client_for):
    response = client_for(admin_user).post(
        "/admin/community/board/add/",
        {"title": "Bombs", "slug": "bombs", "description": "No.", "ground_rules": REVIEW_LIST, "position": 0},
    )
    assert response.status_code == 200
    assert "levels deep" in response.content.decode()
    assert not Board.objects.filter(slug="bombs").exists()
