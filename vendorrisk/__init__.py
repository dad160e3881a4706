# The Celery app is created on first use, not whenever Django starts: a command such as
# extract_policy never sends a task, and importing Celery costs more than the command's work.
# The task modules import vendorrisk.celery, so @shared_task binds to this app before any task
# is sent; the worker finds it through ``celery -A vendorrisk``.


def __getattr__(name: str) -> object:
    if name == "celery_app":
        from vendorrisk.celery import app

        return app
    raise AttributeError(f"module 'vendorrisk' has no attribute {name!r}")


__all__ = ("celery_app",)
