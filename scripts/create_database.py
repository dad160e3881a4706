"""Create the PostgreSQL database named in a database URL if it does not exist yet."""

import sys
from urllib.parse import urlsplit

import psycopg2
from psycopg2 import sql

url = urlsplit(sys.argv[1])
name = url.path.lstrip("/")
connection = psycopg2.connect(
    host=url.hostname, port=url.port or 5432, user=url.username, password=url.password, dbname="postgres"
)
connection.autocommit = True
with connection.cursor() as cursor:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cursor.fetchone() is None:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"Created database {name}.")
connection.close()
