/**
 * The README's quick start, for real: `npm start` serves the API offline, and the official
 * `openai` SDK, unchanged, completes a chat, streams one, and does a tool-call round trip
 * against it over HTTP on loopback; its Responses WebSocket client chains two turns.
 */
import OpenAI from "openai";
import { ResponsesWS } from "openai/resources/responses/ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startNpmStart } from "./npm-start";

let server: RunningServer | undefined;
let client: OpenAI;

beforeAll(async () => {
  server = await startNpmStart();
  client = new OpenAI({ baseURL: server.baseURL, apiKey: "any-key-works-offline", maxRetries: 0 });
}, 90_000);

afterAll(() => server?.stop());

describe("npm start (offline mode) with the official openai SDK", () => {
  it("completes a chat", async () => {
    const completion = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hello over HTTP" }],
    });
    expect(completion.choices[0]?.message.content).toContain("[offline emulator]");
    expect(completion.choices[0]?.message.content).toContain("Hello over HTTP");
    expect(completion.model).toBe("gpt-4o-mini");
  });

  it("streams a chat", async () => {
    const stream = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "stream über HTTP 😀" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let chunks = 0;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(text).toContain("stream über HTTP 😀");
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it("performs a tool-call round trip", async () => {
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
      {
        type: "function",
        function: {
          name: "lookup_order",
          parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
        },
      },
    ];
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: "user", content: "Use lookup_order for order 42" }];
    const first = await client.chat.completions.create({ model: "gpt-4o", messages, tools });
    const call = first.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== "function") throw new Error(`expected a tool call, got ${JSON.stringify(first)}`);
    expect(call.function.name).toBe("lookup_order");
    expect(JSON.parse(call.function.arguments)).toHaveProperty("order_id");
    messages.push(first.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: "shipped on Monday" });
    const second = await client.chat.completions.create({ model: "gpt-4o", messages, tools });
    expect(second.choices[0]?.message.content).toContain("shipped on Monday");
  });
});

describe("npm start (offline mode): the README's Assistants walk-through over plain HTTP", () => {
  it("creates an assistant and a thread, adds a message, streams a run, lists the messages", async () => {
    const base = client.baseURL;
    const headers = { "content-type": "application/json", "openai-beta": "assistants=v2" };
    const post = async (path: string, body: unknown) => fetch(`${base}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
    const assistant = (await (
      await post("/assistants", { model: "gpt-4o-mini", instructions: "You are a helpful assistant." })
    ).json()) as { id: string };
    const thread = (await (await post("/threads", {})).json()) as { id: string };
    expect((await post(`/threads/${thread.id}/messages`, { role: "user", content: "What is Workers AI?" })).status).toBe(200);
    const run = await post(`/threads/${thread.id}/runs`, { assistant_id: assistant.id, stream: true });
    const events = await run.text();
    expect(events.startsWith("event: thread.run.created\n")).toBe(true);
    expect(events).toContain("event: thread.message.delta\n");
    expect(events.endsWith("event: done\ndata: [DONE]\n\n")).toBe(true);
    const list = (await (await fetch(`${base}/threads/${thread.id}/messages?order=asc`, { headers })).json()) as {
      data: { role: string; content: { text: { value: string } }[] }[];
    };
    expect(list.data.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(list.data[1]?.content[0]?.text.value).toContain("What is Workers AI?");
  });
});

describe("npm start (offline mode): Responses WebSocket mode with the official SDK", () => {
  it("chains two store: false turns on one connection", async () => {
    const ws = new ResponsesWS(client);
    const completed: OpenAI.Responses.Response[] = [];
    let deltas = 0;
    const done = new Promise<void>((resolve, reject) => {
      ws.on("response.output_text.delta", () => deltas++);
      ws.on("response.completed", ({ response }) => {
        completed.push(response);
        if (completed.length === 2) return resolve();
        ws.send({ type: "response.create", model: "gpt-4o-mini", store: false, previous_response_id: response.id, input: "and again" });
      });
      ws.on("error", reject);
    });
    ws.send({ type: "response.create", model: "gpt-4o-mini", store: false, input: "Hello over a WebSocket" });
    await done;
    ws.close();
    expect(deltas).toBeGreaterThan(2);
    // Events carry the raw Response (no SDK-computed `output_text`).
    const text = (r: OpenAI.Responses.Response) =>
      r.output.flatMap((o) => (o.type === "message" ? o.content.map((c) => (c.type === "output_text" ? c.text : "")) : [])).join("");
    expect(completed.map(text)).toEqual(["[offline emulator] You said: Hello over a WebSocket", "[offline emulator] You said: and again"]);
    expect(completed[1]?.previous_response_id).toBe(completed[0]?.id);
  });
});
