#!/usr/bin/env bash
# docker-smoke: the Docker flow of README's "With Docker" section, run for real on this
# machine's Docker engine, because a static check of the compose file cannot see what breaks
# there (file ownership in the mounted checkout, workerd on the image's libc, offline mode).
# Builds the image, brings `local` up and checks /v1/models, a chat completion and a streamed
# one, that it ran as the checkout's owner and stayed offline, that the node_modules volume is
# writable, runs `keygen`, checks that `deploy` without credentials fails with wrangler's
# explanation, then removes its containers and volume (the image stays, as after
# `docker compose build`). Without a Docker engine it prints why and exits 0.
#
#   npm run docker:smoke                          # or: bash scripts/docker-smoke.sh
#   npm run docker:smoke -- -f my-override.yml    # extra compose files, in order
#   DOCKER_NETWORK=host npm run docker:smoke      # engines without a bridge network
#   DOCKER_DEFAULT_PLATFORM=linux/arm64 npm run docker:smoke   # another architecture (qemu)
#
# SMOKE_TIMEOUT (seconds, default 300) bounds how long `local` may take to answer. It uses
# port 8787, as `docker compose up local` does, and stops if something already listens there.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "docker-smoke: $*"; }
fail() { say "FAILED: $*" >&2; exit 1; }

if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  say "skipped: no Docker engine here (\`docker info\` failed)"
  exit 0
fi
docker compose version >/dev/null 2>&1 || { say "skipped: the engine has no Compose v2 (\`docker compose\`)"; exit 0; }
command -v curl >/dev/null || fail "curl is needed to call the API"

PORT=8787
TIMEOUT=${SMOKE_TIMEOUT:-300}
BASE=http://127.0.0.1:$PORT/v1
scratch=$(mktemp -d)
files=(-f docker-compose.yml)
for arg in "$@"; do
  case "$arg" in -f) ;; *) files+=(-f "$arg") ;; esac
done

# Never deploy for real: `deploy` gets no .env here, whatever the checkout holds.
cat >"$scratch/no-credentials.yml" <<'YAML'
services:
  deploy:
    env_file: !reset []
YAML
files+=(-f "$scratch/no-credentials.yml")

if [ "${DOCKER_NETWORK:-}" = host ]; then
  # No bridge network: builds and every service use the host's; ports are then moot.
  {
    echo "services:"
    for service in $(docker compose -f docker-compose.yml config --services); do
      printf '  %s:\n    network_mode: host\n    build: { network: host }\n    ports: !reset []\n' "$service"
    done
  } >"$scratch/host-network.yml"
  files+=(-f "$scratch/host-network.yml")
fi

