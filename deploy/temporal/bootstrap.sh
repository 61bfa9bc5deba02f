#!/bin/sh
# Prepares the Temporal cluster for the application, once the server answers: the namespace (with its
# retention) and the custom search attributes the workflows upsert (workflows/search-attributes.ts), all of
# type Keyword. Run by the `temporal-bootstrap` service at every `docker compose up`, before the API and the
# worker start: idempotent, it creates only what is missing and fails if an attribute exists with another type.
#
# The temporal CLI reads TEMPORAL_ADDRESS from the environment.
set -eu

: "${TEMPORAL_ADDRESS:?}"
: "${TEMPORAL_NAMESPACE:?}"
: "${TEMPORAL_NAMESPACE_RETENTION:?}"
: "${SEARCH_ATTRIBUTES:?}" # names separated by spaces

echo "waiting for the Temporal frontend at $TEMPORAL_ADDRESS"
tries=0
until temporal operator cluster health 2>/dev/null | grep -q SERVING; do
  tries=$((tries + 1))
  if [ "$tries" -ge 90 ]; then
    echo "Temporal is not serving after 3 minutes: see \`docker compose logs temporal\`" >&2
    exit 1
  fi
  sleep 2
done
echo "Temporal is serving"

# The namespace. Its retention (how long closed workflow histories are kept) follows the configuration at each run.
if temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
  echo "namespace $TEMPORAL_NAMESPACE exists; retention set to $TEMPORAL_NAMESPACE_RETENTION"
  temporal operator namespace update --namespace "$TEMPORAL_NAMESPACE" --retention "$TEMPORAL_NAMESPACE_RETENTION"
else
  echo "creating namespace $TEMPORAL_NAMESPACE (retention $TEMPORAL_NAMESPACE_RETENTION)"
  temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$TEMPORAL_NAMESPACE_RETENTION" \
    --description "SPRFP Normandie: parcours de formation"
fi

# A new namespace reaches the servers' caches within seconds: wait until its search attributes can be listed.
tries=0
until temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "namespace $TEMPORAL_NAMESPACE not usable after 2 minutes" >&2
    exit 1
  fi
  sleep 2
done

existing="$(temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE")"
for name in $SEARCH_ATTRIBUTES; do
  line="$(printf '%s\n' "$existing" | grep -w -- "$name" || true)"
  if [ -z "$line" ]; then
    echo "creating search attribute $name (Keyword)"
    temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$name" --type Keyword
  elif printf '%s\n' "$line" | grep -Eqi '(^|[^a-z])keyword([^a-z]|$)'; then # Keyword, not KeywordList
    echo "search attribute $name exists (Keyword)"
  else
    echo "search attribute $name exists with another type: $line" >&2
    exit 1
  fi
done

echo "Temporal namespace $TEMPORAL_NAMESPACE ready"
