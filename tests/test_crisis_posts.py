"""A post screened at high or crisis risk: a calm note for its readers, only gentle reactions, and for the
board's moderators whether a lead has it, never what the case holds."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from community import live
from community.models import Post, Reaction
from community.services import forum, reactions
from community.services.errors import ForumError
from moderation.services import reports
from safeguarding.matching import Level
from safeguarding.models import Case
from safeguarding.services import cases

pytest_plugins = ["tests.moderation_fixtures"]

CRISIS = "I took 20 paracetamol an hour ago and I can't do this any more"
NOTE = "Someone here may be going through a very hard time. The safeguarding team has been told."


@pytest.fixture
def crisis_post(thread, member):
    """A reply by robin (member) in sky's thread, screened at crisis."""
    return forum.add_reply(member, thread, CRISIS)


def page_for(client, post: Post) -> str:
    return client.get(post.thread.get_absolute_url()).content.decode()


def reaction_buttons(page: str, post: Post) -> list[str]:
    article = page[page.index(f'id="post-{post.pk}"') :]
    article = article[: article.index("</article>")]
    return [kind for kind in Reaction.Kind.values if f'name="kind" value="{kind}"' in article]


# --- What screening leaves on the post ----------------------------------------------------------------


def test_a_post_keeps_the_level_it_was_screened_at_and_each_edit_updates_it(crisis_post, member):
    assert Post.objects.get(pk=crisis_post.pk).risk_level == Level.CRISIS

    forum.edit_post(member, crisis_post, "Sorry all, I've called 111 and I'm at the hospital now.")
    assert Post.objects.get(pk=crisis_post.pk).risk_level == Level.NONE

    calm = forum.add_reply(member, crisis_post.thread, "Thank you for the walk tips.")
    forum.edit_post(member, calm, "I have the pills and I want to die")
    assert Post.objects.get(pk=calm.pk).risk_level == Level.CRISIS


# --- Other readers ---------------------------------------------------------------------------------------


def test_others_see_the_calm_note_and_only_the_two_gentle_reactions(crisis_post, other_member, client_for):
    page = page_for(client_for(other_member), crisis_post)

    assert NOTE in page and 'href="/rules/#responding-kindly"' in page
    assert reaction_buttons(page, crisis_post) == ["hug", "hear"]


def test_an_ordinary_post_keeps_every_reaction_and_no_note(thread, member, other_member, client_for):
    reply = forum.add_reply(member, thread, "Had a lovely walk by the canal today.")
    page = page_for(client_for(other_member), reply)

    assert NOTE not in page
    assert reaction_buttons(page, reply) == Reaction.Kind.values


def test_the_writer_sees_no_note_under_their_own_post(crisis_post, member, client_for):
    assert NOTE not in page_for(client_for(member), crisis_post)


def test_cheerful_reactions_given_before_a_post_became_a_crisis_no_longer_show(
    thread, member, other_member, client_for
):
    reply = forum.add_reply(member, thread, "Got through the week somehow.")
    reactions.toggle_reaction(other_member, reply, "well_done")
    forum.edit_post(member, reply, CRISIS)

    page = page_for(client_for(other_member), reply)

    assert "Well done" not in page[page.index(f'id="post-{reply.pk}"') :]


@pytest.mark.parametrize("kind", ["same", "well_done"])
def test_the_reaction_service_refuses_cheerful_reactions_on_a_crisis_post(crisis_post, other_member, kind):
    with pytest.raises(ForumError, match="Sending a hug"):
        reactions.toggle_reaction(other_member, crisis_post, kind)

    assert not Reaction.objects.filter(post=crisis_post).exists()


@pytest.mark.parametrize("kind", ["hug", "hear"])
def test_gentle_reactions_on_a_crisis_post_are_given(crisis_post, other_member, kind):
    assert reactions.toggle_reaction(other_member, crisis_post, kind) is True


def test_posting_a_cheerful_reaction_to_a_crisis_post_says_why_it_was_not_sent(crisis_post, other_member, client_for):
    response = client_for(other_member).post(f"/forum/p/{crisis_post.pk}/react/", {"kind": "same"}, follow=True)

    assert "only “Sending a hug” and “I hear you” are offered" in response.content.decode()
    assert not Reaction.objects.exists()


def test_a_post_edited_into_a_crisis_shows_the_note_live(thread, member, other_member):
    reply = forum.add_reply(member, thread, "Bit of a rough day.")
    after = live.last_event_id()

    forum.edit_post(member, reply, CRISIS)

    (event,) = live.events_after(after, thread_id=thread.pk)
    html = live.payload_for(other_member, event)["html"]
    assert NOTE in html
    assert reaction_buttons(html, reply) == ["hug", "hear"]
    assert NOTE not in live.payload_for(member, event)["html"]


def test_the_house_rules_page_explains_how_to_respond_kindly(other_member, client_for):
    page = client_for(other_member).get("/rules/").content.decode()

    assert 'id="responding-kindly"' in page and "how to respond kindly" in page


# --- Moderators -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (None, "The safeguarding team has been alerted; a lead will pick this up."),
        ("acknowledge", "A safeguarding lead has this."),
        ("start_work", "A safeguarding lead has this."),
    ],
)
def test_the_boards_moderators_read_whether_a_lead_has_it(
    crisis_post, scoped_moderator, lead, client_for, step, status
):
    case = Case.objects.get(member=crisis_post.author)
    if step:
        getattr(cases, step)(lead, case)

    page = page_for(client_for(scoped_moderator), crisis_post)

    assert f"For moderators:</strong> {status}" in page


def test_moderators_read_the_status_never_what_the_case_holds(crisis_post, scoped_moderator, lead, client_for):
    case = Case.objects.get(member=crisis_post.author)
    cases.add_note(lead, case, "Spoke to her GP this afternoon")

    page = page_for(client_for(scoped_moderator), crisis_post)

    assert "Spoke to her GP" not in page and "Matched" not in page and "paracetamol (suicide)" not in page


def test_members_and_moderators_of_other_boards_are_not_told_the_status(
    crisis_post, other_member, outside_moderator, client_for
):
    for viewer in (other_member, outside_moderator):
        page = page_for(client_for(viewer), crisis_post)
        assert NOTE in page
        assert "For moderators:" not in page


def test_a_review_item_about_the_post_says_a_lead_has_it(crisis_post, scoped_moderator, lead, make_member, client_for):
    cases.acknowledge(lead, Case.objects.get(member=crisis_post.author))
    report = reports.report_post(make_member("worried"), crisis_post, "safety")

    page = client_for(scoped_moderator).get(f"/moderation/item/{report.item_id}/").content.decode()

    assert "A safeguarding lead has this." in page


# --- Posts screened before the level was kept --------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_posts_already_in_a_case_the_level_of_their_latest_version(thread, member):
    crisis, calmed = (forum.add_reply(member, thread, CRISIS) for _ in range(2))
    forum.edit_post(member, calmed, "Feeling steadier now, thank you.")
    loader = MigrationLoader(connection)
    adds = next(key for key in loader.disk_migrations if key[0] == "community" and key[1].endswith("_post_risk_level"))
    before = [node.key for node in loader.graph.node_map[adds].parents if node.key[0] == "community"]
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(before)
        executor = MigrationExecutor(connection)
        executor.migrate([adds])
        levels = dict(Post.objects.filter(pk__in=[crisis.pk, calmed.pk]).values_list("pk", "risk_level"))
        assert levels == {crisis.pk: Level.CRISIS, calmed.pk: Level.NONE}
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
