"""python manage.py assess_risk: assess messages from a file or a pipe, one JSON line each."""

import argparse
import json
import sys

from django.core.management.base import BaseCommand, DjangoHelpFormatter

from safeguarding.matching import Matcher, default_matcher
from safeguarding.services import risk

HELP = """\
Check messages for risk phrases: suicide, self-harm, abuse (harm from others),
harm to others, eating and substances.

Give it UTF-8 text with one message per line. For each line it prints one line
of JSON, in the same order (an empty line gets level "none"):

  {"level": "none|low|medium|high|crisis", "matches": [...], "categories": [...], "about": "self|someone else"}

Each match names the phrase from the list, its level and category, and quotes
the words that matched; start and end count characters in that line.

Examples:
  echo "I can't cope any more" | python manage.py assess_risk
  python manage.py assess_risk < messages.txt > results.jsonl

It uses the phrase list safeguarding leads manage in the app (from the
database), or with --shipped-list the UK English list the code ships with.
It needs no running web server and changes nothing. It is a triage aid, not a
clinical tool: it misses things and flags some figures of speech, so people
still read every post.
"""


def phrase_matcher(shipped: bool = False) -> Matcher:
    """The leads' list from the database, or the shipped defaults."""
    return default_matcher() if shipped else risk.current_matcher()


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Django's option order, with the help text laid out as written."""


class Command(BaseCommand):
    help = HELP
    requires_system_checks = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--shipped-list",
            action="store_true",
            help="Use the UK English list the code ships with instead of the list in the database.",
        )

    def handle(self, *args, shipped_list=False, **options):
        matcher = phrase_matcher(shipped=shipped_list)
        stdin = sys.stdin
        if hasattr(stdin, "reconfigure"):  # a real pipe or terminal: read UTF-8 whatever the locale says
            stdin.reconfigure(encoding="utf-8", errors="replace")
        for line in stdin:
            self.stdout.write(json.dumps(matcher.assess(line.rstrip("\r\n")).as_dict()))
