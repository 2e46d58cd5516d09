/**
 * The OpenAI Agents SDK, unchanged, with its default model provider (the Responses API) on
 * an `OpenAI` client whose fetch is the Worker's: an agent with one function tool runs its
 * loop to a final answer. Every response object and event it receives is checked against the
 * spec (checked-fetch.ts). Tracing is off: it would export spans to OpenAI.
 */
import { Agent, run, setDefaultOpenAIClient, setTracingDisabled, tool } from "@openai/agents";
import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { BASE_URL, testWorker } from "../../helpers/worker";
import { checkedFetch } from "./checked-fetch";

// The SDK's default provider keeps the client it was first given: one Worker for the file.
const checked = checkedFetch(testWorker({ vars: { KV_WRITE_SPACING_MS: "0" } }).fetch);

function weatherAgent(calls: string[]) {
  const getWeather = tool({
    name: "get_weather",
    description: "Current weather for a city",
    parameters: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      calls.push(city);
      return `sunny in ${city}`;
    },
  });
  return new Agent({ name: "Forecaster", instructions: "Answer with the weather tool.", model: "gpt-4o", tools: [getWeather] });
}

describe("OpenAI Agents SDK, default Responses model", () => {
  beforeAll(() => {
    setTracingDisabled(true);
    setDefaultOpenAIClient(new OpenAI({ baseURL: BASE_URL, apiKey: "sk-test", fetch: checked.fetch, maxRetries: 0 }));
  });

  it("runs an agent whose one function tool is called, then answers", async () => {
    const calls: string[] = [];
    const result = await run(weatherAgent(calls), 'What is the weather in "Paris"?');
    expect(calls).toEqual(["Paris"]);
    expect(result.finalOutput).toBe("[offline emulator] The tool returned: sunny in Paris");
    expect(result.newItems.map((i) => i.type)).toEqual(["tool_call_item", "tool_call_output_item", "message_output_item"]);
    expect((await checked.checked()).responses).toBe(2);
  });

  it("an agent with no model runs on the SDK's default name (gpt-5.6-luna) with no configuration", async () => {
    const agent = new Agent({ name: "Plain", instructions: "Be brief." });
    const result = await run(agent, "hello there");
    expect(result.finalOutput).toBe("[offline emulator] You said: hello there");
    expect(result.rawResponses.at(-1)?.providerData?.model).toBe("gpt-5.6-luna");
  });

  it("streams the same run", async () => {
    const calls: string[] = [];
    const result = await run(weatherAgent(calls), 'Weather for "Oslo", please', { stream: true });
    const text: string[] = [];
    for await (const chunk of result.toTextStream()) text.push(chunk);
    await result.completed;
    expect(calls).toEqual(["Oslo"]);
    expect(text.join("")).toBe("[offline emulator] The tool returned: sunny in Oslo");
    const seen = await checked.checked();
    expect(seen.streams).toBe(2);
    expect(seen.types.filter((t) => t === "response.completed")).toHaveLength(2);
  });

  it("continues on the server with previousResponseId, sending only the new input", async () => {
    const calls: string[] = [];
    const agent = weatherAgent(calls);
    const first = await run(agent, 'What is the weather in "Rome"?');
    await checked.checked();
    const next = await run(agent, "thanks, and tomorrow?", { previousResponseId: first.lastResponseId });
    expect(next.finalOutput).toBe("[offline emulator] You said: thanks, and tomorrow?");
    expect(calls).toEqual(["Rome"]);
    const seen = await checked.checked();
    expect(seen.responses).toBe(1);
    expect(seen.requests[0]).toMatchObject({
      previous_response_id: first.lastResponseId,
      input: [{ role: "user", content: "thanks, and tomorrow?" }],
    });
  });
});
