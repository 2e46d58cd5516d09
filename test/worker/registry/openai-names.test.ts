/** OpenAI chat-model names clients send in 2026 → class, backend model and default effort. */
import { describe, expect, it } from "vitest";
import { openAIChatName } from "../../../src/ai/registry/openai-names";
import { resolveModel } from "../../../src/ai/registry/resolve-model";
import { readConfig } from "../../../src/config";

describe("OpenAI chat names", () => {
  it.each([
    ["gpt-4o", "fast", "none"],
    ["gpt-4o-2024-08-06", "fast", "none"],
    ["chatgpt-4o-latest", "fast", "none"],
    ["gpt-3.5-turbo-0125", "fast", "none"],
    ["gpt-4.1-mini", "fast", "none"],
    ["gpt-5-chat-latest", "fast", "none"],
    ["o3", "reasoning", "medium"],
    ["o4-mini-2025-04-16", "reasoning", "medium"],
    ["gpt-5", "reasoning", "medium"],
    ["gpt-5-mini-2025-08-07", "reasoning", "medium"],
    ["gpt-5.2-pro", "reasoning", "medium"],
    ["gpt-5.6-luna", "reasoning", "none"],
    ["gpt-6-astra", "reasoning", "none"],
  ])("%s → %s, effort %s", (name, cls, effort) => {
    expect(openAIChatName(name)).toEqual({ class: cls, defaultEffort: effort });
  });

  it.each(["gpt-oss-120b", "gpt-image-1", "gpt-4o-mini-tts", "gpt-4o-transcribe", "claude-99", "llama-3"])(
    "%s is not an OpenAI chat name",
    (name) => {
      expect(openAIChatName(name)).toBeUndefined();
    },
  );

  it("each class runs on its configured model; MODEL_ALIASES wins for an exact name; others keep their 404", () => {
    const config = readConfig({
      DEFAULT_AI_MODEL: "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
      REASONING_MODEL: "@cf/openai/gpt-oss-120b",
      MODEL_ALIASES: "gpt-5.6-luna=@cf/zai-org/glm-4.7-flash",
    });
    expect(resolveModel("gpt-4o-2024-11-20", "chat", config).model).toBe("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    expect(resolveModel("o3-pro", "chat", config).model).toBe("@cf/openai/gpt-oss-120b");
    const luna = resolveModel("gpt-5.6-luna", "chat", config);
    expect([luna.model, luna.requested, luna.defaultEffort]).toEqual(["@cf/zai-org/glm-4.7-flash", "gpt-5.6-luna", "none"]);
    expect(() => resolveModel("claude-99", "chat", config)).toThrow("does not exist");
  });
});
