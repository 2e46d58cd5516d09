/**
 * Contract tests: the official `openai` SDK, unchanged, against the Worker running on the
 * offline emulator (the same binding contract as Workers AI, so the real adapter runs).
 */
import { describe, expect, it } from "vitest";
import OpenAI from "openai";
import { expectSchema } from "../../helpers/openapi";
import { testWorker } from "../../helpers/worker";

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
      required: ["city", "unit"],
    },
  },
};

describe("chat.completions with the official SDK", () => {
  it("completes a chat, reporting the requested model and real usage", async () => {
    const { client } = testWorker();
    const completion = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "developer", content: "Be brief." },
        { role: "user", content: "Hello there, ünïcödé 😀" },
      ],
    });
    expectSchema("CreateChatCompletionResponse", completion);
    expect(completion.model).toBe("gpt-4o-mini");
    expect(completion.object).toBe("chat.completion");
    const choice = completion.choices[0];
    expect(choice?.message.content).toContain("[offline emulator]");
    expect(choice?.message.content).toContain("Hello there, ünïcödé 😀");
    expect(choice?.finish_reason).toBe("stop");
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    expect(completion.usage?.total_tokens).toBe((completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
  });

  it("streams with the async iterator: one id, role first, deltas, finish, usage, then done", async () => {
    const { client } = testWorker();
    const stream = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "stream me some words with é and 😀 please" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks) expectSchema("CreateChatCompletionStreamResponse", chunk);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toContain("stream me some words with é and 😀 please");
    const contentChunks = chunks.filter((c) => c.choices[0]?.delta.content);
    expect(contentChunks.length).toBeGreaterThan(2);
    const finish = chunks.filter((c) => c.choices[0]?.finish_reason);
    expect(finish.map((c) => c.choices[0]?.finish_reason)).toEqual(["stop"]);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("supports the chat.completions.stream() helper and its finalChatCompletion()", async () => {
    const { client } = testWorker();
    const deltas: string[] = [];
    const runner = client.chat.completions
      .stream({ model: "gpt-4.1", messages: [{ role: "user", content: "helper test" }] })
      .on("content", (delta) => deltas.push(delta));
    const final = await runner.finalChatCompletion();
    expect(deltas.join("")).toBe(final.choices[0]?.message.content);
    expect(final.choices[0]?.message.content).toContain("helper test");
  });

  it("performs a tool-call round trip", async () => {
    const { client } = testWorker();
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: "user", content: "Please call get_weather for Paris" }];
    const first = await client.chat.completions.create({ model: "gpt-4o", messages, tools: [weatherTool] });
    expectSchema("CreateChatCompletionResponse", first);
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    if (call?.type !== "function") throw new Error("expected a function tool call");
    expect(call.id).toMatch(/^call_/);
    expect(call.function.name).toBe("get_weather");
    const args = JSON.parse(call.function.arguments) as Record<string, unknown>;
    expect(Object.keys(args).sort()).toEqual(["city", "unit"]);
    expect(["c", "f"]).toContain(args.unit);

    messages.push(choice!.message, { role: "tool", tool_call_id: call.id, content: '{"temp": 21, "sky": "clear"}' });
    const second = await client.chat.completions.create({ model: "gpt-4o", messages, tools: [weatherTool] });
    expectSchema("CreateChatCompletionResponse", second);
    expect(second.choices[0]?.finish_reason).toBe("stop");
    expect(second.choices[0]?.message.content).toContain('{"temp": 21, "sky": "clear"}');
  });

  it("streams a tool call as indexed tool_calls deltas", async () => {
    const { client } = testWorker();
    const stream = client.chat.completions.stream({
      model: "gpt-4o",
      messages: [{ role: "user", content: "use get_weather" }],
      tools: [weatherTool],
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" && call.function.name).toBe("get_weather");
  });

  it("enforces stop sequences, also when streaming", async () => {
    const { client } = testWorker();
    const plain = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "alpha beta STOPHERE gamma delta" }],
      stop: ["STOPHERE"],
    });
    expect(plain.choices[0]?.message.content).toContain("alpha beta ");
    expect(plain.choices[0]?.message.content).not.toContain("STOPHERE");
    expect(plain.choices[0]?.message.content).not.toContain("gamma");
    expect(plain.choices[0]?.finish_reason).toBe("stop");

    const stream = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "alpha beta STOPHERE gamma delta" }],
      stop: "STOPHERE",
      stream: true,
    });
    let text = "";
    const reasons: (string | null | undefined)[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.choices[0]?.finish_reason) reasons.push(chunk.choices[0].finish_reason);
    }
    expect(text).toBe(plain.choices[0]?.message.content);
    expect(reasons).toEqual(["stop"]);
  });

  it("reports finish_reason length when max_tokens cuts the reply", async () => {
    const { client } = testWorker();
    const completion = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "one two three four five six seven eight nine ten" }],
      max_completion_tokens: 4,
    });
    expect(completion.choices[0]?.finish_reason).toBe("length");
    expect(completion.usage?.completion_tokens).toBe(4);
  });

  it("answers JSON mode with parseable JSON, also streamed", async () => {
    const { client } = testWorker();
    const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] };
    const completion = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "json please" }],
      response_format: { type: "json_schema", json_schema: { name: "reply", schema } },
    });
    const parsed = JSON.parse(completion.choices[0]?.message.content ?? "") as Record<string, unknown>;
    expect(typeof parsed.answer).toBe("string");

    const stream = client.chat.completions.stream({
      model: "gpt-4o",
      messages: [{ role: "user", content: "json please" }],
      response_format: { type: "json_object" },
    });
    const final = await stream.finalChatCompletion();
    expect(() => JSON.parse(final.choices[0]?.message.content ?? "")).not.toThrow();
  });

  it("raises the SDK's error classes with OpenAI's envelope", async () => {
    const { client } = testWorker();
    const bad = client.chat.completions.create({ model: "gpt-4o", messages: [], temperature: 0 });
    await expect(bad).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(bad).rejects.toMatchObject({ status: 400, param: "messages", type: "invalid_request_error" });

    const unknown = client.chat.completions.create({ model: "no-such-model", messages: [{ role: "user", content: "hi" }] });
    await expect(unknown).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(unknown).rejects.toMatchObject({ code: "model_not_found" });
  });

  it("ends a stream that fails mid-way with an error the SDK raises", async () => {
    const { client } = testWorker();
    const stream = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "this will fail [emulate-stream-error] after a while, with more words" }],
      stream: true,
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? "");
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(seen.join("")).toContain("[offline emulator]");
  });
});
