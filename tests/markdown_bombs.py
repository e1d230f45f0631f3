"""Markdown built to make rendering slow or deep: the corpus community.markup's bounds are checked against.

Each bomb is at most a post's length (10,000 characters). tests/test_markdown_bombs.py
asserts that every one is either refused with one of markup's messages or renders within
a generous time budget; bench/markdown_bombs.py prints how long each takes. Add the next shape
that is found here, with the pattern it exploits in its name.
"""

from random import Random

LENGTH = 10_000


def _fill(unit: str, prefix: str = "", suffix: str = "") -> str:
    """prefix, then unit repeated to fill a post, then suffix."""
    room = LENGTH - len(prefix) - len(suffix)
    return prefix + unit * (room // len(unit)) + suffix


def _soup(seed: int, pieces: list[str]) -> str:
    """Random Markdown pieces: shapes nobody thought of."""
    rng = Random(seed)
    text = ""
    while len(text) < LENGTH:
        text += rng.choice(pieces)
    return text[:LENGTH]


PUNCTUATION = list("[]()<>*_`!\\#=-+>|:./&; \n\tax1")
NO_BRACKETS = [piece for piece in PUNCTUATION if piece not in "[]()`"]  # each has its own bound
BALANCED = [*NO_BRACKETS, "[a]", "(b)", "[a](b)", "[a][b]", "[a]: b\n", "http://a.com/", "> ", "- ", "1. "]

BOMBS: dict[str, str] = {
    # The two in the review: seconds of link scanning, and a RecursionError (a 500, the words lost).
    "review-brackets-then-link-targets": "[" * 5000 + "](" * 2500,
    "review-nested-list": "- " * 2400 + "x",
    # Bracket runs: every "[" or link "(" left open is rescanned to the end of the text.
    "open-brackets": _fill("["),
    "open-brackets-spaced": _fill("[ "),
    "open-brackets-in-words": _fill("[" * 20 + "a " * 10),
    "open-bracket-and-paren": _fill("[("),
    "open-link-targets": _fill("[a]("),
    "open-link-targets-angled": _fill("[a](<"),
    "open-link-titles": _fill('[a](b "'),
    "brackets-after-addresses": _fill("http://a.b/["),
    "nested-link-text": "[" * 4990 + "a" + "](b)" * 1250,
    # Nested lists and quotes: one level of recursion (or more) each.
    "nested-ordered-list": _fill("1. ", suffix="x"),
    "nested-list-by-indent": "\n".join(" " * (4 * level) + "- x" for level in range(64)),
    "nested-list-tabs": "\n".join("\t" * level + "- x" for level in range(130)),
    "nested-quotes": _fill("> ", suffix="x"),
    "nested-quotes-tight": _fill(">", suffix="x"),
    "nested-quotes-growing": "\n".join("> " * level + "x" for level in range(1, 99)),
    "nested-quote-and-list": _fill("> - ", suffix="x"),
    "nested-mixed-containers": _fill("> - > 1. * + ", suffix="x"),
    # Emphasis runs.
    "emphasis-stars": _fill("*"),
    "emphasis-alternating": _fill("*_"),
    "emphasis-open": _fill("*a "),
    "emphasis-strong-open": _fill("**a "),
    "emphasis-wrapped-a": _fill("*a*"),
    "emphasis-stars-around-a": "*" * 4999 + "a" + "*" * 5000,
    "emphasis-underscores-around-a": "_" * 4999 + "a" + "_" * 5000,
    "emphasis-triple": _fill("***a"),
    "emphasis-nested": "*a " * 1600 + "b" + "*" * 1600,
    # Long link chains and repetition.
    "link-chain": _fill("[a](b)"),
    "link-chain-long-targets": _fill("[a](http://example.org/" + "x" * 40 + ") "),
    "reference-uses": _fill("[a][b]"),
    "reference-definitions": _fill("[a]: b\n"),
    "reference-amplified": "[a]: http://" + "x" * 5000 + "\n\n" + "[a] " * 1200,
    "reference-amplified-empty": "[a]: http://" + "x" * 2000 + "\n\n" + "[a][] " * 1300,
    "autolinks-open": _fill("<http://a"),
    "images": _fill("![a]("),
    # Bare addresses (bleach's linkify): runs of "(" and long hyphenated words.
    "linkify-parens": _fill("(", prefix="http://a.b/"),
    "linkify-parens-after-link": _fill("(", prefix="[a]("),
    "linkify-hyphens": _fill("a-", prefix="http://"),
    "linkify-dots": _fill("a."),
    "linkify-many-addresses": _fill("a.com "),
    "linkify-schemes": _fill("http://"),
    # Code spans.
    "backticks": _fill("`"),
    "backticks-unmatched-pairs": _fill("``a`"),
    "backticks-around-a": "`" * 4999 + "a" + "`" * 5000,
    "backtick-spans": _fill("`a` "),
    # Deeply nested HTML-like input (escaped, never parsed as HTML, but html5lib sees the entities).
    "html-divs": _fill("<div>"),
    "html-bold": _fill("<b>"),
    "html-unclosed-comment": _fill("<!--"),
    "html-angles": _fill("<"),
    "html-entities": _fill("&#"),
    "html-entity-long": "&#x" + "1" * 9997,
    # Huge tables (the tables extension is off, but a pasted one must still be cheap) and many lines.
    "table-wide": ("|a" * 50 + "|\n" + "|-" * 50 + "|\n") + ("|x" * 50 + "|\n") * 90,
    "table-long": _fill("|a|b|\n"),
    "setext-headings": _fill("a\n=\n"),
    "horizontal-rules": _fill("***\n"),
    "headings": _fill("# a\n"),
    "list-items": _fill("- a\n"),
    "quote-lines": _fill("> a\n"),
    "line-breaks": _fill("a  \n"),
    "paragraphs": _fill("a\n\n"),
    "blank-lines": _fill("\n"),
    "escapes": _fill("\\"),
    "escaped-brackets": _fill("\\["),
    # Just inside each bound: these must render, and quickly.
    "at-limit-open-brackets": _fill("a ", prefix="[" * 20),
    "at-limit-open-link-targets": _fill("a ", prefix="[a](" * 20),
    "at-limit-nesting": _fill("a ", prefix=("- " * 10 + "x\n") * 55),
    "at-limit-stacked-lists": _fill("a ", prefix="- - x\n" * 500),
    "at-limit-stacked-ordered-lists": _fill("a ", prefix="1. 1. x\n" * 500),
    "stacked-lists": _fill("- " * 10 + "x\n"),
    "at-limit-nesting-by-indent": _fill("\n".join(" " * (4 * level) + "- x" for level in range(10)) + "\n\n"),
    "at-limit-code-marks": _fill("a ", prefix="``a`" * 100),
    "at-limit-lines": _fill("a", prefix="a\n=\n" * 499),
    "at-limit-reference-amplified": "[a]: http://" + "x" * 1000 + "\n\n" + "[a] " * 185,
    # Random punctuation: what nobody listed yet.
    **{f"soup-{seed}": _soup(seed, PUNCTUATION) for seed in range(3)},
    **{f"soup-without-brackets-{seed}": _soup(seed, NO_BRACKETS) for seed in range(3)},
    **{f"soup-balanced-{seed}": _soup(seed, BALANCED) for seed in range(3)},
}

assert all(len(text) <= LENGTH for text in BOMBS.values()), "every bomb fits in one post"
