/**
 * Drives the Worker inside workerd the way a client would: real local KV and Durable Objects
 * from the vitest pool (both counted), an AI binding of the test's choosing (a fake with recorded outputs, the
 * offline emulator by default, or none), and the official `openai` SDK whose `fetch` is the
 * Worker's. The production handler never falls back to the emulator; this helper binds it.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import OpenAI from "openai";
import type { Bindings } from "../../src/api/context";
import type { AiRunner } from "../../src/ai/types";
import { createEmulatedAi } from "../../src/dev/emulator/emulated-ai";
import { handleRequest } from "../../src/router";
import type { ThreadCoordinator } from "../../src/coordination/thread-coordinator";
import { type CountingDo, countingDo } from "./counting-do";
import { type CountingKv, countingKv } from "./counting-kv";

export const BASE_URL = "https://ai-forwarder.test/v1";

export interface TestWorker {
  /** A fetch whose requests go straight into the Worker. */
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** The official SDK pointed at the Worker. */
  client: OpenAI;
  env: Bindings;
  /** Waits for every `ctx.waitUntil` task started so far. */
  settle(): Promise<void>;
  /** Operation counts on the CACHE namespace (every test worker counts). */
  kv: CountingKv;
  /** Requests to the threads' coordinators (the THREADS Durable Objects). */
  threads: CountingDo<ThreadCoordinator>;
}

export interface TestWorkerOptions {
  /** The AI binding; omit to run on the offline emulator, `null` for no binding at all. */
  ai?: AiRunner | null;
  /** Extra or overriding vars/secrets. */
  vars?: Partial<Bindings>;
  apiKey?: string;
}

export function testWorker(options: TestWorkerOptions = {}): TestWorker {
  const bindings = { ...(env as unknown as Bindings), ...options.vars } as Bindings;
  const kv = countingKv(bindings.CACHE);
  bindings.CACHE = kv.kv;
  const threads = countingDo(bindings.THREADS);
  bindings.THREADS = threads.namespace;
  // Fakes implement only `run`, the one member of `Ai` the Worker calls (see AiRunner).
  if (options.ai === null) delete bindings.AI;
  else bindings.AI = (options.ai ?? createEmulatedAi()) as unknown as Ai;
  const pending: ExecutionContext[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const exec = createExecutionContext();
    pending.push(exec);
    return handleRequest(request, bindings, exec);
  };
  const client = new OpenAI({ baseURL: BASE_URL, apiKey: options.apiKey ?? "sk-test", fetch, maxRetries: 0 });
  return {
    fetch,
    client,
    env: bindings,
    kv,
    threads,
    async settle() {
      while (pending.length > 0) await waitOnExecutionContext(pending.shift() as ExecutionContext);
    },
  };
}

/** POSTs JSON to a path under /v1 and returns the raw Response. */
export function postJson(worker: TestWorker, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return worker.fetch(`${BASE_URL}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-test", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
