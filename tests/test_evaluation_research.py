"""Row-level research exports: switched off by default, pseudonyms that cannot be linked (unless an approved
panel), join quarters and activity bands, every row like at least four others, no identities, every export
logged, and only evaluators and administrators."""

import csv
import io
from collections import Counter
from datetime import date

import pytest

from accounts.roles import Role
from evaluation.models import ExportLog, Participation, ResearchPanel
from evaluation.periods import Period
from evaluation.services import research
from evaluation.services.participation import member_key

Kind = Participation.Kind
FEBRUARY = Period(date(2026, 2, 1), date(2026, 2, 28), "month")
JOINED = {"2026-01-05": 6, "2026-02-10": 2, "2025-03-01": 3, "2025-05-01": 2}  # and one who joined before records


@pytest.fixture
def evaluator(make_member):
    return make_member("evaluator1", roles=(Role.EVALUATOR,))


@pytest.fixture
def february(db):
    """Fourteen members who took part in February 2026; m0 started two conversations (rows 12 and 13 below)."""
    keys, rows = [], []
    for day, how_many in JOINED.items():
        for _ in range(how_many):
            key = f"m{len(keys)}"
            keys.append(key)
            rows.append(Participation(day=date.fromisoformat(day), kind=Kind.SIGNUP, member_key=key))
    keys.append("m-before")
    for key in keys:
        rows.append(Participation(day=date(2026, 2, 3), kind=Kind.REPLY, member_key=key, board_id=1, count=3))
    rows.append(Participation(day=date(2026, 2, 4), kind=Kind.THREAD, member_key="m0", board_id=1, count=2))
    rows.append(Participation(day=date(2026, 3, 4), kind=Kind.THREAD, member_key="m1", board_id=1))  # after
    Participation.objects.bulk_create(rows)
    return keys


@pytest.fixture
def switched_on(admin_user):
    research.set_enabled(admin_user, True)


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def export(user, panel=None) -> list[dict]:
    text, _count = research.do_research_export(requested_by=user, period=FEBRUARY, panel=panel)
    return rows_of(text)


def test_exports_are_refused_until_an_administrator_switches_them_on(february, evaluator):
    with pytest.raises(research.ResearchError, match="switched off"):
        export(evaluator)
    assert not ExportLog.objects.exists()


def test_one_row_per_member_with_bands_join_quarters_and_rare_rows_generalised_or_dropped(
    february, evaluator, switched_on
):
    rows = export(evaluator)
    assert list(rows[0]) == research.COLUMNS
    # Seven joined in Q1 2026; the five who joined in 2025 are in two quarters too small alone, so given as the
    # year; m0 (the only one who started conversations) and the one who joined before records are unlike
    # anyone else even when coarsest, so they are left out.
    assert Counter(row["joined"] for row in rows) == {"2026-Q1": 7, "2025": 5}
    assert {row["reply"] for row in rows} == {"1-4"} and {row["thread"] for row in rows} == {"0"}
    assert {(row["period_from"], row["period_to"]) for row in rows} == {("2026-02-01", "2026-02-28")}
    assert {row["age_band"] for row in rows} == {"not given"}
    assert ExportLog.objects.get().treatment == {
        "k": 5,
        "rows_before": 14,
        "rows_exported": 12,
        "generalised": dict.fromkeys(research.GENERALISATIONS, 0) | {"joined given as the year": 5},
        "dropped": 2,
    }


def test_age_bands_members_gave_and_rare_ones_dropped(make_member, evaluator, switched_on):
    from accounts.services import set_age_band

    for number, band in enumerate(["25-34"] * 6 + ["65+"] * 2):
        person = set_age_band(make_member(f"person{number}"), band)
        for day, kind in ((date(2026, 1, 5), Kind.SIGNUP), (date(2026, 2, 3), Kind.REPLY)):
            Participation.objects.create(day=day, kind=kind, member_key=member_key(person))
    rows = export(evaluator)
    assert Counter((row["age_band"], row["joined"]) for row in rows) == {("25-34", "2026-Q1"): 6}


