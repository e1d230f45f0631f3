"""Read side of signposting; risk assessment and cases arrive with the safeguarding issue."""

from .models import HelpService


def crisis_services():
    return list(HelpService.objects.all())
