"""Private by default: nothing indexable, no third parties, no other member's email anywhere."""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

import pytest

from config.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.security("privacy")

SKIP_PREFIXES = ("/static/", "/admin/")
MAX_PAGES = 300


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            value = attrs.get(name)
            if not value:
                continue
            if urlparse(value).netloc and tag in {"script", "link", "img", "iframe"}:
                self.external.append(value)
            if name == "href" and tag == "a" and not urlparse(value).netloc and value.startswith("/"):
                self.links.append(urldefrag(value)[0])


def crawl(client, start: str = "/"):
    """Every page reachable by following links from start, as (path, response)."""
    seen, queue = set(), [start]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP_PREFIXES):
            continue
        seen.add(path)
        response = client.get(path)
        yield path, response
        if response.get("Content-Type", "").startswith("text/html"):
            parser = LinkParser()
            parser.feed(response.content.decode())
            queue.extend(link for link in parser.links if link not in seen)


@pytest.fixture
def busy_member(member, other_member):
    """A member who can see another member's profile, with both having written about themselves."""
    from community.services.profile import update_about

    update_about(other_member, "Gardening and long walks.")
    update_about(member, "Tea, crosswords and my dog.")
    return member


def test_no_page_a_member_can_reach_shows_another_members_email(busy_member, other_member, client_for):
    client = client_for(busy_member)
    pages = dict(crawl(client, "/"))
    pages.update(crawl(client, f"/members/{other_member.handle}/"))
    assert len(pages) >= 8
    for path, response in pages.items():
        assert other_member.email.encode() not in response.content, path


def test_every_page_carries_noindex_and_a_strict_content_security_policy(busy_member, client_for, client):
    responses = list(crawl(client_for(busy_member))) + list(crawl(client))
    for path, response in responses:
        assert response["X-Robots-Tag"] == "noindex, nofollow", path
        assert "unsafe-inline" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY


def test_every_html_page_offers_need_help_now(busy_member, client_for, client):
    for path, response in list(crawl(client_for(busy_member))) + list(crawl(client)):
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            assert re.search(rb'<a class="help-now" href="/help/">Need help now\?</a>', response.content), path


def test_no_page_loads_anything_from_another_site(busy_member, client_for):
    for path, response in crawl(client_for(busy_member)):
        if response["Content-Type"].startswith("text/html"):
            parser = LinkParser()
            parser.feed(response.content.decode())
            assert parser.external == [], path


def test_robots_txt_disallows_everything(client):
    response = client.get("/robots.txt")
    assert response.content == b"User-agent: *\nDisallow: /\n"


def test_community_pages_need_sign_in(client, other_member):
    for path in ("/account/", f"/members/{other_member.handle}/", "/rules/accept/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), path


@pytest.mark.parametrize("path", ["/", "/rules/", "/help/", "/accounts/login/", "/accounts/signup/"])
def test_public_pages_work_signed_out(client, db, path):
    assert client.get(path).status_code == 200


def test_help_page_lists_uk_crisis_services_signed_out(client, db):
    content = client.get("/help/").content.decode()
    for expected in ("Samaritans", "116 123", "SHOUT to 85258", "NHS 111", "option 2", "999"):
        assert expected in content
