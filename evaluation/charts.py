"""Small horizontal bar charts drawn on the server as SVG, from the same suppressed figures as the table beside them.

No script and no style attributes (the CSP forbids inline styles): geometry goes
in SVG attributes. A suppressed figure gets no bar, only its "<5" label, so the
chart reveals nothing the table does not.
"""

from dataclasses import dataclass

WIDTH = 300
BAR_HEIGHT = 18
GAP = 10


@dataclass
class Bar:
    label: str
    text: str
    y: int
    width: int
    text_y: int
    label_y: int
    text_x: int


@dataclass
class Chart:
    bars: list[Bar]
    height: int
    width: int
    summary: str


def bar_chart(title: str, figures) -> Chart | None:
    """A chart of the section's counts, or None when there is nothing to chart."""
    charted = [figure for figure in figures if figure.kind == "count" and figure.charted]
    if not charted:
        return None
    largest = max((figure.value or 0 for figure in charted), default=0) or 1
    bars, y = [], 0
    for figure in charted:
        label_y = y + 14
        bar_y = y + 20
        width = 0 if not figure.value else max(round(figure.value / largest * (WIDTH - 60)), 1)
        bars.append(
            Bar(
                label=figure.label,
                text=figure.text,
                y=bar_y,
                width=width,
                text_y=bar_y + 14,
                label_y=label_y,
                text_x=width + 6,
            )
        )
        y = bar_y + BAR_HEIGHT + GAP
    summary = f"Bar chart, {title}: " + "; ".join(f"{figure.label} {figure.text}" for figure in charted) + "."
    return Chart(bars=bars, height=y, width=WIDTH, summary=summary)
