"""How well does the shipped risk list read messages it was not written from? Prints figures.

    .venv/bin/python bench/risk_recall.py                                  # the held-out set
    .venv/bin/python bench/risk_recall.py tests/data/risk_tuning.jsonl     # the tuning set
    .venv/bin/python bench/risk_recall.py --misses                         # and list what it got wrong

Each line of the set is {"text", "expected": escalate | concern | none, "category",
"about_someone_else"}. A message to escalate is caught when it reads high or crisis
(a lead hears of it); a concern when it reads medium or more (it reaches at least a
moderator). A message needing no one (ordinary, or recovery and negation talk, told
apart by having a category) is a false alarm when it reads medium or more. The
held-out set was written before any tuning: never add phrases to fit it.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from safeguarding.matching import Level, default_matcher

HELD_OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "risk_heldout.jsonl"
CAUGHT_AT = {"escalate": Level.HIGH, "concern": Level.MEDIUM}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("labelled", nargs="?", type=Path, default=HELD_OUT)
    parser.add_argument("--misses", action="store_true", help="list every message read wrongly")
    args = parser.parse_args()

    rows = [json.loads(line) for line in args.labelled.read_text().splitlines() if line.strip()]
    matcher = default_matcher()
    tally: dict[str, list[int]] = {"escalate": [0, 0], "concern": [0, 0], "ordinary": [0, 0], "recovery": [0, 0]}
    about = [0, 0]  # messages to escalate about someone else: read as such, all
    misses = []
    for row in rows:
        assessment = matcher.assess(row["text"])
        expected = row["expected"]
        wrong = assessment.level >= Level.MEDIUM if expected == "none" else assessment.level < CAUGHT_AT[expected]
        # Messages needing no one are ordinary ones (no category) or recovery and negation talk.
        kind = expected if expected != "none" else "recovery" if row["category"] else "ordinary"
        tally[kind][0] += wrong if expected == "none" else not wrong
        tally[kind][1] += 1
        if expected != "none" and assessment.level >= Level.HIGH:
            read_as_other = bool(getattr(assessment, "about_someone_else", False))
            about[0] += read_as_other == row["about_someone_else"]
            about[1] += 1
        if wrong:
            misses.append((expected, assessment.level.label, row["text"]))

    print(f"{args.labelled.name}: {len(rows)} messages")
    for expected in ("escalate", "concern"):
        caught, total = tally[expected]
        print(f"  {expected} recall: {caught / total:.2f} ({caught} of {total})")
    for kind in ("ordinary", "recovery"):
        alarms, total = tally[kind]
        print(f"  {kind} false alarms (medium or more): {alarms / total:.2f} ({alarms} of {total})")
    print(f"  escalated and read right as about self / someone else: {about[0]} of {about[1]}")
    if args.misses:
        for expected, read, text in misses:
            print(f"  [{expected} read {read}] {text}")


if __name__ == "__main__":
    main()
