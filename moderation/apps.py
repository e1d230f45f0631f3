from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from accounts.signals import export_requested, profile_shown
        from safeguarding.signals import concern_found

        from . import exports
        from .defaults import install_training_modules
        from .permissions import in_moderation_team
        from .services.reports import flag_concern

        concern_found.connect(flag_concern, dispatch_uid="moderation.flag_concern")
        export_requested.connect(exports.declared, dispatch_uid="moderation.exports")
        profile_shown.connect(lambda sender, member, **kwargs: {"moderates": in_moderation_team(member)}, weak=False)
        post_migrate.connect(install_training_modules, sender=self)
