"""Warning signs and concern language, negation and time, and risk to someone else (issue 12).

The examples here are the tuning set: written apart from tests/data/risk_heldout.jsonl, which
bench/risk_recall.py measures and which no phrase is written to fit.
"""

import pytest

from safeguarding.matching import Category, Level, default_matcher


def read(text):
    return default_matcher().assess(text)


@pytest.mark.parametrize(
    ("text", "level", "category"),
    [
        ("I've given my belongings away to people who'll use them", Level.HIGH, Category.WARNING_SIGN),
        ("spent the weekend putting my affairs in order", Level.HIGH, Category.WARNING_SIGN),
        ("just wanted to say goodbye to you all", Level.HIGH, Category.WARNING_SIGN),
        ("my kids would be better off if I was gone", Level.HIGH, Category.WARNING_SIGN),
        ("honestly there's nothing left to live for", Level.HIGH, Category.WARNING_SIGN),
        ("I'm feeling hopeless about the future", Level.MEDIUM, Category.DISTRESS),
        ("I'm really not coping with work and the kids", Level.MEDIUM, Category.DISTRESS),
        ("at the end of my tether with it all", Level.MEDIUM, Category.DISTRESS),
        ("I haven't slept in 4 days", Level.MEDIUM, Category.SELF_NEGLECT),
        ("hardly eating since he left", Level.MEDIUM, Category.SELF_NEGLECT),
        ("drinking to forget most nights", Level.MEDIUM, Category.SUBSTANCE),
        ("I keep hearing voices when nobody is there", Level.MEDIUM, Category.PSYCHOSIS),
        ("I think someone is reading my thoughts", Level.MEDIUM, Category.PSYCHOSIS),
        ("I've been feeling numb for weeks", Level.MEDIUM, Category.DISSOCIATION),
        ("I keep dissociating in lectures", Level.MEDIUM, Category.DISSOCIATION),
        ("I'm frightened to go home tonight", Level.HIGH, Category.ABUSE),
    ],
)
def test_warning_signs_and_concern_language_have_a_level_and_category(text, level, category):
    assessment = read(text)
    assert (assessment.level, assessment.categories[0]) == (level, category)


@pytest.mark.parametrize(
    "text",
    [
        "giving my old coats to the charity shop",
        "I can't sleep because the neighbours are having a party",
        "I need a drink after that meeting, ha",
        "the cold made my fingers numb",
        "said goodbye to the old car today",
    ],
)
def test_everyday_wording_near_the_new_phrases_needs_no_one(text):
    assert read(text).level < Level.MEDIUM


@pytest.mark.parametrize(
    "text",
    [
        "I'm not suicidal, just worn out",
        "I am not feeling hopeless any more",
        "I used to feel hopeless but it's lifted",
        "I used to self harm as a teenager",
        "I haven't self-harmed since March",
        "never been suicidal, just anxious",
        "I no longer feel numb",
    ],
)
def test_negation_and_past_lower_a_phrase_below_anyone_being_told(text):
    assessment = read(text)
    assert Level.NONE < assessment.level < Level.MEDIUM, assessment


def test_negated_crisis_wording_still_reaches_a_moderator():
    assert read("I'm not going to kill myself tonight").level == Level.MEDIUM


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I'm not suicidal but I've started cutting again", Level.HIGH),
        ("I used to self harm and now I want to die", Level.HIGH),
        ("I'm not hopeless, I'm going to kill myself tonight", Level.CRISIS),
    ],
)
def test_negation_does_not_lower_other_risk_in_the_message(text, level):
    assert read(text).level == level


def test_a_negation_further_back_does_not_lower_the_phrase():
    assert read("I can't stop cutting myself").level == Level.HIGH
    assert read("I don't know why but I want to die").level == Level.HIGH


@pytest.mark.parametrize(
    "text",
    [
        "my cousin says he's going to kill himself",
        "my flatmate keeps talking about wanting to end her life",
        "my best friend told me she is thinking about suicide",
        "worried about him, he said everyone would be better off without him",
    ],
)
def test_risk_to_someone_else_is_marked_about_someone_else(text):
    assessment = read(text)
    assert assessment.level >= Level.HIGH and assessment.about_someone_else
    assert assessment.as_dict()["about"] == "someone else"


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "my mum doesn't know I want to die",
        "my boyfriend hits me",
        "my sister is lovely and she has no idea that I want to end my life",
    ],
)
def test_the_writers_own_risk_is_about_themselves(text):
    assessment = read(text)
    assert assessment.level >= Level.HIGH and not assessment.about_someone_else
    assert assessment.as_dict()["about"] == "self"
