/**
 * Upstream routing for real: `npm start` (wrangler dev, offline) with UPSTREAMS and ROUTES
 * pointing at fake OpenAI-compatible servers (scripts/fake-upstream.mjs) on loopback, driven
 * by the official `openai` SDK unchanged. Covers translate (chat plain and streamed, an
 * Assistants run, a Responses call), passthrough (chat, streaming bytes identical to the
 * upstream's, images.generate, an endpoint this Worker does not serve via
 * PASSTHROUGH_UPSTREAM), fallback on 429 and on a dead upstream, and that keys stay where
 * they belong: the upstream key never in a response, the client key never upstream.
 */
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeUpstream, PNG_BASE64, startFakeUpstream } from "../../scripts/fake-upstream.mjs";
import { type RunningServer, freePort, startNpmStart } from "./npm-start";

const UPSTREAM_KEY = "sk-upstream-secret-0123456789";
const CLIENT_KEY = "sk-client-key-abcdef";

let server: RunningServer | undefined;
let main: FakeUpstream;
let limited: FakeUpstream;
let base = "";
/** Every response the tests saw: status line, headers and body text. */
const seen: string[] = [];
let client: OpenAI;

/** fetch that records what came back (bodies read from a copy, so streams still stream). */
async function recordingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  const copy = response.clone();
  const headers: string[] = [];
  response.headers.forEach((value, name) => {
    headers.push(`${name}: ${value}`);
  });
  seen.push(`${response.status} ${headers.join("\n")} ${await copy.text()}`);
  return response;
}

beforeAll(async () => {
  main = await startFakeUpstream({ key: UPSTREAM_KEY });
  limited = await startFakeUpstream({ key: UPSTREAM_KEY, rateLimited: true });
  const dead = await freePort(); // nothing listens there
  const upstreams = {
    main: { base_url: main.url, api_key_secret: "FAKE_UPSTREAM_KEY" },
    limited: { base_url: limited.url, api_key_secret: "FAKE_UPSTREAM_KEY" },
    dead: { base_url: `http://127.0.0.1:${dead}/v1`, api_key_secret: "FAKE_UPSTREAM_KEY", timeout_ms: 5000 },
  };
  const routes = [
    { model: "fake-gpt-*", upstream: "main" },
    { model: "leaky-*", upstream: "main" },
    // First match wins: the narrower relay route before the wider one.
    { model: "relay-flaky-*", upstream: "limited", mode: "passthrough", fallback: ["main"] },
    { model: "relay-*", upstream: "main", mode: "passthrough" },
    { model: "flaky-*", upstream: "limited", fallback: ["main"] },
    { model: "down-*", upstream: "dead", fallback: ["main"] },
  ];
  const vars = {
    UPSTREAMS: JSON.stringify(upstreams),
    ROUTES: JSON.stringify(routes),
    PASSTHROUGH_UPSTREAM: "main",
    FAKE_UPSTREAM_KEY: UPSTREAM_KEY,
    API_KEYS: CLIENT_KEY,
    KV_WRITE_SPACING_MS: "0",
  };
  server = await startNpmStart(vars);
  base = server.baseURL;
  client = new OpenAI({ baseURL: base, apiKey: CLIENT_KEY, maxRetries: 0, fetch: recordingFetch });
}, 90_000);

afterAll(async () => {
  server?.stop();
  await Promise.all([main?.close(), limited?.close()]);
});

function lastRequest(fake: FakeUpstream) {
  const request = fake.requests.at(-1);
  if (!request) throw new Error("the fake upstream received nothing");
  return request;
}

