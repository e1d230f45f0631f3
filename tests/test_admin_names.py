"""Every model's name reads as English in the admin: right plurals, "check-in" and "pre-moderation" hyphenated."""

import re

import pytest
from django.apps import apps

PROJECT_APPS = ("accounts", "community", "moderation", "safeguarding", "evaluation")
# Django's default plural adds an "s": "studys", "historys", "switchs", "memberss".
WRONG_PLURAL = re.compile(r"([^aeiou]ys|ss|chs|shs|xs)$")
UNHYPHENATED = re.compile(r"\b(check in|pre moderation)\b")
MODELS = [model for model in apps.get_models() if model._meta.app_label in PROJECT_APPS]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_model_has_an_english_plural_and_hyphens(model):
    names = (str(model._meta.verbose_name), str(model._meta.verbose_name_plural))
    assert not WRONG_PLURAL.search(names[1]), names
    assert not any(UNHYPHENATED.search(name) for name in names), names


@pytest.mark.parametrize(
    ("label", "plural"),
    [
        ("evaluation.CheckInStudy", "check-in studies"),
        ("moderation.ReviewHistory", "review histories"),
        ("safeguarding.CaseHistory", "case histories"),
        ("moderation.PreModeration", "pre-moderations"),
    ],
)
def test_the_names_the_issue_found_wrong(label, plural):
    assert apps.get_model(label)._meta.verbose_name_plural == plural


def test_the_admin_index_lists_them_by_their_english_names(admin_user, client_for):
    page = client_for(admin_user).get("/admin/").content.decode()
    assert "Check-in studies" in page and "Review histories" in page and "Pre-moderations" in page
    assert "studys" not in page and "historys" not in page
