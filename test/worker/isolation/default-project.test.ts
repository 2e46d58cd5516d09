/**
 * Existing deployments keep their data: objects stored before projects existed (unprefixed KV
 * keys) belong to the default project, which API_KEYS keys act for, so they stay readable by
 * those keys and hidden from issued keys of other projects. What an issued key creates is
 * stored under `p/{project}/` and stays out of the default project's view.
 */
import { describe, expect, it } from "vitest";
import { newThread } from "../../../src/assistants/objects";
import { expectNotFound, twoProjects } from "./helpers";

describe("the default project", () => {
  it("sees objects stored under the unprefixed keys before projects existed; issued keys of other projects do not", async () => {
    const { w, a, main } = await twoProjects();
    // Written as an earlier version wrote it: `thread/{id}`, no project anywhere.
    const thread = newThread({ legacy: "yes" });
    await w.env.CACHE.put(`thread/${thread.id}`, JSON.stringify(thread));

    expect(await main.beta.threads.retrieve(thread.id)).toEqual(thread);
    await expectNotFound((id) => a.beta.threads.retrieve(id), thread.id);
  });

  it("stores an issued key's objects under p/{project}/, and the two views never meet", async () => {
    const { w, a, main, alpha } = await twoProjects();
    const ofAlpha = await a.beta.assistants.create({ model: "gpt-4o" });
    const ofDefault = await main.beta.assistants.create({ model: "gpt-4o" });

    expect(await w.env.CACHE.get(`p/${alpha}/asst/${ofAlpha.id}`, "json")).toEqual(ofAlpha);
    expect(await w.env.CACHE.get(`asst/${ofAlpha.id}`)).toBeNull();
    expect(await w.env.CACHE.get(`asst/${ofDefault.id}`, "json")).toEqual(ofDefault);

    await expectNotFound((id) => main.beta.assistants.retrieve(id), ofAlpha.id);
    await expectNotFound((id) => a.beta.assistants.retrieve(id), ofDefault.id);
    expect((await main.beta.assistants.list()).data.map((x) => x.id)).not.toContain(ofAlpha.id);
    expect((await a.beta.assistants.list()).data.map((x) => x.id)).toEqual([ofAlpha.id]);
  });
});
