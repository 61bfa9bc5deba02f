#!/bin/sh
# Writes .env (next to docker-compose.yml) with freshly generated secrets, from deploy/env.example.
# Refuses to overwrite an existing .env: losing TEMPORAL_CODEC_KEYS makes every stored workflow payload
# unreadable, and losing PERSON_KEY_SECRET breaks duplicate detection (docs/CONFIGURATION.md).
#
#   sh deploy/init-env.sh            # then review .env, in particular FRANCE_TRAVAIL_ORG_ID and the URLs
set -eu

cd "$(dirname "$0")/.."
if [ -e .env ]; then
  echo ".env already exists: not overwritten (edit it by hand, see docs/CONFIGURATION.md)" >&2
  exit 1
fi

if command -v openssl >/dev/null 2>&1; then
  b64() { openssl rand -base64 "$1" | tr -d '\n'; }
  hex() { openssl rand -hex "$1"; }
else
  b64() { node -e "process.stdout.write(require('crypto').randomBytes($1).toString('base64'))"; }
  hex() { node -e "process.stdout.write(require('crypto').randomBytes($1).toString('hex'))"; }
fi

codec_key_id="k$(date -u +%Y%m%d)"
umask 077 # .env is readable by its owner only
sed \
  -e "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=$(hex 24)|" \
  -e "s|^SPRFP_DB_PASSWORD=.*|SPRFP_DB_PASSWORD=$(hex 24)|" \
  -e "s|^TEMPORAL_DB_PASSWORD=.*|TEMPORAL_DB_PASSWORD=$(hex 24)|" \
  -e "s|^AUTH_JWT_SECRET=.*|AUTH_JWT_SECRET=$(b64 48)|" \
  -e "s|^PERSON_KEY_SECRET=.*|PERSON_KEY_SECRET=$(b64 32)|" \
  -e "s|^TEMPORAL_CODEC_KEYS=.*|TEMPORAL_CODEC_KEYS=${codec_key_id}:$(b64 32)|" \
  -e "s|^GRAFANA_ADMIN_PASSWORD=.*|GRAFANA_ADMIN_PASSWORD=$(hex 18)|" \
  deploy/env.example > .env

echo "wrote .env (mode 600). Keep a copy of its secrets in the Région's vault: they cannot be regenerated."
echo "Still to review: FRANCE_TRAVAIL_ORG_ID (set to the demonstration data's France Travail) and the URLs."
