"""Hostile text posted through the real forms comes out inert on every forum page that shows it."""

import html
import re
from html.parser import HTMLParser

import pytest

from community.models import Board, Post, Thread
from community.services.boards import save_board

pytestmark = pytest.mark.security("stored-xss")

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)" onclick="alert(1)">click</a>',
    "<div onmouseover=alert(1) style=background:red>hover</div>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;vascript:alert(1))",
    "[click](jav&#x09;ascript:alert(1))",
    "[click]( javascript:alert(1) )",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "![x](https://evil.example/pixel.png)",
    "<svg onload=alert(1)><circle r=10 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    "[vb](vbscript:msgbox(1))",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\\<script>alert(1)\\</script>",
    "`<script>` is fine in code, and so is ```<img onerror=alert(1)>```",
    '"><script>alert(1)</script><a href="',
    "<style>body{display:none}</style><link rel=stylesheet href=//evil.example/x.css>",
]
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "background"}
FORBIDDEN_TAGS = {"svg", "math", "iframe", "img", "object", "embed", "style", "base"}


class TagCollector(HTMLParser):
    """Every start tag on the page, with attribute values as a browser would decode them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


# The one classic script: base.html loads it in <head> so the theme applies before the first paint.
THEME_SCRIPT = "/static/js/theme.js"


def assert_inert(page: str, where: str) -> None:
    collector = TagCollector()
    collector.feed(page)
    for tag, attrs in collector.tags:
        if tag == "script" and attrs.get("src") != THEME_SCRIPT:
            assert attrs.get("src", "").startswith("/static/js/") and attrs.get("type") == "module", where
        assert tag not in FORBIDDEN_TAGS, (where, tag)
        assert not [name for name in attrs if name.startswith("on")], (where, tag, attrs)
        assert "style" not in attrs, (where, tag, attrs)
        for name in URL_ATTRIBUTES & attrs.keys():
            squeezed = re.sub(r"[\x00-\x20]", "", attrs[name])
            assert not DANGEROUS_SCHEME.match(squeezed), (where, tag, attrs)
    # Form fields echo text in value="..." escaped; the parser above has checked those attributes.
    markup = re.sub(r"<input\b[^>]*>", "", page)
    markup = markup.replace(f'<script src="{THEME_SCRIPT}"></script>', "", 1)
    assert not re.search(r"<script(?! type=\"module\" src=\"/static/js/)", markup, re.I), where
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", markup, re.I), where
    assert not re.search(r"<[^>]*javascript:", markup, re.I), where


@pytest.fixture
def board(db):
    return save_board(Board(slug="creative-corner", title="Creative corner", description="Things we make."))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_posted_through_the_forms_renders_inert(board, member, other_member, client_for, payload):
    author, reader = client_for(member), client_for(other_member)
    author.post(
        "/forum/creative-corner/new/",
        {"title": f"needle {payload}"[:150], "body": f"needle {payload}", "warning_other": payload[:80]},
    )
    thread = Thread.objects.get()
    reader.post(
        thread.get_absolute_url(),
        {"body": f"needle reply {payload}", "quote": thread.opening_post_id, "warning": "other", "warning_other": "x"},
    )
    reply = Post.objects.exclude(pk=thread.opening_post_id).get()
    assert reply.quoted_id == thread.opening_post_id
    pages = {
        "thread": reader.get(thread.get_absolute_url()),
        "board": reader.get("/forum/creative-corner/"),
        "latest": reader.get("/forum/latest/"),
        "home": reader.get("/"),
        "search": reader.get("/forum/search/?q=needle"),
        "activity": reader.get(f"/forum/activity/{member.handle}/"),
        "edit": author.get(f"/forum/p/{thread.opening_post_id}/edit/"),
    }
    assert f'id="post-{reply.pk}"' in pages["thread"].content.decode()
    for where, response in pages.items():
        assert response.status_code == 200, where
        assert_inert(response.content.decode(), where)


def test_links_in_posts_open_nothing_and_pass_no_referrer(board, member, client_for):
    client = client_for(member)
    client.post("/forum/creative-corner/new/", {"title": "Links", "body": "See [this](https://example.org/page)."})
    page = client.get(Thread.objects.get().get_absolute_url()).content.decode()
    assert '<a href="https://example.org/page" rel="nofollow noopener noreferrer">this</a>' in page


@pytest.mark.parametrize(
    "link",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;vascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    ],
)
def test_links_with_script_or_data_schemes_lose_their_target(board, member, client_for, link):
    client = client_for(member)
    client.post("/forum/creative-corner/new/", {"title": "Links", "body": f"Please {link} now."})
    page = html.unescape(client.get(Thread.objects.get().get_absolute_url()).content.decode()).lower()
    assert 'please <a rel="nofollow noopener noreferrer">click</a> now.' in page
    for scheme in ("javascript:", "vbscript:", "data:"):
        assert scheme not in page
