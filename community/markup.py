"""The safe Markdown subset members and administrators write in.

Emphasis, lists, links, quotes and line breaks. Raw HTML is escaped (the
Markdown parser's HTML handling is switched off), images are not rendered, and
bleach's allowlist is the last word on what reaches a page. Links open nothing
and pass no referrer: rel="nofollow noopener noreferrer".

Rendering is bounded. Python-Markdown recurses once per level of nested lists
(so a few hundred levels exhaust the stack) and rescans the rest of the text for
every square bracket, link target or line of structure it cannot close, so a
short text built for it takes seconds. check_markdown() measures those shapes in
one linear pass and refuses, with a calm message saying what to change, text
that goes beyond what anybody writes by hand: lists and quotes nested more than
MAX_NESTING deep, more than MAX_STACKED_MARKERS of them opened inside another on
one line ("- - item", the costly way to nest), more than MAX_OPEN_BRACKETS "[" or
link "(" left open at once,
more than MAX_CODE_MARKS runs of backticks, more than MAX_LINES lines with
words, or more than MAX_HTML_LENGTH characters once rendered (reference links
can repeat one long address many times). Bare addresses are linked with
LINKABLE_URL, bleach's pattern made linear (it backtracks quadratically over
runs of "(" and hyphenated letters). tests/markdown_bombs.py is the corpus every
limit is checked against; bench/markdown_bombs.py prints its render times.

render_markdown() is the only way in; it refuses with MarkdownRefused (a
ValueError), so callers check and render before their write transaction and turn
the refusal into their own member-facing error. A render is a pure function of
its text, so the last few are kept: the watched-word check, the save and the
screening of one post share a single render.
"""

import html
import re
from functools import lru_cache, partial

import bleach
import markdown
from bleach.linkifier import TLDS, LinkifyFilter
from django.core.exceptions import ValidationError
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

MAX_NESTING = 10
MAX_STACKED_MARKERS = 500  # lists or quotes opened inside another on the same line ("- - item"), in all
MAX_OPEN_BRACKETS = 20
MAX_CODE_MARKS = 200
MAX_LINES = 1_000
MAX_HTML_LENGTH = 100_000
TOO_DEEP = (
    f"Lists or quotes here go more than {MAX_NESTING} levels deep, which is more than we can show. "
    "Could you bring some of them in a level or two? Your words are kept."
)
TOO_MANY_STACKED = (
    f"This opens more than {MAX_STACKED_MARKERS} lists or quotes inside others on the same line (like - - item), "
    "which is more than we can show. Could you simplify some of them? Your words are kept."
)
TOO_MANY_BRACKETS = (
    f"This has more than {MAX_OPEN_BRACKETS} brackets, [ or a link's (, left open, which is more than we can show. "
    "Could you close or remove some of them? Your words are kept."
)
TOO_MANY_CODE_MARKS = (
    f"This has more than {MAX_CODE_MARKS} backticks (`), which is more than we can show. "
    "Could you remove some of them? Your words are kept."
)
TOO_MANY_LINES = (
    f"This has more than {MAX_LINES:,} lines, which is more than we can show. "
    "Could you join some lines together, or split it in two? Your words are kept."
)
TOO_LONG_SHOWN = (
    "Shown on the page, this would be far longer than what you wrote (links written as references are "
    "repeated in full each time). Could you write the links where they are used? Your words are kept."
)

# bleach's URL pattern (linkifier.build_url_re) without its two quadratic parts: the leading "\(*", which
# re-reads a run of "(" from every position in it (bleach strips leading brackets from a match anyway), and
# an unbounded "[\w-]+" per domain label, which re-reads a long hyphenated word from every letter in it.
# A DNS label is at most 63 characters, so each attempt now reads at most 63 before it gives up.
_SCHEMES, _TLDS = "|".join(sorted(ALLOWED_PROTOCOLS)), "|".join(sorted(TLDS))
LINKABLE_URL = re.compile(
    rf"""\b(?<![@.])(?:(?:{_SCHEMES}):/{{0,3}}(?:(?:\w+:)?\w+@)?)?
    (?:[\w-]{{1,63}}\.)+(?:{_TLDS})(?:\:[0-9]+)?(?!\.\w)\b
    (?:[/?][^\s\{{\}}\|\\\^`<>"]*)?
    """,
    re.IGNORECASE | re.VERBOSE | re.UNICODE,
)

