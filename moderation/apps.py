from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from accounts.personal_data import register_exports
        from safeguarding.signals import concern_found

        from . import exports
        from .defaults import install_training_modules
        from .services.reports import flag_concern

        concern_found.connect(flag_concern, dispatch_uid="moderation.flag_concern")
        register_exports(exports.SECTIONS, exports.WITHHELD)
        post_migrate.connect(install_training_modules, sender=self)
