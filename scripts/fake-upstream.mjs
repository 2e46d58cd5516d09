#!/usr/bin/env node
/**
 * fake-upstream: a small OpenAI-compatible server on 127.0.0.1, to try (and test) ai-forwarder's
 * upstream routing offline. It speaks enough of OpenAI's API to be told apart from Workers AI:
 *
 *   POST /v1/chat/completions   "upstream(<model>) heard: <last user text>", plain or SSE
 *                               (with usage when stream_options.include_usage), a tool call
 *                               when tools are offered and the last message is the user's,
 *                               `reasoning_content` for models whose name contains "reason",
 *                               and for models containing "leaky" a 400 that echoes the key it
 *                               was sent (a hostile upstream, to prove the key is scrubbed)
 *   POST /v1/responses          a minimal Responses object echoing the input
 *   POST /v1/embeddings         3-dimensional vectors
 *   POST /v1/images/generations a 1×1 PNG as b64_json
 *   POST /v1/moderations        nothing flagged
 *   POST /v1/audio/speech       a few bytes of "mp3"
 *   GET  /v1/models             one model, `fake-gpt-1` (what the admin console's "test connection" lists)
 *   GET  /v1/fine_tuning/jobs   an empty list page (an endpoint ai-forwarder does not serve)
 *
 * Every request must carry `Authorization: Bearer <key>` (else OpenAI's 401); with
 * `--rate-limited` every request is answered 429. Answers are deterministic, so tests can
 * compare bytes. Each request (method, path, headers, body) and the exact bytes answered are
 * kept in `requests` for tests.
 *
 *   node scripts/fake-upstream.mjs [--port 8788] [--key sk-fake-upstream] [--rate-limited]
 */

import { createServer } from "node:http";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A 1×1 transparent PNG. */
export const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const CREATED = 1_750_000_000;

/**
 * Starts the fake. Resolves to `{ url, port, requests, close }`; `url` is the API root
 * (`http://127.0.0.1:<port>/v1`), what UPSTREAMS' base_url takes.
 */
