import { describe, expect, it } from "vitest";
import OpenAI from "openai";
import { TEXT_MODELS } from "../../../src/ai/registry/model-catalog";
import { expectSchema } from "../../helpers/openapi";
import { testWorker } from "../../helpers/worker";

describe("/v1/models", () => {
  it("lists catalogued Workers AI models and OpenAI aliases", async () => {
    const { client } = testWorker({ vars: { MODEL_ALIASES: "my-alias=@cf/zai-org/glm-4.7-flash" } });
    const page = await client.models.list();
    expectSchema("ListModelsResponse", { object: "list", data: page.data });
    const ids = page.data.map((m) => m.id);
    for (const m of TEXT_MODELS) expect(ids).toContain(m.id);
    expect(ids).toContain("gpt-4o");
    expect(ids).toContain("gpt-3.5-turbo");
    expect(ids).toContain("my-alias");
  });

  it("retrieves one model, including ids with slashes", async () => {
    const { client } = testWorker();
    const first = TEXT_MODELS[0];
    if (!first) throw new Error("empty catalog");
    const model = await client.models.retrieve(first.id);
    expectSchema("Model", model);
    expect(model.id).toBe(first.id);
    expect((await client.models.retrieve("gpt-4o")).id).toBe("gpt-4o");
    await expect(client.models.retrieve("nope")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});
