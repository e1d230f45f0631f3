from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from .defaults import install_role_groups

        post_migrate.connect(install_role_groups, sender=self)
