/**
 * The project-scoped view of the CACHE namespace (src/store/project-kv.ts) on local KV: keys
 * land under `p/{project}/` (none for the default project), reads and deletes only reach the
 * project's own keys, listings come back without the prefix — metadata and cursors intact —
 * and never include another project's keys or the default project's, not even for a project
 * whose name extends another's. createStores puts project objects in the view and keeps
 * issued keys and images global. Write pacing is per stored key, so projects never queue on
 * each other's same-named keys.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newThread } from "../../../src/assistants/objects";
import { DEFAULT_PROJECT } from "../../../src/keys/principal";
import { createStores } from "../../../src/store";
import { keys } from "../../../src/store/keys";
import { KvWriter } from "../../../src/store/kv-writer";
import { projectKv, projectPrefix } from "../../../src/store/project-kv";
import { fakeKv } from "../../helpers/fake-kv";
import { VirtualTimer } from "../../helpers/virtual-timer";

function unique(): string {
  return crypto.randomUUID().slice(0, 8);
}

async function rawNames(prefix: string): Promise<string[]> {
  return (await env.CACHE.list({ prefix })).keys.map((k) => k.name);
}

describe("projectKv", () => {
  it("no default-project key can fall under a project's p/ prefix", () => {
    for (const [name, key] of Object.entries(keys)) {
      if (name === "projectPrefix") continue;
      expect((key as (...ids: string[]) => string)("p", "p").startsWith("p/")).toBe(false);
    }
  });

  it("is the namespace itself for the default project", () => {
    expect(projectKv(env.CACHE, DEFAULT_PROJECT)).toBe(env.CACHE);
    expect(projectPrefix(DEFAULT_PROJECT)).toBe("");
  });

  it("prefixes writes, reads and deletes with p/{project}/", async () => {
    const project = `alpha-${unique()}`;
    const kv = projectKv(env.CACHE, project);
    await kv.put("asst/1", JSON.stringify({ n: 1 }), { metadata: { m: 1 } });
    expect(await rawNames(`p/${project}/`)).toEqual([`p/${project}/asst/1`]);
    expect(await env.CACHE.get("asst/1")).toBeNull();
    expect(await kv.get("asst/1", "json")).toEqual({ n: 1 });
    expect(await kv.get("asst/1")).toBe('{"n":1}');
    expect(new TextDecoder().decode((await kv.get("asst/1", "arrayBuffer")) ?? new ArrayBuffer(0))).toBe('{"n":1}');
    const { value, metadata } = await kv.getWithMetadata("asst/1", "json");
    expect({ value, metadata }).toEqual({ value: { n: 1 }, metadata: { m: 1 } });

    await kv.delete("asst/1");
    expect(await rawNames(`p/${project}/`)).toEqual([]);
  });

  it("bulk reads answer under the names asked for", async () => {
    const project = `alpha-${unique()}`;
    const kv = projectKv(env.CACHE, project);
    await kv.put("a", '"A"', { metadata: { x: 1 } });
    await kv.put("b", '"B"');
    await env.CACHE.put("c", '"default"');
    const many = await kv.get(["a", "b", "c"], "json");
    expect([...many]).toEqual([
      ["a", "A"],
      ["b", "B"],
      ["c", null],
    ]);
    const withMeta = await kv.getWithMetadata(["a"], "json");
    expect(withMeta.get("a")).toMatchObject({ value: "A", metadata: { x: 1 } });
  });

  it("lists only the project's keys, without the prefix, with metadata, page by page with cursors", async () => {
    const id = unique();
    const project = `alpha-${id}`;
    const kv = projectKv(env.CACHE, project);
    const other = projectKv(env.CACHE, `beta-${id}`);
    // A project whose name starts like this one's must not show up in its listings.
    const longer = projectKv(env.CACHE, `${project}/asst`);
    for (let i = 0; i < 5; i++) await kv.put(`asst/${i}`, "{}", { metadata: { i } });
    await other.put("asst/9", "{}");
    await longer.put("asst/8", "{}");
    await env.CACHE.put(`asst/default-${id}`, "{}");

    const names: string[] = [];
    const metadata: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await kv.list<{ i: number }>({ prefix: "asst/", limit: 2, ...(cursor ? { cursor } : {}) });
      pages++;
      for (const k of page.keys) {
        names.push(k.name);
        metadata.push(k.metadata);
      }
      cursor = page.list_complete ? undefined : page.cursor;
    } while (cursor);
    expect(names).toEqual(["asst/0", "asst/1", "asst/2", "asst/3", "asst/4"]);
    expect(metadata).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
    expect(pages).toBe(3);
    expect((await kv.list()).keys.map((k) => k.name)).toEqual(names);
    expect((await longer.list({ prefix: "asst/" })).keys.map((k) => k.name)).toEqual(["asst/8"]);
    // The default project's listing is KV's own: project keys live under p/, outside its prefixes.
    expect(await rawNames(`asst/default-${id}`)).toEqual([`asst/default-${id}`]);
  });
});

describe("createStores for a project", () => {
  it("keeps the project's objects in its view and issued keys and images global", async () => {
    const project = `alpha-${unique()}`;
    const stores = createStores(env.CACHE, 0, project);
    const thread = newThread({});
    await stores.threads.put(thread);
    expect(await rawNames(`p/${project}/`)).toEqual([`p/${project}/thread/${thread.id}`]);
    expect(await createStores(env.CACHE, 0).threads.get(thread.id)).toBeNull();
    expect(await createStores(env.CACHE, 0, `beta-${project}`).threads.get(thread.id)).toBeNull();
    expect(await stores.threads.get(thread.id)).toEqual(thread);

    const image = await stores.images.put(new Uint8Array([1, 2, 3]), "image/png", 60);
    expect(await env.CACHE.get(`image/${image}`)).not.toBeNull();
    const digest = unique();
    const record = { project } as unknown as Parameters<typeof stores.apiKeys.put>[1];
    await stores.apiKeys.put(digest, record);
    expect(await env.CACHE.get(`apikey/${digest}`, "json")).toEqual(record);
  });
});

describe("write pacing across projects", () => {
  it("paces one stored key: the same name in two projects are two keys, not one queue", async () => {
    const timer = new VirtualTimer();
    const kv = fakeKv(timer);
    const name = `test/${crypto.randomUUID()}`;
    const alpha = new KvWriter(kv.kv, { spacingMs: 1000, timer, keyPrefix: projectPrefix("alpha") });
    const alphaAgain = new KvWriter(kv.kv, { spacingMs: 1000, timer, keyPrefix: projectPrefix("alpha") });
    const beta = new KvWriter(kv.kv, { spacingMs: 1000, timer, keyPrefix: projectPrefix("beta") });
    await timer.run(Promise.all([alpha.put(name, "a1"), beta.put(name, "b1")]));
    expect(timer.sleeps).toEqual([]);
    await timer.run(alphaAgain.put(name, "a2"));
    expect(timer.sleeps).toEqual([1000]);
  });
});
