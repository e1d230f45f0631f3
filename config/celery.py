"""The Celery app: tasks are autodiscovered from each app's tasks.py.

Embedded default: a filesystem broker under var/celery, so `make run` runs a real
worker and beat with no server. With REDIS_URL set, Redis is broker and backend.
"""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("kindred")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_configure.connect
def make_broker_folders(sender: Celery, **kwargs) -> None:
    """The filesystem transport expects its folders to exist."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder"):
        if key in options:
            Path(options[key]).mkdir(parents=True, exist_ok=True)
