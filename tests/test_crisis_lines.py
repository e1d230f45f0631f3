"""Every crisis line is a tap to call (tel:) or to text (sms:) on /help/, in the help panel and in the footer."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from safeguarding.models import HelpService

SHIPPED_LINKS = [
    '<a class="contact-link" href="tel:116123">Call 116 123</a>',
    '<a class="contact-link" href="sms:85258?&amp;body=SHOUT">Text SHOUT to 85258</a>',
    '<a class="contact-link" href="tel:111">Call 111 and choose option 2 for mental health</a>',
    '<a class="contact-link" href="tel:999">Call 999 or go to A&amp;E</a>',
]
FOOTER_999 = 'call <a class="contact-link" href="tel:999">999</a> or go to A&amp;E.'


def test_the_help_page_links_every_shipped_line_signed_out(client, db):
    page = client.get("/help/").content.decode()
    for link in SHIPPED_LINKS:
        assert link in page
    assert 'call <a class="contact-link" href="tel:999">999</a> or go to A&amp;E now.' in page


def test_the_help_panel_links_every_shipped_line(member, client_for):
    page = client_for(member).get("/help/panel/").content.decode()
    for link in SHIPPED_LINKS:
        assert link in page


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_footer_calls_999_on_every_page(client, member, client_for, signed_in):
    browser = client_for(member) if signed_in else client
    for path in ("/", "/rules/", "/help/"):
        assert FOOTER_999 in browser.get(path).content.decode(), path


def test_a_line_with_both_numbers_offers_both_and_one_without_stays_words(client, db):
    HelpService.objects.create(
        name="Both ways",
        how_to_contact="Call or text, whichever is easier",
        phone="0800 123 456",
        sms_number="07700 900123",
    )
    HelpService.objects.create(name="Web chat", how_to_contact="Chat at example.org/chat")
    page = client.get("/help/").content.decode()
    assert (
        'Call or text, whichever is easier <a class="contact-link" href="tel:0800123456">Call 0800 123 456</a> '
        '<a class="contact-link" href="sms:07700900123">Text 07700 900123</a>'
    ) in page
    assert '<p class="contact">Chat at example.org/chat</p>' in page


def test_numbers_are_digits_and_spaces(db):
    service = HelpService(name="Typo", how_to_contact="Call us", phone="call 116")
    with pytest.raises(ValidationError, match="Digits and spaces"):
        service.full_clean()
    HelpService(name="Abroad", how_to_contact="Call us", phone="+44 116 123").full_clean()


@pytest.mark.django_db(transaction=True)
def test_an_installation_with_the_services_already_gets_their_numbers():
    executor = MigrationExecutor(connection)
    old = executor.loader.project_state([("safeguarding", "0003_leads_tools")]).apps
    executor.migrate([("safeguarding", "0003_leads_tools")])
    OldService = old.get_model("safeguarding", "HelpService")
    OldService.objects.all().delete()
    OldService.objects.create(name="Samaritans", how_to_contact="Call 116 123")
    OldService.objects.create(name="Shout", how_to_contact="Text SHOUT to 85258")
    OldService.objects.create(name="Samaritans Wales", how_to_contact="Call 0808 164 0123")  # an administrator's own

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    numbers = {s.name: (s.phone, s.sms_number, s.sms_text) for s in HelpService.objects.all()}
    assert numbers == {
        "Samaritans": ("116 123", "", ""),
        "Shout": ("", "85258", "SHOUT"),
        "Samaritans Wales": ("", "", ""),
    }