def test_no_member_keys_handles_or_account_ids_leave(february, evaluator, switched_on, member):
    Participation.objects.create(day=date(2026, 2, 5), kind=Kind.VISIT, member_key=member_key(member))
    text = research.do_research_export(requested_by=evaluator, period=FEBRUARY)[0]
    for secret in (member_key(member), member.handle, member.email, "m-before", ",m0,"):
        assert secret not in text


def test_two_exports_cannot_be_linked(february, evaluator, switched_on):
    first, second = ({row["pseudonym"] for row in export(evaluator)} for _ in range(2))
    assert len(first) == 12 and not first & second


def test_an_approved_panel_links_its_exports_and_only_for_its_requester(
    february, evaluator, switched_on, admin_user, make_member
):
    panel = research.request_panel(evaluator, "Wellbeing study 2026")
    with pytest.raises(research.ResearchError, match="not approved"):
        export(evaluator, panel)
    research.decide_panel(admin_user, panel, approve=True)
    first, second = ({row["pseudonym"] for row in export(evaluator, panel)} for _ in range(2))
    assert len(first) == 12 and first == second
    assert not first & {row["pseudonym"] for row in export(evaluator)}  # unlinked exports stay unlinked
    with pytest.raises(research.ResearchError, match="not approved"):
        export(make_member("evaluator2", roles=(Role.EVALUATOR,)), panel)


def test_only_administrators_switch_and_decide(evaluator, february):
    panel = research.request_panel(evaluator, "A study")
    with pytest.raises(research.ResearchError):
        research.set_enabled(evaluator, True)
    with pytest.raises(research.ResearchError):
        research.decide_panel(evaluator, panel, approve=True)
    assert not research.is_enabled()
    assert ResearchPanel.objects.get().key == ""


def test_a_refused_panel_has_no_key_and_cannot_be_decided_again(evaluator, admin_user, db):
    panel = research.decide_panel(admin_user, research.request_panel(evaluator, "A study"), approve=False)
    assert (panel.status, panel.key) == (ResearchPanel.Status.REFUSED, "")
    with pytest.raises(research.ResearchError, match="already"):
        research.decide_panel(admin_user, panel, approve=True)


def test_too_few_members_are_not_exported(evaluator, switched_on, db):
    for key in "abcd":
        Participation.objects.create(day=date(2026, 2, 3), kind=Kind.REPLY, member_key=key)
    with pytest.raises(research.ResearchError, match="Fewer than 5"):
        export(evaluator)


def test_every_export_is_logged(february, evaluator, switched_on, admin_user):
    panel = research.request_panel(evaluator, "A study")
    research.decide_panel(admin_user, panel, approve=True)
    export(evaluator)
    export(evaluator, panel)
    logged = list(ExportLog.objects.order_by("created_at").values_list("who", "kind", "panel", "rows", "first_day"))
    assert logged == [
        ("evaluator1", "research", None, 12, FEBRUARY.first),
        ("evaluator1", "panel", panel.pk, 12, FEBRUARY.first),
    ]


# The pages -----------------------------------------------------------------------------

EXPORT = {"period": "month", "on": "2026-02-10"}


@pytest.mark.parametrize("roles", [(), (Role.MODERATOR,), (Role.SAFEGUARDING_LEAD,)])
def test_members_and_moderators_get_not_found_everywhere(
    make_member, client_for, roles, february, switched_on, evaluator
):
    panel = research.request_panel(evaluator, "A study")
    client = client_for(make_member("someone", roles=roles))
    assert client.get("/evaluation/research/").status_code == 404
    for path, data in (
        ("/evaluation/research/export.csv", EXPORT),
        ("/evaluation/research/panels/", {"title": "Another study"}),
        ("/evaluation/research/switch/", {"enabled": "off"}),
        (f"/evaluation/research/panels/{panel.pk}/", {"decision": "approve"}),
    ):
        assert client.post(path, data).status_code == 404
    assert not ExportLog.objects.exists() and research.is_enabled()
    assert list(ResearchPanel.objects.values_list("title", "status")) == [("A study", "requested")]


