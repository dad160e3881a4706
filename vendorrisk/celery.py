"""The Celery app: configuration comes from Django settings prefixed with CELERY_."""
import os
import resource

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorrisk.settings")

app = Celery("vendorrisk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def limit_pool_process_memory(**kwargs) -> None:
    """Cap each pool process's address space, so a hostile PDF fails its own job with a
    MemoryError instead of exhausting the machine; the parent replaces the process."""
    from django.conf import settings

    limit = settings.WORKER_MEMORY_LIMIT_MB * 1024 * 1024
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
