#!/bin/bash
# Runs once, when the postgres container starts on an EMPTY data volume (docker-entrypoint-initdb.d): creates
# one role and database for the application and one role with two databases for Temporal. Changing the
# passwords in .env afterwards does not change them here: see docs/DEPLOYMENT.md ("Changing a database password").
#
# Each role owns its databases and nothing else; CONNECT is revoked from PUBLIC so the application cannot read
# Temporal's databases and Temporal cannot read the application's.
# No `set -e`: the image may source this file instead of executing it; psql's ON_ERROR_STOP and its exit status
# (the last command) make a failure stop the initialisation.

: "${SPRFP_DB_PASSWORD:?SPRFP_DB_PASSWORD must be set for the postgres service}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set for the postgres service}"

# The passwords travel as psql variables (:'name' quotes them), never inside the SQL text or on a command line.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set app_password="$SPRFP_DB_PASSWORD" --set temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
-- The application (API, worker, migrations): MikroORM migrations create its tables in the public schema.
CREATE ROLE sprfp LOGIN PASSWORD :'app_password';
CREATE DATABASE sprfp OWNER sprfp ENCODING 'UTF8';
REVOKE ALL ON DATABASE sprfp FROM PUBLIC;

-- Temporal: persistence and visibility (schemas applied by the temporal-schema job with temporal-sql-tool).
CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal ENCODING 'UTF8';
CREATE DATABASE temporal_visibility OWNER temporal ENCODING 'UTF8';
REVOKE ALL ON DATABASE temporal, temporal_visibility FROM PUBLIC;
SQL
