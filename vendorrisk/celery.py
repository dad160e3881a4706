"""The Celery app: configuration comes from Django settings prefixed with CELERY_."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorrisk.settings")

app = Celery("vendorrisk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