def test_an_evaluator_downloads_a_research_export(evaluator, client_for, february, switched_on):
    response = client_for(evaluator).post("/evaluation/research/export.csv", EXPORT)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert len(rows_of(response.content.decode())) == 12
    assert ExportLog.objects.get().kind == ExportLog.Kind.RESEARCH


def test_an_evaluator_is_told_when_exports_are_off(evaluator, client_for, february):
    client = client_for(evaluator)
    page = client.get("/evaluation/research/").content.decode()
    assert "Research exports are off" in page and "Download (CSV)" not in page
    response = client.post("/evaluation/research/export.csv", EXPORT, follow=True)
    assert "switched off" in response.content.decode() and not ExportLog.objects.exists()


def test_an_evaluator_cannot_switch_or_approve(evaluator, client_for, db):
    client = client_for(evaluator)
    panel = research.request_panel(evaluator, "A study")
    assert "Switch research exports on" not in client.get("/evaluation/research/").content.decode()
    client.post("/evaluation/research/switch/", {"enabled": "on"})
    client.post(f"/evaluation/research/panels/{panel.pk}/", {"decision": "approve"})
    assert not research.is_enabled()
    panel.refresh_from_db()
    assert panel.status == ResearchPanel.Status.REQUESTED


def test_an_administrator_switches_on_and_approves_a_panel_in_the_app(evaluator, admin_user, client_for, db):
    client_for(evaluator).post("/evaluation/research/panels/", {"title": "Wellbeing study"})
    client = client_for(admin_user)
    page = client.get("/evaluation/research/").content.decode()
    assert "Wellbeing study" in page and "Switch research exports on" in page
    client.post("/evaluation/research/switch/", {"enabled": "on"})
    panel = ResearchPanel.objects.get()
    client.post(f"/evaluation/research/panels/{panel.pk}/", {"decision": "approve"})
    panel.refresh_from_db()
    assert research.is_enabled() and panel.status == ResearchPanel.Status.APPROVED and len(panel.key) == 64
    assert "Wellbeing study" in client_for(evaluator).get("/evaluation/research/").content.decode()


def test_the_research_page_offers_only_the_evaluators_approved_panels(evaluator, admin_user, client_for, switched_on):
    mine = research.decide_panel(admin_user, research.request_panel(evaluator, "Mine approved"), approve=True)
    research.request_panel(evaluator, "Mine waiting")
    other = research.request_panel(admin_user, "Someone else's")
    research.decide_panel(admin_user, other, approve=True)
    page = client_for(evaluator).get("/evaluation/research/").content.decode()
    assert f'<option value="{mine.pk}">' in page
    assert f'<option value="{other.pk}">' not in page


@pytest.mark.parametrize(
    "data",
    [{"period": "custom", "start": "2026-02-01", "end": "2026-02-20"}, {"period": "week", "on": "2026-02-10"}],
)
def test_dates_of_ones_own_are_refused_with_the_reason_and_nothing_exported(
    evaluator, client_for, february, switched_on, data
):
    response = client_for(evaluator).post("/evaluation/research/export.csv", data)
    assert response.status_code == 400
    assert "whole calendar months and quarters only" in response.content.decode()
    assert not ExportLog.objects.exists()


def test_the_service_refuses_a_period_still_going_on(evaluator, switched_on, db):
    from django.utils import timezone

    from evaluation.periods import containing

    with pytest.raises(research.ResearchError, match="has not ended yet"):
        research.do_research_export(requested_by=evaluator, period=containing("month", timezone.localdate()))