export async function startFakeUpstream({ port = 0, key = "sk-fake-upstream", rateLimited = false } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString("utf8");
    const record = { method: req.method, path: req.url, headers: req.headers, body, response: "" };
    requests.push(record);
    const send = (status, headers, text) => {
      record.response += text;
      res.writeHead(status, headers);
      res.end(text);
    };
    const json = (status, value) => send(status, { "content-type": "application/json", "x-request-id": "req_fake" }, JSON.stringify(value));
    const error = (status, message, type, code) => json(status, { error: { message, type, param: null, code } });

    if (req.headers.authorization !== `Bearer ${key}`) {
      const given = (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
      return error(401, `Incorrect API key provided: ${given.slice(0, 3)}****${given.slice(-2)}.`, "invalid_request_error", "invalid_api_key");
    }
    if (rateLimited) return error(429, "Rate limit reached for requests (fake upstream).", "requests", "rate_limit_exceeded");

    const path = (req.url ?? "").split("?")[0];
    let input = {};
    if (body && (req.headers["content-type"] ?? "").includes("application/json")) {
      try {
        input = JSON.parse(body);
      } catch {
        return error(400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
      }
    }
    const route = `${req.method} ${path}`;
    if (route === "POST /v1/chat/completions") return chat(input, req.headers.authorization, { json, error, send, res, record });
    if (route === "POST /v1/responses") return json(200, responseObject(input));
    if (route === "POST /v1/embeddings") {
      const texts = Array.isArray(input.input) ? input.input : [input.input];
      const data = texts.map((t, index) => ({ object: "embedding", index, embedding: [String(t).length, 0.5, -0.5] }));
      return json(200, { object: "list", data, model: input.model, usage: { prompt_tokens: texts.length, total_tokens: texts.length } });
    }
    if (route === "POST /v1/images/generations") return json(200, { created: CREATED, data: [{ b64_json: PNG_BASE64, revised_prompt: input.prompt }] });
    if (route === "POST /v1/moderations") {
      return json(200, { id: "modr-fake", model: input.model, results: [{ flagged: false, categories: { hate: false }, category_scores: { hate: 0.01 } }] });
    }
    if (route === "POST /v1/audio/speech") return send(200, { "content-type": "audio/mpeg" }, "ID3fake-mp3");
    if (route === "GET /v1/models") return json(200, { object: "list", data: [{ id: "fake-gpt-1", object: "model", created: CREATED, owned_by: "fake-upstream" }] });
    if (route === "GET /v1/fine_tuning/jobs") return json(200, { object: "list", data: [], has_more: false });
    return error(404, `Invalid URL (${route})`, "invalid_request_error", null);
  });
  server.listen(port, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${bound}/v1`,
    port: bound,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function lastUserText(messages) {
  const user = [...(messages ?? [])].reverse().find((m) => m.role === "user");
  if (!user) return "";
  return typeof user.content === "string" ? user.content : user.content.map((p) => p.text ?? "").join("");
}

function chat(input, authorization, { json, error, send }) {
  const model = String(input.model ?? "");
  if (model.includes("leaky")) return error(400, `This upstream does not like the key ${authorization}.`, "invalid_request_error", "leaky");
  const messages = input.messages ?? [];
  const wantsTool = Array.isArray(input.tools) && input.tools.length > 0 && messages.at(-1)?.role === "user";
  const text = wantsTool ? "" : `upstream(${model}) heard: ${lastUserText(messages)}`;
  const reasoning = model.includes("reason") ? "Thinking it over." : undefined;
  const toolCall = wantsTool
    ? { id: "call_fake_1", type: "function", function: { name: input.tools[0].function.name, arguments: JSON.stringify({ query: lastUserText(messages) }) } }
    : undefined;
  const finish = wantsTool ? "tool_calls" : "stop";
  const usage = { prompt_tokens: 11, completion_tokens: text.split(" ").length, total_tokens: 11 + text.split(" ").length };
  const base = { id: "chatcmpl-fake", created: CREATED, model, system_fingerprint: "fp_fake" };

  if (!input.stream) {
    const message = { role: "assistant", content: wantsTool ? null : text, refusal: null };
    if (reasoning) message.reasoning_content = reasoning;
    if (toolCall) message.tool_calls = [toolCall];
    return json(200, { ...base, object: "chat.completion", choices: [{ index: 0, message, logprobs: null, finish_reason: finish }], usage });
  }
  const chunk = (delta, finishReason = null) => ({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  const events = [chunk({ role: "assistant", content: "" })];
  if (reasoning) events.push(chunk({ reasoning_content: reasoning }));
  if (toolCall) {
    events.push(chunk({ tool_calls: [{ index: 0, id: toolCall.id, type: "function", function: { name: toolCall.function.name, arguments: "" } }] }));
    events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: toolCall.function.arguments } }] }));
  }
  for (const [i, word] of text.split(" ").entries()) if (word) events.push(chunk({ content: i === 0 ? word : ` ${word}` }));
  events.push(chunk({}, finish));
  if (input.stream_options?.include_usage) events.push({ ...base, object: "chat.completion.chunk", choices: [], usage });
  const bytes = `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("")}data: [DONE]\n\n`;
  return send(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" }, bytes);
}

function responseObject(input) {
  const text = `upstream(${input.model}) heard: ${typeof input.input === "string" ? input.input : JSON.stringify(input.input)}`;
  return {
    id: "resp_fake",
    object: "response",
    created_at: CREATED,
    status: "completed",
    model: input.model,
    output: [{ type: "message", id: "msg_fake", status: "completed", role: "assistant", content: [{ type: "output_text", text, annotations: [] }] }],
    usage: { input_tokens: 5, output_tokens: 4, total_tokens: 9 },
  };
}

function isMain() {
  try {
    return realpathSync(process.argv[1] ?? "") === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const fake = await startFakeUpstream({
    port: Number(option("--port") ?? 8788),
    key: option("--key") ?? "sk-fake-upstream",
    rateLimited: args.includes("--rate-limited"),
  });
  console.log(`fake upstream on ${fake.url}`);
}
