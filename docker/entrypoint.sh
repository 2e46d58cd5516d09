#!/bin/sh
# Entrypoint of the ai-forwarder image: its arguments are wrangler's (`docker run IMAGE deploy`
# is `wrangler deploy`). With no arguments, or `usage`, it prints how to use the image.
set -eu

if [ "$#" -eq 0 ] || [ "$1" = "usage" ]; then
  cat <<'USAGE'
ai-forwarder: wrangler 4 in a container. From the repository root:

  cp docker/.env.example .env       then fill in CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID
  docker compose build              build the image for this machine (arm64 or amd64)
  docker compose run --rm setup     create the CACHE KV namespaces, write their ids to wrangler.toml
  docker compose run --rm keygen NAME        mint an API key for a client
  docker compose run --rm secret    store the keys: wrangler secret put API_KEYS (comma-separated)
  docker compose run --rm deploy    wrangler deploy
  docker compose up dev             wrangler dev with the real AI binding on http://localhost:8787
  docker compose up local           offline mode, no account needed, on http://localhost:8787
  docker compose run --rm install   reinstall node_modules after package-lock.json changed

Without compose:  docker run --rm --env-file .env IMAGE <wrangler arguments>
USAGE
  exit 0
fi

if [ ! -e /app/node_modules/wrangler/package.json ]; then
  echo "wrangler is missing from /app/node_modules (an empty or stale volume?)." >&2
  echo "Run: docker compose run --rm install" >&2
  exit 1
fi

exec wrangler "$@"
