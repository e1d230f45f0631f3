"""The composer's Preview: the words as posting would show them, through posting's own renderer and bounds."""

import pytest

from community.markup import MAX_NESTING
from community.models import Post

PREVIEW = "/forum/preview/"


def test_a_preview_renders_markdown_as_a_post_would(member, client_for):
    response = client_for(member).post(PREVIEW, {"body": "Some **bold** words\n\n> a quote"})
    assert response.status_code == 200
    html = response.json()["html"]
    assert "<strong>bold</strong>" in html and "<blockquote>" in html


def test_a_preview_saves_nothing(member, client_for):
    client_for(member).post(PREVIEW, {"body": "Only a preview."})
    assert not Post.objects.exists()


@pytest.mark.security("stored-xss")
def test_a_preview_escapes_raw_html_and_scripts(member, client_for):
    html = (
        client_for(member)
        .post(PREVIEW, {"body": '<script>alert(1)</script> <img src=x onerror="alert(2)">'})
        .json()["html"]
    )
    assert "&lt;script&gt;" in html and "<script" not in html
    assert "&lt;img" in html and "<img" not in html


@pytest.mark.security("markdown-bombs")
def test_a_preview_refuses_markdown_beyond_the_bounds_with_postings_message(member, client_for):
    nested = "\n".join(">" * depth + " deep" for depth in range(1, MAX_NESTING + 3))
    response = client_for(member).post(PREVIEW, {"body": nested})
    assert response.status_code == 400
    assert "levels deep" in response.json()["error"]


def test_a_preview_of_an_over_long_post_says_the_limit(member, client_for):
    response = client_for(member).post(PREVIEW, {"body": "word " * 2_500})
    assert response.status_code == 400
    assert "the limit is 10,000" in response.json()["error"]


def test_an_empty_preview_asks_for_words(member, client_for):
    response = client_for(member).post(PREVIEW, {"body": "   "})
    assert response.status_code == 400
    assert response.json()["error"] == "Please write something before posting."


@pytest.mark.security("rate-limits")
def test_previews_are_rate_limited(member, client_for, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "preview": (2, 60)}
    client = client_for(member)
    assert client.post(PREVIEW, {"body": "one"}).status_code == 200
    assert client.post(PREVIEW, {"body": "two"}).status_code == 200
    response = client.post(PREVIEW, {"body": "three"})
    assert response.status_code == 429
    assert "You can preview again in" in response.json()["error"]


def test_preview_is_post_only(member, client_for):
    assert client_for(member).get(PREVIEW).status_code == 405
