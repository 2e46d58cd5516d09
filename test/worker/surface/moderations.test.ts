/**
 * `POST /v1/moderations` over Llama Guard 3: the SDK's moderation object, the category
 * mapping, both Llama Guard answer forms (JSON and text), and 4xx errors.
 */
import { describe, expect, it } from "vitest";
import OpenAI from "openai";
import { readVerdict } from "../../../src/ai/providers/workers-ai/run-llama-guard";
import { categoryCode } from "../../../src/ai/providers/workers-ai/llama-guard-categories";
import { fakeAi } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { postJson, testWorker } from "../../helpers/worker";

describe("moderations.create with the official SDK", () => {
  it("classifies each string, mapping Llama Guard categories to OpenAI's", async () => {
    const { client } = testWorker();
    const res = await client.moderations.create({
      model: "omni-moderation-latest",
      input: ["What a lovely day.", "I will kill him", "[emulate-unsafe:S10,S11]"],
    });
    expectSchema("CreateModerationResponse", res);
    expect(res.id).toMatch(/^modr-/);
    expect(res.model).toBe("omni-moderation-latest");
    const [safe, violent, hateful] = res.results;
    expect(safe?.flagged).toBe(false);
    expect(Object.values(safe?.categories ?? {}).some(Boolean)).toBe(false);
    expect(violent?.flagged).toBe(true);
    expect(violent?.categories.violence).toBe(true);
    expect(violent?.categories["illicit/violent"]).toBe(true);
    expect(violent?.category_scores.violence).toBe(1);
    expect(violent?.category_scores.hate).toBe(0);
    expect(hateful?.categories.hate).toBe(true);
    expect(hateful?.categories["self-harm"]).toBe(true);
    expect(hateful?.category_applied_input_types.hate).toEqual(["text"]);
  });

  it("defaults the model to omni-moderation-latest and accepts text content parts as one input", async () => {
    const ai = fakeAi({ response: { safe: true, categories: [] } });
    const { client } = testWorker({ ai });
    const res = await client.moderations.create({
      input: [
        { type: "text", text: "part one" },
        { type: "text", text: "part two" },
      ],
    });
    expect(res.results).toHaveLength(1);
    expect(ai.calls[0]).toEqual({
      model: "@cf/meta/llama-guard-3-8b",
      inputs: { messages: [{ role: "user", content: "part one\npart two" }], response_format: { type: "json_object" } },
    });
  });

  it("reads Llama Guard's text answer too, and flags hazards OpenAI has no category for", async () => {
    const { client } = testWorker({ ai: fakeAi({ response: "unsafe\nS7" }) });
    const res = await client.moderations.create({ input: "what is my neighbour's home address" });
    expectSchema("CreateModerationResponse", res);
    expect(res.results[0]?.flagged).toBe(true);
    expect(Object.values(res.results[0]?.categories ?? {}).some(Boolean)).toBe(false);
  });

  it("maps a Workers AI failure (e.g. quota) to OpenAI's error", async () => {
    const { client } = testWorker();
    await expect(client.moderations.create({ input: "[emulate-error:3036]" })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });
});

describe("Llama Guard answer parsing", () => {
  it.each([
    [
      { safe: true, categories: [] },
      { safe: true, categories: [] },
    ],
    [
      { safe: false, categories: ["S1", "S10"] },
      { safe: false, categories: ["S1", "S10"] },
    ],
    ["safe", { safe: true, categories: [] }],
    ["\n\nunsafe\nS2,S14", { safe: false, categories: ["S2", "S14"] }],
    ['{"safe":false,"categories":["S12"]}', { safe: false, categories: ["S12"] }],
    ["I cannot say", undefined],
    [{ categories: [] }, undefined],
  ])("%j → %j", (raw, want) => {
    expect(readVerdict(raw)).toEqual(want);
  });

  it("recognises codes and names", () => {
    expect(categoryCode("S1")).toBe("S1");
    expect(categoryCode("s14")).toBe("S14");
    expect(categoryCode("S10: Hate")).toBe("S10");
    expect(categoryCode("Suicide & Self-Harm")).toBe("S11");
    expect(categoryCode("S99")).toBeUndefined();
  });
});

describe("bad input on /v1/moderations", () => {
  it.each([
    [{}, "input", 400],
    [{ input: 5 }, "input", 400],
    [{ input: [] }, "input", 400],
    [{ input: ["ok", 5] }, "input[1]", 400],
    [{ input: Array.from({ length: 33 }, () => "x") }, "input", 400],
    [{ input: [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }] }, "input[0]", 400],
    [{ input: [{ type: "audio" }] }, "input[0].type", 400],
    [{ input: "x", model: "text-embedding-3-small" }, "model", 400],
    [{ input: "x", model: "moderation-9000" }, "model", 404],
  ])("%j → %s (%i)", async (body, param, status) => {
    const res = await postJson(testWorker(), "/moderations", body);
    expect(res.status).toBe(status);
    const err = (await res.json()) as { error: { param: string | null } };
    expectSchema("ErrorResponse", err);
    expect(err.error.param).toBe(param);
  });
});
