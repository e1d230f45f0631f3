from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self):
        from accounts.personal_data import register_exports

        from . import exports
        from .defaults import install_crisis_services, install_risk_phrases

        register_exports(exports.SECTIONS, exports.WITHHELD)
        post_migrate.connect(install_crisis_services, sender=self)
        post_migrate.connect(install_risk_phrases, sender=self)
