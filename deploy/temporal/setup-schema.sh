#!/bin/sh
# Creates (when missing) and migrates Temporal's two PostgreSQL databases with temporal-sql-tool, from the
# schemas shipped in the temporalio/admin-tools image. Run by the `temporal-schema` service before the server
# starts, at every `docker compose up`: idempotent, it applies only what is missing. After an upgrade of the
# admin-tools/server images (same Temporal version for both), it brings the schemas to the new version.
#
# temporal-sql-tool reads its connection from the environment: SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER,
# SQL_PASSWORD (so the password never appears on a command line). psql reads the PG* variables set below.
set -eu

: "${SQL_PLUGIN:?}" "${SQL_HOST:?}" "${SQL_PORT:?}" "${SQL_USER:?}" "${SQL_PASSWORD:?}"
: "${TEMPORAL_DB:=temporal}"
: "${TEMPORAL_VISIBILITY_DB:=temporal_visibility}"
SCHEMA_ROOT="${SCHEMA_ROOT:-/etc/temporal/schema/postgresql/v12}"

export PGHOST="$SQL_HOST" PGPORT="$SQL_PORT" PGUSER="$SQL_USER" PGPASSWORD="$SQL_PASSWORD" PGCONNECT_TIMEOUT=10

# Fails here, with psql's message, when the host, the role or the password is wrong.
psql -d postgres -v ON_ERROR_STOP=1 -qtAc 'select 1' >/dev/null
echo "connected to PostgreSQL at $SQL_HOST:$SQL_PORT as $SQL_USER"

database_exists() {
  [ "$(psql -d postgres -qtAc "select 1 from pg_database where datname = '$1'")" = "1" ]
}

# setup-schema creates the schema_version table and refuses to run twice: it is run only on a new database.
schema_initialised() {
  [ "$(psql -d "$1" -qtAc "select to_regclass('public.schema_version') is not null")" = "t" ]
}

migrate() {
  database="$1"
  schema_dir="$SCHEMA_ROOT/$2/versioned"
  [ -d "$schema_dir" ] || { echo "schema directory $schema_dir not found in this image" >&2; exit 1; }

  if database_exists "$database"; then
    echo "database $database exists"
  else
    # Only when the init script of the postgres service did not create it (e.g. an external PostgreSQL):
    # the role then needs the CREATEDB privilege.
    echo "creating database $database"
    temporal-sql-tool --db "$database" create-database
  fi

  if schema_initialised "$database"; then
    echo "database $database already has a versioned schema"
  else
    echo "initialising the schema of $database"
    temporal-sql-tool --db "$database" setup-schema -v 0.0
  fi

  echo "updating $database to the latest schema of $schema_dir"
  temporal-sql-tool --db "$database" update-schema -d "$schema_dir"
  echo "$database schema version: $(psql -d "$database" -qtAc 'select curr_version from schema_version')"
}

migrate "$TEMPORAL_DB" temporal
migrate "$TEMPORAL_VISIBILITY_DB" visibility
echo "Temporal schemas up to date"
