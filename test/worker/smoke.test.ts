import { env } from "cloudflare:workers";
import { expect, it } from "vitest";

it("has local KV", async () => {
  await env.CACHE.put("k", "v");
  expect(await env.CACHE.get("k")).toBe("v");
});
