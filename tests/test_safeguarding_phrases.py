"""Safeguarding leads manage the risk phrase list themselves, and try text against it."""

import pytest

from safeguarding.models import RiskListVersion, RiskPhrase
from safeguarding.services import phrases, risk

# Real transactions: the matcher hears of a change when it commits.
pytestmark = pytest.mark.django_db(transaction=True)


PAGES = [
    "/safeguarding/phrases/",
    "/safeguarding/phrases/add/",
    "/safeguarding/phrases/try/",
    "/safeguarding/phrases/history/",
]


def test_members_and_moderators_cannot_find_the_phrase_pages(member, moderator, client_for):
    for outsider in (member, moderator):
        client = client_for(outsider)
        for page in PAGES:
            assert client.get(page).status_code == 404, page
        assert client.post("/safeguarding/phrases/add/", {"text": "x", "level": "high"}).status_code == 404
        phrase = RiskPhrase.objects.first()
        assert client.post(f"/safeguarding/phrases/{phrase.pk}/active/", {"active": "0"}).status_code == 404


def test_leads_and_administrators_see_the_phrase_pages(lead, admin_user, client_for):
    for insider in (lead, admin_user):
        for page in PAGES:
            assert client_for(insider).get(page).status_code == 200, page


def test_only_a_lead_may_change_the_list(member):
    with pytest.raises(phrases.PhraseError, match="Only safeguarding leads"):
        phrases.add_phrase(member, "feel like a ghost", "high", "suicide")


def test_an_added_phrase_is_matched_after_commit(lead, client_for):
    assert risk.assess("I feel like a ghost").level == 0
    response = client_for(lead).post(
        "/safeguarding/phrases/add/", {"text": "feel like a ghost", "level": "high", "category": "suicide"}
    )
    assert response.status_code == 302
    assessment = risk.assess("I feel like a ghost")
    assert assessment.level == 3 and [str(c) for c in assessment.categories] == ["suicide"]
    version = RiskListVersion.objects.first()
    assert version.changed_by == lead and "feel like a ghost" in version.summary


def test_a_deactivated_phrase_stops_matching_and_reactivating_brings_it_back(lead, client_for):
    phrase = phrases.add_phrase(lead, "feel like a ghost", "high", "suicide")
    client = client_for(lead)
    client.post(f"/safeguarding/phrases/{phrase.pk}/active/", {"active": "0"})
    assert risk.assess("I feel like a ghost").level == 0
    client.post(f"/safeguarding/phrases/{phrase.pk}/active/", {"active": "1"})
    assert risk.assess("I feel like a ghost").level == 3
    assert [v.summary.split()[0] for v in RiskListVersion.objects.all()[:3]] == ["Reactivated", "Deactivated", "Added"]


def test_an_exception_cancels_a_match(lead):
    phrases.add_phrase(lead, "feel like a ghost", "high", "suicide")
    phrases.add_phrase(lead, "feel like a ghost town", is_exception=True)
    assert risk.assess("this place, I feel like a ghost town today").level == 0


def test_a_phrase_that_cannot_compile_gives_a_clear_message_and_changes_nothing(lead, client_for):
    phrases.add_phrase(lead, "feel like a ghost", "high", "suicide")
    rows, versions = RiskPhrase.objects.count(), RiskListVersion.objects.count()
    response = client_for(lead).post("/safeguarding/phrases/add/", {"text": "feel like a ghost", "is_exception": "on"})
    assert response.status_code == 200
    assert "That change was not saved" in response.content.decode()
    assert "read the same once folded" in response.content.decode()
    assert (RiskPhrase.objects.count(), RiskListVersion.objects.count()) == (rows, versions)
    assert risk.assess("I feel like a ghost").level == 3


def test_a_phrase_of_symbols_only_is_refused(lead):
    rows = RiskPhrase.objects.count()
    with pytest.raises(phrases.PhraseError, match="no letters or digits"):
        phrases.add_phrase(lead, "!!!", "high", "suicide")
    assert RiskPhrase.objects.count() == rows


