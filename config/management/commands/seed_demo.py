"""python manage.py seed_demo: a small, believable community to try things out in.

It is in config, the composition root, because it calls every app's demo module."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, seed_people
from community.demo import seed_forum, seed_profiles, seed_rooms
from evaluation.demo import seed_check_ins
from moderation.demo import seed_moderation, seed_watched_words


class Command(BaseCommand):
    help = (
        "Create demo accounts (peer1..peer8, moderator, safeguarding, evaluator, admin), "
        "forum boards with example conversations, chat rooms with a short history, wellbeing check-ins "
        "and a few watched words. "
        "Safe to run again: it adds nothing twice. "
        "Refuses to run with DEBUG off unless you pass --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off (never on a live site).")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off, so this may be a live site. Use --force if you really mean it.")
        with transaction.atomic():
            people = seed_people()
            seed_profiles(people)
            boards = seed_forum(people)
            chat_rooms = seed_rooms(people)
            seed_check_ins(people)
            seed_moderation(people, boards, chat_rooms)
            watched = seed_watched_words(people)
        self.stdout.write(f"Demo accounts ready: {', '.join(people)}")
        self.stdout.write(f"Forum boards ready: {', '.join(board.title for board in boards.values())}")
        self.stdout.write(f"Chat rooms ready: {', '.join(room.name for room in chat_rooms.values())}")
        self.stdout.write(f"Watched words ready: {', '.join(word.text for word in watched)}")
        self.stdout.write(f"Log in with <handle>@example.org and the password {DEMO_PASSWORD}")
