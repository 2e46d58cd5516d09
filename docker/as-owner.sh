#!/bin/sh
# Runs its arguments as the owner of /app, so that what a container writes into the mounted
# checkout (.wrangler/, the KV ids `setup` writes into wrangler.toml) belongs to whoever owns the
# checkout: uid 1000, any other uid, or root for a root-owned checkout. Compose starts its
# services as root (user: root in docker-compose.yml) only for this hand-over; `docker run`
# starts as `node` (the image's USER), and then this script changes nothing.
#
#   sh /app/docker/as-owner.sh COMMAND [ARGS...]
set -eu

if [ "$(id -u)" != 0 ]; then
  exec "$@"
fi

uid=$(stat -c %u /app)
gid=$(stat -c %g /app)

# The node_modules volume is seeded from the image, owned by `node`; `install` rewrites it and
# wrangler keeps its cache in it, so it has to belong to the same user. Only files that are not
# the owner's yet are changed: a one-off cost when the checkout's owner is not uid 1000.
if [ "$uid" != 0 ] && [ -n "$(find /app/node_modules ! -uid "$uid" -print -quit)" ]; then
  chown -R "$uid:$gid" /app/node_modules
fi

# wrangler writes its logs and config under $HOME: the owner's home in the image (root, node),
# or a fresh one for an owner the image has no account for.
HOME=$(getent passwd "$uid" | cut -d: -f6)
if [ -z "$HOME" ]; then
  HOME=/tmp/home
  mkdir -p "$HOME" && chown "$uid:$gid" "$HOME"
fi
export HOME

if [ "$uid" = 0 ]; then
  exec "$@"
fi
exec setpriv --reuid="$uid" --regid="$gid" --clear-groups -- "$@"
