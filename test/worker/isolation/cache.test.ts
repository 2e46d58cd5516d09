/**
 * The response cache never serves one project's generation to another (CACHE_SCOPE=project,
 * the default): the same deterministic request from another project is a MISS and reaches the
 * model, while the same project gets its HIT. With CACHE_SCOPE=shared every project is served
 * every project's entries. The default project keeps the keys it had before projects existed.
 */
import { describe, expect, it } from "vitest";
import type { AiRunner } from "../../../src/ai/types";
import { CACHE_KEY_VERSION, cacheKeyHash, canonicalJson, sha256Hex } from "../../../src/cache/cache-key";
import { cachePartition } from "../../../src/cache/cache-scope";
import { DEFAULT_PROJECT } from "../../../src/keys/principal";
import { chatCacheKeyParts } from "../../../src/cache/chat-cache";
import { createEmulatedAi } from "../../../src/dev/emulator/emulated-ai";
import { twoProjects } from "./helpers";

/** The emulator, counting calls. */
function countingAi(): AiRunner & { calls: number } {
  const emulated = createEmulatedAi();
  const ai = {
    calls: 0,
    run(...args: Parameters<AiRunner["run"]>) {
      ai.calls++;
      return emulated.run(...args);
    },
  };
  return ai;
}

function question(): string {
  return `What is the capital of France? ${crypto.randomUUID()}`;
}

describe("response cache across projects", () => {
  it("chat: another project's identical request is a MISS that reaches the model; the owner gets its HIT", async () => {
    const ai = countingAi();
    const { a, b } = await twoProjects({ ai });
    const body = { model: "gpt-4o", temperature: 0, messages: [{ role: "user" as const, content: question() }] };

    const first = await a.chat.completions.create(body).withResponse();
    expect(first.response.headers.get("x-cache")).toBe("MISS");
    expect(ai.calls).toBe(1);
    const other = await b.chat.completions.create(body).withResponse();
    expect(other.response.headers.get("x-cache")).toBe("MISS");
    expect(ai.calls).toBe(2);
    const again = await a.chat.completions.create(body).withResponse();
    expect(again.response.headers.get("x-cache")).toBe("HIT");
    expect(ai.calls).toBe(2);
    expect(again.data.choices[0]?.message.content).toBe(first.data.choices[0]?.message.content);
  });

  it("embeddings: kept apart per project too", async () => {
    const ai = countingAi();
    const { a, b } = await twoProjects({ ai });
    const body = { model: "text-embedding-3-small", input: question() };
    expect((await a.embeddings.create(body).withResponse()).response.headers.get("x-cache")).toBe("MISS");
    expect((await b.embeddings.create(body).withResponse()).response.headers.get("x-cache")).toBe("MISS");
    expect((await a.embeddings.create(body).withResponse()).response.headers.get("x-cache")).toBe("HIT");
    expect(ai.calls).toBe(2);
  });

  it("CACHE_SCOPE=shared: every project is served the entry, and the model runs once", async () => {
    const ai = countingAi();
    const { a, b, main } = await twoProjects({ ai, vars: { CACHE_SCOPE: "shared" } });
    const body = { model: "gpt-4o", temperature: 0, messages: [{ role: "user" as const, content: question() }] };
    expect((await a.chat.completions.create(body).withResponse()).response.headers.get("x-cache")).toBe("MISS");
    expect((await b.chat.completions.create(body).withResponse()).response.headers.get("x-cache")).toBe("HIT");
    expect((await main.chat.completions.create(body).withResponse()).response.headers.get("x-cache")).toBe("HIT");
    expect(ai.calls).toBe(1);
  });

  it("the default project's entries keep their pre-project key; other projects' keys include the project", async () => {
    const parts = chatCacheKeyParts({ model: "m", messages: [] } as unknown as Parameters<typeof chatCacheKeyParts>[0]);
    // The formula before projects existed: entries already in KV stay valid for API_KEYS keys.
    const unscoped = await sha256Hex(canonicalJson({ v: CACHE_KEY_VERSION, parts }));
    expect(await cacheKeyHash(parts)).toBe(unscoped);
    expect(await cacheKeyHash(parts, cachePartition("project", DEFAULT_PROJECT))).toBe(unscoped);
    expect(await cacheKeyHash(parts, cachePartition("shared", "alpha"))).toBe(unscoped);
    expect(await cacheKeyHash(parts, cachePartition("project", "alpha"))).not.toBe(unscoped);
    expect(await cacheKeyHash(parts, "alpha")).not.toBe(await cacheKeyHash(parts, "beta"));
  });
});
