/**
 * The Vercel AI SDK against a streamed reasoning reply. `openai.chat()` (@ai-sdk/openai
 * 4.0.118) parses only content, refusal, tool calls and annotations from chat deltas, so it has
 * no `reasoningText` for chat completions; the reasoning reaches it in the raw chunks
 * (`includeRawChunks`), exactly as DeepSeek-style clients read it, while `text` stays the answer
 * alone. `openai.responses()` reads reasoning summaries only, and gets `reasoningText` when a
 * reasoning model name asks for a summary (`reasoningSummary`).
 */
import { createOpenAI } from "@ai-sdk/openai";
import { streamText } from "ai";
import { describe, expect, it } from "vitest";
import * as fx from "../../fixtures/workers-ai";
import { fakeAi } from "../../helpers/fake-ai";
import { BASE_URL, testWorker } from "../../helpers/worker";

const GLM = "@cf/zai-org/glm-4.7-flash";

describe("Vercel AI SDK", () => {
  it("openai.chat(): the streamed reasoning arrives as reasoning_content, the text is the answer alone", async () => {
    const w = testWorker({ ai: fakeAi(fx.CHAT_STREAM_REASONING) });
    const openai = createOpenAI({ baseURL: BASE_URL, apiKey: "sk-test", fetch: w.fetch });
    const result = streamText({ model: openai.chat(GLM), prompt: "capital of France?", includeRawChunks: true });
    let reasoning = "";
    for await (const part of result.fullStream) {
      if (part.type !== "raw") continue;
      const delta = (part.rawValue as { choices?: { delta?: { reasoning_content?: string } }[] }).choices?.[0]?.delta;
      reasoning += delta?.reasoning_content ?? "";
    }
    expect(reasoning).toBe("The user asks for the capital of France: Paris.");
    expect(await result.text).toBe("Paris is the capital of France — café.");
  });

  it("openai.responses('o3') with reasoningSummary: reasoningText is the model's reasoning", async () => {
    const w = testWorker({ ai: fakeAi(fx.CHAT_STREAM_REASONING), vars: { KV_WRITE_SPACING_MS: "0" } });
    const openai = createOpenAI({ baseURL: BASE_URL, apiKey: "sk-test", fetch: w.fetch });
    const result = streamText({
      // The SDK sends reasoning settings only for names it knows reason (o-series, gpt-5+).
      model: openai.responses("o3"),
      prompt: "capital of France?",
      providerOptions: { openai: { reasoningSummary: "auto", store: false } },
    });
    expect(await result.reasoningText).toBe("The user asks for the capital of France: Paris.");
    expect(await result.text).toBe("Paris is the capital of France — café.");
  });
});
