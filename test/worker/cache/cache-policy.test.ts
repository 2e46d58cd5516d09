/** CACHE_MODE, CACHE_TTL_SECONDS and the request's Cache-Control → what one request may do. */
import { describe, expect, it, vi } from "vitest";
import { cachePolicy, parseCacheControl, parseCacheMode, parseTtl } from "../../../src/cache/cache-policy";

const policy = (
  cacheControl: string | null,
  options: { mode?: "off" | "deterministic" | "all"; deterministic?: boolean; ttl?: number } = {},
) =>
  cachePolicy({
    mode: options.mode ?? "deterministic",
    deterministic: options.deterministic ?? true,
    ttlSeconds: options.ttl ?? 86_400,
    headers: new Headers(cacheControl === null ? {} : { "cache-control": cacheControl }),
  });

describe("cache policy", () => {
  it("reads CACHE_MODE, defaulting to deterministic (with a warning for unknown values)", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(parseCacheMode(undefined)).toBe("deterministic");
    expect(parseCacheMode(" ALL ")).toBe("all");
    expect(parseCacheMode("off")).toBe("off");
    expect(parseCacheMode("sometimes")).toBe("deterministic");
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it("reads CACHE_TTL_SECONDS with KV's minimum of 60 and a default of one day", () => {
    expect(parseTtl(undefined)).toBe(86_400);
    expect(parseTtl("3600")).toBe(3600);
    expect(parseTtl("5")).toBe(60);
    expect(parseTtl("soon")).toBe(86_400);
  });

  it("caches by mode and determinism", () => {
    expect(policy(null)).toEqual({ lookup: true, store: true, ttlSeconds: 86_400 });
    expect(policy(null, { deterministic: false })).toMatchObject({ lookup: false, store: false });
    expect(policy(null, { mode: "all", deterministic: false })).toMatchObject({ lookup: true, store: true });
    expect(policy(null, { mode: "off" })).toMatchObject({ lookup: false, store: false });
    expect(policy("max-age=100", { mode: "off" })).toMatchObject({ lookup: false, store: false });
  });

  it("honours no-cache, no-store and max-age", () => {
    expect(policy("no-cache")).toMatchObject({ lookup: false, store: true });
    expect(policy("no-store")).toMatchObject({ lookup: true, store: false });
    expect(policy("no-cache, no-store")).toMatchObject({ lookup: false, store: false });
    expect(policy("max-age=0")).toMatchObject({ lookup: false, store: true });
    expect(policy("max-age=300")).toEqual({ lookup: true, store: true, maxAgeSeconds: 300, ttlSeconds: 300 });
    expect(policy("max-age=10")).toEqual({ lookup: true, store: true, maxAgeSeconds: 10, ttlSeconds: 60 });
    expect(policy("max-age=999999", { ttl: 3600 })).toMatchObject({ maxAgeSeconds: 999_999, ttlSeconds: 3600 });
  });

  it("parses Cache-Control leniently: case, spaces, quotes, unknown and malformed directives", () => {
    expect(parseCacheControl('NO-STORE , max-age="42", private, max-stale')).toEqual({ noCache: false, noStore: true, maxAge: 42 });
    expect(parseCacheControl("max-age=abc")).toEqual({ noCache: false, noStore: false });
    expect(parseCacheControl(null)).toEqual({ noCache: false, noStore: false });
  });
});
