"""The default training modules for peer moderators, installed after every migrate (and test flush) if missing.

Administrators can edit or add modules in the admin; existing rows are never overwritten.
"""

DEFAULT_TRAINING_MODULES = (
    (
        "moderating-with-kindness",
        "Moderating with kindness",
        "Every report is about a person on a hard day, the reporter and the reported member alike. "
        "Act on the words, never the person: give a short, kind reason the member will read, cite the rule, "
        "and when unsure, leave it for a lead.",
    ),
    (
        "safeguarding-basics",
        "Safeguarding basics",
        "If anything suggests someone may be at risk, use “Refer to safeguarding” at once: a lead picks it up. "
        "You are not expected to assess risk or to counsel. Never contact a member off the site.",
    ),
    (
        "looking-after-yourself",
        "Looking after yourself",
        "Moderating can be heavy. Set yourself off duty whenever you need to, take the break the queue suggests, "
        "and talk to a lead about anything that stays with you.",
    ),
)


def install_training_modules(**kwargs) -> None:
    from .models import TrainingModule

    for position, (slug, title, summary) in enumerate(DEFAULT_TRAINING_MODULES, start=1):
        TrainingModule.objects.get_or_create(
            slug=slug, defaults={"title": title, "summary": summary, "position": position}
        )
