"""The state of the database, the broker and the workers, for /healthz and the run script."""

import hmac

from django.conf import settings
from django.db import connection
from django.db.utils import Error as DatabaseError

from vendorrisk.celery import app as celery_app

BROKER_TIMEOUT_SECONDS = 1.0


def database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True, "vendor": connection.vendor}
    except DatabaseError as error:
        return {"ok": False, "error": str(error).strip().splitlines()[0][:200]}


def broker_state(timeout: float = BROKER_TIMEOUT_SECONDS) -> dict:
    if celery_app.conf.task_always_eager:
        return {"ok": True, "mode": "in-process (no broker)", "workers": 0}
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
    except Exception as error:  # kombu raises a zoo of transport errors; all mean "down"
        return {"ok": False, "error": str(error)[:200], "workers": 0}
    replies = celery_app.control.ping(timeout=timeout) or []
    return {"ok": True, "workers": len(replies)}


def health_report() -> dict:
    """Everything: "down" without the database, "degraded" without the broker or any worker."""
    database = database_state()
    broker = broker_state()
    working = broker["ok"] and (broker["workers"] > 0 or celery_app.conf.task_always_eager)
    return {
        "status": "down" if not database["ok"] else "ok" if working else "degraded",
        "database": database,
        "broker": {key: value for key, value in broker.items() if key != "workers"},
        "workers": broker["workers"],
    }


def may_see_details(request) -> bool:
    """Admins, and callers presenting ``Authorization: Bearer <HEALTHZ_TOKEN>``, see the components."""
    token = settings.HEALTHZ_TOKEN
    presented = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if token and presented and hmac.compare_digest(presented.encode(), token.encode()):
        return True
    from assessments.roles import Role, has_role

    try:
        return has_role(request.user, Role.ADMIN)
    except DatabaseError:  # the session cannot be read while the database is down: no details
        return False
