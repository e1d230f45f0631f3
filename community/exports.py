"""A member's own forum writing, for their data export (accounts.personal_data)."""

from .models import Post, Reaction


def export_posts(user) -> list[dict]:
    posts = Post.objects.filter(author=user).select_related("thread").order_by("created_at")
    return [
        {
            "thread": post.thread.title,
            "opening_post": post.thread.opening_post_id == post.pk,
            "written_at": post.created_at.isoformat(),
            "edited_at": post.edited_at.isoformat() if post.edited_at else None,
            "state": post.state,
            "content_warning": post.content_warning,
            "text": post.body,
        }
        for post in posts
    ]


def export_reactions_given(user) -> list[dict]:
    given = Reaction.objects.filter(giver=user).select_related("post__thread").order_by("created_at")
    return [
        {
            "reaction": reaction.get_kind_display(),
            "thread": reaction.post.thread.title,
            "at": reaction.created_at.isoformat(),
        }
        for reaction in given
    ]
