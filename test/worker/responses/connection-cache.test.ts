/** The per-connection cache of `store: false` responses: chains, eviction, capacity, overlay. */
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { ConnectionResponseCache } from "../../../src/responses/connection-cache";
import { createStores } from "../../../src/store";
import type { ResponseRecord } from "../../../src/store/responses-repo";
import type { ResponseObject } from "../../../src/wire/responses";

function record(id: string, previous: string | null = null): ResponseRecord {
  return { response: { id, previous_response_id: previous } as ResponseObject, input: [], context: [] };
}

describe("ConnectionResponseCache", () => {
  const stores = createStores(env.CACHE, 0);

  it("reads held responses first and falls back to KV", async () => {
    const cache = new ConnectionResponseCache();
    cache.remember(record("resp_a"));
    const overlay = cache.overlay(stores);
    expect((await overlay.responses.get("resp_a"))?.response.id).toBe("resp_a");
    expect(await overlay.responses.get("resp_unknown")).toBeNull();
    // Everything but reads still goes to the KV repository.
    expect(overlay.responses.put).toBe(stores.responses.put);
  });

  it("evicts a whole chain and leaves other chains alone", async () => {
    const cache = new ConnectionResponseCache();
    cache.remember(record("resp_a"));
    cache.remember(record("resp_b", "resp_a"));
    cache.remember(record("resp_c", "resp_b"));
    cache.remember(record("resp_x"));
    cache.evictChain("resp_b");
    const overlay = cache.overlay(stores);
    for (const id of ["resp_a", "resp_b", "resp_c"]) expect(await overlay.responses.get(id)).toBeNull();
    expect(await overlay.responses.get("resp_x")).not.toBeNull();
  });

  it("keeps at most its capacity, dropping the oldest", async () => {
    const cache = new ConnectionResponseCache(2);
    for (const id of ["resp_1", "resp_2", "resp_3"]) cache.remember(record(id));
    const overlay = cache.overlay(stores);
    expect(await overlay.responses.get("resp_1")).toBeNull();
    expect(await overlay.responses.get("resp_3")).not.toBeNull();
  });
});
