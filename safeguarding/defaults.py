"""Reference data installed after every migrate (and test flush) when its table is empty:
the UK crisis services for "Need help now?", and the shipped UK English risk phrase list.
After that, administrators own the services and safeguarding leads own the phrases; a
release's new phrases are added beside theirs.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)

UK_SERVICES = [
    {
        "name": "Samaritans",
        "how_to_contact": "Call 116 123",
        "phone": "116 123",
        "hours": "Free, 24 hours a day, every day",
        "description": "Someone to talk to about anything that is troubling you. You can also email jo@samaritans.org.",
    },
    {
        "name": "Shout",
        "how_to_contact": "Text SHOUT to 85258",
        "sms_number": "85258",
        "sms_text": "SHOUT",
        "hours": "Free, 24 hours a day, every day",
        "description": "A confidential text service if you'd rather not talk on the phone.",
    },
    {
        "name": "NHS 111",
        "how_to_contact": "Call 111 and choose option 2 for mental health",
        "phone": "111",
        "hours": "24 hours a day",
        "description": "Urgent mental health help from your local NHS crisis team.",
    },
    {
        "name": "Emergency",
        "how_to_contact": "Call 999 or go to A&E",
        "phone": "999",
        "hours": "Any time",
        "description": "If you are in danger, have harmed yourself, or might act on thoughts of suicide.",
    },
]


def install_crisis_services(**kwargs) -> None:
    from .models import HelpService

    if HelpService.objects.exists():
        return
    for order, service in enumerate(UK_SERVICES):
        HelpService.objects.create(order=order, **service)


def install_risk_phrases(**kwargs) -> None:
    """The shipped list on a new installation; on one that has a list, only the entries it never had.

    Leads switch entries off rather than delete them (services/phrases.py), so an entry
    missing from the table is new in this release: adding it never undoes a lead's change.
    Additions are refused as a whole, and logged, if they would stop the list compiling
    (say a lead's exception reads the same as a new phrase), so screening keeps working.
    """
    from . import default_phrases
    from .matching import Level
    from .models import RiskPhrase

    had = set(RiskPhrase.objects.values_list("text", "is_exception"))
    phrases = [
        RiskPhrase(text=text, level=Level.from_label(level), category=category)
        for text, level, category in dict.fromkeys(default_phrases.PHRASES)
        if (text, False) not in had
    ]
    exceptions = [
        RiskPhrase(text=text, is_exception=True, category="")
        for text in dict.fromkeys(default_phrases.EXCEPTIONS)
        if (text, True) not in had
    ]
    if not had:
        _install(phrases + exceptions, "The shipped UK English list.", check=False)
    elif phrases or exceptions:
        summary = f"Added {len(phrases)} phrases and {len(exceptions)} exceptions shipped with this release."
        _install(phrases + exceptions, summary, check=True)


def _install(rows, summary: str, *, check: bool) -> None:
    from .models import RiskListVersion, RiskPhrase
    from .services import risk

    try:
        with transaction.atomic():
            RiskPhrase.objects.bulk_create(rows, ignore_conflicts=True)
            if check:  # the shipped list alone is checked by its tests; what a lead added is not
                risk.record_list_change(None, summary)
            else:
                RiskListVersion.objects.create(summary=summary)
    except ValueError as problem:
        logger.error("The risk phrases shipped with this release were not added: %s", problem)
