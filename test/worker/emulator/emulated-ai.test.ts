import { describe, expect, it } from "vitest";
import { createEmulatedAi } from "../../../src/dev/emulator/emulated-ai";

const MODEL = "@cf/zai-org/glm-4.7-flash";
const ai = createEmulatedAi();

interface NativeOutput {
  response: string;
  tool_calls?: { name: string; arguments: Record<string, unknown> }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

async function run(inputs: Record<string, unknown>, model = MODEL): Promise<NativeOutput> {
  return (await ai.run(model, inputs)) as NativeOutput;
}

const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Weather for a place",
    parameters: {
      type: "object",
      properties: {
        location: {
          type: "object",
          properties: { city: { type: "string" }, country: { type: "string" } },
          required: ["city"],
        },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        days: { type: "integer", minimum: 1 },
      },
      required: ["location", "unit"],
    },
  },
};

describe("createEmulatedAi (non-streaming)", () => {
  it("echoes the last user message, labelled, with word-count usage", async () => {
    const out = await run({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "first question" },
        { role: "assistant", content: "first answer" },
        {
          role: "user",
          content: [
            { type: "text", text: "hello there" },
            { type: "image_url", image_url: { url: "x" } },
          ],
        },
      ],
    });
    expect(out).toEqual({
      response: "[offline emulator] You said: hello there",
      usage: { prompt_tokens: 8, completion_tokens: 6, total_tokens: 14 },
    });
  });

  it("accepts a prompt instead of messages", async () => {
    expect((await run({ prompt: "ping" })).response).toBe("[offline emulator] You said: ping");
  });

  it("cuts the reply to max_tokens words, the label included", async () => {
    const out = await run({ messages: [{ role: "user", content: "one two three four" }], max_tokens: 4 });
    expect(out.response).toBe("[offline emulator] You said:");
    expect(out.usage).toEqual({ prompt_tokens: 4, completion_tokens: 4, total_tokens: 8 });
  });

  it("calls a tool the user names, with arguments satisfying its required properties", async () => {
    const out = await run({
      messages: [{ role: "user", content: 'Use get_weather for "Paris" please' }],
      tools: [{ type: "function", function: { name: "unused_tool", parameters: {} } }, weatherTool],
    });
    expect(out.response).toBe("");
    expect(out.tool_calls).toEqual([{ name: "get_weather", arguments: { location: { city: "Paris" }, unit: "celsius" } }]);
    // `{"location":{"city":"Paris"},"unit":"celsius"}` has no whitespace: one word.
    expect(out.usage).toEqual({ prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 });
  });

  it("accepts legacy flat tools", async () => {
    const out = await run({
      messages: [{ role: "user", content: "call lookup now" }],
      tools: [{ name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } }],
    });
    expect(out.tool_calls).toEqual([{ name: "lookup", arguments: { q: "example" } }]);
  });

  it("answers a tool result with text echoing it, instead of calling the tool again", async () => {
    const out = await run({
      messages: [
        { role: "user", content: "Use get_weather" },
        {
          role: "assistant",
          content: "",
          tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "c1", content: '{"temp":21}' },
      ],
      tools: [weatherTool],
    });
    expect(out.tool_calls).toBeUndefined();
    expect(out.response).toBe('[offline emulator] The tool returned: {"temp":21}');
  });

  it("answers JSON mode with a parseable JSON string", async () => {
    const messages = [{ role: "user", content: "give me json" }];
    const obj = await run({ messages, response_format: { type: "json_object" } });
    expect(JSON.parse(obj.response)).toEqual({ emulator: true, echo: "give me json" });

    const schema = {
      type: "object",
      properties: { name: { type: "string" }, age: { type: "integer", minimum: 18 }, tags: { type: "array" } },
      required: ["name", "age"],
    };
    const withSchema = await run({ messages, response_format: { type: "json_schema", json_schema: schema } });
    expect(JSON.parse(withSchema.response)).toEqual({ name: "example", age: 18 });

    // What the adapter sends for json_object: a free-form object schema, answered like json_object.
    const freeForm = await run({ messages, response_format: { type: "json_schema", json_schema: { type: "object" } } });
    expect(JSON.parse(freeForm.response)).toEqual({ emulator: true, echo: "give me json" });
  });

  it("rejects unknown models with a 5007 error", async () => {
    await expect(run({ prompt: "hi" }, "gpt-4o")).rejects.toThrow("5007: No such model gpt-4o or task");
    await expect(run({ prompt: "hi" }, "@hf/some/model")).resolves.toBeDefined();
  });

  it("rejects input with neither messages nor prompt", async () => {
    await expect(run({})).rejects.toThrow(/^5006: /);
  });

  it("rejects with the code of an [emulate-error:NNNN] marker, streaming or not", async () => {
    const messages = [{ role: "user", content: "please fail [emulate-error:3040]" }];
    await expect(run({ messages })).rejects.toThrow(new Error("3040: emulated error"));
    await expect(run({ messages, stream: true })).rejects.toThrow("3040: emulated error");
  });
});
