"""The evaluation dashboard: evaluators and administrators only, numbers only, accessible tables and charts."""

from datetime import date

import pytest
from django.utils import timezone

from accounts.roles import Role
from community.models import Post, Thread
from community.services import forum
from evaluation.models import ExportLog, Participation
from evaluation.periods import last_complete

Kind = Participation.Kind


@pytest.fixture
def evaluator(make_member):
    return make_member("evaluator1", roles=(Role.EVALUATOR,))


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.ADMINISTRATOR])
def test_evaluators_and_administrators_see_the_dashboard(make_member, client_for, role):
    response = client_for(make_member("viewer", roles=(role,))).get("/evaluation/")
    assert response.status_code == 200
    assert b"<h1>Evaluation</h1>" in response.content


def test_superusers_see_the_dashboard(admin_user, client_for):
    assert client_for(admin_user).get("/evaluation/").status_code == 200


@pytest.mark.parametrize("roles", [(), (Role.MODERATOR,), (Role.SAFEGUARDING_LEAD,)])
@pytest.mark.parametrize("path", ["/evaluation/", "/evaluation/download.csv"])
def test_everyone_else_gets_not_found(make_member, client_for, roles, path):
    response = client_for(make_member("someone", roles=roles)).get(path)
    assert response.status_code == 404
    assert not ExportLog.objects.exists()


def test_signed_out_visitors_are_sent_to_log_in(client):
    response = client.get("/evaluation/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_dashboard_shows_no_handles_emails_or_content(board, member, other_member, evaluator, client_for):
    thread = forum.start_thread(other_member, board, "A very private title", "Something only members should read.")
    forum.add_reply(member, thread, "A private reply.")
    month = last_complete("month")  # figures are only for months that have ended: move the conversation there
    Thread.objects.update(created_at=month.start())
    Post.objects.update(created_at=month.start())
    Participation.objects.update(day=month.first)
    page = client_for(evaluator).get("/evaluation/", {"period": "month", "on": month.first}).content.decode()
    csv = client_for(evaluator).get("/evaluation/download.csv", {"period": "month"}).content.decode()
    assert 'New conversations</th><td class="number">&lt;5' in page  # the conversation is counted, hidden
    for secret in ("robin", "sky", "@example.org", "very private", "only members", "private reply"):
        assert secret not in page and secret not in csv


def test_tables_have_captions_and_header_scopes_and_charts_say_what_they_show(evaluator, client_for):
    page = client_for(evaluator).get("/evaluation/").content.decode()
    assert page.count("<caption>") >= 5
    assert '<th scope="row">Active members (posted, replied, chatted or reacted)</th>' in page
    assert 'role="img" aria-label="Bar chart, Members: New members (joined) &lt;5;' in page
    assert "style=" not in page and "<script>" not in page


def test_small_numbers_are_suppressed_on_the_page(evaluator, client_for):
    for key in "abc":
        Participation.objects.create(day=date(2026, 1, 5), kind=Kind.REPLY, member_key=key, board_id=1)
    page = client_for(evaluator).get("/evaluation/", {"period": "month", "on": "2026-01-05"}).content.decode()
    assert '<th scope="row">Replies</th><td class="number">&lt;5</td>' in page


def test_large_numbers_are_shown(evaluator, client_for):
    Participation.objects.bulk_create(
        Participation(day=date(2026, 1, 5), kind=Kind.REPLY, member_key=f"k{n}", board_id=1) for n in range(7)
    )
    page = client_for(evaluator).get("/evaluation/", {"period": "month", "on": "2026-01-05"}).content.decode()
    assert '<th scope="row">Active members (posted, replied, chatted or reacted)</th><td class="number">7</td>' in page
    assert '<span id="period-shown">January 2026</span>' in page


@pytest.mark.parametrize(
    "query",
    [
        {"period": "custom", "start": "2026-01-01", "end": "2026-02-15"},
        {"period": "month", "start": "2026-01-01", "end": "2026-02-15"},
        {"period": "week", "on": "2026-01-05"},
    ],
)
@pytest.mark.parametrize(("path", "status"), [("/evaluation/", 200), ("/evaluation/download.csv", 400)])
def test_dates_of_ones_own_and_weeks_are_refused_with_the_reason(evaluator, client_for, query, path, status):
    response = client_for(evaluator).get(path, query)
    assert response.status_code == status and response["Content-Type"].startswith("text/html")
    assert "whole calendar months and quarters only" in response.content.decode()
    assert not ExportLog.objects.exists()


@pytest.mark.parametrize(("path", "status"), [("/evaluation/", 200), ("/evaluation/download.csv", 400)])
def test_a_month_still_going_on_is_refused_with_the_reason(evaluator, client_for, path, status):
    response = client_for(evaluator).get(path, {"period": "month", "on": timezone.localdate().isoformat()})
    assert response.status_code == status
    assert "has not ended yet" in response.content.decode() and not ExportLog.objects.exists()


def test_the_dashboard_opens_on_the_latest_month_that_has_ended(evaluator, client_for):
    page = client_for(evaluator).get("/evaluation/").content.decode()
    assert f'<span id="period-shown">{last_complete("month").label()}</span>' in page


def test_choosing_a_board_narrows_the_figures(board, evaluator, client_for):
    Participation.objects.bulk_create(
        Participation(day=date(2026, 1, 5), kind=Kind.REPLY, member_key=f"k{n}", board_id=board.pk + 1)
        for n in range(7)
    )
    page = (
        client_for(evaluator)
        .get("/evaluation/", {"period": "month", "on": "2026-01-05", "board": board.slug})
        .content.decode()
    )
    assert "Anxiety board" in page
    assert '<th scope="row">Replies</th><td class="number">&lt;5</td>' in page


def test_the_download_is_the_same_figures_as_csv_and_is_logged(evaluator, client_for):
    response = client_for(evaluator).get("/evaluation/download.csv", {"period": "quarter", "on": "2026-02-10"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="kindred-metrics-2026-01-01-to-2026-03-31.csv"' in response["Content-Disposition"]
    assert response.content.decode().startswith("period_from,period_to,board,section,figure,label,value,unit\n")
    log = ExportLog.objects.get()
    assert (log.who, log.requested_by, log.channel, log.file_format) == (evaluator.handle, evaluator, "download", "csv")
    assert (log.first_day, log.last_day, log.board_slug) == (date(2026, 1, 1), date(2026, 3, 31), "")


@pytest.mark.parametrize(("roles", "shown"), [((Role.EVALUATOR,), True), ((Role.MODERATOR,), False), ((), False)])
def test_the_navigation_filter_knows_who_may_see_the_metrics(make_member, roles, shown):
    from django.template import Context, Template

    link = Template("{% load evaluation %}{% if user|can_see_metrics %}Evaluation{% endif %}")
    assert (link.render(Context({"user": make_member(roles=roles)})) == "Evaluation") is shown
