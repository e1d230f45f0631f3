"""Setting Django up for a benchmark on its own SQLite database under var/bench/, never the development one.

DEBUG=1 while settings load gives plain static files and no HTTPS redirect; it
is switched off again before timing, so queries are not logged and templates
render as in production.
"""

import argparse
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "var" / "bench"


def set_up_django(database: Path) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "1"
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False


def parse_scale_arguments(description: str, default_requests: int) -> argparse.Namespace:
    """--scale, --requests and --reuse, the options every filled-database benchmark takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scale", type=float, default=1.0, help="Fraction of the full size to build (default 1).")
    parser.add_argument(
        "--requests", type=int, default=default_requests, help=f"Timed requests (default {default_requests})."
    )
    parser.add_argument("--reuse", action="store_true", help="Reuse the database from an earlier run at this scale.")
    return parser.parse_args()


def open_database(name: str, args: argparse.Namespace) -> tuple[Path, bool]:
    """Set Django up on the benchmark's database for this scale; True if it is fresh and must be filled."""
    database = BENCH_DIR / f"{name}-scale-{args.scale:g}.sqlite3"
    fresh = not (args.reuse and database.exists())
    if fresh:
        for leftover in BENCH_DIR.glob(f"{database.name}*"):
            leftover.unlink()
    set_up_django(database)
    return database, fresh
