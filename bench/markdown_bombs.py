"""How long each Markdown bomb takes to render, or which bound refuses it. Prints figures; it is not a test.

    .venv/bin/python bench/markdown_bombs.py               # every bomb in tests/markdown_bombs.py, median of 3
    .venv/bin/python bench/markdown_bombs.py --repeat 9
    .venv/bin/python bench/markdown_bombs.py --unbounded   # also without the bounds (slow: minutes, and deep ones fail)

Each bomb goes through what renders member text: community.markup.render_markdown
as a post (up to 10,000 characters) and as a profile's "about" (its first 1,000),
and a chat message's renderer (its first 2,000). A refused bomb shows the bound
that refused it and how long refusing took. The first line is an ordinary post of
the full length, for scale: tests/test_markdown_bombs.py allows any bomb twenty
times that. Renders are not cached here.
"""

import argparse
import statistics
import time

from bench_django import BENCH_DIR, set_up_django

PLACES = (("post", 10_000), ("about", 1_000), ("chat", 2_000))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="Renders per bomb and place; the median is shown.")
    parser.add_argument("--unbounded", action="store_true", help="Also time each bomb as a post with no bounds.")
    args = parser.parse_args()
    set_up_django(BENCH_DIR / "markdown.sqlite3")  # the chat renderer lives beside models; nothing is stored

    from community import markup
    from community.services.chat import render_text
    from tests.markdown_bombs import BOMBS
    from tests.test_markdown_bombs import ORDINARY_POST

    refusals = {
        markup.TOO_DEEP: "nesting",
        markup.TOO_MANY_STACKED: "stacked markers",
        markup.TOO_MANY_BRACKETS: "open brackets",
        markup.TOO_MANY_CODE_MARKS: "backticks",
        markup.TOO_MANY_LINES: "lines",
        markup.TOO_LONG_SHOWN: "rendered length",
    }
    uncached = markup.render_markdown.__wrapped__
    renderers = {"post": uncached, "about": uncached, "chat": render_text}

    def timed(render, text: str) -> str:
        timings, refused = [], ""
        for _ in range(args.repeat):
            started = time.perf_counter()
            try:
                render(text)
            except markup.MarkdownRefused as refusal:
                refused = refusals[str(refusal)]
            except RecursionError:
                refused = "RecursionError"
            timings.append((time.perf_counter() - started) * 1000)
        median = f"{statistics.median(timings):8.1f} ms"
        return f"{median} {refused or 'rendered':<16}"

    header = f"{'bomb':<36} {'chars':>6}  " + "  ".join(f"{place:<28}" for place, _ in PLACES)
    print(header + ("  unbounded post" if args.unbounded else ""))
    for name, text in {"(an ordinary post, for scale)": ORDINARY_POST[:10_000], **BOMBS}.items():
        cells = [timed(renderers[place], text[:most]) for place, most in PLACES]
        line = f"{name:<36} {len(text):>6}  " + "  ".join(cells)
        if args.unbounded:
            line += "  " + timed(lambda text: markup._cleaner.clean(markup._parser().convert(text)), text)
        print(line, flush=True)


if __name__ == "__main__":
    main()
