from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self):
        from accounts.personal_data import register_export

        from .defaults import install_house_rules
        from .services.rules import export_acceptances

        register_export("rules_accepted", export_acceptances)
        post_migrate.connect(install_house_rules, sender=self)
