# One image for every process of the application: the API, the Temporal worker and the migration job.
# docker-compose.yml chooses the process with `command:`; the default is the API.
#
#   docker build -t sprfp-normandie:local .
#   docker run --rm --env-file … sprfp-normandie:local node --import tsx worker/main.ts
#
# The processes run from the TypeScript sources through the tsx loader, exactly as `npm start` runs them on a
# developer's machine (tsx is a runtime dependency; there is no separate compiled build to keep in sync).
#
# Debian (glibc), not Alpine: the Temporal worker's native core (@temporalio/core-bridge) and the swc compiler
# that bundles the workflows ship glibc binaries only.
# For a reproducible build, pin the base image by digest: --build-arg NODE_IMAGE=node:20-bookworm-slim@sha256:…
ARG NODE_IMAGE=node:20-bookworm-slim
FROM ${NODE_IMAGE}

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

WORKDIR /app

# Dependencies first, so this layer is rebuilt only when the lock file changes.
# --omit=dev: tsx (and typescript) are runtime dependencies, jest/eslint/@types are not needed to run.
# --ignore-scripts: no package's install script runs, as on the developers' machines (npm 11 runs none until
# allowed); esbuild, swc and the Temporal core find their prebuilt platform binaries without them.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# The sources (what is left out is listed in .dockerignore). Owned by root and read-only for the process user.
COPY . .

# Unprivileged user of the official Node image (uid 1000). The processes write nothing under /app; tsx keeps its
# compile cache in /tmp.
USER node

EXPOSE 3000

# `node --import tsx <entry>` rather than `npx tsx <entry>`: node is then the container's main process and gets
# SIGTERM directly (no npm and no tsx wrapper process in between), so the API closes its server and the worker
# drains its tasks in hand before `docker compose stop` gives up.
CMD ["node", "--import", "tsx", "api/main.ts"]
