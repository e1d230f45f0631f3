"""Version 1 of the house rules, installed after every migrate (and test flush) if none exist.

Like Django's content types, this reference data is installed by a post_migrate
receiver, so a new installation is never without rules.
"""

from .markup import render_markdown

HOUSE_RULES_V1 = """\
We wrote these rules together. They apply to everyone here, moderators included.

1. **Be kind.** Reply as you would want someone to reply to you on a hard day.
2. **Keep it here.** What is shared here stays here. Don't copy or share anyone's words outside the community.
3. **Stay anonymous.** Don't share your real name, address, phone number or social media, or anyone else's.
4. **Share experiences, not instructions.** Talk about what helped you; never describe methods of self-harm or suicide, or numbers like weights, calories or doses.
5. **No diagnosis or medical advice.** We are peers, not professionals. Encourage each other to talk to a GP or a crisis service.
6. **Respect difference.** No bullying, discrimination or arguments about beliefs or politics.
7. **No selling or promoting.** No advertising, fundraising or links to your own services.
8. **Look after yourself.** Use content warnings, take breaks, and remember you can just read.

If you are worried about someone, or about something you read, use "Report". If you need help now, use **Need help now?** at the top of every page.
"""


def install_house_rules(**kwargs) -> None:
    from .models import HOUSE_RULES, RuleBook, RuleVersion

    book, _ = RuleBook.objects.get_or_create(slug=HOUSE_RULES, defaults={"title": "House rules"})
    if not book.versions.exists():
        RuleVersion.objects.create(
            book=book,
            number=1,
            body=HOUSE_RULES_V1,
            body_html=render_markdown(HOUSE_RULES_V1),
            change_note="First version.",
        )
