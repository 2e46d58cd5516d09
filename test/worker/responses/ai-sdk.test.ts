/**
 * The Vercel AI SDK's default OpenAI provider (`openai(model)` calls the Responses API),
 * unchanged, pointed at the Worker on the offline emulator: generateText, streamText, a
 * multi-step tool loop and generateObject with a zod schema. Every response object and event
 * the SDK receives is checked against the spec (checked-fetch.ts).
 */
import { createOpenAI } from "@ai-sdk/openai";
import { generateObject, generateText, stepCountIs, streamText, tool } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BASE_URL, testWorker } from "../../helpers/worker";
import { checkedFetch } from "./checked-fetch";

function provider() {
  const w = testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } });
  const checked = checkedFetch(w.fetch);
  return { openai: createOpenAI({ baseURL: BASE_URL, apiKey: "sk-test", fetch: checked.fetch }), checked, worker: w };
}

describe("Vercel AI SDK, openai(model) over the Responses API", () => {
  it("generateText", async () => {
    const { openai, checked } = provider();
    const result = await generateText({ model: openai("gpt-4o"), system: "Be brief.", prompt: "Say hello to Ada" });
    expect(result.text).toBe("[offline emulator] You said: Say hello to Ada");
    expect(result.finishReason).toBe("stop");
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBe(8);
    expect(result.warnings).toEqual([]);
    expect(result.response.id).toMatch(/^resp_/);
    expect((await checked.checked()).responses).toBe(1);
  });

  it("continues a conversation from response.messages (assistant turns sent as item_reference)", async () => {
    const { openai, checked } = provider();
    const first = await generateText({ model: openai("gpt-4o"), prompt: "my name is Ada" });
    const second = await generateText({
      model: openai("gpt-4o"),
      messages: [{ role: "user", content: "my name is Ada" }, ...first.response.messages, { role: "user", content: "what is my name?" }],
    });
    expect(second.text).toBe("[offline emulator] You said: what is my name?");
    // The emulator counts the prompt's words: the referenced assistant message was in it.
    expect(second.usage.inputTokens).toBe(4 + 8 + 4);
    expect((await checked.checked()).responses).toBe(2);
  });

  it("reports a reply cut by maxOutputTokens as finishReason length", async () => {
    const { openai, checked } = provider();
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ");
    const result = await generateText({ model: openai("gpt-4o"), prompt: words, maxOutputTokens: 16 });
    expect(result.finishReason).toBe("length");
    expect(result.text.split(" ")).toHaveLength(16);
    expect((await checked.checked()).requests[0]).toMatchObject({ max_output_tokens: 16 });
  });

  it("streamText", async () => {
    const { openai, checked } = provider();
    const result = streamText({ model: openai("gpt-4o"), prompt: "stream this please" });
    const parts: string[] = [];
    for await (const delta of result.textStream) parts.push(delta);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join("")).toBe("[offline emulator] You said: stream this please");
    expect(await result.finishReason).toBe("stop");
    expect((await result.usage).outputTokens).toBe(7);
    const seen = await checked.checked();
    expect(seen.streams).toBe(1);
    expect(seen.types.at(0)).toBe("response.created");
    expect(seen.types.at(-1)).toBe("response.completed");
  });

  it("runs a tool loop over several steps", async () => {
    const { openai, checked } = provider();
    const calls: unknown[] = [];
    const result = await generateText({
      model: openai("gpt-4o"),
      prompt: 'What is the weather in "Paris"?',
      tools: {
        get_weather: tool({
          description: "Current weather for a city",
          inputSchema: z.object({ city: z.string() }),
          execute: async (input) => {
            calls.push(input);
            return { city: input.city, temperature: 21 };
          },
        }),
      },
      stopWhen: stepCountIs(4),
    });
    expect(calls).toEqual([{ city: "Paris" }]);
    expect(result.steps.map((s) => s.finishReason)).toEqual(["tool-calls", "stop"]);
    expect(result.steps[0]?.toolCalls.map((c) => c.toolName)).toEqual(["get_weather"]);
    expect(result.text).toBe('[offline emulator] The tool returned: {"city":"Paris","temperature":21}');
    expect((await checked.checked()).responses).toBe(2);
  });

  it("streams a tool loop", async () => {
    const { openai, checked } = provider();
    const result = streamText({
      model: openai("gpt-4o"),
      prompt: 'weather in "Lima"?',
      tools: {
        get_weather: tool({
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => `sunny in ${city}`,
        }),
      },
      stopWhen: stepCountIs(4),
    });
    expect(await result.text).toBe("[offline emulator] The tool returned: sunny in Lima");
    expect((await result.steps).length).toBe(2);
    const seen = await checked.checked();
    expect(seen.streams).toBe(2);
    expect(seen.types).toContain("response.function_call_arguments.done");
  });

  it("generateObject with a zod schema", async () => {
    const { openai, checked } = provider();
    const schema = z.object({ name: z.string(), age: z.number().int(), tags: z.array(z.string()) });
    const result = await generateObject({ model: openai("gpt-4o"), schema, prompt: 'Describe "Ada"' });
    expect(schema.parse(result.object)).toEqual(result.object);
    expect(result.object.name).toBe("Ada");
    expect(result.warnings).toEqual([]);
    expect((await checked.checked()).responses).toBe(1);
  });
});
