"""The wellbeing check-ins' schedule, consent text and three open instruments, installed after every migrate.

Like the house rules, this reference data is installed by a post_migrate
receiver and only when missing: once installed, administrators own it (Django
admin), so their edits are never overwritten. Instruments that need a licence
(WEMWBS, SWEMWBS) are added the same way, as data, once the licence is held.
"""

STUDY_SLUG = "wellbeing-check-ins"
WAVE_DAYS = [0, 30, 150, 330]  # baseline, then about months 1, 5 and 11, as in the Side by Side research
WINDOW_DAYS = 30

CONSENT_TEXT = """\
Every few months we'd like to ask you a few short questions about how you are feeling and about the support you \
give and get here. It takes about two minutes.

- Taking part is your choice. Saying no changes nothing else on the site.
- You can skip any check-in, or any question.
- Your answers help us learn whether Kindred helps. The evaluation team only ever sees anonymous totals of \
five people or more, never your answers, your name or your posts.
- You can download your answers with your data, and stop at any time. Stopping deletes all your answers.
"""

ZERO_TO_TEN = [[0, "0 (not at all)"], *([n, str(n)] for n in range(1, 10)), [10, "10 (completely)"]]
HOW_OFTEN_LONELY = [[1, "Hardly ever or never"], [2, "Some of the time"], [3, "Often"]]
HOW_OFTEN_SUPPORT = [[0, "Not at all"], [1, "Once or twice"], [2, "About once a week"], [3, "Most days"]]

INSTRUMENTS = [
    {
        "slug": "ons4",
        "name": "Personal wellbeing (ONS4)",
        "introduction": "Four questions, each on a scale from 0 (not at all) to 10 (completely).",
        "licence_note": "ONS personal wellbeing questions, Office for National Statistics, Open Government Licence v3.0.",
        "scoring": "per_item",
        "order": 1,
        "items": [
            ("life_satisfaction", "Overall, how satisfied are you with your life nowadays?", ZERO_TO_TEN, False),
            (
                "worthwhile",
                "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
                ZERO_TO_TEN,
                False,
            ),
            ("happiness", "Overall, how happy did you feel yesterday?", ZERO_TO_TEN, False),
            ("anxiety", "Overall, how anxious did you feel yesterday?", ZERO_TO_TEN, True),
        ],
    },
    {
        "slug": "ons-loneliness",
        "name": "Loneliness (three questions used by the ONS)",
        "introduction": "Three questions about the past few weeks.",
        "licence_note": "UCLA three-item loneliness scale (Hughes et al. 2004) in the wording the Office for "
        "National Statistics recommends; free to use. Scored 1 to 3 per item, total 3 (least lonely) to 9.",
        "scoring": "sum",
        "lower_is_better": True,
        "order": 2,
        "items": [
            ("lack_companionship", "How often do you feel that you lack companionship?", HOW_OFTEN_LONELY, False),
            ("left_out", "How often do you feel left out?", HOW_OFTEN_LONELY, False),
            ("isolated", "How often do you feel isolated from others?", HOW_OFTEN_LONELY, False),
        ],
    },
    {
        "slug": "peer-support-log",
        "name": "Peer support log",
        "introduction": "Thinking about the past month here on Kindred.",
        "licence_note": "Written for Kindred after the Side by Side peer support logs. Descriptive: not a "
        "wellbeing score.",
        "scoring": "per_item",
        "wellbeing_measure": False,
        "order": 3,
        "items": [
            ("gave_forum", "How often did you support someone in the forum?", HOW_OFTEN_SUPPORT, False),
            ("gave_chat", "How often did you support someone in a chat room?", HOW_OFTEN_SUPPORT, False),
            ("gave_one_to_one", "How often did you support someone one to one?", HOW_OFTEN_SUPPORT, False),
            ("received_forum", "How often did someone support you in the forum?", HOW_OFTEN_SUPPORT, False),
            ("received_chat", "How often did someone support you in a chat room?", HOW_OFTEN_SUPPORT, False),
            ("received_one_to_one", "How often did someone support you one to one?", HOW_OFTEN_SUPPORT, False),
        ],
    },
]


def install_check_ins(**kwargs) -> None:
    from .models import CheckInStudy, Instrument

    CheckInStudy.objects.get_or_create(
        slug=STUDY_SLUG,
        defaults={
            "title": "Wellbeing check-ins",
            "consent_text": CONSENT_TEXT,
            "wave_days": WAVE_DAYS,
            "window_days": WINDOW_DAYS,
        },
    )
    for definition in INSTRUMENTS:
        fields = {key: value for key, value in definition.items() if key not in ("slug", "items")}
        instrument, created = Instrument.objects.get_or_create(slug=definition["slug"], defaults=fields)
        if created:
            for order, (key, text, options, lower_is_better) in enumerate(definition["items"], start=1):
                instrument.items.create(
                    key=key, order=order, text=text, options=options, lower_is_better=lower_is_better
                )
