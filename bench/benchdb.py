"""The bench scripts' own database: dropped, created and migrated afresh for each run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]


def recreate_database(database_url: str) -> None:
    """Drop and create the database named in ``database_url``, then migrate it (as DATABASE_URL)."""
    import psycopg2
    from psycopg2 import sql

    url = urlsplit(database_url)
    connection = psycopg2.connect(host=url.hostname, port=url.port or 5432, user=url.username, dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        name = sql.Identifier(url.path.lstrip("/"))
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(name))
    connection.close()
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=REPO, check=True)
