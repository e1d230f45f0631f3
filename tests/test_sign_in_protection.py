"""Wrong passwords slow sign-in down, per account and per address, and never lock a member out."""

import re

import pytest
from django.core import mail
from django.test import Client

from accounts import signin

pytestmark = pytest.mark.security("rate-limits")

PASSWORD = "a-long-test-password"


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(signin, "clock", fake)
    return fake


@pytest.fixture
def attacker():
    """Someone guessing from one address after another (each a new client), so per-address limits never apply."""
    counter = iter(range(1, 10_000))

    def guess(email: str, times: int = 1) -> list:
        responses = []
        for _ in range(times):
            client = Client(REMOTE_ADDR=f"198.51.100.{next(counter) % 250 + 1}")
            responses.append(client.post("/accounts/login/", {"login": email, "password": "guess-123456"}))
        return responses

    return guess


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/"


def test_five_wrong_passwords_still_let_the_right_one_in_at_once(client, member, clock, attacker):
    attacker(member.email, times=5)
    assert signed_in(sign_in(client, member.email))


def test_after_five_wrong_passwords_a_try_too_soon_is_told_calmly_how_long_to_wait(client, lead, clock, attacker):
    attacker(lead.email, times=6)
    response = sign_in(client, lead.email)
    assert response.status_code == 200
    assert "Please wait 5 seconds before trying again" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_each_further_wrong_password_doubles_the_wait(client, lead, clock, attacker):
    attacker(lead.email, times=6)
    clock.advance(5)
    attacker(lead.email)
    assert "Please wait 10 seconds" in sign_in(client, lead.email).content.decode()


def test_the_right_password_after_the_wait_works(client, lead, clock, attacker):
    attacker(lead.email, times=6)
    clock.advance(5)
    assert signed_in(sign_in(client, lead.email))


def test_the_waits_grow_from_five_seconds_to_five_minutes_and_no_further():
    assert [signin.wait_after(n) for n in range(4, 14)] == [0, 0, 5, 10, 20, 40, 80, 160, 300, 300]


def test_tries_made_too_soon_do_not_lengthen_the_wait(client, lead, clock, attacker):
    attacker(lead.email, times=6)
    attacker(lead.email, times=20)  # all within the first 5 seconds: refused unchecked
    clock.advance(5)
    assert signed_in(sign_in(client, lead.email))


def test_however_many_guesses_a_lead_signs_in_at_once_from_a_browser_they_used_before(client, lead, clock, attacker):
    assert signed_in(sign_in(client, lead.email))
    client.post("/accounts/logout/")
    attacker(lead.email, times=40)
    assert signed_in(sign_in(client, lead.email))


def test_a_known_browser_counts_its_own_wrong_passwords(client, lead, clock, attacker):
    sign_in(client, lead.email)
    client.post("/accounts/logout/")
    for _ in range(6):
        sign_in(client, lead.email, "my-old-password")
    assert "Please wait" in sign_in(client, lead.email).content.decode()


def test_the_known_browser_cookie_cannot_be_made_up(client, lead, clock, attacker):
    attacker(lead.email, times=6)
    client.cookies[signin.COOKIE] = "eyJpZCI6ImZha2UifQ:forged:signature"
    assert "Please wait" in sign_in(client, lead.email).content.decode()


def test_an_address_nobody_has_is_slowed_the_same_so_the_wait_reveals_no_member(client, db, clock, attacker):
    attacker("nobody@example.org", times=6)
    assert "Please wait 5 seconds" in sign_in(client, "nobody@example.org").content.decode()


def test_a_password_reset_ends_the_wait(client, lead, clock, attacker, settings):
    attacker(lead.email, times=8)
    client.post("/accounts/password/reset/", {"email": lead.email})
    link = re.search(r"/accounts/password/reset/key/\S+/", mail.outbox[-1].body).group(0)
    form_page = client.get(link, follow=True)
    new = {"password1": "a-brand-new-password", "password2": "a-brand-new-password"}
    client.post(form_page.redirect_chain[-1][0], new)
    assert signed_in(sign_in(Client(), lead.email, "a-brand-new-password"))


def test_one_address_trying_many_accounts_is_stopped_after_ten_wrong_passwords_a_minute(make_member, clock):
    members = [make_member(f"person{n}") for n in range(11)]
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    responses = [guesser.post("/accounts/login/", {"login": m.email, "password": "guess-123456"}) for m in members]
    assert "sign-in attempts from your connection" in responses[-1].content.decode()
    assert all("from your connection" not in r.content.decode() for r in responses[:10])
