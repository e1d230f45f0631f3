"""A member's own forum and chat writing, reactions and rooms, for their data export (accounts.personal_data).

Other members never appear: not who reacted to a post, not which host muted the member.
"""

from accounts.personal_data import Section

from .models import ChatMessage, Post, PostRevision, Reaction, RoomAction, RoomMember
from .services.rules import export_acceptances


def _at(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_posts(user) -> list[dict]:
    """Every post the member wrote, whatever its state now, with its earlier versions (edited by you or a moderator)."""
    posts = Post.objects.filter(author=user).select_related("thread").order_by("created_at")
    revisions: dict[int, list[dict]] = {}
    for revision in PostRevision.objects.filter(post__author=user).order_by("replaced_at", "pk"):
        revisions.setdefault(revision.post_id, []).append(
            {
                "text": revision.body,
                "title": revision.title,
                "content_warning": revision.content_warning,
                "replaced_at": _at(revision.replaced_at),
                "replaced_by": "you" if revision.replaced_by_id == user.pk else "a moderator",
            }
        )
    return [
        {
            "thread": post.thread.title,
            "opening_post": post.thread.opening_post_id == post.pk,
            "written_at": _at(post.created_at),
            "edited_at": _at(post.edited_at),
            "state": post.state,
            "content_warning": post.content_warning,
            "text": post.body,
            "moderator_note": post.moderator_note,
            "earlier_versions": revisions.get(post.pk, []),
        }
        for post in posts
    ]


def export_reactions_given(user) -> list[dict]:
    given = Reaction.objects.filter(giver=user).select_related("post__thread").order_by("created_at")
    return [
        {"reaction": reaction.get_kind_display(), "thread": reaction.post.thread.title, "at": _at(reaction.created_at)}
        for reaction in given
    ]


def export_reactions_received(user) -> list[dict]:
    """Support the member's posts received: what and when, never from whom."""
    received = Reaction.objects.filter(receiver=user).select_related("post__thread").order_by("created_at")
    return [
        {"reaction": reaction.get_kind_display(), "thread": reaction.post.thread.title, "at": _at(reaction.created_at)}
        for reaction in received
    ]


def export_chat_messages(user) -> list[dict]:
    messages = ChatMessage.objects.filter(author=user).select_related("room").order_by("created_at", "pk")
    return [
        {"room": message.room.name, "written_at": _at(message.created_at), "state": message.state, "text": message.body}
        for message in messages
    ]


def export_rooms(user) -> list[dict]:
    """The member's standing in each room, and what hosts did about them there (never which host)."""
    actions: dict[int, list[dict]] = {}
    for action in RoomAction.objects.filter(target=user).order_by("created_at", "pk"):
        actions.setdefault(action.room_id, []).append(
            {
                "action": action.get_kind_display(),
                "detail": action.detail,
                "reason": action.reason,
                "at": _at(action.created_at),
            }
        )
    memberships = RoomMember.objects.filter(user=user).select_related("room").order_by("created_at")
    return [
        {
            "room": membership.room.name,
            "status": membership.get_status_display(),
            "since": _at(membership.created_at),
            "muted_until": _at(membership.muted_until),
            "appear_anonymously": membership.appear_anonymously,
            "host_actions_about_you": actions.get(membership.room_id, []),
        }
        for membership in memberships
    ]


def export_host_actions(user) -> list[dict]:
    """What the member did as a room's host: the action and their reason, not whom it was about."""
    done = RoomAction.objects.filter(actor=user).select_related("room").order_by("created_at", "pk")
    return [
        {
            "room": action.room.name,
            "action": action.get_kind_display(),
            "detail": action.detail,
            "reason": action.reason,
            "at": _at(action.created_at),
        }
        for action in done
    ]


SECTIONS = [
    Section("rules_accepted", export_acceptances, ("community.RuleAcceptance.user",)),
    Section(
        "forum_posts",
        export_posts,
        ("community.Post.author", "community.Thread.author", "community.PostRevision.replaced_by"),
    ),
    Section("reactions_given", export_reactions_given, ("community.Reaction.giver",)),
    Section("reactions_received", export_reactions_received, ("community.Reaction.receiver",)),
    Section("chat_messages", export_chat_messages, ("community.ChatMessage.author",)),
    Section("chat_rooms", export_rooms, ("community.RoomMember.user", "community.RoomAction.target")),
    Section("room_host_actions", export_host_actions, ("community.RoomAction.actor",)),
]
WITHHELD = {
    "community.RuleVersion.published_by": "Publishing a version of the rules is an administrator's record of "
    "their work; the rules themselves are public, and the versions you accepted are in rules_accepted.",
    "community.Thread.last_post_author": "A copy, for list pages, of who wrote a conversation's latest post; "
    "your posts themselves are in forum_posts.",
    "community.RoomPresence.user": "An open connection to a room, deleted when it closes: nothing that lasts.",
}


def declared(**kwargs) -> tuple[list[Section], dict[str, str]]:
    """This app's answer to accounts.signals.export_requested."""
    return SECTIONS, WITHHELD
