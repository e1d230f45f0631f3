"""Forum services: starting threads, replying, quoting, editing, removing, reacting, rate limits and rules."""

import pytest
from django.core.management import call_command

from community.models import Board, Post, Reaction, Thread
from community.services import forum, reactions
from community.services.boards import save_board
from community.services.rate_limits import RateLimited
from community.services.rules import RulesAcceptanceRequired

State = Post.State


@pytest.fixture
def board(db):
    return save_board(Board(slug="anxiety", title="Anxiety", description="Worry and panic."))


@pytest.fixture
def thread(board, member):
    return forum.start_thread(member, board, "Panic on the bus", "It happened again this morning.")


def test_starting_a_thread_publishes_its_opening_post(board, member):
    thread = forum.start_thread(member, board, "  Panic   on the bus ", "It happened *again*.", "self-harm")
    opening = thread.opening_post
    assert (thread.title, thread.slug, thread.reply_count) == ("Panic on the bus", "panic-on-the-bus", 0)
    assert (opening.state, opening.author, opening.body_html) == (
        State.PUBLISHED,
        member,
        "<p>It happened <em>again</em>.</p>",
    )
    assert thread.content_warning == opening.content_warning == "self-harm"


def test_reply_updates_the_threads_count_last_activity_and_last_poster(thread, other_member):
    reply = forum.add_reply(other_member, thread, "Sending you a hug.")
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert thread.last_activity_at == reply.created_at
    assert thread.last_post_author == other_member


def test_reply_can_quote_a_post_in_the_same_thread(thread, other_member):
    reply = forum.add_reply(other_member, thread, "This, exactly.", quoted=thread.opening_post)
    assert reply.quoted == thread.opening_post


def test_reply_cannot_quote_a_post_from_another_thread(board, thread, other_member):
    elsewhere = forum.start_thread(other_member, board, "Another conversation", "Hello.")
    with pytest.raises(forum.ForumError, match="can't be quoted"):
        forum.add_reply(other_member, thread, "Quoting across threads.", quoted=elsewhere.opening_post)


def test_reply_cannot_quote_a_removed_post(thread, member, other_member):
    earlier = forum.add_reply(member, thread, "Something I regret.")
    forum.remove_own_post(member, earlier)
    with pytest.raises(forum.ForumError, match="can't be quoted"):
        forum.add_reply(other_member, thread, "Quoting it anyway.", quoted=earlier)


def test_editing_keeps_what_the_post_said_before_as_a_revision(thread, member):
    reply = forum.add_reply(member, thread, "First words.")
    forum.edit_post(member, reply, "Better words.", "suicide")
    reply.refresh_from_db()
    revision = reply.revisions.get()
    assert (reply.body, reply.body_html, reply.content_warning) == ("Better words.", "<p>Better words.</p>", "suicide")
    assert (revision.body, revision.content_warning, revision.replaced_by) == ("First words.", "", member)
    assert reply.edited_at is not None


def test_editing_the_opening_post_can_retitle_the_thread(thread, member):
    forum.edit_post(member, thread.opening_post, "It happened again.", "abuse", title="Panic on the train")
    thread.refresh_from_db()
    assert (thread.title, thread.slug, thread.content_warning) == ("Panic on the train", "panic-on-the-train", "abuse")
    assert thread.opening_post.revisions.get().title == "Panic on the bus"


def test_saving_an_edit_with_no_changes_adds_no_revision(thread, member):
    forum.edit_post(member, thread.opening_post, "It happened again this morning.")
    assert not thread.opening_post.revisions.exists()


def test_member_cannot_edit_another_members_post(thread, other_member):
    with pytest.raises(forum.ForumError, match="your own posts"):
        forum.edit_post(other_member, thread.opening_post, "Not my words to change.")
    assert Post.objects.get(pk=thread.opening_post_id).body == "It happened again this morning."


def test_member_cannot_remove_another_members_post(thread, other_member):
    with pytest.raises(forum.ForumError, match="your own posts"):
        forum.remove_own_post(other_member, thread.opening_post)
    assert Post.objects.get(pk=thread.opening_post_id).state == State.PUBLISHED


def test_removing_your_own_reply_keeps_it_in_place_and_uncounts_it(thread, member, other_member):
    reply = forum.add_reply(other_member, thread, "Said too much.")
    forum.remove_own_post(other_member, reply)
    thread.refresh_from_db()
    assert Post.objects.get(pk=reply.pk).state == State.REMOVED_BY_AUTHOR
    assert (thread.reply_count, thread.last_post_author) == (0, member)


def test_a_post_a_moderator_hid_cannot_be_edited_by_its_author(thread, member):
    Post.objects.filter(pk=thread.opening_post_id).update(state=State.HIDDEN)
    with pytest.raises(forum.ForumError):
        forum.edit_post(member, Post.objects.get(pk=thread.opening_post_id), "Sneaking it back.")


