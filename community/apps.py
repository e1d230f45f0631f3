from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self):
        from accounts.personal_data import register_export

        from .services.rules import export_acceptances

        register_export("rules_accepted", export_acceptances)
