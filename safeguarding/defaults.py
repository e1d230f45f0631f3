"""Reference data installed after every migrate (and test flush) when its table is empty:
the UK crisis services for "Need help now?", and the shipped UK English risk phrase list.
After that, administrators own the services and safeguarding leads own the phrases.
"""

UK_SERVICES = [
    (
        "Samaritans",
        "Call 116 123",
        "Free, 24 hours a day, every day",
        "Someone to talk to about anything that is troubling you. You can also email jo@samaritans.org.",
    ),
    (
        "Shout",
        "Text SHOUT to 85258",
        "Free, 24 hours a day, every day",
        "A confidential text service if you'd rather not talk on the phone.",
    ),
    (
        "NHS 111",
        "Call 111 and choose option 2 for mental health",
        "24 hours a day",
        "Urgent mental health help from your local NHS crisis team.",
    ),
    (
        "Emergency",
        "Call 999 or go to A&E",
        "Any time",
        "If you are in danger, have harmed yourself, or might act on thoughts of suicide.",
    ),
]


def install_crisis_services(**kwargs) -> None:
    from .models import HelpService

    if HelpService.objects.exists():
        return
    for order, (name, contact, hours, description) in enumerate(UK_SERVICES):
        HelpService.objects.create(name=name, how_to_contact=contact, hours=hours, description=description, order=order)


def install_risk_phrases(**kwargs) -> None:
    from . import default_phrases
    from .matching import Level
    from .models import RiskListVersion, RiskPhrase

    if RiskPhrase.objects.exists():
        return
    phrases = [
        RiskPhrase(text=text, level=Level.from_label(level), category=category)
        for text, level, category in dict.fromkeys(default_phrases.PHRASES)
    ]
    exceptions = [
        RiskPhrase(text=text, is_exception=True, category="") for text in dict.fromkeys(default_phrases.EXCEPTIONS)
    ]
    RiskPhrase.objects.bulk_create(phrases + exceptions, ignore_conflicts=True)
    RiskListVersion.objects.create(summary="The shipped UK English list.")
