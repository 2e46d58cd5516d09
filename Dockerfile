# wrangler in a container, so ai-forwarder can be set up, run and deployed from any ARM or x86
# host with Docker (Apple silicon, Raspberry Pi OS 64-bit, ARM servers, x86 PCs). The Dockerfile
# is architecture-neutral: `docker compose build` builds for the host, and
#   docker buildx build --platform linux/amd64,linux/arm64 -t ai-forwarder .
# builds both (npm ci runs on the target platform, so each image gets its own workerd binary).
#
# Debian, not Alpine: workerd (the runtime behind `wrangler dev`, and so the `dev` and `local`
# services) ships only glibc builds. It needs glibc >= 2.35 (wrangler's README, "System
# Requirements") and imports getcontext/makecontext/setcontext and __res_init, which musl lacks
# and gcompat does not provide, so on node:22-alpine `wrangler dev` cannot start. Bookworm has
# glibc 2.36. No armv7: workerd has no 32-bit ARM build.
FROM node:22-bookworm-slim

# Same version as package.json's devDependency; docker/install.sh fails the build if the
# lockfile installs anything else, so the two cannot drift apart silently.
ARG WRANGLER_VERSION=4.155.0
ENV WRANGLER_VERSION=${WRANGLER_VERSION} \
    WRANGLER_SEND_METRICS=false \
    PATH=/app/node_modules/.bin:${PATH}

WORKDIR /app
# ca-certificates: workerd checks TLS against the system CA store (it bundles none, unlike
# Node), and the slim image has purged it; without it, HTTPS from the Worker under
# `wrangler dev` (remote bindings, fetch) fails. node_modules exists so the named volume
# compose mounts there starts out owned by `node`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /app/node_modules \
    && chown -R node:node /app
USER node

# Dependencies first, from the lockfile only: this layer is rebuilt when they change, not on
# every source edit. Install scripts (workerd, esbuild) run here, on the target platform.
COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node docker/install.sh docker/install.sh
RUN sh docker/install.sh && npm cache clean --force

# The build context (see .dockerignore). Compose mounts the checkout over it, so edits and the
# ids `setup` writes into wrangler.toml stay on the host; `docker run` alone uses this copy.
COPY --chown=node:node . .

EXPOSE 8787
# Arguments are wrangler's (`docker run IMAGE deploy`); none prints usage. as-owner.sh runs it as
# the owner of /app (compose starts services as root for that; `docker run` stays `node`). Run
# through `sh` so a checkout that lost the executable bit (compose mounts it over /app) works.
ENTRYPOINT ["sh", "/app/docker/as-owner.sh", "sh", "/app/docker/entrypoint.sh"]
CMD ["usage"]
