"""An evaluator opens the evaluation dashboard, looks at another period and downloads the figures as CSV."""

from datetime import date
from pathlib import Path

from playwright.sync_api import expect

from accounts.roles import Role
from evaluation.models import ExportLog, Participation
from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_evaluator_changes_the_period_and_downloads_a_csv(make_member, signed_in_page):
    Participation.objects.bulk_create(
        Participation(day=date(2026, 2, 10), kind=Participation.Kind.REPLY, member_key=f"k{n}", board_id=1)
        for n in range(8)
    )
    evaluator = make_member("evaluator", roles=(Role.EVALUATOR,))
    page = signed_in_page(evaluator, width=320)
    page.goto("/evaluation/")
    expect(page.get_by_role("heading", name="Evaluation", exact=True)).to_be_visible()

    page.get_by_label("Period").select_option("quarter")
    page.get_by_label("Any day in the month or quarter").fill("2026-02-10")
    page.get_by_role("button", name="Show figures").click()
    expect(page.locator("#period-shown")).to_have_text("Q1 2026 (Jan to Mar)")
    members = page.get_by_role("table", name="Members, Q1 2026 (Jan to Mar)")
    expect(members.get_by_role("row", name="Active members (posted, replied, chatted or reacted) 8")).to_be_visible()
    expect(page.get_by_role("img", name="Bar chart, Members").first).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "kindred-metrics-2026-01-01-to-2026-03-31.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("period_from,period_to,board,section,figure,label,value,unit")
    assert "2026-01-01,2026-03-31,all,members,active" in text
    assert ExportLog.objects.filter(who="evaluator", channel="download").exists()


def test_research_exports_and_the_cohort_table_are_accessible(make_member, admin_user, signed_in_page):
    from evaluation.services import research
    from tests.browser.test_accessibility import assert_accessible, assert_no_sideways_scroll

    Participation.objects.bulk_create(
        [
            *(
                Participation(day=date(2026, 1, 5), kind=Participation.Kind.SIGNUP, member_key=f"k{n}")
                for n in range(8)
            ),
            *(
                Participation(day=date(2026, 2, 10), kind=Participation.Kind.REPLY, member_key=f"k{n}", board_id=1)
                for n in range(8)
            ),
        ]
    )
    research.set_enabled(admin_user, True)
    evaluator = make_member("evaluator", roles=(Role.EVALUATOR,))
    page = signed_in_page(evaluator, width=320, bypass_csp=True)
    for path in ("/evaluation/?period=quarter&on=2026-02-10", "/evaluation/research/"):
        assert_accessible(page, path)
        assert_no_sideways_scroll(page, path)
    page.goto("/evaluation/?period=quarter&on=2026-02-10")
    cohorts = page.get_by_role("table", name="Retention by monthly cohort")
    expect(cohorts.get_by_role("row", name="January 2026 8")).to_be_visible()

    page.get_by_role("link", name="Research exports").click()
    page.get_by_label("Period").select_option("month")
    page.get_by_label("Any day in the month or quarter").fill("2026-02-10")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download (CSV)").click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert text.startswith("pseudonym,period_from,period_to,age_band,joined,")
    assert text.count("\n") == 9 and "2026-Q1" in text and "k0" not in text
    assert ExportLog.objects.filter(who="evaluator", kind="research", rows=8).exists()
