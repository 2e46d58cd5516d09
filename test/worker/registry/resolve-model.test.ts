/**
 * The one model resolver as a table: client name and endpoint kind → provider, backend model
 * and kind, or OpenAI's error (404 model_not_found, 400 model_not_supported).
 */
import { describe, expect, it } from "vitest";
import { type ModelKind, resolveModel } from "../../../src/ai/registry/resolve-model";
import { readConfig } from "../../../src/config";
import { OpenAIError } from "../../../src/http/errors";

const config = readConfig({
  MODEL_ALIASES: "my-model=@cf/qwen/qwq-32b,my-embedder=@cf/baai/bge-m3,my-upstream=some-upstream-id,gpt-4o=@cf/openai/gpt-oss-120b",
});
const DEFAULT = "@cf/zai-org/glm-4.7-flash";

describe("resolveModel: names that resolve", () => {
  it.each<[string, ModelKind, string, boolean]>([
    // [requested, kind, backend model, catalogued]
    ["gpt-4.1-mini", "chat", DEFAULT, true], // OpenAI chat name → DEFAULT_AI_MODEL
    ["gpt-4o", "chat", "@cf/openai/gpt-oss-120b", true], // MODEL_ALIASES overrides a built-in name
    ["gpt-3.5-turbo-instruct", "chat", DEFAULT, true], // legacy completion name
    ["my-model", "chat", "@cf/qwen/qwq-32b", true],
    ["@cf/openai/gpt-oss-20b", "chat", "@cf/openai/gpt-oss-20b", true],
    ["@cf/meta/llama-3.1-8b-instruct", "chat", DEFAULT, true], // retired → replacement
    ["@hf/thebloke/zephyr-7b-beta-awq", "chat", "@cf/meta/llama-4-scout-17b-16e-instruct", true],
    ["@cf/someone/new-model", "chat", "@cf/someone/new-model", false], // uncatalogued @cf/: passed through
    ["@hf/someone/new-model", "chat", "@hf/someone/new-model", false],
    ["my-upstream", "chat", "some-upstream-id", false], // an operator's alias is trusted
    ["text-embedding-3-small", "embedding", "@cf/google/embeddinggemma-300m", true],
    ["text-embedding-3-large", "embedding", "@cf/qwen/qwen3-embedding-0.6b", true],
    ["text-embedding-ada-002", "embedding", "@cf/baai/bge-base-en-v1.5", true],
    ["my-embedder", "embedding", "@cf/baai/bge-m3", true],
    ["@cf/someone/new-embedder", "embedding", "@cf/someone/new-embedder", false],
    ["dall-e-3", "image", "@cf/black-forest-labs/flux-1-schnell", true],
    ["whisper-1", "transcription", "@cf/openai/whisper-large-v3-turbo", true],
    ["@cf/openai/whisper-tiny-en", "transcription", "@cf/openai/whisper-tiny-en", true],
    ["tts-1", "speech", "@cf/deepgram/aura-1", true],
    ["omni-moderation-latest", "moderation", "@cf/meta/llama-guard-3-8b", true],
  ])("%s as %s → %s", (requested, kind, model, catalogued) => {
    const resolved = resolveModel(requested, kind, config);
    expect(resolved).toMatchObject({ requested, provider: "workers-ai", model, kind });
    expect(resolved.info === undefined).toBe(!catalogued);
    expect(resolved.capabilities === undefined).toBe(!catalogued);
  });

  it("reads capabilities from the catalog", () => {
    expect(resolveModel("@cf/google/gemma-4-26b-a4b-it", "chat", config).capabilities).toEqual({
      vision: true,
      tools: true,
      json: true,
      reasoning: true,
    });
    expect(resolveModel("@cf/mistralai/mistral-small-3.1-24b-instruct", "chat", config).capabilities).toEqual({
      vision: true,
      tools: true,
      json: false,
      reasoning: false,
    });
    expect(resolveModel("text-embedding-3-small", "embedding", config).capabilities).toEqual({
      vision: false,
      tools: false,
      json: false,
      reasoning: false,
    });
  });

  it("per-kind defaults: DEFAULT_AI_MODEL for chat names, EMBEDDING_MODEL (etc.) for the others", () => {
    const custom = readConfig({
      DEFAULT_AI_MODEL: "@cf/openai/gpt-oss-20b",
      EMBEDDING_MODEL: "@cf/baai/bge-m3",
      SPEECH_MODEL: "@cf/myshell-ai/melotts",
    });
    expect(resolveModel("davinci-002", "chat", custom).model).toBe("@cf/openai/gpt-oss-20b");
    expect(resolveModel("gpt-5", "chat", custom).model).toBe("@cf/openai/gpt-oss-20b");
    expect(resolveModel("text-embedding-3-large", "embedding", custom).model).toBe("@cf/baai/bge-m3");
    expect(resolveModel("tts-1-hd", "speech", custom).model).toBe("@cf/myshell-ai/melotts");
    expect(resolveModel("whisper-1", "transcription", custom).model).toBe("@cf/openai/whisper-large-v3-turbo");
  });
});

describe("resolveModel: names that do not", () => {
  it.each<[string, ModelKind, number, string]>([
    ["claude-99", "chat", 404, "model_not_found"], // not an OpenAI name (any gpt-* resolves: openai-names.test.ts)
    ["curie-001", "chat", 404, "model_not_found"],
    ["no-such-model", "embedding", 404, "model_not_found"],
    ["whisper-9", "transcription", 404, "model_not_found"],
    ["text-embedding-3-small", "chat", 400, "model_not_supported"], // another kind's OpenAI name
    ["@cf/baai/bge-m3", "chat", 400, "model_not_supported"], // another kind's catalogued id
    ["gpt-4.1", "embedding", 400, "model_not_supported"], // a chat name
    ["@cf/openai/gpt-oss-120b", "embedding", 400, "model_not_supported"],
    ["@cf/meta/llama-3-8b-instruct", "embedding", 400, "model_not_supported"], // retired chat id
    ["my-model", "image", 400, "model_not_supported"], // MODEL_ALIASES to a chat model
    ["dall-e-3", "speech", 400, "model_not_supported"],
    ["tts-1", "transcription", 400, "model_not_supported"],
    ["whisper-1", "moderation", 400, "model_not_supported"],
  ])("%s as %s → %i %s", (requested, kind, status, code) => {
    const err = (() => {
      try {
        resolveModel(requested, kind, config);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(OpenAIError);
    expect(err).toMatchObject({ status, param: "model", code });
  });

  it("says what the name is and what it resolved to", () => {
    expect(() => resolveModel("claude-99", "chat", config)).toThrow(
      "The model `claude-99` does not exist or you do not have access to it.",
    );
    expect(() => resolveModel("gpt-4.1", "embedding", config)).toThrow(
      `The model \`gpt-4.1\` (${DEFAULT}) is not an embedding model; it cannot serve this endpoint.`,
    );
    expect(() => resolveModel("dall-e-3", "speech", config)).toThrow(
      "The model `dall-e-3` is not a text-to-speech model; it cannot serve this endpoint.",
    );
  });
});