compose() { docker compose -p ai-forwarder-smoke "${files[@]}" "$@"; }
cleanup() {
  compose down -v --remove-orphans >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT
compose down -v --remove-orphans >/dev/null 2>&1 || true

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  fail "port $PORT is already in use; stop what listens there (npm start?) and run again"
fi

owner=$(stat -c %u .)
started=$SECONDS
say "building the image${DOCKER_DEFAULT_PLATFORM:+ for $DOCKER_DEFAULT_PLATFORM} (checkout owned by uid $owner)"
compose build local >"$scratch/build.log" 2>&1 || { tail -n 30 "$scratch/build.log" >&2; fail "docker compose build"; }
build_s=$((SECONDS - started))
image=$(compose config --images | head -n 1)
size_mb=$((($(docker image inspect -f '{{.Size}}' "$image") + 500000) / 1000000))
arch=$(docker image inspect -f '{{.Architecture}}' "$image")
say "built $image ($arch, $size_mb MB) in ${build_s}s"

touch "$scratch/marker"
started=$SECONDS
compose up -d local >"$scratch/up.log" 2>&1 || { cat "$scratch/up.log" >&2; fail "docker compose up -d local"; }
until curl -sf --max-time 10 "$BASE/models" -o "$scratch/models.json"; do
  if [ $((SECONDS - started)) -ge "$TIMEOUT" ] || [ -z "$(compose ps -q local)" ]; then
    compose logs local >&2 || true
    fail "local did not answer $BASE/models within ${TIMEOUT}s"
  fi
  sleep 1
done
ready_s=$((SECONDS - started))
say "local answers $BASE/models after ${ready_s}s"
grep -q '"object":"list"' "$scratch/models.json" || fail "/v1/models: $(head -c 300 "$scratch/models.json")"

chat='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello"}]'
curl -sf --max-time 120 "$BASE/chat/completions" -H 'content-type: application/json' -d "$chat}" -o "$scratch/chat.json" \
  || fail "chat completion: HTTP error"
grep -q '"object":"chat.completion"' "$scratch/chat.json" && grep -q '"content":"[^"]' "$scratch/chat.json" \
  || fail "chat completion: $(head -c 300 "$scratch/chat.json")"
say "chat completion ok"
curl -sfN --max-time 120 "$BASE/chat/completions" -H 'content-type: application/json' -d "$chat,\"stream\":true}" -o "$scratch/stream.txt" \
  || fail "streamed chat completion: HTTP error"
grep -q '^data: {.*"object":"chat.completion.chunk"' "$scratch/stream.txt" && [ "$(tail -n 2 "$scratch/stream.txt" | head -n 1)" = "data: [DONE]" ] \
  || fail "streamed chat completion: $(head -c 300 "$scratch/stream.txt")"
say "streamed chat completion ok ($(grep -c '^data: ' "$scratch/stream.txt") events, ends with data: [DONE])"

# What `local` wrote into the checkout is the owner's, and it did not try to reach Cloudflare.
foreign=$(find .wrangler -newer "$scratch/marker" ! -uid "$owner" -print -quit 2>/dev/null || true)
[ -z "$foreign" ] || fail "local wrote $foreign as uid $(stat -c %u "$foreign"), not as the checkout's owner (uid $owner)"
[ -n "$(find .wrangler -newer "$scratch/marker" -print -quit 2>/dev/null)" ] || fail "local wrote nothing to .wrangler/"
compose logs local >"$scratch/local.log" 2>&1
! grep -q 'Request.cf' "$scratch/local.log" || fail "local tried to fetch Request.cf from Cloudflare (not offline): $(grep -m1 'Request.cf' "$scratch/local.log")"
say "local ran as uid $owner (files in .wrangler/ are the checkout owner's), offline (no Request.cf fetch)"
compose stop local >/dev/null 2>&1

as_owner=(run --rm -T --entrypoint "sh /app/docker/as-owner.sh" base)
ran_as=$(compose "${as_owner[@]}" id -u)
[ "$ran_as" = "$owner" ] || fail "services run as uid $ran_as, not as the checkout's owner (uid $owner)"
compose "${as_owner[@]}" sh -c 'touch /app/node_modules/.smoke && rm /app/node_modules/.smoke' \
  || fail "the node_modules volume is not writable by the checkout's owner"
say "services run as uid $owner; the node_modules volume is writable"

key=$(compose run --rm -T keygen smoke 2>/dev/null)
[[ "$key" =~ ^sk-smoke-[A-Za-z0-9]{43}$ ]] || fail "keygen printed: $key"
say "keygen ok (sk-smoke-…)"

if compose run --rm -T deploy >"$scratch/deploy.log" 2>&1; then
  fail "deploy without credentials succeeded"
fi
grep -q 'CLOUDFLARE_API_TOKEN' "$scratch/deploy.log" || { cat "$scratch/deploy.log" >&2; fail "deploy failed without naming CLOUDFLARE_API_TOKEN"; }
say "deploy without credentials fails: $(sed 's/\x1b\[[0-9;]*m//g' "$scratch/deploy.log" | grep -m1 -o 'In a non-interactive.*CLOUDFLARE_API_TOKEN environment variable' || grep -m1 'CLOUDFLARE_API_TOKEN' "$scratch/deploy.log")"

say "ok ($arch, checkout uid $owner): build ${build_s}s, image $size_mb MB, local ready in ${ready_s}s, total $((SECONDS))s"
