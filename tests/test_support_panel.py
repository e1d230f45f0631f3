"""The help panel appears where the member is looking: beside the composer they wrote in, as a dialog.

These are the pages without JavaScript (the panel open in the page, the redirect landing on
it); tests/browser/test_support_panel.py checks the modal dialog, its focus and the live offer.
"""

import pytest

from community.models import Room
from community.services import chat, forum
from safeguarding.services import escalation

pytestmark = pytest.mark.django_db

RISKY = "I'm going to kill myself tonight, I can't do this any more."
DIALOG = '<dialog open id="support-panel" class="support-panel" aria-labelledby="support-heading" data-support-panel>'


def _between(page: str, first: str, panel: str, last: str) -> bool:
    return page.index(first) < page.index(panel) < page.index(last)


def test_a_risky_reply_lands_on_the_panel_beside_the_composer(thread, member, client_for):
    client = client_for(member)
    response = client.post(thread.get_absolute_url(), {"body": RISKY})
    assert response.url == f"{thread.get_absolute_url()}#support-heading"
    page = client.get(response.url).content.decode()
    assert page.count('id="support-panel"') == 1
    assert _between(page, 'id="posts"', DIALOG, '<section id="composer"')
    assert "Close this message" in page


def test_an_ordinary_reply_lands_on_the_post_as_before(thread, member, client_for):
    response = client_for(member).post(thread.get_absolute_url(), {"body": "The bus is hard for me too."})
    reply = thread.posts.latest("pk")
    assert response.url == f"{thread.get_absolute_url()}#post-{reply.pk}"


def test_a_risky_new_conversation_lands_on_the_panel(board, member, client_for):
    response = client_for(member).post(f"/forum/{board.slug}/new/", {"title": "Tonight", "body": RISKY})
    thread = board.threads.get()
    assert response.url == f"{thread.get_absolute_url()}#support-heading"


def test_the_new_conversation_and_edit_forms_show_the_panel_beside_their_form(thread, board, member, client_for):
    reply = forum.add_reply(member, thread, RISKY)
    client = client_for(member)
    for path in (f"/forum/{board.slug}/new/", f"/forum/p/{reply.pk}/edit/"):
        page = client.get(path).content.decode()
        assert page.count('id="support-panel"') == 1, path
        assert _between(page, "<h1>", DIALOG, '<form method="post" class="stack"'), path


def test_an_edit_into_a_crisis_lands_on_the_panel(thread, member, client_for):
    reply = forum.add_reply(member, thread, "A rough week.")
    response = client_for(member).post(f"/forum/p/{reply.pk}/edit/", {"body": RISKY})
    assert response.url.endswith("#support-heading")


def test_a_risky_chat_message_without_javascript_lands_on_the_panel_in_the_composer(member, client_for):
    room = Room.objects.create(name="Evening check-in", slug="evening", purpose="How was today?")
    client = client_for(member)
    response = client.post("/rooms/evening/", {"body": RISKY})
    assert response.url == f"{room.get_absolute_url()}#support-heading"
    page = client.get(response.url).content.decode()
    assert page.count('id="support-panel"') == 1
    assert _between(page, '<section id="composer"', DIALOG, 'id="composer-form"')


def test_pages_without_a_composer_show_it_at_the_top(member, client_for):
    room = Room.objects.create(name="Evening check-in", slug="evening", purpose="How was today?")
    chat.send_message(member, room, RISKY)
    page = client_for(member).get("/notifications/").content.decode()
    assert _between(page, 'id="site-notice"', DIALOG, '<main id="main"')


def test_nobody_else_sees_the_panel_or_its_slot_filled(thread, member, other_member, client_for):
    forum.add_reply(member, thread, RISKY)
    page = client_for(other_member).get(thread.get_absolute_url()).content.decode()
    assert 'id="support-panel"' not in page
    assert 'data-support-slot data-panel-url="/help/panel/"></div>' in page  # empty, ready for a live offer


def test_the_live_panel_is_the_same_dialog(member, client_for):
    page = client_for(member).get("/help/panel/").content.decode()
    assert page.lstrip().startswith(DIALOG)
    assert 'name="csrfmiddlewaretoken"' in page


def test_the_check_in_red_answer_shows_the_words_in_the_page_not_a_second_dialog(member, client_for):
    escalation.offer_support(member)
    page = client_for(member).get("/safeguarding/check-in/?answered=red").content.decode()
    assert '<section class="support-panel" aria-labelledby="red-support-heading">' in page
    assert page.count("<dialog") == 1
