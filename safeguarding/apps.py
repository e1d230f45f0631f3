from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self):
        from accounts.signals import export_requested

        from . import exports
        from .defaults import install_crisis_services, install_risk_phrases

        export_requested.connect(exports.declared, dispatch_uid="safeguarding.exports")
        post_migrate.connect(install_crisis_services, sender=self)
        post_migrate.connect(install_risk_phrases, sender=self)
