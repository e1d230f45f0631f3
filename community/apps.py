from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self):
        from accounts.signals import export_requested
        from config import access
        from safeguarding.signals import case_acknowledged

        from . import exports
        from .defaults import install_house_rules
        from .models import RoomMember
        from .services.forum import release_held_posts

        export_requested.connect(exports.declared, dispatch_uid="community.exports")
        access.watch(RoomMember, "user_id", fields=frozenset({"status"}))  # removed from a room, or let in
        case_acknowledged.connect(release_held_posts, dispatch_uid="community.release_held_posts")
        post_migrate.connect(install_house_rules, sender=self)
