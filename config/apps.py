"""The config app (the composition root's seed_demo command), and Django's admin with the project's own site."""

from django.apps import AppConfig
from django.contrib.admin import apps as django_admin


class KindredConfig(AppConfig):
    name = "config"
    verbose_name = "Kindred"


class AdminConfig(django_admin.AdminConfig):
    """django.contrib.admin with config.admin.AdminSite (sign-in through allauth, verified email for staff)."""

    default = False  # installed by its dotted path; "config" itself is KindredConfig
    default_site = "config.admin.AdminSite"
