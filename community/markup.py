"""The safe Markdown subset members and administrators write in.

Emphasis, lists, links, quotes and line breaks. Raw HTML is escaped (the
Markdown parser's HTML handling is switched off), images are not rendered, and
bleach's allowlist is the last word on what reaches a page. Links open nothing
and pass no referrer: rel="nofollow noopener noreferrer".
"""

import html
from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.utils.html import strip_tags

ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a", "blockquote", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"
DISABLED_MARKDOWN = [
    ("preprocessors", "html_block"),
    ("inlinePatterns", "html"),
    ("inlinePatterns", "image_link"),
    ("inlinePatterns", "image_reference"),
    ("inlinePatterns", "short_image_ref"),
]


def _set_rel(attrs, new=False):
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"}, parse_email=False)],
)


def _parser() -> markdown.Markdown:
    parser = markdown.Markdown(extensions=["nl2br", "sane_lists"])
    for registry, name in DISABLED_MARKDOWN:
        getattr(parser, registry).deregister(name, strict=False)
    return parser


def render_markdown(text: str) -> str:
    """Markdown source to sanitised HTML, safe to mark safe in a template."""
    return _cleaner.clean(_parser().convert(text or ""))


def shown_text(text: str) -> str:
    """The words a reader sees once Markdown is rendered: "k*i*ll" reads as "kill", "&#105;" as "i"."""
    return html.unescape(strip_tags(render_markdown(text)))
