/** Canonical JSON and SHA-256 cache keys. */
import { describe, expect, it } from "vitest";
import { cacheKeyHash, canonicalJson, sha256Hex } from "../../../src/cache/cache-key";
import { chatCacheKeyParts, isDeterministicChat } from "../../../src/cache/chat-cache";
import type { ChatRequest } from "../../../src/ai/types";

describe("cache keys", () => {
  it("sorts object keys at every depth, drops undefined members and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined, b: null } })).toBe('{"a":{"b":null,"d":[2,1]},"b":1}');
    expect(canonicalJson([{ y: 1, x: 2 }, undefined])).toBe('[{"x":2,"y":1},null]');
  });

  it("hashes with SHA-256 as lower-case hex", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(await sha256Hex("café")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives one key to requests that differ only in field order or undefined fields", async () => {
    const a: ChatRequest = { model: "m", messages: [{ role: "user", content: "hi" }], temperature: 0, maxTokens: 10 };
    const b: ChatRequest = { maxTokens: 10, temperature: 0, messages: [{ content: "hi", role: "user" }], model: "m", seed: undefined };
    expect(await cacheKeyHash(chatCacheKeyParts(a))).toBe(await cacheKeyHash(chatCacheKeyParts(b)));
    expect(await cacheKeyHash(chatCacheKeyParts(a))).not.toBe(await cacheKeyHash(chatCacheKeyParts({ ...a, maxTokens: 11 })));
  });

  it("calls temperature 0 or a seed deterministic", () => {
    const base: ChatRequest = { model: "m", messages: [] };
    expect(isDeterministicChat({ ...base, temperature: 0 })).toBe(true);
    expect(isDeterministicChat({ ...base, temperature: 0.2, seed: 1 })).toBe(true);
    expect(isDeterministicChat({ ...base, temperature: 0.2 })).toBe(false);
    expect(isDeterministicChat(base)).toBe(false);
  });
});
