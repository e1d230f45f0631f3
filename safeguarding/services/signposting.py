"""The crisis services every member can reach from "Need help now?"."""

from ..models import HelpService


def crisis_services():
    return list(HelpService.objects.all())
