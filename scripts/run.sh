#!/usr/bin/env bash
# Run the app with demo data: web server plus a Celery worker with its beat scheduler embedded
# (requeue of lost jobs, overdue reminders, monitoring of documents obtained from a URL).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

export DJANGO_DEBUG="${DJANGO_DEBUG:-true}"
# The app runs as vendorrisk_app, which owns nothing and cannot rewrite the trail; migrations
# run as vendorrisk_owner (DATABASE_OWNER_URL). scripts/create_database.py makes both roles.
setup_url=""
if [ -z "${DATABASE_URL:-}" ]; then
  if answers 127.0.0.1 5432; then
    setup_url="postgres://postgres@127.0.0.1:5432/vendorrisk"
    .venv/bin/python scripts/create_database.py "$setup_url"
    export DATABASE_OWNER_URL="postgres://vendorrisk_owner:${VENDORRISK_DB_OWNER_PASSWORD:-vendorrisk-owner-dev}@127.0.0.1:5432/vendorrisk"
    export DATABASE_URL="postgres://vendorrisk_app:${VENDORRISK_DB_APP_PASSWORD:-vendorrisk-app-dev}@127.0.0.1:5432/vendorrisk"
  else
    export DATABASE_URL="sqlite:///$PWD/db.sqlite3"
    echo "No PostgreSQL answers on 127.0.0.1:5432: using SQLite in db.sqlite3 for this run."
  fi
fi
broker="${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}"
broker_host=$(.venv/bin/python -c "import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(p.hostname or '127.0.0.1', p.port or 6379)" "$broker")
if ! answers ${broker_host}; then
  export CELERY_TASK_ALWAYS_EAGER=true
  echo "No broker answers at $broker: tasks run in-process in the web server instead of a worker."
fi

DATABASE_URL="${DATABASE_OWNER_URL:-$DATABASE_URL}" .venv/bin/python manage.py migrate --no-input
# Again after migrating: tables the migration created get the app role's grants.
[ -n "$setup_url" ] && .venv/bin/python scripts/create_database.py "$setup_url"
.venv/bin/python manage.py load_demo

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
if [ "${CELERY_TASK_ALWAYS_EAGER:-false}" != true ]; then
  .venv/bin/celery -A vendorrisk worker --beat --loglevel=INFO --concurrency="${WORKER_CONCURRENCY:-2}" &
  pids+=($!)
fi
echo "Open http://127.0.0.1:${PORT:-8000}/ and log in as one of the demo users above."
.venv/bin/python manage.py runserver "127.0.0.1:${PORT:-8000}"