describe("translate mode: our pipeline over an upstream model", () => {
  it("routes a chat by glob and renders the upstream's answer as a chat.completion", async () => {
    const completion = await client.chat.completions.create({ model: "fake-gpt-4o", messages: [{ role: "user", content: "Hello upstream" }] });
    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe("fake-gpt-4o");
    expect(completion.choices[0]?.message.content).toBe("upstream(fake-gpt-4o) heard: Hello upstream");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 4, total_tokens: 15 });
    const sent = lastRequest(main);
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    expect(JSON.parse(sent.body)).toMatchObject({ model: "fake-gpt-4o", messages: [{ role: "user", content: "Hello upstream" }] });
  });

  it("streams a routed chat with the upstream's usage", async () => {
    const stream = await client.chat.completions.create({
      model: "fake-gpt-4o-mini",
      messages: [{ role: "user", content: "stream über HTTP 😀" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe("upstream(fake-gpt-4o-mini) heard: stream über HTTP 😀");
    expect(usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 6, total_tokens: 17 });
    expect(JSON.parse(lastRequest(main).body)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("passes tools through and returns the upstream's tool call", async () => {
    const completion = await client.chat.completions.create({
      model: "fake-gpt-4o",
      messages: [{ role: "user", content: "order 42" }],
      tools: [{ type: "function", function: { name: "lookup_order", parameters: { type: "object", properties: {} } } }],
      stream: true,
    });
    const calls: string[] = [];
    for await (const chunk of completion) for (const c of chunk.choices[0]?.delta.tool_calls ?? []) calls.push(c.function?.name ?? "");
    expect(calls).toContain("lookup_order");
  });

  it("runs an Assistants run over the upstream model", async () => {
    const assistant = await client.beta.assistants.create({ model: "fake-gpt-4o", instructions: "Be brief." });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "What is a forwarder?" }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 100 });
    expect(run.status).toBe("completed");
    const messages = await client.beta.threads.messages.list(thread.id, { order: "asc" });
    const reply = messages.data[1]?.content[0];
    expect(reply?.type === "text" && reply.text.value).toBe("upstream(fake-gpt-4o) heard: What is a forwarder?");
  });

  it("answers a Responses call over the upstream model", async () => {
    const response = await client.responses.create({ model: "fake-gpt-4o", input: "Respond, please" });
    expect(response.status).toBe("completed");
    expect(response.output_text).toBe("upstream(fake-gpt-4o) heard: Respond, please");
    // Translated: the upstream saw a chat completion, not a Responses call.
    expect(lastRequest(main).path).toBe("/v1/chat/completions");
  });
});

describe("passthrough mode: bytes in, bytes out", () => {
  it("forwards a chat unchanged and returns the upstream's own completion", async () => {
    const completion = await client.chat.completions.create({ model: "relay-gpt-4o", messages: [{ role: "user", content: "as is" }], n: 1 });
    expect(completion.id).toBe("chatcmpl-fake");
    expect(completion.system_fingerprint).toBe("fp_fake");
    expect(completion.choices[0]?.message.content).toBe("upstream(relay-gpt-4o) heard: as is");
    const sent = lastRequest(main);
    expect(JSON.parse(sent.body)).toEqual({ model: "relay-gpt-4o", messages: [{ role: "user", content: "as is" }], n: 1 });
  });

  it("streams the upstream's SSE bytes identically", async () => {
    const body = JSON.stringify({ model: "relay-gpt-4o", messages: [{ role: "user", content: "bytes über alles 😀" }], stream: true });
    const response = await recordingFetch(`${base}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${CLIENT_KEY}`, "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const received = await response.text();
    const sent = lastRequest(main);
    expect(sent.body).toBe(body);
    expect(received).toBe(sent.response);
    expect(received.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("forwards images.generate", async () => {
    const images = await client.images.generate({ model: "relay-image-1", prompt: "a lighthouse", response_format: "b64_json", style: "vivid" });
    expect(images.data?.[0]?.b64_json).toBe(PNG_BASE64);
    expect(JSON.parse(lastRequest(main).body)).toMatchObject({ style: "vivid" });
  });

  it("forwards an endpoint this Worker does not serve to PASSTHROUGH_UPSTREAM", async () => {
    const page = await client.fineTuning.jobs.list({ limit: 2 });
    expect(page.data).toEqual([]);
    expect(lastRequest(main).path).toBe("/v1/fine_tuning/jobs?limit=2");
  });
});

describe("fallback before the first byte", () => {
  it("falls back to the next upstream on a 429 (translate)", async () => {
    const before = limited.requests.length;
    const completion = await client.chat.completions.create({ model: "flaky-gpt", messages: [{ role: "user", content: "try again" }] });
    expect(completion.choices[0]?.message.content).toBe("upstream(flaky-gpt) heard: try again");
    expect(limited.requests.length).toBe(before + 1);
  });

  it("falls back to the next upstream on a 429 (passthrough)", async () => {
    const before = limited.requests.length;
    const completion = await client.chat.completions.create({ model: "relay-flaky-gpt", messages: [{ role: "user", content: "again" }] });
    expect(completion.id).toBe("chatcmpl-fake");
    expect(limited.requests.length).toBe(before + 1);
    expect(lastRequest(limited).body).toBe(lastRequest(main).body);
  });

  it("falls back to the next upstream when the first is down", async () => {
    const stream = await client.chat.completions.create({ model: "down-gpt", messages: [{ role: "user", content: "anyone?" }], stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("upstream(down-gpt) heard: anyone?");
  });
});

describe("keys stay where they belong", () => {
  it("scrubs the upstream key from an upstream error that echoes it", async () => {
    const failure = await client.chat.completions.create({ model: "leaky-gpt", messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect((failure as InstanceType<typeof OpenAI.BadRequestError>).message).toContain("[redacted]");
  });

  it("never shows the upstream key in any response, and never sends the client key upstream", () => {
    expect(seen.length).toBeGreaterThan(10);
    for (const response of seen) expect(response).not.toContain(UPSTREAM_KEY);
    for (const fake of [main, limited]) {
      expect(fake.requests.length).toBeGreaterThan(0);
      for (const request of fake.requests) {
        expect(JSON.stringify(request.headers)).not.toContain(CLIENT_KEY);
        expect(request.body).not.toContain(CLIENT_KEY);
        expect(request.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
      }
    }
  });
});