# One list or quote marker at the start of a line (after any others): ">" needs no space, a list marker does.
_CONTAINER = re.compile(r"[ \t]*(?:>|(?:[-*+]|[0-9]{1,9}\.)(?=[ \t]))")
_RULE = re.compile(r"[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")  # "* * *" is a horizontal rule, not three lists
_INLINE = re.compile(r"\\.|[\[\]()]|`+", re.DOTALL)


class MarkdownRefused(ValueError):
    """Text shaped so that rendering it would be slow or too deep; the message says what to change."""


def check_markdown(text: str) -> None:
    """Raise MarkdownRefused for text beyond the bounds above; linear in the length of the text."""
    lines = text.splitlines()
    if sum(1 for line in lines if line.strip()) > MAX_LINES:
        raise MarkdownRefused(TOO_MANY_LINES)
    stacked = 0
    for line in lines:
        markers, depth = _containers(line)
        if depth > MAX_NESTING:
            raise MarkdownRefused(TOO_DEEP)
        stacked += max(markers - 1, 0)
    if stacked > MAX_STACKED_MARKERS:
        raise MarkdownRefused(TOO_MANY_STACKED)
    _check_inline(text)


def _containers(line: str) -> tuple[int, int]:
    """(list and quote markers a line starts with, how deep that puts it): indentation counts a level per 4 columns."""
    if _RULE.fullmatch(line):
        return 0, 0
    markers, position = 0, 0
    while marker := _CONTAINER.match(line, position):
        markers, position = markers + 1, marker.end()
    if not markers:
        return 0, 0
    indent = len(line) - len(line.lstrip(" \t"))
    return markers, markers + len(line[:indent].expandtabs(4)) // 4


def _check_inline(text: str) -> None:
    """Square brackets and link targets left open, and runs of backticks; backslash-escaped ones don't count."""
    brackets = code_marks = open_links = 0
    parens: list[bool] = []  # for each "(" still open: does it start a link target ("](")?
    closed_at = -1
    for token in _INLINE.finditer(text):
        mark = token.group()
        if mark == "[":
            brackets += 1
        elif mark == "]":
            brackets, closed_at = max(brackets - 1, 0), token.end()
        elif mark == "(":
            parens.append(token.start() == closed_at)
            open_links += parens[-1]
        elif mark == ")" and parens:
            open_links -= parens.pop()
        elif mark[0] == "`":
            code_marks += 1
        if brackets > MAX_OPEN_BRACKETS or open_links > MAX_OPEN_BRACKETS:
            raise MarkdownRefused(TOO_MANY_BRACKETS)
        if code_marks > MAX_CODE_MARKS:
            raise MarkdownRefused(TOO_MANY_CODE_MARKS)


def set_link_rel(attrs, new=False):
    """bleach linkify callback: every link gets LINK_REL and no target (chat's linker uses it too)."""
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    filters=[
        partial(
            LinkifyFilter,
            callbacks=[set_link_rel],
            skip_tags={"pre", "code"},
            parse_email=False,
            url_re=LINKABLE_URL,
        )
    ],
)


def _parser() -> markdown.Markdown:
    parser = markdown.Markdown(extensions=["nl2br", "sane_lists"])
    for registry, name in DISABLED_MARKDOWN:
        getattr(parser, registry).deregister(name, strict=False)
    return parser


@lru_cache(maxsize=32)
def render_markdown(text: str) -> str:
    """Markdown source to sanitised HTML, safe to mark safe in a template; MarkdownRefused if out of bounds."""
    text = text or ""
    check_markdown(text)
    try:
        rendered = _parser().convert(text)
    except RecursionError:  # a shape the bounds have not foreseen: refused the same way, never an error page
        raise MarkdownRefused(TOO_DEEP) from None
    if len(rendered) > MAX_HTML_LENGTH:
        raise MarkdownRefused(TOO_LONG_SHOWN)
    return _cleaner.clean(rendered)


def validate_markdown(text: str) -> None:
    """A form validator: the same bounds, as a ValidationError, for administrators' Markdown fields."""
    try:
        render_markdown(text)
    except MarkdownRefused as refused:
        raise ValidationError(str(refused), code="markdown") from None


def shown_text(text: str) -> str:
    """The words a reader sees once Markdown is rendered: "k*i*ll" reads as "kill", "&#105;" as "i"."""
    return html.unescape(strip_tags(render_markdown(text)))
