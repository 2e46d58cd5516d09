import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { countingKv } from "../helpers/counting-kv";

it("counts reads, writes, deletes and lists and still performs them", async () => {
  const c = countingKv(env.CACHE);
  await c.kv.put("a", "1");
  await c.kv.put("b", "2");
  expect(await c.kv.get("a")).toBe("1");
  expect((await c.kv.getWithMetadata("b")).value).toBe("2");
  expect((await c.kv.list({ prefix: "" })).keys.map((k) => k.name)).toEqual(["a", "b"]);
  await c.kv.delete("a");
  expect(c.take()).toEqual({ reads: 2, writes: 2, deletes: 1, lists: 1 });
  expect(c.counts).toEqual({ reads: 0, writes: 0, deletes: 0, lists: 0 });
});