def test_reaction_toggles_on_then_off(thread, other_member):
    post = thread.opening_post
    assert reactions.toggle_reaction(other_member, post, Reaction.Kind.HUG) is True
    assert reactions.toggle_reaction(other_member, post, Reaction.Kind.HUG) is False
    assert not Reaction.objects.exists()


def test_a_member_gives_each_kind_once_per_post(thread, other_member):
    post = thread.opening_post
    for kind in (Reaction.Kind.HUG, Reaction.Kind.SAME, Reaction.Kind.HUG, Reaction.Kind.HUG):
        reactions.toggle_reaction(other_member, post, kind)
    assert sorted(Reaction.objects.values_list("kind", flat=True)) == ["hug", "same"]


def test_reaction_records_giver_and_the_post_author_as_receiver(thread, member, other_member):
    reactions.toggle_reaction(other_member, thread.opening_post, Reaction.Kind.WELL_DONE)
    reaction = Reaction.objects.get()
    assert (reaction.giver, reaction.receiver) == (other_member, member)


def test_members_cannot_react_to_their_own_posts(thread, member):
    with pytest.raises(forum.ForumError):
        reactions.toggle_reaction(member, thread.opening_post, Reaction.Kind.HUG)


def test_unknown_reaction_kinds_are_refused(thread, other_member):
    with pytest.raises(forum.ForumError, match="reactions you can give"):
        reactions.toggle_reaction(other_member, thread.opening_post, "thumbs_down")


def test_starting_threads_is_rate_limited_per_member(board, member, other_member, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "thread": (2, 600)}
    for number in range(2):
        forum.start_thread(member, board, f"Thread {number}", "Words.")
    with pytest.raises(RateLimited, match=r"You can start another in (about|less than)"):
        forum.start_thread(member, board, "One too many", "Words.")
    forum.start_thread(other_member, board, "Someone else's", "Words.")
    assert Thread.objects.filter(author=member).count() == 2


def test_replying_is_rate_limited_per_member(thread, other_member, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "reply": (3, 60)}
    for number in range(3):
        forum.add_reply(other_member, thread, f"Reply {number}")
    with pytest.raises(RateLimited, match="You can reply again in"):
        forum.add_reply(other_member, thread, "One too many")
    assert thread.posts.count() == 4


def test_refused_posts_do_not_use_up_the_rate_limit(thread, other_member, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "reply": (1, 60)}
    with pytest.raises(forum.ForumError):
        forum.add_reply(other_member, thread, "x" * 10_001)
    forum.add_reply(other_member, thread, "Within the limit.")


@pytest.mark.parametrize(
    "post",
    [
        lambda author, board, thread: forum.start_thread(author, board, "Title", "Words."),
        lambda author, board, thread: forum.add_reply(author, thread, "Words."),
    ],
    ids=["start_thread", "add_reply"],
)
def test_posting_requires_the_current_house_rules(post, make_member, board, thread):
    newcomer = make_member("newcomer", accepted_rules=False)
    with pytest.raises(RulesAcceptanceRequired):
        post(newcomer, board, thread)
    assert Post.objects.filter(author=newcomer).count() == 0


def test_editing_requires_the_current_house_rules(thread, member):
    member.rule_acceptances.all().delete()
    with pytest.raises(RulesAcceptanceRequired):
        forum.edit_post(member, thread.opening_post, "Changed words.")


def test_over_long_posts_are_refused_with_the_length_and_the_limit(thread, other_member):
    with pytest.raises(forum.ForumError, match="10,001 characters long; the limit is 10,000"):
        forum.add_reply(other_member, thread, "x" * 10_001)


def test_over_long_titles_are_refused(board, member):
    with pytest.raises(forum.ForumError, match="up to 150 characters"):
        forum.start_thread(member, board, "t" * 151, "Words.")


def test_members_outside_a_restricted_boards_group_cannot_start_threads_there(board, member, django_user_model):
    from django.contrib.auth.models import Group

    board.restricted_to = Group.objects.create(name="Carers")
    save_board(board)
    with pytest.raises(forum.ForumError, match="isn't available"):
        forum.start_thread(member, board, "Let me in", "Words.")


def test_seeding_the_demo_forum_twice_adds_nothing_twice(db):
    call_command("seed_demo", "--force")
    counts = (Board.objects.count(), Thread.objects.count(), Post.objects.count(), Reaction.objects.count())
    call_command("seed_demo", "--force")
    assert (Board.objects.count(), Thread.objects.count(), Post.objects.count(), Reaction.objects.count()) == counts
    assert counts[0] == 6 and counts[1] >= 24 and counts[3] > 0
