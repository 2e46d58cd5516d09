/** The key service's inputs for one admin request (the keys repository, the key limiters, the clock) and the key id of a path. */
import type { ApiRequest } from "../route";
import { decodePathSegment } from "../../http/path-segment";
import { durableKeyLimits } from "../../keys/durable-limits";
import type { KeyServiceDeps } from "../../keys/key-service";
import { forgetIssuedKey } from "../../keys/lookup-issued-key";
import { apiKeysRepo } from "../../store/api-keys-repo";
import { clock } from "../../util/clock";
import type { AppContext } from "../context";

export function keyServiceDeps(ctx: AppContext): KeyServiceDeps {
  const time = clock();
  return {
    repo: apiKeysRepo(ctx.env.CACHE, ctx.config.kvWriteSpacingMs),
    limits: durableKeyLimits(ctx.env.KEY_LIMITS),
    now: () => time.now(),
    newKeyId: () => time.sortableId("key_"),
    forget: forgetIssuedKey,
  };
}

/** The `{id}` of `/admin/api/keys/{id}…`, decoded (malformed encoding: as sent, which names no key). */
export function keyIdOf(request: ApiRequest): string {
  const raw = request.params.id ?? "";
  return decodePathSegment(raw) ?? raw;
}
