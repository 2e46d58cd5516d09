/**
 * The Workers AI provider implements every capability of the provider interface (checked by
 * the compiler with `satisfies`, and here at run time), and providerFor hands each resolved
 * model the capability of its kind, running on the AI binding.
 */
import { describe, expect, it } from "vitest";
import { providerFor } from "../../../src/ai/providers/provider-for";
import type { ProviderByKind } from "../../../src/ai/providers/types";
import { workersAiProvider } from "../../../src/ai/providers/workers-ai/provider";
import { type ModelKind, resolveModel } from "../../../src/ai/registry/resolve-model";
import { readConfig } from "../../../src/config";
import { fakeAi } from "../../helpers/fake-ai";

const config = readConfig({});
// A Record over ModelKind: the compiler insists every kind is listed.
const KINDS: Readonly<Record<ModelKind, true>> = {
  chat: true,
  embedding: true,
  image: true,
  speech: true,
  transcription: true,
  moderation: true,
};

describe("workers-ai provider", () => {
  it("implements every capability", () => {
    const provider = workersAiProvider(fakeAi()) satisfies ProviderByKind;
    expect(Object.keys(provider).sort()).toEqual(Object.keys(KINDS).sort());
    for (const capability of Object.values(provider)) expect(capability).toBeTypeOf("object");
  });

  it("providerFor runs each kind on the binding with the resolved backend model", async () => {
    const ai = fakeAi({ data: [[0.6, 0.8]], shape: [1, 2] }, { response: { safe: false, categories: ["S10"] } });
    // Fakes implement only `run`, the one member of `Ai` the Worker calls (see AiRunner).
    const env = { AI: ai as unknown as Ai };
    const embedding = resolveModel("text-embedding-ada-002", "embedding", config);
    expect(await providerFor(embedding, env, config).embed(embedding, ["hi"])).toEqual([[0.6, 0.8]]);
    const moderation = resolveModel("omni-moderation-latest", "moderation", config);
    expect(await providerFor(moderation, env, config).classify(moderation, "hateful")).toEqual({ flagged: true, categories: ["hate"] });
    expect(ai.calls.map((c) => c.model)).toEqual(["@cf/baai/bge-base-en-v1.5", "@cf/meta/llama-guard-3-8b"]);
  });
});
