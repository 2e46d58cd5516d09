/**
 * What reaches `env.AI.run`: model resolution (aliases, retired ids), parameter mapping,
 * tool choice and JSON mode — asserted on the inputs a fake binding records.
 */
import { describe, expect, it } from "vitest";
import { RETIRED_MODELS } from "../../../src/ai/registry/model-catalog";
import { fakeAi } from "../../helpers/fake-ai";
import { expectSchema } from "../../helpers/openapi";
import { postJson, testWorker } from "../../helpers/worker";

const native = { response: "Hi!", usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } };

describe("request mapping to Workers AI", () => {
  it("maps OpenAI names to DEFAULT_AI_MODEL and reports the requested name", async () => {
    const ai = fakeAi(native);
    const w = testWorker({ ai, vars: { DEFAULT_AI_MODEL: "@cf/meta/llama-3.3-70b-instruct-fp8-fast" } });
    const res = await postJson(w, "/chat/completions", { model: "gpt-3.5-turbo", messages: [{ role: "user", content: "hi" }] });
    expect(res.status).toBe(200);
    expect(ai.calls[0]?.model).toBe("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    const body = (await res.json()) as { model: string };
    expectSchema("CreateChatCompletionResponse", body);
    expect(body.model).toBe("gpt-3.5-turbo");
  });

  it("maps per-alias models from MODEL_ALIASES", async () => {
    const ai = fakeAi(native);
    const w = testWorker({ ai, vars: { MODEL_ALIASES: '{"gpt-4o":"@cf/openai/gpt-oss-120b"}' } });
    await postJson(w, "/chat/completions", { model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });
    expect(ai.calls[0]?.model).toBe("@cf/openai/gpt-oss-120b");
  });

  it("maps every retired model id to its documented replacement", async () => {
    const retired = Object.keys(RETIRED_MODELS);
    expect(retired).toContain("@hf/meta-llama/meta-llama-3-8b-instruct");
    const ai = fakeAi(...retired.map(() => native));
    const w = testWorker({ ai });
    for (const id of retired) {
      const res = await postJson(w, "/chat/completions", { model: id, messages: [{ role: "user", content: "hi" }] });
      expect(res.status).toBe(200);
    }
    expect(ai.calls.map((c) => c.model)).toEqual(retired.map((id) => RETIRED_MODELS[id]));
  });

  it("passes generation parameters through, keeping temperature 0", async () => {
    const ai = fakeAi(native);
    const w = testWorker({ ai });
    await postJson(w, "/chat/completions", {
      model: "gpt-4o",
      messages: [
        { role: "system", content: "sys" },
        { role: "developer", content: "dev" },
        {
          role: "user",
          content: [
            { type: "text", text: "a" },
            { type: "text", text: "b" },
          ],
        },
      ],
      temperature: 0,
      top_p: 0.5,
      max_tokens: 77,
      seed: 42,
      frequency_penalty: 0.5,
      presence_penalty: -0.5,
    });
    const inputs = ai.calls[0]?.inputs ?? {};
    expect(inputs).toMatchObject({ temperature: 0, top_p: 0.5, max_tokens: 77, seed: 42, frequency_penalty: 0.5, presence_penalty: -0.5 });
    expect(inputs.stream).toBeUndefined();
    expect(inputs.messages).toEqual([
      { role: "system", content: "sys" },
      { role: "system", content: "dev" },
      {
        role: "user",
        content: [
          { type: "text", text: "a" },
          { type: "text", text: "b" },
        ],
      },
    ]);
  });

  it("sends a default max_tokens larger than Workers AI's 256", async () => {
    const ai = fakeAi(native);
    await postJson(testWorker({ ai }), "/chat/completions", { model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });
    expect(ai.calls[0]?.inputs.max_tokens).toBe(2048);
  });

  it("applies tool_choice: none drops tools, a named choice keeps only that tool", async () => {
    const tools = ["a", "b"].map((name) => ({ type: "function", function: { name, parameters: { type: "object", properties: {} } } }));
    const ai = fakeAi(native, { response: "", tool_calls: [{ name: "b", arguments: {} }] });
    const w = testWorker({ ai });
    await postJson(w, "/chat/completions", { model: "gpt-4o", messages: [{ role: "user", content: "hi" }], tools, tool_choice: "none" });
    expect(ai.calls[0]?.inputs.tools).toBeUndefined();
    const res = await postJson(w, "/chat/completions", {
      model: "gpt-4o",
      messages: [{ role: "user", content: "hi" }],
      tools,
      tool_choice: { type: "function", function: { name: "b" } },
    });
    expect(((ai.calls[1]?.inputs.tools ?? []) as { function: { name: string } }[]).map((t) => t.function.name)).toEqual(["b"]);
    expect(res.status).toBe(200);
  });

  it("sends JSON schema mode with the bare schema", async () => {
    const ai = fakeAi({ response: { answer: "yes" }, usage: native.usage });
    const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] };
    const res = await postJson(testWorker({ ai }), "/chat/completions", {
      model: "gpt-4o",
      messages: [{ role: "user", content: "hi" }],
      response_format: { type: "json_schema", json_schema: { name: "x", schema } },
    });
    expect(ai.calls[0]?.inputs.response_format).toEqual({ type: "json_schema", json_schema: schema });
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    expectSchema("CreateChatCompletionResponse", body);
    // Workers AI may return the JSON already parsed; the client still gets a string.
    expect(JSON.parse(body.choices[0]?.message.content ?? "")).toEqual({ answer: "yes" });
  });

  it("keeps only the first tool call when parallel_tool_calls is false", async () => {
    const ai = fakeAi({
      response: "",
      tool_calls: [
        { name: "a", arguments: { x: 1 } },
        { name: "b", arguments: {} },
      ],
    });
    const tools = ["a", "b"].map((name) => ({ type: "function", function: { name } }));
    const res = await postJson(testWorker({ ai }), "/chat/completions", {
      model: "gpt-4o",
      messages: [{ role: "user", content: "hi" }],
      tools,
      parallel_tool_calls: false,
    });
    const body = (await res.json()) as { choices: { message: { tool_calls: { function: { name: string; arguments: string } }[] } }[] };
    expectSchema("CreateChatCompletionResponse", body);
    expect(body.choices[0]?.message.tool_calls.map((c) => c.function)).toEqual([{ name: "a", arguments: '{"x":1}' }]);
  });
});
