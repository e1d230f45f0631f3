"""How fast is risk matching? Prints figures; it is a benchmark, not a test.

    .venv/bin/python bench/risk.py                  # 100,000 messages
    .venv/bin/python bench/risk.py --messages 20000

Assesses synthetic peer-support messages (mostly ordinary, some distressed, a
few risky, a few with accents, emoji and curly quotes) against the default list
topped up with generated phrases to at least 1,000, on one core. Beside it, on a
subset, the naive baseline: one re.search per phrase. The engine is pure Python,
so Django is not set up.
"""

import argparse
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from safeguarding import default_phrases
from safeguarding.matching import Matcher

OPENINGS = [
    "Morning all,",
    "Hi everyone",
    "Hey lovely people,",
    "Evening x",
    "Quick one:",
    "Not sure where to post this but",
    "Update from me:",
    "",
    "",
]
ORDINARY = [
    "had a really good day today, went for a walk with my sister and we got coffee",
    "does anyone else find mornings the hardest? I just lie there for ages",
    "thanks so much everyone, your replies really helped",
    "started my new job on Monday, nervous but ok",
    "the commute is killing me though lol",
    "first therapy session tomorrow, wish me luck",
    "my cat knocked my tea over again",
    "three months since my last panic attack!",
    "has anyone tried the NHS mindfulness app?",
    "I'm dying to see the new series",
    "I could murder a curry right now",
    "my feet are killing me after that hike",
    "finally sorted the garden out, it looks lovely",
    "the group meetup on Thursday was brilliant",
    "I've been doing my breathing exercises and they help",
    "the meds are starting to work I think",
    "anyone got tips for sleeping when it's this hot?",
    "booked a weekend in the Lake District with my partner",
    "I cut myself some slack today and had a nap",
    "my GP was really kind and listened for once",
    "spent the afternoon baking with my daughter",
    "does anyone know when the Tuesday chat starts?",
    "dead tired after the night shift but happy",
    "I'm so proud of myself for going to the shop alone",
]
DISTRESSED = [
    "I'm struggling so much at the moment",
    "feeling really low today, can't get out of bed",
    "I feel so alone, nobody texts me back",
    "I'm exhausted from pretending I'm fine",
    "everything feels pointless today",
    "I had a bad night and nearly rang Samaritans",
    "I'm so overwhelmed I just sat in the car and cried",
]
RISKY = [
    "I want to die",
    "honestly thinking of ending it all",
    "I've started cutting again",
    "kms, I can't face tomorrow",
    "he hits me when he's been drinking",
    "I've been starving myself for weeks",
    "I'm going to take all my tablets tonight",
    "everyone would be better off without me",
    "wish I could go to sleep and not wake up",
    "I w@nt to d1e",
    "feeling s u i c i d a l",
]
DECORATIONS = [
    "",
    "",
    "",
    " x",
    " 😔",
    " 💙",
    " lol",
    "!!",
    "...",
    " thank you ❤️",
    " \u2013 it\u2019s been a week",
    " café",
]

# Extra phrases in the style of the real list (a lead-in before a real phrase), for
# lists bigger than the shipped one.
LEAD_INS = ["i keep thinking", "part of me says", "my head keeps saying", "sometimes i think", "i told my gp"]


def message(rng: random.Random) -> str:
    roll = rng.random()
    pool = RISKY if roll < 0.04 else DISTRESSED if roll < 0.15 else ORDINARY
    sentences = [rng.choice(pool), *rng.sample(ORDINARY, rng.randint(0, 3))]
    rng.shuffle(sentences)
    return f"{rng.choice(OPENINGS)} {'. '.join(sentences)}{rng.choice(DECORATIONS)}".strip()


def phrase_list(size: int) -> list[tuple[str, str, str]]:
    """The shipped list, cut down or topped up with lead-in variants to the size asked for."""
    shipped = default_phrases.PHRASES
    extra = ((f"{lead_in} {phrase}", level, category) for lead_in in LEAD_INS for phrase, level, category in shipped)
    return [*shipped, *extra][:size] if size > len(shipped) else shipped[:size]


def build(entries: list[tuple[str, str, str]]) -> Matcher:
    return Matcher(entries, default_phrases.EXCEPTIONS, **default_phrases.WORDING)


def naive_assess(patterns: list[re.Pattern[str]], text: str) -> list[str]:
    """The baseline: try every phrase in turn (case-insensitive, whole words, no other folding)."""
    return [pattern.pattern for pattern in patterns if pattern.search(text)]


@dataclass
class Timing:
    """Messages per second by this thread's CPU time (per core, whatever else the machine is doing),
    the same by the wall clock, and the 99th percentile CPU time of one message."""

    per_core: float
    wall: float
    p99_us: float

    def __str__(self) -> str:
        return f"{self.per_core:,.0f} messages/s per core ({self.wall:,.0f} by wall clock), p99 {self.p99_us:,.0f} µs"


def timed(assess, messages: list[str]) -> Timing:
    durations = []
    cpu_clock = time.thread_time_ns
    wall_started = time.perf_counter()
    for text in messages:
        before = cpu_clock()
        assess(text)
        durations.append(cpu_clock() - before)
    wall = time.perf_counter() - wall_started
    return Timing(
        per_core=len(messages) / (sum(durations) / 1e9),
        wall=len(messages) / wall,
        p99_us=statistics.quantiles(durations, n=100)[98] / 1000,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=100_000, help="how many messages to assess (default 100000)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    messages = [message(rng) for _ in range(args.messages)]
    entries = phrase_list(max(1_000, len(default_phrases.PHRASES)))
    started = time.perf_counter()
    matcher = build(entries)
    built = time.perf_counter() - started
    flagged = sum(matcher.assess(text).matches != () for text in messages)

    timing = timed(matcher.assess, messages)
    naive_patterns = [re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE) for phrase, _, _ in entries]
    subset = messages[: max(200, args.messages // 50)]
    naive = timed(lambda text: naive_assess(naive_patterns, text), subset)

    print(f"Python {sys.version.split()[0]}, one core")
    print(f"phrases: {matcher.phrase_count:,} (+{len(default_phrases.EXCEPTIONS)} exceptions), built in {built:.1f}s")
    print(f"messages: {len(messages):,}, mean {statistics.fmean(map(len, messages)):.0f} characters")
    print(f"  with any match: {flagged / len(messages):.1%}")
    print(f"matcher: {timing}")
    print(f"naive re.search per phrase, on {len(subset):,} of the messages: {naive}")
    print(f"ratio: {timing.per_core / naive.per_core:.0f}x")

    sample = messages[:20_000]
    print(f"scaling, on {len(sample):,} of the messages:")
    for size in (100, len(default_phrases.PHRASES), 4 * len(default_phrases.PHRASES)):
        sized = build(phrase_list(size))
        matched = sum(sized.assess(text).matches != () for text in sample) / len(sample)
        print(f"  {size:>6,} phrases ({matched:.0%} of messages match): {timed(sized.assess, sample)}")


if __name__ == "__main__":
    main()