def test_a_duplicate_phrase_is_refused_kindly(lead):
    phrases.add_phrase(lead, "feel like a ghost", "high", "suicide")
    with pytest.raises(phrases.PhraseError, match="already on the list"):
        phrases.add_phrase(lead, "feel  like a ghost", "crisis", "suicide")


def test_the_list_filters_by_category_level_and_words(lead, client_for):
    phrases.add_phrase(lead, "feel like a ghost", "low", "eating")
    client = client_for(lead)
    page = client.get("/safeguarding/phrases/", {"q": "ghost", "category": "eating", "level": "low"}).content.decode()
    assert "feel like a ghost" in page
    page = client.get("/safeguarding/phrases/", {"q": "ghost", "category": "suicide"}).content.decode()
    assert "feel like a ghost" not in page


def test_the_history_page_says_who_changed_what(lead, client_for):
    phrases.add_phrase(lead, "feel like a ghost", "high", "suicide")
    page = client_for(lead).get("/safeguarding/phrases/history/").content.decode()
    assert "lead" in page and "feel like a ghost" in page


def test_trying_text_shows_the_level_and_quotes_each_match_with_its_category(lead, client_for):
    page = client_for(lead).post("/safeguarding/phrases/try/", {"text": "Honestly I just want to die."}).content
    page = page.decode()
    assert "Level: high" in page
    assert "want to die</mark>" in page
    assert "suicide" in page


def test_trying_ordinary_text_says_nothing_matched(lead, client_for):
    page = client_for(lead).post("/safeguarding/phrases/try/", {"text": "A walk helped today."}).content.decode()
    assert "Level: none" in page and "Nothing on the list matched." in page


def test_trying_text_records_nothing(lead, client_for):
    from safeguarding.models import Case, RiskSignal

    client_for(lead).post("/safeguarding/phrases/try/", {"text": "I'm going to kill myself tonight"})
    assert not Case.objects.exists() and not RiskSignal.objects.exists()


def test_a_server_builds_its_matcher_at_start_up_off_the_request_path(monkeypatch):
    monkeypatch.setattr(risk, "_built", {"version": None, "matcher": None})
    risk.warm_in_background().join(timeout=30)
    assert risk._built["matcher"] is not None
    assert risk._built["version"] == risk.latest_version()


# --- A release's new phrases reach an installation that already has a list -------------------------


def test_phrases_new_in_a_release_are_added_to_an_existing_list_without_undoing_leads_changes(lead):
    from safeguarding.defaults import install_risk_phrases

    RiskPhrase.objects.filter(text="i have the pills").delete()  # as if this release brought it
    switched_off = phrases.set_active(lead, RiskPhrase.objects.get(text="want to die").pk, False)

    install_risk_phrases()

    assert RiskPhrase.objects.filter(text="i have the pills", is_exception=False, active=True).exists()
    switched_off.refresh_from_db()
    assert not switched_off.active
    assert RiskListVersion.objects.first().summary == "Added 1 phrases and 0 exceptions shipped with this release."
    assert risk.assess("I have the pills").level == 4


def test_new_phrases_that_would_stop_the_list_compiling_are_left_out_and_logged(lead, caplog):
    from safeguarding.defaults import install_risk_phrases

    RiskPhrase.objects.filter(text="i have the pills").delete()
    phrases.add_phrase(lead, "I have the pills", is_exception=True)
    versions = RiskListVersion.objects.count()

    install_risk_phrases()

    assert not RiskPhrase.objects.filter(text="i have the pills").exists()
    assert RiskListVersion.objects.count() == versions
    assert "were not added" in caplog.text
    assert risk.assess("I want to die").level == 3


def test_a_lead_adds_a_phrase_with_a_count_and_it_counts(lead, client_for):
    page = client_for(lead).get("/safeguarding/phrases/add/").content.decode()
    assert "{10+}" in page
    phrases.add_phrase(lead, "chewed {10+} gummies", "crisis", "suicide")
    assert risk.assess("I chewed twenty gummies").level == 4
    assert risk.assess("I chewed two gummies").level == 0
