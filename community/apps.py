from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self):
        from accounts.personal_data import register_export
        from safeguarding.signals import case_acknowledged

        from .defaults import install_house_rules
        from .exports import export_posts, export_reactions_given
        from .services.forum import release_held_posts
        from .services.rules import export_acceptances

        register_export("rules_accepted", export_acceptances)
        case_acknowledged.connect(release_held_posts, dispatch_uid="community.release_held_posts")
        register_export("forum_posts", export_posts)
        register_export("reactions_given", export_reactions_given)
        post_migrate.connect(install_house_rules, sender=self)
