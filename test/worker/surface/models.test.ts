/** `GET /v1/models` lists every surface endpoint's models and the OpenAI names that alias to them. */
import { describe, expect, it } from "vitest";
import { LEGACY_COMPLETION_NAMES, SURFACE_ALIASES, SURFACE_MODELS } from "../../../src/ai/registry/surface-catalog";
import { expectSchema } from "../../helpers/openapi";
import { testWorker } from "../../helpers/worker";

describe("/v1/models for the rest of the surface", () => {
  it("lists embedding, image, audio and moderation models and their OpenAI aliases", async () => {
    const { client } = testWorker();
    const page = await client.models.list();
    expectSchema("ListModelsResponse", { object: "list", data: page.data });
    const ids = page.data.map((m) => m.id);
    for (const m of SURFACE_MODELS) expect(ids).toContain(m.id);
    for (const name of [...Object.keys(SURFACE_ALIASES), ...LEGACY_COMPLETION_NAMES]) expect(ids).toContain(name);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("retrieves surface models and aliases", async () => {
    const { client } = testWorker();
    const flux = await client.models.retrieve("@cf/black-forest-labs/flux-1-schnell");
    expectSchema("Model", flux);
    expect(flux.owned_by).toBe("black-forest-labs");
    expect((await client.models.retrieve("text-embedding-3-small")).owned_by).toBe("ai-forwarder");
    expect((await client.models.retrieve("whisper-1")).id).toBe("whisper-1");
  });
});
