"""The Celery app: tasks are autodiscovered from each app's tasks.py.

Embedded default: a filesystem broker under var/celery, so `make run` runs a real
worker and beat with no server. With REDIS_URL set, Redis is broker and backend.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("kindred")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
