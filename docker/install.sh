#!/bin/sh
# Installs the project's dependencies from package-lock.json (`npm ci`), the same way for the
# image build and for `docker compose run --rm install`, which refreshes the node_modules
# volume after the lockfile changed. Then checks that the result can run wrangler here.
set -eu
cd /app

npm ci --no-audit --no-fund

# The `node` devDependency only gives hosts with an older Node a Node 22 for npm scripts. The
# image already is Node 22; drop its ~125 MB binary, which would also shadow the base image's
# node on PATH.
rm -rf node_modules/node node_modules/.bin/node

installed=$(node -p 'require("/app/node_modules/wrangler/package.json").version')
if [ "$installed" != "${WRANGLER_VERSION:?}" ]; then
  echo "install.sh: package-lock.json installs wrangler $installed but the image pins $WRANGLER_VERSION" >&2
  echo "(Dockerfile ARG WRANGLER_VERSION). Update both to the same version." >&2
  exit 1
fi

# workerd's binary must run on this platform (glibc, this architecture), or `wrangler dev` won't.
echo "wrangler $installed, $(workerd --version), $(uname -m)"
