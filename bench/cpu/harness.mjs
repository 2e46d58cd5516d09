/**
 * The production Worker and its floors in one Node process, for the in-process CPU bench.
 * `call` runs one request the way workerd would: a Request, the entry's `fetch` with the env
 * (in-memory KV, fake AI, in-memory Durable Objects) and an ExecutionContext, the whole body
 * read, then every `waitUntil` promise awaited (their CPU counts: the Workers limit covers
 * work after the response too). The floors run in the same process on the same Requests:
 * `jsonFloor` parses the body and returns a fixed body; `streamFloor` parses the body, calls the
 * same fake AI and re-frames its SSE events one by one, as the least a streaming proxy does.
 */
import { createFakeAi } from "./fake-ai.mjs";
import { memoryNamespace } from "./durable-objects.mjs";
import { MemoryKv } from "./memory-kv.mjs";

export const API_KEY = "sk-bench-0123456789abcdef";
const BASE = "https://ai-forwarder.example.workers.dev";
const encoder = new TextEncoder();

/** The vars of a deployment with keys, as the wrangler-dev bench sets them (KV write spacing off: it is a wait, not CPU). */
const VARS = {
  DEFAULT_AI_MODEL: "@cf/zai-org/glm-4.7-flash",
  ALLOW_ANONYMOUS: "false",
  API_KEYS: API_KEY,
  CACHE_MODE: "deterministic",
  KV_WRITE_SPACING_MS: "0",
};

export function createHarness(worker) {
  const ai = createFakeAi();
  const kv = new MemoryKv();
  const env = { ...VARS, AI: ai, CACHE: kv };
  env.THREADS = memoryNamespace(worker.ThreadCoordinator, env);
  const headers = { "content-type": "application/json", authorization: `Bearer ${API_KEY}`, "openai-beta": "assistants=v2" };

  const request = (method, path, body, extraHeaders) => {
    const isForm = body instanceof FormData;
    const h = { ...headers, ...extraHeaders };
    if (isForm) delete h["content-type"];
    return new Request(BASE + path, {
      method,
      headers: h,
      body: body === undefined ? undefined : isForm || typeof body === "string" ? body : JSON.stringify(body),
    });
  };

  /** Runs `handler` on one request to completion: body read, waitUntil settled. */
  const drive = async (handler, req) => {
    const pending = [];
    const exec = { waitUntil: (p) => pending.push(p), passThroughOnException() {}, props: {} };
    const res = await handler(req, env, exec);
    const bytes = new Uint8Array(await res.arrayBuffer());
    while (pending.length > 0) await Promise.all(pending.splice(0));
    return { res, bytes };
  };

  return {
    ai,
    kv,
    env,
    /** One request through the production Worker; throws unless 2xx. */
    async call(method, path, body, extraHeaders) {
      const { res, bytes } = await drive(worker.default.fetch, request(method, path, body, extraHeaders));
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${new TextDecoder().decode(bytes).slice(0, 400)}`);
      // Decoded only when a scenario reads it: the floor does not decode its body either.
      let text;
      return {
        res,
        get text() {
          text ??= new TextDecoder().decode(bytes);
          return text;
        },
        json: () => JSON.parse(new TextDecoder().decode(bytes)),
      };
    },
    /** The same request answered by a floor that parses the JSON body and returns `fixed`. */
    async jsonFloor(method, path, body, fixed) {
      const bytes = encoder.encode(fixed);
      await drive(
        async (req) => {
          if (req.method !== "GET") await req.json();
          return new Response(bytes, { headers: { "content-type": "application/json" } });
        },
        request(method, path, body),
      );
    },
    /** The same request answered by streaming the fake AI's reply, re-framed event by event. */
    async streamFloor(path, body, model) {
      await drive(
        async (req) => {
          const parsed = await req.json();
          const source = await ai.run(model, { messages: parsed.messages, stream: true });
          return new Response(source.pipeThrough(reframe()), { headers: { "content-type": "text/event-stream" } });
        },
        request("POST", path, body),
      );
    },
  };
}

/** Bytes of SSE in, the same events out, each written in one piece. */
function reframe() {
  const decoder = new TextDecoder();
  let buffer = "";
  return new TransformStream({
    transform(chunk, controller) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        controller.enqueue(encoder.encode(`${buffer.slice(0, end)}\n\n`));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
      }
    },
  });
}
