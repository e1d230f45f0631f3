from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self):
        from .defaults import install_crisis_services, install_risk_phrases

        post_migrate.connect(install_crisis_services, sender=self)
        post_migrate.connect(install_risk_phrases, sender=self)
